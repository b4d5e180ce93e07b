import type { Kysely, Selectable } from 'kysely';
import type { ContactRecord } from '../../domain/contacts/contact.js';
import type { Database } from '../database.js';
import type { Provenance } from '../people/person.repository.js';
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
      source_system: prov.sourceSystem ?? null,
      source_record_id: prov.sourceRecordId ?? null,
      synthetic: prov.synthetic ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
