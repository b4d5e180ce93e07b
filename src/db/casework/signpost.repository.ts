import type { Kysely, Selectable } from 'kysely';
import type { SignpostRecord } from '../../domain/signposts/signpost.js';
import type { Database } from '../database.js';
import { provenanceColumns, type Provenance } from '../provenance.js';
import type { SignpostTable } from './casework.table.js';

export type SignpostRow = Selectable<SignpostTable>;

export function insertSignpost(
  db: Kysely<Database>,
  s: SignpostRecord,
  prov: Provenance = {},
): Promise<SignpostRow> {
  return db
    .insertInto('signpost')
    .values({
      referral_id: s.referralId,
      kind: s.kind,
      service_id: s.serviceId,
      service_name: s.serviceName,
      signposted_on: s.signpostedOn,
      reason_need: s.reasonNeed,
      reason_text: s.reasonText,
      attendance: s.attendance,
      response: s.response,
      staff_id: s.staffId,
      ...provenanceColumns(prov),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findSignpostById(db: Kysely<Database>, id: string): Promise<SignpostRow | undefined> {
  return db.selectFrom('signpost').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A referral's signposts and onward referrals, oldest first, one page, with the total. */
export async function findSignpostsByReferral(
  db: Kysely<Database>,
  referralId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: SignpostRow[]; total: number }> {
  const q = db.selectFrom('signpost').where('referral_id', '=', referralId);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('signposted_on')
      .orderBy('recorded_at')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** Changes what happened after a signpost (attendance, the service's response) if `version` is current. */
export function updateSignpostRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  s: Pick<SignpostRecord, 'attendance' | 'response'>,
): Promise<SignpostRow | undefined> {
  return db
    .updateTable('signpost')
    .set((eb) => ({
      attendance: s.attendance,
      response: s.response,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
