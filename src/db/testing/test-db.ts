// Fresh databases for integration tests: `openTestDb(engine)` gives a migrated, empty database of
// its own (PGlite: loaded from the template tarball; PostgreSQL: CREATE DATABASE … TEMPLATE), and
// `openBlankTestDb(engine)` an unmigrated one for migration tests. Close them in afterAll.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type DbHandle, type Engine } from '../connect.js';
import { adminUrl, testEngines, withDatabase } from './engines.js';

export { testEngines };
export const TEST_ENGINES: readonly Engine[] = testEngines();

export interface TestDb extends DbHandle {
  /** Closes the handle and, on PostgreSQL, drops the database. */
  close(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function openPostgresDb(template: string | null): Promise<TestDb> {
  const name = `linkwork_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const handle = await openDb({ databaseUrl: withDatabase(adminUrl(), name), poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A migrated, empty database on `engine`, private to the caller. */
export async function openTestDb(engine: Engine): Promise<TestDb> {
  if (engine === 'postgres') return openPostgresDb(inject('postgresTemplate'));
  const path = inject('pgliteTemplatePath');
  const tarball = new Blob([await readFile(path)]);
  return openDb({ loadDataDir: tarball });
}

/** An empty, unmigrated database on `engine`. */
export async function openBlankTestDb(engine: Engine): Promise<TestDb> {
  if (engine === 'postgres') return openPostgresDb(null);
  return openDb({});
}
