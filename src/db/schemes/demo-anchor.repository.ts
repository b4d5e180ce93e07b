import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';

/**
 * The synthetic scheme the demo accounts work in: Lothian's busiest scheme and its busiest link
 * worker. Undefined unless the database holds synthetic (demo) data.
 */
export async function findDemoAnchor(
  db: Kysely<Database>,
): Promise<{ schemeId: string; regionId: string; staffId: string } | undefined> {
  const r = await sql<{ scheme_id: string; region_id: string; staff_id: string }>`
    SELECT s.id AS scheme_id, s.region_id, f.link_worker_id AS staff_id
    FROM referral f JOIN scheme s ON s.id = f.scheme_id JOIN organisation o ON o.id = s.region_id
    WHERE o.name = 'Lothian' AND s.synthetic AND f.link_worker_id IS NOT NULL AND f.status IN ('waiting', 'active')
    GROUP BY s.id, s.region_id, f.link_worker_id
    ORDER BY count(*) DESC, s.id, f.link_worker_id LIMIT 1`.execute(db);
  const row = r.rows[0];
  return row === undefined
    ? undefined
    : { schemeId: row.scheme_id, regionId: row.region_id, staffId: row.staff_id };
}
