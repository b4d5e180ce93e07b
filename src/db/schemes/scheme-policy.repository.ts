import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/** The policy fields of the scheme description in force on `on` (YYYY-MM-DD; default today). */
export function findCurrentSchemePolicy(
  db: Kysely<Database>,
  schemeId: string,
  on = new Date().toISOString().slice(0, 10),
) {
  return db
    .selectFrom('scheme_version')
    .select([
      'age_range',
      'min_age',
      'max_age',
      'accepted_routes',
      'exclusion_criteria',
      'session_cap',
      'session_cap_mode',
      'keeps_at_risk',
      'rereferral_policy',
      'rereferral_min_days',
    ])
    .where('scheme_id', '=', schemeId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .orderBy('version_no', 'desc')
    .limit(1)
    .executeTakeFirst();
}
