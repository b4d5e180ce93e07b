/**
 * The variation matrix: schemes (or regions) by variation attribute, with counts, as the study
 * compares them (../shared/seed sections 4.3-4.6: priority groups, referral routes, scope of
 * support, session limits, data systems, data recorded, outcome tools and how consistently).
 * Pure: the service loads the current scheme versions, this file filters, tabulates and counts.
 */
import type { SchemeVersionRecord } from './scheme-description.js';

/** The attributes the matrix compares, in column order. */
export const VARIATION_ATTRIBUTES = [
  'age_range',
  'accepted_routes',
  'priority_groups',
  'specialism',
  'session_cap',
  'keeps_at_risk',
  'rereferral_policy',
  'accompanies_first_meeting',
  'home_visits',
  'exclusion_criteria',
  'data_systems',
  'data_recorded',
  'outcome_tools',
  'outcome_tool_consistency',
  'funding_sources',
] as const;
export type VariationAttribute = (typeof VARIATION_ATTRIBUTES)[number];

/** Shown for a single-valued attribute that was not recorded. */
export const NOT_RECORDED = 'not_recorded';
/** Shown for an empty list (no exclusion criteria, no outcome tools...) and for "no session cap". */
export const NONE = 'none';

/** The model a row is counted under: '1'..'4', or 'unclassified' (ambiguous or unclassified). */
export type ModelKey = '1' | '2' | '3' | '4' | 'unclassified';

/** One current scheme version as the matrix sees it. */
export interface MatrixScheme {
  readonly schemeId: string;
  readonly schemeName: string;
  readonly regionId: string;
  readonly regionName: string;
  readonly model: string | null;
  readonly record: SchemeVersionRecord;
}

export interface MatrixFilters {
  /** Region ids or names (any of). */
  readonly regions?: readonly string[];
  readonly models?: readonly ModelKey[];
  /** Attribute -> values: a scheme must have at least one of the values of every attribute given. */
  readonly where?: Readonly<Partial<Record<VariationAttribute, readonly string[]>>>;
}

/** Counts per attribute per value (how many schemes have it). */
export type AttributeCounts = Readonly<Record<VariationAttribute, Readonly<Record<string, number>>>>;

export interface MatrixRow {
  /** Scheme id (by scheme) or region id (by region). */
  readonly key: string;
  readonly label: string;
  readonly regionName: string;
  /** By scheme: the scheme's model; by region: null. */
  readonly model: ModelKey | null;
  readonly schemes: number;
  /** By scheme each value counts 1; by region, the number of the region's schemes with the value. */
  readonly cells: AttributeCounts;
}

export interface VariationMatrix {
  readonly by: 'scheme' | 'region';
  readonly attributes: readonly VariationAttribute[];
  readonly rows: readonly MatrixRow[];
  /** Across every row: how many schemes have each value. */
  readonly totals: AttributeCounts;
  readonly schemes: number;
}

const one = (value: string | number | null): string[] => [value === null ? NOT_RECORDED : String(value)];
const yesNo = (value: boolean | null): string[] => [value === null ? NOT_RECORDED : value ? 'yes' : 'no'];
const many = (values: readonly string[]): string[] => (values.length === 0 ? [NONE] : [...values]);

/** The values a description has for each variation attribute (lists as their codes, others as one value). */
export function variationValues(
  r: SchemeVersionRecord,
): Readonly<Record<VariationAttribute, readonly string[]>> {
  return {
    age_range: one(r.ageRange),
    accepted_routes: many(r.acceptedRoutes),
    priority_groups: many(r.priorityGroups),
    specialism: one(r.specialism),
    // 4.5.1: "no limit in the number of sessions offered" or a cap, "typically 4-6".
    session_cap: r.sessionCap === null ? [NONE] : [String(r.sessionCap)],
    keeps_at_risk: yesNo(r.keepsAtRisk),
    rereferral_policy: one(r.rereferralPolicy),
    accompanies_first_meeting: one(r.accompaniesFirstMeeting),
    home_visits: yesNo(r.homeVisits),
    exclusion_criteria: many(r.exclusionCriteria),
    data_systems: many(r.dataSystems),
    data_recorded: many(r.dataRecorded),
    outcome_tools: many(r.outcomeTools),
    outcome_tool_consistency: one(r.outcomeToolConsistency),
    funding_sources: many(r.fundingSources),
  };
}

const modelKey = (model: string | null): ModelKey =>
  model === '1' || model === '2' || model === '3' || model === '4' ? model : 'unclassified';

function emptyCounts(): Record<VariationAttribute, Record<string, number>> {
  return Object.fromEntries(VARIATION_ATTRIBUTES.map((a) => [a, {}])) as Record<
    VariationAttribute,
    Record<string, number>
  >;
}

function addTo(
  counts: Record<VariationAttribute, Record<string, number>>,
  values: Readonly<Record<VariationAttribute, readonly string[]>>,
): void {
  for (const attribute of VARIATION_ATTRIBUTES) {
    const cell = counts[attribute];
    for (const value of values[attribute]) cell[value] = (cell[value] ?? 0) + 1;
  }
}

/** Orders a cell's values: numbers numerically, then codes alphabetically, then none/not recorded. */
function sortCounts(counts: Record<VariationAttribute, Record<string, number>>): AttributeCounts {
  const rank = (v: string): number => (v === NONE ? 1 : v === NOT_RECORDED ? 2 : 0);
  const order = (a: string, b: string): number => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
    return numeric ? Number(a) - Number(b) : a.localeCompare(b);
  };
  return Object.fromEntries(
    VARIATION_ATTRIBUTES.map((a) => [
      a,
      Object.fromEntries(Object.entries(counts[a]).sort(([x], [y]) => order(x, y))),
    ]),
  ) as AttributeCounts;
}

/** True when a scheme passes the filters (regions by id or name; values OR within, AND across attributes). */
export function matchesFilters(s: MatrixScheme, filters: MatrixFilters): boolean {
  if (filters.regions !== undefined && !filters.regions.some((r) => r === s.regionId || r === s.regionName)) {
    return false;
  }
  if (filters.models !== undefined && !filters.models.includes(modelKey(s.model))) return false;
  const values = variationValues(s.record);
  return VARIATION_ATTRIBUTES.every((attribute) => {
    const wanted = filters.where?.[attribute];
    return wanted === undefined || wanted.some((w) => values[attribute].includes(w));
  });
}

/**
 * Builds the variation matrix over current scheme versions: rows by scheme (ordered by region, then
 * name) or by region, one column per attribute, each cell counting schemes per value, with totals.
 */
export function buildVariationMatrix(
  schemes: readonly MatrixScheme[],
  options: { readonly by: 'scheme' | 'region'; readonly filters?: MatrixFilters },
): VariationMatrix {
  const kept = schemes
    .filter((s) => matchesFilters(s, options.filters ?? {}))
    .sort((a, b) => a.regionName.localeCompare(b.regionName) || a.schemeName.localeCompare(b.schemeName));
  const totals = emptyCounts();
  const groups = new Map<
    string,
    { label: string; region: string; model: ModelKey | null; members: MatrixScheme[] }
  >();
  for (const s of kept) {
    addTo(totals, variationValues(s.record));
    const key = options.by === 'scheme' ? s.schemeId : s.regionId;
    const group = groups.get(key) ?? {
      label: options.by === 'scheme' ? s.schemeName : s.regionName,
      region: s.regionName,
      model: options.by === 'scheme' ? modelKey(s.model) : null,
      members: [],
    };
    group.members.push(s);
    groups.set(key, group);
  }
  const rows = [...groups].map(([key, g]): MatrixRow => {
    const cells = emptyCounts();
    for (const s of g.members) addTo(cells, variationValues(s.record));
    return {
      key,
      label: g.label,
      regionName: g.region,
      model: g.model,
      schemes: g.members.length,
      cells: sortCounts(cells),
    };
  });
  return {
    by: options.by,
    attributes: VARIATION_ATTRIBUTES,
    rows,
    totals: sortCounts(totals),
    schemes: kept.length,
  };
}
