import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

export function findSchemeById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('scheme')
    .select(['id', 'name', 'region_id', 'nation'])
    .where('id', '=', id)
    .executeTakeFirst();
}
