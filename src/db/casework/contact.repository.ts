import type { Kysely, Selectable } from 'kysely';
import type { ContactRecord } from '../../domain/contacts/contact.js';
import type { Database } from '../database.js';
import { provenanceColumns, type Provenance } from '../provenance.js';
import type { ContactTable } from './casework.table.js';

export type ContactRow = Selectable<ContactTable>;

export function insertContact(
  db: Kysely<Database>,
  c: ContactRecord,
  prov: Provenance = {},
): Promise<ContactRow> {
  return db
    .insertInto('contact')
    .values({
      referral_id: c.referralId,
      contact_at: c.contactAt,
      mode: c.mode,
      duration_minutes: c.durationMinutes,
      location_type: c.locationType,
      outcome: c.outcome,
      staff_id: c.staffId,
      contact_type: c.contactType,
      notes: c.notes,
      ...provenanceColumns(prov),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findContactById(db: Kysely<Database>, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A referral's contacts in time order (oldest first), one page, with the total. */
export async function findContactsByReferral(
  db: Kysely<Database>,
  referralId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: ContactRow[]; total: number }> {
  const q = db.selectFrom('contact').where('referral_id', '=', referralId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('contact_at').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/**
 * Locks a referral's row until the transaction ends, so that contacts on one referral are written
 * one at a time (the session cap counts attended contacts, then inserts: two at once must not both
 * pass). Run inside a transaction.
 */
export async function lockReferralForContacts(db: Kysely<Database>, referralId: string): Promise<void> {
  await db.selectFrom('referral').select('id').where('id', '=', referralId).forUpdate().execute();
}

/** Replaces a contact's fields if `version` is current; undefined when stale. */
export function updateContactRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  c: Omit<ContactRecord, 'referralId'>,
): Promise<ContactRow | undefined> {
  return db
    .updateTable('contact')
    .set((eb) => ({
      contact_at: c.contactAt,
      mode: c.mode,
      duration_minutes: c.durationMinutes,
      location_type: c.locationType,
      outcome: c.outcome,
      staff_id: c.staffId,
      contact_type: c.contactType,
      notes: c.notes,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
