import type { Kysely, Selectable } from 'kysely';
import type { PersonRecord } from '../../domain/people/person.js';
import type { Database } from '../database.js';
import type { PersonTable } from './person.table.js';

export type PersonRow = Selectable<PersonTable>;

export interface Provenance {
  readonly sourceSystem?: string | null;
  readonly sourceRecordId?: string | null;
  readonly synthetic?: boolean;
}

/** Inserts a validated person and returns the stored row. */
export function insertPerson(
  db: Kysely<Database>,
  p: PersonRecord,
  prov: Provenance = {},
): Promise<PersonRow> {
  return db
    .insertInto('person')
    .values({
      nhs_number: p.nhsNumber,
      chi_number: p.chiNumber,
      given_name: p.givenName,
      family_name: p.familyName,
      date_of_birth: p.dateOfBirth,
      sex: p.sex,
      gender: p.gender,
      ethnicity_nation: p.ethnicity?.nation ?? null,
      ethnicity_code: p.ethnicity?.code ?? null,
      postcode: p.postcode,
      deprivation_index: p.deprivation?.index ?? null,
      deprivation_decile: p.deprivation?.decile ?? null,
      registered_practice_id: p.registeredPracticeId,
      phone: p.phone,
      email: p.email,
      source_system: prov.sourceSystem ?? null,
      source_record_id: prov.sourceRecordId ?? null,
      synthetic: prov.synthetic ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findPersonById(db: Kysely<Database>, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}
