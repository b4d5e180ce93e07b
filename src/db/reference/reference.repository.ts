// Reads the reference lists (ref_* tables) in one round trip.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { REFERENCE_LISTS } from './reference.table.js';

export interface ReferenceCodeRow {
  list: string;
  code: string;
  label: string;
  active: boolean;
}

/** Every code of every list; ethnicity appears as lists `ethnicity_england` and `ethnicity_scotland`. */
export async function findAllCodes(db: Kysely<Database>): Promise<ReferenceCodeRow[]> {
  const parts = REFERENCE_LISTS.map(
    (list) => `SELECT '${list}' AS list, code, label, active, sort_order FROM ref_${list}`,
  );
  parts.push(`SELECT 'ethnicity_' || nation AS list, code, label, active, sort_order FROM ref_ethnicity`);
  const result =
    await sql<ReferenceCodeRow>`${sql.raw(parts.join(' UNION ALL '))} ORDER BY 1, sort_order`.execute(db);
  return result.rows.map((r) => ({ list: r.list, code: r.code, label: r.label, active: r.active }));
}
