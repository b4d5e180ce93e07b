import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

export function findStaffById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'scheme_id', 'display_name', 'role', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}
