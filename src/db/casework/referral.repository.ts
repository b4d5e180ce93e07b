import { sql, type Kysely, type Selectable } from 'kysely';
import type { ReferralRecord } from '../../domain/referrals/referral.js';
import type { Database } from '../database.js';
import { provenanceColumns, type Provenance } from '../provenance.js';
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
      ...provenanceColumns(prov),
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

export interface ReferralFilter {
  readonly schemeId?: string | undefined;
  readonly status?: string | undefined;
  readonly linkWorkerId?: string | undefined;
  readonly personId?: string | undefined;
}

const NONE = '00000000-0000-0000-0000-000000000000';
const orNone = (ids: readonly string[]): string[] => (ids.length === 0 ? [NONE] : [...ids]);

/** The referral columns services use (tracking columns such as provenance stay in the database). */
export const REFERRAL_FIELDS = [
  'id',
  'version',
  'person_id',
  'scheme_id',
  'referred_at',
  'route',
  'referrer_role',
  'referrer_name',
  'referrer_org_id',
  'referrer_org_text',
  'method',
  'reason',
  'priority_group',
  'status',
  'snomed_code',
  'link_worker_id',
  'previous_referral_id',
  'accepted_at',
  'closed_at',
  'discharge_reason',
  'consent_to_share',
  'recorded_at',
] as const;
export type ReferralFields = Pick<ReferralRow, (typeof REFERRAL_FIELDS)[number]>;

/** A row of a referral list: the referral, its person's name and its coded needs. */
export type ReferralListRow = ReferralFields & { given_name: string; family_name: string; needs: string[] };

/** A list row as JSON carries it: timestamps as ISO 8601 text. */
type ListTimestamp = 'referred_at' | 'accepted_at' | 'closed_at' | 'recorded_at';
type ListRowJson = Omit<ReferralListRow, ListTimestamp> & Record<ListTimestamp, string | null>;

/**
 * Referrals visible to a user: in their schemes, or (caseload) assigned to them or waiting. One
 * query, one result row: the total, and the page as one JSON array.
 *
 * The page is chosen from `referral` alone (its (scheme_id, referred_at) index gives the order), and
 * only the page's rows are then joined to their person and needs; the total is a count over the
 * same filter (every referral has a person, so the join cannot change it). A window count would
 * make every matching row go through the join before the LIMIT. The page comes back as one JSON
 * value rather than 50 rows of 25 columns because decoding each column of each row is a large
 * share of the client's cost (PGlite's protocol decoder, and pg's per-column parsers); JSON.parse
 * is one native call. Timestamps are turned back into Dates here, so callers see the usual row
 * types.
 */
export async function searchReferrals(
  db: Kysely<Database>,
  visibility: { kind: 'schemes' | 'caseload'; schemeIds: readonly string[]; staffIds: readonly string[] },
  f: ReferralFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ReferralListRow[]; total: number }> {
  const matching = () => {
    let q = db.selectFrom('referral as r').where('r.scheme_id', 'in', orNone(visibility.schemeIds));
    if (visibility.kind === 'caseload') {
      const staff = orNone(visibility.staffIds);
      q = q.where((eb) => eb.or([eb('r.link_worker_id', 'in', staff), eb('r.status', '=', 'waiting')]));
    }
    if (f.schemeId !== undefined) q = q.where('r.scheme_id', '=', f.schemeId);
    if (f.status !== undefined) q = q.where('r.status', '=', f.status);
    if (f.linkWorkerId !== undefined) q = q.where('r.link_worker_id', '=', f.linkWorkerId);
    if (f.personId !== undefined) q = q.where('r.person_id', '=', f.personId);
    return q;
  };
  const pageOf = matching()
    .select(REFERRAL_FIELDS.map((c) => `r.${c}` as const))
    .orderBy('r.referred_at', 'desc')
    .orderBy('r.id')
    .limit(page.limit)
    .offset(page.offset);
  const rows = db
    .selectFrom(pageOf.as('r'))
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .selectAll('r')
    .select((eb) => [
      'p.given_name',
      'p.family_name',
      eb
        .selectFrom('referral_need as n')
        .select(sql<string[]>`coalesce(array_agg(n.need ORDER BY n.need), '{}')`.as('needs'))
        .whereRef('n.referral_id', '=', 'r.id')
        .as('needs'),
    ]);
  const result = await db
    .selectFrom(rows.as('page'))
    .select([
      matching()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .as('total'),
      sql<ListRowJson[]>`coalesce(json_agg(page ORDER BY page.referred_at DESC, page.id), '[]')`.as('rows'),
    ])
    .executeTakeFirstOrThrow();
  return { rows: result.rows.map(listRowFromJson), total: result.total ?? 0 };
}

function listRowFromJson(j: ListRowJson): ReferralListRow {
  // `j` is fresh from JSON.parse and ours alone: turn its timestamps into Dates in place (copying a
  // 25-field object with a spread costs more than everything else done to a row here).
  const row = j as unknown as Record<ListTimestamp, Date | null>;
  row.referred_at = new Date(j.referred_at ?? Number.NaN);
  row.accepted_at = j.accepted_at === null ? null : new Date(j.accepted_at);
  row.closed_at = j.closed_at === null ? null : new Date(j.closed_at);
  row.recorded_at = new Date(j.recorded_at ?? Number.NaN);
  return j as unknown as ReferralListRow;
}

/** Changes a referral if `version` is current; undefined when stale. */
export function updateReferralRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  set: Partial<{
    referrer_role: string | null;
    referrer_name: string | null;
    referrer_org_text: string | null;
    method: string | null;
    reason: string | null;
    priority_group: string | null;
    link_worker_id: string | null;
    consent_to_share: boolean | null;
    status: string;
    snomed_code: string | null;
    accepted_at: Date | null;
    closed_at: Date | null;
    discharge_reason: string | null;
  }>,
): Promise<ReferralRow | undefined> {
  return db
    .updateTable('referral')
    .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function replaceReferralNeeds(
  db: Kysely<Database>,
  referralId: string,
  needs: readonly string[],
): Promise<void> {
  await db.deleteFrom('referral_need').where('referral_id', '=', referralId).execute();
  if (needs.length > 0) {
    await db
      .insertInto('referral_need')
      .values(needs.map((need) => ({ referral_id: referralId, need })))
      .execute();
  }
}

/** Waiting referrals of a scheme, oldest first, with whole days waiting as of `now`. */
export function findWaitingList(db: Kysely<Database>, schemeId: string, now: Date) {
  return db
    .selectFrom('referral as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.person_id',
      'r.referred_at',
      'r.route',
      'r.priority_group',
      'r.link_worker_id',
      'r.version',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
    ])
    .where('r.scheme_id', '=', schemeId)
    .where('r.status', '=', 'waiting')
    .orderBy('r.referred_at')
    .orderBy('r.id')
    .execute()
    .then((rows) =>
      rows.map((r) => ({
        ...r,
        days_waiting: Math.floor((now.getTime() - r.referred_at.getTime()) / 86_400_000),
      })),
    );
}

/** Open referrals (waiting or active) assigned to a link worker, with contacts so far. */
export function findCaseload(db: Kysely<Database>, staffId: string) {
  return db
    .selectFrom('referral as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select((eb) => [
      'r.id',
      'r.person_id',
      'r.scheme_id',
      'r.referred_at',
      'r.status',
      'r.version',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      eb
        .selectFrom('contact as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.referral_id', '=', 'r.id')
        .as('contacts'),
      eb
        .selectFrom('contact as c')
        .select((e) => e.fn.max('c.contact_at').as('m'))
        .whereRef('c.referral_id', '=', 'r.id')
        .as('last_contact_at'),
    ])
    .where('r.link_worker_id', '=', staffId)
    .where('r.status', 'in', ['waiting', 'active'])
    .orderBy('r.referred_at')
    .execute();
}

/** Contacts that count towards a session cap: attended ones. */
export async function countAttendedContacts(db: Kysely<Database>, referralId: string): Promise<number> {
  const row = await db
    .selectFrom('contact')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('referral_id', '=', referralId)
    .where('outcome', '=', 'attended')
    .executeTakeFirstOrThrow();
  return row.n;
}
