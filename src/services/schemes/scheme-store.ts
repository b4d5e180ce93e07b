// Reading and writing scheme versions for the scheme-mapping services (not a public API: the
// services in this folder are). Reads turn rows into domain views; the write adds a version,
// closing the previous one and deriving the delivery model with the classifier.
import type { Kysely } from 'kysely';
import { validationError } from '../../domain/errors.js';
import {
  classificationSummary,
  classifyDeliveryModel,
  type Classification,
} from '../../domain/schemes/delivery-model.js';
import {
  ACCOMPANIES,
  AGE_RANGES,
  CONSISTENCIES,
  ORG_ROLES,
  organisationalFacts,
  REREFERRAL_POLICIES,
  SPECIALISMS,
  TIDIER_ITEMS,
  type NamedOrganisation,
  type OrgRole,
  type SchemeVersionRecord,
  type SchemeVersionView,
  type Tidier,
  type TidierItem,
} from '../../domain/schemes/scheme-description.js';
import type { Database } from '../../db/database.js';
import {
  closeSchemeVersion,
  findCoverageByVersionIds,
  findOrganisationsByIds,
  findVersionsWithSchemes,
  insertSchemeVersion,
  type OrganisationBrief,
  type SchemeVersionRow,
  type VersionFilter,
} from '../../db/schemes/scheme.repository.js';

/** Today as YYYY-MM-DD (UTC). */
export const isoToday = (): string => new Date().toISOString().slice(0, 10);

/** The day before an ISO date. */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | null =>
  allowed.find((a) => a === value) ?? null;

function tidierOf(json: unknown): Tidier {
  const out: Partial<Record<TidierItem, string>> = {};
  if (typeof json !== 'object' || json === null) return out;
  const source = json as Record<string, unknown>;
  for (const [item] of TIDIER_ITEMS) {
    const value = source[item];
    if (typeof value === 'string' && value !== '') out[item] = value;
  }
  return out;
}

/** A stored version as the domain's description (the inverse of insertSchemeVersion). */
export function rowToRecord(row: SchemeVersionRow, coverageOrgIds: readonly string[]): SchemeVersionRecord {
  return {
    validFrom: row.valid_from,
    voice: row.voice,
    checkedOn: row.checked_on,
    tidier: tidierOf(row.tidier),
    operatorOrgId: row.operator_org_id,
    employerOrgId: row.employer_org_id,
    managerOrgId: row.manager_org_id,
    commissionerOrgId: row.commissioner_org_id,
    networkOrgId: row.network_org_id,
    coverageOrgIds,
    ageRange: oneOf(AGE_RANGES, row.age_range),
    minAge: row.min_age,
    maxAge: row.max_age,
    specialism: oneOf(SPECIALISMS, row.specialism),
    sessionCap: row.session_cap,
    sessionCapMode: row.session_cap_mode,
    keepsAtRisk: row.keeps_at_risk,
    rereferralPolicy: oneOf(REREFERRAL_POLICIES, row.rereferral_policy),
    rereferralMinDays: row.rereferral_min_days,
    accompaniesFirstMeeting: oneOf(ACCOMPANIES, row.accompanies_first_meeting),
    homeVisits: row.home_visits,
    exclusionNotes: row.exclusion_notes,
    outcomeToolConsistency: oneOf(CONSISTENCIES, row.outcome_tool_consistency),
    acceptedRoutes: row.accepted_routes,
    priorityGroups: row.priority_groups,
    exclusionCriteria: row.exclusion_criteria,
    dataSystems: row.data_systems,
    dataRecorded: row.data_recorded,
    outcomeTools: row.outcome_tools,
    fundingSources: row.funding_sources,
  };
}

const roleId = (record: SchemeVersionRecord, role: OrgRole): string | null => {
  switch (role) {
    case 'operator':
      return record.operatorOrgId;
    case 'employer':
      return record.employerOrgId;
    case 'manager':
      return record.managerOrgId;
    case 'commissioner':
      return record.commissionerOrgId;
    case 'network':
      return record.networkOrgId;
  }
};

/** Stored versions as views (with scheme, region and named organisations), in the filter's order. */
export async function loadVersionViews(
  db: Kysely<Database>,
  filter: VersionFilter = {},
): Promise<SchemeVersionView[]> {
  const rows = await findVersionsWithSchemes(db, filter);
  const coverage = await findCoverageByVersionIds(
    db,
    rows.map((r) => r.id),
  );
  const byVersion = new Map<string, string[]>();
  for (const c of coverage) {
    const list = byVersion.get(c.scheme_version_id) ?? [];
    list.push(c.org_id);
    byVersion.set(c.scheme_version_id, list);
  }
  const records = rows.map((row) => ({ row, record: rowToRecord(row, byVersion.get(row.id) ?? []) }));
  const orgIds = records.flatMap(({ record }) => [
    ...ORG_ROLES.map((role) => roleId(record, role)).filter((id): id is string => id !== null),
    ...record.coverageOrgIds,
  ]);
  const orgs = new Map((await findOrganisationsByIds(db, orgIds)).map((o) => [o.id, o]));
  const named = (id: string | null): NamedOrganisation | null => {
    const o = id === null ? undefined : orgs.get(id);
    return o === undefined ? null : { id: o.id, kind: o.kind, name: o.name };
  };
  return records.map(({ row, record }) => ({
    schemeId: row.scheme_id,
    schemeName: row.scheme_name,
    regionId: row.region_id,
    regionName: row.region_name,
    nation: row.nation,
    versionId: row.id,
    versionNo: row.version_no,
    validTo: row.valid_to,
    deliveryModel: row.delivery_model,
    deliveryModelReason: row.delivery_model_reason,
    record,
    organisations: Object.fromEntries(ORG_ROLES.map((role) => [role, named(roleId(record, role))])) as Record<
      OrgRole,
      NamedOrganisation | null
    >,
    coverage: record.coverageOrgIds.flatMap((id) => {
      const o = named(id);
      return o === null ? [] : [o];
    }),
  }));
}

/** The organisations a description refers to, by id. */
export async function loadReferencedOrganisations(
  db: Kysely<Database>,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, OrganisationBrief>> {
  const wanted = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return new Map((await findOrganisationsByIds(db, wanted)).map((o) => [o.id, o]));
}

export interface WrittenVersion {
  readonly versionId: string;
  readonly versionNo: number;
  readonly validFrom: string;
  readonly previous: { readonly versionNo: number; readonly validTo: string } | null;
  readonly classification: Classification;
}

/**
 * Adds a validated version to a scheme (inside the caller's transaction): numbers it after
 * `existing`, requires it to start after the latest one, closes that one the day before, derives
 * the delivery model from the organisational facts and stores it with its reason.
 */
export async function writeVersion(
  trx: Kysely<Database>,
  scheme: { readonly id: string; readonly nation: string },
  existing: readonly SchemeVersionRow[],
  record: SchemeVersionRecord,
  organisations: ReadonlyMap<string, OrganisationBrief>,
): Promise<WrittenVersion> {
  const latest = existing.at(-1);
  if (latest !== undefined && record.validFrom <= latest.valid_from) {
    throw validationError([
      {
        path: 'validFrom',
        rule: 'after_previous_version',
        message: `must be after ${latest.valid_from}, when version ${latest.version_no} starts`,
      },
    ]);
  }
  let previous: WrittenVersion['previous'] = null;
  if (latest !== undefined) {
    const validTo = dayBefore(record.validFrom);
    if (latest.valid_to === null || latest.valid_to > validTo) {
      await closeSchemeVersion(trx, latest.id, validTo);
      previous = { versionNo: latest.version_no, validTo };
    }
  }
  const classification = classifyDeliveryModel(organisationalFacts(record, scheme.nation, organisations));
  const summary = classificationSummary(classification);
  const versionNo = (latest?.version_no ?? 0) + 1;
  const versionId = await insertSchemeVersion(trx, {
    schemeId: scheme.id,
    versionNo,
    record,
    deliveryModel: summary.model === null ? null : String(summary.model),
    deliveryModelReason: summary.reason,
  });
  return { versionId, versionNo, validFrom: record.validFrom, previous, classification };
}
