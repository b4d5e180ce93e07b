// What GET /health reports: engine, newest migration and row counts of the main tables.
import { sql } from 'kysely';
import type { DbHandle } from '../../db/connect.js';
import { currentMigration } from '../../db/migrate.js';

const COUNTED = [
  'organisation',
  'scheme',
  'staff',
  'person',
  'referral',
  'contact',
  'signpost',
  'questionnaire_response',
] as const;

export interface HealthReport {
  readonly engine: 'pglite' | 'postgres';
  readonly database: string;
  readonly migration: string | null;
  readonly counts: Record<string, number>;
  readonly synthetic: boolean;
}

export async function checkHealth(handle: DbHandle): Promise<HealthReport> {
  const migration = await currentMigration(handle.db);
  const counts: Record<string, number> = {};
  let synthetic = false;
  if (migration !== null) {
    const union = COUNTED.map((t) => `SELECT '${t}' AS name, count(*) AS n FROM ${t}`).join(' UNION ALL ');
    const rows = await sql<{ name: string; n: number }>`${sql.raw(union)}`.execute(handle.db);
    for (const r of rows.rows) counts[r.name] = r.n;
    const flag = await handle.db
      .selectFrom('organisation')
      .select('synthetic')
      .where('synthetic', '=', true)
      .limit(1)
      .executeTakeFirst();
    synthetic = flag !== undefined;
  }
  return { engine: handle.engine, database: handle.description, migration, counts, synthetic };
}
