// Reads for the FHIR export and the research extract (issue #9). Everything is read in pages of a
// bounded number of people or referrals (keyset on id), so an export never holds more than one page
// of records: callers loop until a page comes back short. Every function takes the database first.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../database.js';
import type {
  CareActionTable,
  CareGoalTable,
  CareNeedTable,
  ContactTable,
  ReferralTable,
} from '../casework/casework.table.js';
import type { PersonTable } from '../people/person.table.js';
import type {
  QuestionnaireResponseTable,
  QuestionnaireScoreTable,
} from '../questionnaires/questionnaire.table.js';
import { REFERENCE_LISTS } from '../reference/reference.table.js';

/** Local dates (referral month, days between) are read in UK time, as the evaluation reads them. */
const ZONE = sql.raw(`'Europe/London'`);

export interface ExportCodeRow {
  list: string;
  code: string;
  label: string;
  system: string | null;
  system_code: string | null;
}

/** Every code of every reference list with its national system and code (ethnicity: `ethnicity_<nation>`). */
export async function findExportCodes(db: Kysely<Database>): Promise<ExportCodeRow[]> {
  const parts = REFERENCE_LISTS.map(
    (list) => `SELECT '${list}' AS list, code, label, system, system_code FROM ref_${list}`,
  );
  parts.push(
    `SELECT 'ethnicity_' || nation AS list, code, label, system, code AS system_code FROM ref_ethnicity`,
  );
  const r = await sql<ExportCodeRow>`${sql.raw(parts.join(' UNION ALL '))}`.execute(db);
  return r.rows;
}

export type ExportPersonRow = Selectable<PersonTable>;

export function findPeopleByIds(db: Kysely<Database>, ids: readonly string[]): Promise<ExportPersonRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('person')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

/** One page of the people a scheme holds, by id after `after`. */
export async function findPersonIdsOfScheme(
  db: Kysely<Database>,
  schemeId: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let q = db.selectFrom('person_scheme').select('person_id').where('scheme_id', '=', schemeId);
  if (after !== null) q = q.where('person_id', '>', after);
  const rows = await q.orderBy('person_id').limit(limit).execute();
  return rows.map((r) => r.person_id);
}

export type ExportReferralRow = Selectable<ReferralTable> & { needs: string[] };

/** The referrals of some people (only those in `schemeId` when given), oldest first, with their needs. */
export function findReferralsOfPeople(
  db: Kysely<Database>,
  personIds: readonly string[],
  schemeId: string | null,
): Promise<ExportReferralRow[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('referral as r')
    .selectAll('r')
    .select(
      sql<
        string[]
      >`coalesce((SELECT array_agg(n.need ORDER BY n.need) FROM referral_need n WHERE n.referral_id = r.id), '{}')`.as(
        'needs',
      ),
    )
    .where('r.person_id', 'in', [...personIds]);
  if (schemeId !== null) q = q.where('r.scheme_id', '=', schemeId);
  return q.orderBy('r.person_id').orderBy('r.referred_at').orderBy('r.id').execute();
}

export type ExportContactRow = Selectable<ContactTable>;

export function findContactsOfReferrals(
  db: Kysely<Database>,
  referralIds: readonly string[],
): Promise<ExportContactRow[]> {
  if (referralIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contact')
    .selectAll()
    .where('referral_id', 'in', [...referralIds])
    .orderBy('contact_at')
    .orderBy('id')
    .execute();
}

export interface ExportCarePlanRows {
  needs: Selectable<CareNeedTable>[];
  goals: Selectable<CareGoalTable>[];
  actions: (Selectable<CareActionTable> & { referral_id: string })[];
}

/** The care-plan rows (needs, goals, actions) of some referrals, each in the order recorded. */
export async function findCarePlansOfReferrals(
  db: Kysely<Database>,
  referralIds: readonly string[],
): Promise<ExportCarePlanRows> {
  if (referralIds.length === 0) return { needs: [], goals: [], actions: [] };
  const ids = [...referralIds];
  const needs = await db
    .selectFrom('care_need')
    .selectAll()
    .where('referral_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const goals = await db
    .selectFrom('care_goal')
    .selectAll()
    .where('referral_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const actions = await db
    .selectFrom('care_action as a')
    .innerJoin('care_goal as g', 'g.id', 'a.goal_id')
    .selectAll('a')
    .select('g.referral_id')
    .where('g.referral_id', 'in', ids)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return { needs, goals, actions };
}

export interface ExportResponseRows {
  responses: Selectable<QuestionnaireResponseTable>[];
  scores: Selectable<QuestionnaireScoreTable>[];
}

/** The questionnaire responses of some referrals (oldest first) and their scores. */
export async function findResponsesOfReferrals(
  db: Kysely<Database>,
  referralIds: readonly string[],
): Promise<ExportResponseRows> {
  if (referralIds.length === 0) return { responses: [], scores: [] };
  const responses = await db
    .selectFrom('questionnaire_response')
    .selectAll()
    .where('referral_id', 'in', [...referralIds])
    .orderBy('administered_on')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  const scores =
    responses.length === 0
      ? []
      : await db
          .selectFrom('questionnaire_score')
          .selectAll()
          .where(
            'response_id',
            'in',
            responses.map((r) => r.id),
          )
          .orderBy('response_id')
          .orderBy('measure')
          .execute();
  return { responses, scores };
}

export function findOrganisationsForExport(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organisation')
    .select(['id', 'kind', 'name', 'ods_code'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

export function findStaffForExport(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('staff')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

/** Schemes with the operator of their latest description and whether they have ended by `on`. */
export async function findSchemesForExport(
  db: Kysely<Database>,
  ids: readonly string[],
  on: string,
): Promise<{ id: string; name: string; active: boolean; operator_org_id: string | null }[]> {
  if (ids.length === 0) return [];
  const r = await sql<{ id: string; name: string; active: boolean; operator_org_id: string | null }>`
    SELECT s.id, s.name, (s.ended_on IS NULL OR s.ended_on >= ${on}::date) AS active,
      (SELECT v.operator_org_id FROM scheme_version v WHERE v.scheme_id = s.id
        ORDER BY v.version_no DESC LIMIT 1) AS operator_org_id
    FROM scheme s WHERE s.id IN (${sql.join([...ids])}) ORDER BY s.id`.execute(db);
  return r.rows;
}

/** Which referrals a research extract covers: schemes (all when absent) and referral dates (UK time). */
export interface ResearchFilter {
  readonly schemeIds?: readonly string[];
  /** First referral date included, YYYY-MM-DD. */
  readonly from?: string;
  /** Last referral date included, YYYY-MM-DD. */
  readonly to?: string;
}

export interface ResearchReferralRow {
  id: string;
  previous_referral_id: string | null;
  person_id: string;
  nhs_number: string | null;
  chi_number: string | null;
  date_of_birth: string;
  sex: string | null;
  gender: string | null;
  ethnicity_code: string | null;
  deprivation_index: string | null;
  deprivation_decile: number | null;
  synthetic: boolean;
  scheme_id: string;
  scheme_name: string;
  region_name: string;
  nation: string;
  delivery_model: string | null;
  referred_on: string;
  status: string;
  route: string;
  method: string | null;
  referrer_role: string | null;
  priority_group: string | null;
  discharge_reason: string | null;
  needs: string[];
  days_to_accept: number | null;
  days_to_first_contact: number | null;
  days_to_close: number | null;
  contacts: number;
  contacts_attended: number;
  minutes_attended: number;
  signposts: number;
  onward_referrals: number;
  signposts_attended: number;
  goals: number;
  goals_achieved: number;
}

/**
 * One page of referrals for a research extract (keyset on referral id, after `after`), each with the
 * person's attributes the extract derives from and counts of what was recorded on it. The delivery
 * model is the scheme description's in force on the referral date (before the first description,
 * the first one), as in the evaluation.
 */
export async function findResearchReferralPage(
  db: Kysely<Database>,
  filter: ResearchFilter,
  after: string | null,
  limit: number,
): Promise<ResearchReferralRow[]> {
  if (filter.schemeIds?.length === 0) return [];
  const local = (col: string) => sql.raw(`(${col} AT TIME ZONE 'Europe/London')::date`);
  const r = await sql<ResearchReferralRow>`
    SELECT r.id, r.previous_referral_id, r.person_id, p.nhs_number, p.chi_number,
      p.date_of_birth, p.sex, p.gender, p.ethnicity_code, p.deprivation_index, p.deprivation_decile,
      r.synthetic, r.scheme_id, s.name AS scheme_name, reg.name AS region_name, s.nation,
      (SELECT v.delivery_model FROM scheme_version v WHERE v.scheme_id = r.scheme_id
        AND (v.valid_from <= ${local('r.referred_at')}
          OR v.valid_from = (SELECT min(v2.valid_from) FROM scheme_version v2 WHERE v2.scheme_id = r.scheme_id))
        ORDER BY v.valid_from DESC LIMIT 1) AS delivery_model,
      to_char(${local('r.referred_at')}, 'YYYY-MM-DD') AS referred_on,
      r.status, r.route, r.method, r.referrer_role, r.priority_group, r.discharge_reason,
      coalesce((SELECT array_agg(n.need ORDER BY n.need) FROM referral_need n WHERE n.referral_id = r.id), '{}') AS needs,
      (${local('r.accepted_at')} - ${local('r.referred_at')}) AS days_to_accept,
      (${local('c.first_at')} - ${local('r.referred_at')}) AS days_to_first_contact,
      (${local('r.closed_at')} - ${local('r.referred_at')}) AS days_to_close,
      coalesce(c.n, 0)::int AS contacts, coalesce(c.attended, 0)::int AS contacts_attended,
      coalesce(c.minutes, 0)::int AS minutes_attended,
      coalesce(sp.signposts, 0)::int AS signposts, coalesce(sp.onward, 0)::int AS onward_referrals,
      coalesce(sp.attended, 0)::int AS signposts_attended,
      coalesce(g.n, 0)::int AS goals, coalesce(g.achieved, 0)::int AS goals_achieved
    FROM referral r
    JOIN person p ON p.id = r.person_id
    JOIN scheme s ON s.id = r.scheme_id
    JOIN organisation reg ON reg.id = s.region_id
    LEFT JOIN LATERAL (
      SELECT count(*) AS n, count(*) FILTER (WHERE outcome = 'attended') AS attended,
        sum(duration_minutes) FILTER (WHERE outcome = 'attended') AS minutes,
        min(contact_at) FILTER (WHERE outcome = 'attended') AS first_at
      FROM contact WHERE referral_id = r.id) c ON true
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE kind = 'signpost') AS signposts,
        count(*) FILTER (WHERE kind = 'onward_referral') AS onward,
        count(*) FILTER (WHERE attendance = 'attended') AS attended
      FROM signpost WHERE referral_id = r.id) sp ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS n, count(*) FILTER (WHERE status = 'achieved') AS achieved
      FROM care_goal WHERE referral_id = r.id) g ON true
    WHERE true
      ${after === null ? sql`` : sql`AND r.id > ${after}`}
      ${filter.schemeIds === undefined ? sql`` : sql`AND r.scheme_id IN (${sql.join([...filter.schemeIds])})`}
      ${filter.from === undefined ? sql`` : sql`AND r.referred_at >= (${filter.from}::date::timestamp AT TIME ZONE ${ZONE})`}
      ${filter.to === undefined ? sql`` : sql`AND r.referred_at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${ZONE})`}
    ORDER BY r.id
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

export interface ResearchScoreRow {
  referral_id: string;
  response_id: string;
  instrument_id: string;
  timepoint: string;
  administered_on: string;
  measure: string;
  value: number;
}

/** The scores of scored responses on some referrals, each referral's oldest first. */
export async function findResearchScores(
  db: Kysely<Database>,
  referralIds: readonly string[],
): Promise<ResearchScoreRow[]> {
  if (referralIds.length === 0) return [];
  return db
    .selectFrom('questionnaire_response as q')
    .innerJoin('questionnaire_score as s', 's.response_id', 'q.id')
    .select([
      'q.referral_id',
      'q.id as response_id',
      'q.instrument_id',
      'q.timepoint',
      'q.administered_on',
      's.measure',
      's.value',
    ])
    .where('q.referral_id', 'in', [...referralIds])
    .where('q.score_status', '=', 'scored')
    .orderBy('q.referral_id')
    .orderBy('q.administered_on')
    .orderBy('q.recorded_at')
    .orderBy('q.id')
    .orderBy('s.measure')
    .execute();
}
