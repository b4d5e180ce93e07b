// The database handle as services and the routes that call them see it. Routes import this type
// from here rather than from src/db, so the server layer never reaches the database directly.
export type { DbHandle, Engine } from '../db/connect.js';
