import type { Kysely, Selectable } from 'kysely';
import type { ReferralRecord } from '../../domain/referrals/referral.js';
import type { Database } from '../database.js';
import type { Provenance } from '../people/person.repository.js';
import type { ReferralTable } from './casework.table.js';

export type ReferralRow = Selectable<ReferralTable>;

/** Inserts a validated referral (status waiting) with its coded needs. Run inside a transaction. */
export async function insertReferral(
  db: Kysely<Database>,
  r: ReferralRecord,
  prov: Provenance = {},
): Promise<ReferralRow> {
  const row = await db
    .insertInto('referral')
    .values({
      person_id: r.personId,
      scheme_id: r.schemeId,
      referred_at: r.referredAt,
      route: r.route,
      referrer_role: r.referrerRole,
      referrer_name: r.referrerName,
      referrer_org_id: r.referrerOrgId,
      referrer_org_text: r.referrerOrgText,
      method: r.method,
      reason: r.reason,
      priority_group: r.priorityGroup,
      link_worker_id: r.linkWorkerId,
      previous_referral_id: r.previousReferralId,
      consent_to_share: r.consentToShare,
      source_system: prov.sourceSystem ?? null,
      source_record_id: prov.sourceRecordId ?? null,
      synthetic: prov.synthetic ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (r.needs.length > 0) {
    await db
      .insertInto('referral_need')
      .values(r.needs.map((need) => ({ referral_id: row.id, need })))
      .execute();
  }
  return row;
}

export function findReferralById(db: Kysely<Database>, id: string): Promise<ReferralRow | undefined> {
  return db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findReferralNeeds(db: Kysely<Database>, referralId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('referral_need')
    .select('need')
    .where('referral_id', '=', referralId)
    .execute();
  return rows.map((r) => r.need);
}
