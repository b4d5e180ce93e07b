import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
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
  /** A taxonomy term the service carries (case-insensitive, exact term). */
  readonly taxonomy?: string | undefined;
  /** An age the service accepts (inside its minimum and maximum age where given). */
  readonly age?: number | undefined;
  /** Words in the service area, or the start of its postcode (e.g. "LS1" or "Leeds"). */
  readonly area?: string | undefined;
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
  if (s.taxonomy !== undefined) {
    const term = s.taxonomy.toLowerCase();
    q = q.where(sql<boolean>`${term} = ANY (SELECT lower(t) FROM unnest(cs.taxonomy_terms) AS t)`);
  }
  if (s.age !== undefined) {
    const age = s.age;
    q = q.where((eb) =>
      eb.and([
        eb.or([eb('cs.min_age', 'is', null), eb('cs.min_age', '<=', age)]),
        eb.or([eb('cs.max_age', 'is', null), eb('cs.max_age', '>=', age)]),
      ]),
    );
  }
  if (s.area !== undefined) {
    const area = s.area.toLowerCase();
    const like = `%${escapeLike(area)}%`;
    const prefix = `${escapeLike(area.toUpperCase().replace(/\s+/g, ''))}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['cs.area']), 'like', like),
        eb(sql<string>`replace(cs.postcode, ' ', '')`, 'like', prefix),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q.selectAll('cs').orderBy('cs.name').orderBy('cs.id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** The imported entry with this source id, if any. */
export function findCommunityServiceBySource(
  db: Kysely<Database>,
  sourceSystem: string,
  sourceRecordId: string,
): Promise<CommunityServiceRow | undefined> {
  return db
    .selectFrom('community_service')
    .selectAll()
    .where('source_system', '=', sourceSystem)
    .where('source_record_id', '=', sourceRecordId)
    .executeTakeFirst();
}

export type CommunityServiceValues = Omit<
  Insertable<CommunityServiceTable>,
  | 'id'
  | 'source_system'
  | 'source_record_id'
  | 'synthetic'
  | 'recorded_at'
  | 'created_at'
  | 'updated_at'
  | 'version'
>;

export async function insertCommunityService(
  db: Kysely<Database>,
  sourceSystem: string,
  sourceRecordId: string,
  values: CommunityServiceValues,
): Promise<string> {
  const row = await db
    .insertInto('community_service')
    .values({ ...values, source_system: sourceSystem, source_record_id: sourceRecordId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCommunityService(
  db: Kysely<Database>,
  id: string,
  values: CommunityServiceValues,
): Promise<void> {
  await db
    .updateTable('community_service')
    .set((eb) => ({ ...values, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
