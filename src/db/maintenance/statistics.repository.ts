// Planner statistics. PostgreSQL's autovacuum gathers them in the background (within a minute or
// so of a bulk load); PGlite has no background workers, so tables it loads have none until someone
// runs ANALYZE, and the planner guesses (e.g. a 580-row scheme estimated at 53 rows, read whole and
// sorted instead of taking 50 rows from its index).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';

/**
 * Gathers planner statistics for every table of the database (ANALYZE samples at most 30,000 rows
 * a table, so this stays cheap however large the load). Run after a bulk load, outside its
 * transaction. PostgreSQL manual, "Populating a Database": run ANALYZE afterwards.
 */
export async function analyzeDatabase(db: Kysely<Database>): Promise<void> {
  await sql`ANALYZE`.execute(db);
}
