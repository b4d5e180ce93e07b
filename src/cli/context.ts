// How CLI commands open the database: --database-url / DATABASE_URL selects server PostgreSQL,
// otherwise PGlite in --data-dir / LINKWORK_DATA_DIR (default ./data).
import { openDb, type DbHandle } from '../db/connect.js';
import { migrateToLatestOrThrow } from '../db/migrate.js';

export interface DbOptions {
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
}

export function dbOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): DbOptions {
  return { databaseUrl: env['DATABASE_URL'], dataDir: env['LINKWORK_DATA_DIR'] ?? './data' };
}

/** Opens the database, runs `work`, and always closes it. */
export async function withDb<T>(
  options: DbOptions,
  work: (handle: DbHandle) => Promise<T>,
  { migrate = true, pgliteSettings }: { migrate?: boolean; pgliteSettings?: readonly string[] } = {},
): Promise<T> {
  const handle = await openDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, pgliteSettings });
  try {
    if (migrate) await migrateToLatestOrThrow(handle.db);
    return await work(handle);
  } finally {
    // Closing PGlite resets process.exitCode; keep the command's own exit status.
    const exitCode = process.exitCode;
    await handle.close();
    process.exitCode = exitCode;
  }
}
