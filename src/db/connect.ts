// Opens the database: embedded PGlite when no DATABASE_URL is given (in memory for tests, a data
// directory for `npm start`), server PostgreSQL through `pg` otherwise. Both are wrapped in the same
// Kysely<Database>, return the same JS types, and offer the same all-or-nothing bulk COPY.
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from './database.js';

export type Engine = 'pglite' | 'postgres';

export interface DbConfig {
  /** postgres://… selects server PostgreSQL; absent selects PGlite. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory; absent or 'memory://' keeps the database in memory. */
  readonly dataDir?: string | undefined;
  /** PGlite only: start from a dumped data directory (a tarball from `dumpDataDir`). */
  readonly loadDataDir?: Blob | undefined;
  /** pg only: pool size (default 10). */
  readonly poolSize?: number | undefined;
  /**
   * PGlite only: postgresql.conf lines for this process's database, e.g. `shared_buffers = 32MB`
   * (PGlite reserves its shared buffers at start: 128MB by default).
   */
  readonly pgliteSettings?: readonly string[] | undefined;
}

/** Writes CSV text into one table's columns, inside the bulk transaction. */
export type CopyFn = (
  table: string,
  columns: readonly string[],
  csv: string | readonly string[],
) => Promise<void>;

export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** A description safe to print (no password). */
  readonly description: string;
  /**
   * Runs `work` in one transaction on a connection of its own, giving it a COPY function
   * (`COPY … FROM STDIN` on PostgreSQL, `COPY … FROM '/dev/blob'` on PGlite) and `trx`, a Kysely
   * on the same connection inside the same transaction (for queries beside the COPYs; it must not
   * begin or end transactions itself, but may use savepoints). Everything commits together or
   * nothing does. `work` must not use `db` (on PGlite that would wait forever).
   */
  bulk<T>(work: (copy: CopyFn, trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** PGlite only: the data directory as a tarball (used to make test templates). */
  dumpDataDir(): Promise<Blob>;
  close(): Promise<void>;
}

// OIDs from pg_type: int8 20, numeric 1700, date 1082.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseNumber = (value: string): number => Number(value);
const parseDate = (value: string): string => value;

/** pg's own text-format parser for a type (used for every OID we do not override). */
function defaultTextParser(oid: number): (value: string) => unknown {
  const get = pg.types.getTypeParser as (oid: number, format: 'text') => (value: string) => unknown;
  return get(oid, 'text');
}

const copySql = (table: string, columns: readonly string[], source: string): string =>
  `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM ${source} WITH (FORMAT csv)`;

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return name;
}

const chunks = (csv: string | readonly string[]): readonly string[] =>
  typeof csv === 'string' ? [csv] : csv;

/** Opens PGlite or PostgreSQL according to `config`. */
export function openDb(config: DbConfig): Promise<DbHandle> {
  return config.databaseUrl
    ? Promise.resolve(openPostgres(config.databaseUrl, config.poolSize ?? 10))
    : openPglite(config);
}

/**
 * PGlite is single-process: two processes opening one data directory would corrupt it. A lock file
 * beside the directory (holding the owner's pid) refuses a second opener while the first is alive.
 */
function lockDataDir(dataDir: string): () => void {
  const lock = `${dataDir.replace(/\/+$/, '')}.lock`;
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(owner, 0);
      alive = owner !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) {
      throw new Error(
        `The PGlite database ${dataDir} is in use by process ${owner}; stop it first (or use server PostgreSQL)`,
      );
    }
    writeFileSync(lock, String(process.pid));
  }
  return () => {
    rmSync(lock, { force: true });
  };
}

async function openPglite(config: DbConfig): Promise<DbHandle> {
  const dataDir = config.dataDir ?? 'memory://';
  const unlock = dataDir.startsWith('memory://') ? () => undefined : lockDataDir(dataDir);
  const pglite = await PGlite.create(dataDir, {
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
    ...(config.pgliteSettings ? { postgresqlconf: [...config.pgliteSettings] } : {}),
    parsers: { [INT8]: parseNumber, [NUMERIC]: parseNumber, [DATE]: parseDate },
    serializers: { [pgliteTypes.DATE]: (v: unknown) => (typeof v === 'string' ? v : String(v)) },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    description: dataDir === 'memory://' ? 'PGlite (in memory)' : `PGlite (${dataDir})`,
    bulk: (work) =>
      // Reserving Kysely's single PGlite connection keeps every other query out until we finish.
      db.connection().execute(async (conn) => {
        await pglite.query('BEGIN');
        try {
          const result = await work(async (table, columns, csv) => {
            await pglite.query(copySql(table, columns, "'/dev/blob'"), [], {
              blob: new Blob(chunks(csv) as string[]),
            });
          }, conn);
          await pglite.query('COMMIT');
          return result;
        } catch (error) {
          await pglite.query('ROLLBACK');
          throw error;
        }
      }),
    dumpDataDir: async () => {
      const dump = await pglite.dumpDataDir('none');
      return dump;
    },
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}

function openPostgres(databaseUrl: string, poolSize: number): DbHandle {
  const custom: Record<number, (value: string) => unknown> = {
    [INT8]: parseNumber,
    [NUMERIC]: parseNumber,
    [DATE]: parseDate,
  };
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number) =>
        custom[oid] ?? defaultTextParser(oid)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled client can be terminated by the server (restart, DROP DATABASE … FORCE); pg
  // reports that on the pool, and an unhandled 'error' event would crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const url = new URL(databaseUrl);
  url.password = url.password ? '***' : '';
  return {
    db,
    engine: 'postgres',
    description: `PostgreSQL (${url.toString()})`,
    bulk: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // A Kysely over this one client (its release does nothing: the client is ours until the end).
        const single: PostgresPoolClient = {
          query: client.query.bind(client),
          release: () => undefined,
        };
        const trx = new Kysely<Database>({
          dialect: new PostgresDialect({
            pool: { connect: () => Promise.resolve(single), end: () => Promise.resolve() },
          }),
        });
        const result = await work(async (table, columns, csv) => {
          const stream = client.query(copyFrom(copySql(table, columns, 'STDIN')));
          await pipeline(Readable.from(chunks(csv)), stream);
        }, trx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    dumpDataDir: () => Promise.reject(new Error('dumpDataDir is a PGlite feature')),
    close: () => db.destroy(),
  };
}
