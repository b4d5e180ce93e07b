import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/** The policy fields of a scheme's current description (the version with no end date). */
export function findCurrentSchemePolicy(db: Kysely<Database>, schemeId: string) {
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
    .where('valid_to', 'is', null)
    .orderBy('version_no', 'desc')
    .limit(1)
    .executeTakeFirst();
}
