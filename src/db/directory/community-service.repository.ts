import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database.js';
import type { CommunityServiceTable } from './community-service.table.js';

export type CommunityServiceRow = Selectable<CommunityServiceTable>;

export function findCommunityServiceById(
  db: Kysely<Database>,
  id: string,
): Promise<CommunityServiceRow | undefined> {
  return db.selectFrom('community_service').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ServiceSearch {
  /** A ref_need code the service meets. */
  readonly need?: string | undefined;
  /** Words in the name, organisation, description or area (case-insensitive). */
  readonly q?: string | undefined;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Active services matching the search, by name, one page, with the total. */
export async function searchCommunityServices(
  db: Kysely<Database>,
  s: ServiceSearch,
  page: { limit: number; offset: number },
): Promise<{ rows: CommunityServiceRow[]; total: number }> {
  let q = db.selectFrom('community_service as cs').where('cs.active', '=', true);
  if (s.need !== undefined) {
    const need = s.need;
    q = q.where((eb) => eb(eb.val(need), '=', eb.fn.any('cs.needs')));
  }
  if (s.q !== undefined) {
    const like = `%${escapeLike(s.q.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['cs.name']), 'like', like),
        eb(eb.fn('lower', ['cs.organisation_name']), 'like', like),
        eb(eb.fn('lower', ['cs.description']), 'like', like),
        eb(eb.fn('lower', ['cs.area']), 'like', like),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q.selectAll('cs').orderBy('cs.name').orderBy('cs.id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}
