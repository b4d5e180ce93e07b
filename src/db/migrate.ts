// Runs the static migration list (migrations/index.ts) with Kysely's Migrator and returns its
// result set ({ error, results }) so callers can print per-migration outcomes.
import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { MIGRATIONS } from './migrations/index.js';

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
}

/** Applies every pending migration. */
export function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  return migrator(db).migrateToLatest();
}

/** Rolls every migration back (down to an empty schema). */
export function migrateDownAll(db: Kysely<Database>): Promise<MigrationResultSet> {
  return migrator(db).migrateTo(NO_MIGRATIONS);
}

/** The name of the newest migration applied, or null on an empty database. */
export async function currentMigration(db: Kysely<Database>): Promise<string | null> {
  const all = await migrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt !== undefined);
  return applied.at(-1)?.name ?? null;
}

/** The names of all migrations Linkwork knows, in order. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

/** Applies pending migrations and throws an Error naming the failed migration if one fails. */
export async function migrateToLatestOrThrow(db: Kysely<Database>): Promise<MigrationResultSet> {
  const result = await migrateToLatest(db);
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(before any migration)'} failed: ${reason}`, {
      cause: result.error,
    });
  }
  return result;
}
