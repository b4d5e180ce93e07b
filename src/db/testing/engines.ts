// Which engines the integration suites run on: TEST_DB=pglite (default), postgres, or pglite,postgres.
// PostgreSQL needs TEST_DATABASE_URL (or DATABASE_URL) pointing at a database we may create databases from.
import type { Engine } from '../connect.js';

export function testEngines(): Engine[] {
  const raw = process.env['TEST_DB'] ?? 'pglite';
  const engines = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const e of engines) {
    if (e !== 'pglite' && e !== 'postgres') {
      throw new Error(`TEST_DB: unknown engine "${e}" (use pglite, postgres)`);
    }
  }
  return engines as Engine[];
}

export function adminUrl(): string {
  const url = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  if (!url) {
    throw new Error('TEST_DB includes postgres: set TEST_DATABASE_URL=postgres://user@host:port/postgres');
  }
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export const POSTGRES_TEMPLATE = 'linkwork_test_template';
