import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

export function findOrganisationById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'kind', 'name', 'ods_code', 'nation', 'parent_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}
