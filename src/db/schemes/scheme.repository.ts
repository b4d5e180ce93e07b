// Schemes and their versioned descriptions (scheme, scheme_version, scheme_version_coverage), and
// the organisation look-ups scheme mapping needs. Every function takes the database or a
// transaction first; callers own transactions.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { SchemeVersionRecord } from '../../domain/schemes/scheme-description.js';
import type { Database } from '../database.js';
import type { SchemeVersionTable } from './scheme.table.js';

export type SchemeVersionRow = Selectable<SchemeVersionTable>;

export function findSchemeById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('scheme')
    .select(['id', 'name', 'region_id', 'nation'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The scheme row, locked until the transaction ends (serialises concurrent new versions). */
export function lockSchemeById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('scheme')
    .select(['id', 'name', 'region_id', 'nation'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Schemes of a region with exactly this name (names are not unique, so this may return several). */
export function findSchemesByName(db: Kysely<Database>, regionId: string, name: string) {
  return db
    .selectFrom('scheme')
    .select(['id', 'name', 'region_id', 'nation'])
    .where('region_id', '=', regionId)
    .where('name', '=', name)
    .orderBy('id')
    .execute();
}

export async function insertScheme(
  db: Kysely<Database>,
  scheme: {
    readonly name: string;
    readonly regionId: string;
    readonly nation: string;
    readonly startedOn: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('scheme')
    .values({
      name: scheme.name,
      region_id: scheme.regionId,
      nation: scheme.nation,
      started_on: scheme.startedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSchemeName(db: Kysely<Database>, id: string, name: string): Promise<void> {
  await db
    .updateTable('scheme')
    .set((eb) => ({ name, updated_at: sql<Date>`now()`, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Every version of a scheme, oldest first. */
export function findSchemeVersions(db: Kysely<Database>, schemeId: string): Promise<SchemeVersionRow[]> {
  return db
    .selectFrom('scheme_version')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .orderBy('version_no')
    .execute();
}

/** Ends a version the day before its successor starts. */
export async function closeSchemeVersion(
  db: Kysely<Database>,
  versionId: string,
  validTo: string,
): Promise<void> {
  await db.updateTable('scheme_version').set({ valid_to: validTo }).where('id', '=', versionId).execute();
}

/** Inserts a validated version with its derived delivery model and its coverage. Run inside a transaction. */
export async function insertSchemeVersion(
  db: Kysely<Database>,
  v: {
    readonly schemeId: string;
    readonly versionNo: number;
    readonly record: SchemeVersionRecord;
    readonly deliveryModel: string | null;
    readonly deliveryModelReason: string;
  },
): Promise<string> {
  const r = v.record;
  const row = await db
    .insertInto('scheme_version')
    .values({
      scheme_id: v.schemeId,
      version_no: v.versionNo,
      valid_from: r.validFrom,
      voice: r.voice,
      checked_on: r.checkedOn,
      tidier: JSON.stringify(r.tidier),
      operator_org_id: r.operatorOrgId,
      employer_org_id: r.employerOrgId,
      manager_org_id: r.managerOrgId,
      commissioner_org_id: r.commissionerOrgId,
      network_org_id: r.networkOrgId,
      delivery_model: v.deliveryModel,
      delivery_model_reason: v.deliveryModelReason,
      age_range: r.ageRange,
      min_age: r.minAge,
      max_age: r.maxAge,
      accepted_routes: [...r.acceptedRoutes],
      priority_groups: [...r.priorityGroups],
      specialism: r.specialism,
      session_cap: r.sessionCap,
      session_cap_mode: r.sessionCapMode,
      keeps_at_risk: r.keepsAtRisk,
      rereferral_policy: r.rereferralPolicy,
      rereferral_min_days: r.rereferralMinDays,
      accompanies_first_meeting: r.accompaniesFirstMeeting,
      home_visits: r.homeVisits,
      exclusion_criteria: [...r.exclusionCriteria],
      exclusion_notes: r.exclusionNotes,
      data_systems: [...r.dataSystems],
      data_recorded: [...r.dataRecorded],
      outcome_tools: [...r.outcomeTools],
      outcome_tool_consistency: r.outcomeToolConsistency,
      funding_sources: [...r.fundingSources],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (r.coverageOrgIds.length > 0) {
    await db
      .insertInto('scheme_version_coverage')
      .values(r.coverageOrgIds.map((org_id) => ({ scheme_version_id: row.id, org_id })))
      .execute();
  }
  return row.id;
}

/** A version with its scheme and region: what views, exports and reports read. */
export interface SchemeVersionWithScheme extends SchemeVersionRow {
  scheme_name: string;
  region_id: string;
  region_name: string;
  nation: string;
}

export interface VersionFilter {
  /** Only versions in force on this date (valid_from <= on <= valid_to, scheme not ended). */
  readonly on?: string;
  readonly schemeIds?: readonly string[];
  readonly regionIds?: readonly string[];
}

/** Versions with their scheme and region, ordered by region name, scheme name, scheme id, version. */
export function findVersionsWithSchemes(
  db: Kysely<Database>,
  filter: VersionFilter = {},
): Promise<SchemeVersionWithScheme[]> {
  let q = db
    .selectFrom('scheme_version as v')
    .innerJoin('scheme as s', 's.id', 'v.scheme_id')
    .innerJoin('organisation as r', 'r.id', 's.region_id')
    .selectAll('v')
    .select(['s.name as scheme_name', 's.region_id', 'r.name as region_name', 's.nation']);
  if (filter.on !== undefined) {
    const on = filter.on;
    q = q
      .where('v.valid_from', '<=', on)
      .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>=', on)]))
      .where((eb) => eb.or([eb('s.ended_on', 'is', null), eb('s.ended_on', '>=', on)]));
  }
  if (filter.schemeIds !== undefined) {
    if (filter.schemeIds.length === 0) return Promise.resolve([]);
    q = q.where('v.scheme_id', 'in', [...filter.schemeIds]);
  }
  if (filter.regionIds !== undefined) {
    if (filter.regionIds.length === 0) return Promise.resolve([]);
    q = q.where('s.region_id', 'in', [...filter.regionIds]);
  }
  return q.orderBy('r.name').orderBy('s.name').orderBy('s.id').orderBy('v.version_no').execute();
}

/** The coverage of the given versions (organisation ids in name order). */
export async function findCoverageByVersionIds(
  db: Kysely<Database>,
  versionIds: readonly string[],
): Promise<{ scheme_version_id: string; org_id: string }[]> {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('scheme_version_coverage as c')
    .innerJoin('organisation as o', 'o.id', 'c.org_id')
    .select(['c.scheme_version_id', 'c.org_id'])
    .where('c.scheme_version_id', 'in', [...versionIds])
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
}

/** The organisation fields scheme mapping shows and classifies by. */
export interface OrganisationBrief {
  id: string;
  kind: string;
  name: string;
  nation: string;
}

export async function findOrganisationsByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<OrganisationBrief[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return db
    .selectFrom('organisation')
    .select(['id', 'kind', 'name', 'nation'])
    .where('id', 'in', unique)
    .execute();
}

/** Organisations with any of these exact names (several may share a name). */
export async function findOrganisationsByNames(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<OrganisationBrief[]> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return [];
  return db
    .selectFrom('organisation')
    .select(['id', 'kind', 'name', 'nation'])
    .where('name', 'in', unique)
    .orderBy('id')
    .execute();
}

/** Names shared by more than one organisation of a nation (exports write ids for these). */
export async function findDuplicateOrganisationNames(
  db: Kysely<Database>,
): Promise<{ name: string; nation: string }[]> {
  return db
    .selectFrom('organisation')
    .select(['name', 'nation'])
    .groupBy(['name', 'nation'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
}

/** The study regions (organisations of kind 'region'). */
export function findRegions(db: Kysely<Database>): Promise<OrganisationBrief[]> {
  return db
    .selectFrom('organisation')
    .select(['id', 'kind', 'name', 'nation'])
    .where('kind', '=', 'region')
    .orderBy('name')
    .execute();
}

// Savepoints, so one transaction can hold a whole dry-run import and still undo one rejected row.
// (Kysely's savepoint API needs driver support that the PGlite dialect does not have; plain SQL
// works on both engines.) Names are generated by the caller from a counter, never from input.
const savepointName = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe savepoint name: ${name}`);
  return name;
};

export async function createSavepoint(db: Kysely<Database>, name: string): Promise<void> {
  await sql`SAVEPOINT ${sql.raw(savepointName(name))}`.execute(db);
}

export async function rollbackToSavepoint(db: Kysely<Database>, name: string): Promise<void> {
  await sql`ROLLBACK TO SAVEPOINT ${sql.raw(savepointName(name))}`.execute(db);
}

export async function releaseSavepoint(db: Kysely<Database>, name: string): Promise<void> {
  await sql`RELEASE SAVEPOINT ${sql.raw(savepointName(name))}`.execute(db);
}
