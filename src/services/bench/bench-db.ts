// Fresh, migrated databases for benchmarks: a PGlite data directory under the work folder, or a
// new database on a PostgreSQL server (created from the admin URL and dropped afterwards).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDb, type DbHandle, type Engine } from '../../db/connect.js';
import { migrateToLatestOrThrow } from '../../db/migrate.js';

export interface BenchDb {
  readonly handle: DbHandle;
  dispose(): Promise<void>;
}

export interface BenchTarget {
  readonly engine: Engine;
  /** Opens a fresh, migrated database named `name`. */
  fresh(name: string): Promise<BenchDb>;
}

export function pgliteTarget(workDir: string): BenchTarget {
  return {
    engine: 'pglite',
    fresh: async (name) => {
      const dir = join(workDir, `pglite-${name}`);
      await rm(dir, { recursive: true, force: true });
      const handle = await openDb({ dataDir: dir });
      await migrateToLatestOrThrow(handle.db);
      return {
        handle,
        dispose: async () => {
          await handle.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** Creates an empty database for a benchmark on a PostgreSQL server; returns its URL. */
export async function createBenchDatabase(adminUrl: string, name: string): Promise<string> {
  const h = await openDb({ databaseUrl: adminUrl, poolSize: 1 });
  try {
    await sql.raw(`DROP DATABASE IF EXISTS linkwork_bench_${name} WITH (FORCE)`).execute(h.db);
    await sql.raw(`CREATE DATABASE linkwork_bench_${name}`).execute(h.db);
  } finally {
    await h.close();
  }
  const u = new URL(adminUrl);
  u.pathname = `/linkwork_bench_${name}`;
  return u.toString();
}

export async function dropBenchDatabase(adminUrl: string, name: string): Promise<void> {
  const h = await openDb({ databaseUrl: adminUrl, poolSize: 1 });
  try {
    await sql.raw(`DROP DATABASE IF EXISTS linkwork_bench_${name} WITH (FORCE)`).execute(h.db);
  } finally {
    await h.close();
  }
}

export function postgresTarget(adminUrl: string): BenchTarget {
  const withDatabase = (database: string): string => {
    const u = new URL(adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const admin = async (statement: string): Promise<void> => {
    const h = await openDb({ databaseUrl: adminUrl, poolSize: 1 });
    try {
      await sql.raw(statement).execute(h.db);
    } finally {
      await h.close();
    }
  };
  return {
    engine: 'postgres',
    fresh: async (name) => {
      const database = `linkwork_bench_${name}`;
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${database}`);
      const handle = await openDb({ databaseUrl: withDatabase(database), poolSize: 10 });
      await migrateToLatestOrThrow(handle.db);
      return {
        handle,
        dispose: async () => {
          await handle.close();
          await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        },
      };
    },
  };
}
