/**
 * The tidy scheme-mapping spreadsheet: one row per scheme version, one column per variable (the
 * study organised its TIDieR data "using tidy data principles", ../shared/seed 3.3). This file maps
 * a row to a description input and a stored version back to a row; reading and writing CSV text,
 * and resolving organisation names, are the service's job.
 *
 * Cells: lists are codes or names separated by ";"; yes/no for booleans; "none" (or empty) for no
 * session cap. A cell that a spreadsheet would run as a formula (starting =, +, -, @, tab or CR) is
 * written with a leading apostrophe, which the import removes, so exports are safe to open and
 * round-trip unchanged.
 */
import type { FieldIssue } from '../errors.js';
import { IssueList, result, type Validated } from '../validation.js';
import {
  ORG_ROLES,
  TIDIER_ITEMS,
  type NamedOrganisation,
  type OrgRole,
  type SchemeVersionInput,
  type SchemeVersionView,
  type TidierItem,
} from './scheme-description.js';

/** Every column, in order. */
export const SCHEME_CSV_COLUMNS = [
  'scheme_id',
  'scheme_name',
  'region',
  'nation',
  'version_no',
  'valid_from',
  'valid_to',
  'voice',
  'checked_on',
  'tidier_brief_name',
  'tidier_why',
  'tidier_what_materials',
  'tidier_what_procedures',
  'tidier_who_provides',
  'tidier_how',
  'tidier_where',
  'tidier_when_how_much',
  'tidier_tailoring',
  'tidier_modifications',
  'tidier_how_well_planned',
  'tidier_how_well_actual',
  'operator',
  'employer',
  'employer_kind',
  'manager',
  'manager_kind',
  'commissioner',
  'commissioner_kind',
  'network',
  'coverage',
  'delivery_model',
  'delivery_model_reason',
  'age_range',
  'min_age',
  'max_age',
  'accepted_routes',
  'priority_groups',
  'specialism',
  'session_cap',
  'session_cap_mode',
  'keeps_at_risk',
  'rereferral_policy',
  'rereferral_min_days',
  'accompanies_first_meeting',
  'home_visits',
  'exclusion_criteria',
  'exclusion_notes',
  'data_systems',
  'data_recorded',
  'outcome_tools',
  'outcome_tool_consistency',
  'funding_sources',
] as const;
export type SchemeCsvColumn = (typeof SCHEME_CSV_COLUMNS)[number];
export type SchemeCsvRecord = Readonly<Partial<Record<string, string>>>;

/**
 * Columns written for reading and ignored on import: the nation follows the region, valid_to
 * follows the next version, organisation kinds follow the organisations, and the delivery model is
 * always derived by the classifier (a differing delivery_model is reported, never stored).
 */
export const READ_ONLY_COLUMNS: readonly SchemeCsvColumn[] = [
  'nation',
  'valid_to',
  'employer_kind',
  'manager_kind',
  'commissioner_kind',
  'delivery_model',
  'delivery_model_reason',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when a cell holds a UUID (organisations and schemes may be named by id instead of name). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

const FORMULA = /^'*[=+\-@\t\r]/;

/** Protects a cell from being run as a spreadsheet formula (OWASP "CSV injection"); reversible. */
export function escapeCell(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

/** Reverses `escapeCell`. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA.test(value.slice(1)) ? value.slice(1) : value;
}

/** Checks a header: every editable column present once, nothing unknown. Issues have path `header`. */
export function checkCsvHeader(header: readonly string[]): FieldIssue[] {
  const issues = new IssueList();
  const known: readonly string[] = SCHEME_CSV_COLUMNS;
  const seen = new Set<string>();
  for (const column of header) {
    if (!known.includes(column)) issues.add('header', 'unknown_column', `unknown column "${column}"`);
    else if (seen.has(column)) issues.add('header', 'duplicate_column', `column "${column}" appears twice`);
    seen.add(column);
  }
  for (const column of SCHEME_CSV_COLUMNS) {
    if (!READ_ONLY_COLUMNS.includes(column) && !seen.has(column)) {
      issues.add('header', 'missing_column', `column "${column}" is missing`);
    }
  }
  return issues.issues;
}

/** A CSV row, parsed but not yet checked against the database (organisations are still names). */
export interface ParsedSchemeRow {
  readonly schemeId: string | null;
  readonly schemeName: string;
  /** The region's name or id. */
  readonly region: string;
  readonly versionNo: number | null;
  /** The delivery_model cell as written (read-only; compared with the derived model). */
  readonly statedModel: string | null;
  /** Organisation names or ids per role. */
  readonly organisations: Readonly<Record<OrgRole, string | null>>;
  readonly coverage: readonly string[];
  /** The description, without organisation ids (the service resolves the names). */
  readonly version: SchemeVersionInput;
}

/**
 * Parses one data row (cells by column name). Checks what needs no database: whole numbers,
 * yes/no, UUID format of scheme_id, scheme_name and region present. Everything else is checked by
 * `validateSchemeVersion` once organisations are resolved; issues use the column names as paths.
 */
export function parseSchemeCsvRow(record: SchemeCsvRecord): Validated<ParsedSchemeRow> {
  const issues = new IssueList();
  const text = (column: SchemeCsvColumn): string | null => {
    const value = unescapeCell(record[column] ?? '').trim();
    return value === '' ? null : value;
  };
  const integer = (column: SchemeCsvColumn, none?: string): number | null => {
    const value = text(column);
    if (value === null || value.toLowerCase() === none) return null;
    if (!/^\d+$/.test(value)) {
      issues.add(column, 'integer', 'must be a whole number');
      return null;
    }
    return Number(value);
  };
  const yesNo = (column: SchemeCsvColumn): boolean | null => {
    const raw = text(column);
    if (raw === null) return null;
    const value = raw.toLowerCase();
    if (['yes', 'y', 'true'].includes(value)) return true;
    if (['no', 'n', 'false'].includes(value)) return false;
    issues.add(column, 'boolean', 'must be yes or no');
    return null;
  };
  const list = (column: SchemeCsvColumn): string[] =>
    (text(column) ?? '')
      .split(';')
      .map((v) => v.trim())
      .filter((v) => v !== '');

  const schemeId = text('scheme_id');
  if (schemeId !== null && !isUuid(schemeId)) {
    issues.add('scheme_id', 'uuid_format', 'must be a scheme id (UUID) or empty');
  }
  const schemeName = text('scheme_name');
  if (schemeName === null) issues.add('scheme_name', 'required', 'is required');
  const region = text('region');
  if (region === null) issues.add('region', 'required', 'is required');
  const versionNo = integer('version_no');

  const tidier: Partial<Record<TidierItem, string>> = {};
  for (const [item] of TIDIER_ITEMS) {
    const value = text(`tidier_${item}`);
    if (value !== null) tidier[item] = value;
  }
  const organisations = Object.fromEntries(ORG_ROLES.map((role) => [role, text(role)])) as Record<
    OrgRole,
    string | null
  >;
  const version: SchemeVersionInput = {
    validFrom: text('valid_from') ?? '',
    voice: text('voice'),
    checkedOn: text('checked_on'),
    tidier,
    ageRange: text('age_range'),
    minAge: integer('min_age'),
    maxAge: integer('max_age'),
    acceptedRoutes: list('accepted_routes'),
    priorityGroups: list('priority_groups'),
    specialism: text('specialism'),
    sessionCap: integer('session_cap', 'none'),
    sessionCapMode: text('session_cap_mode'),
    keepsAtRisk: yesNo('keeps_at_risk'),
    rereferralPolicy: text('rereferral_policy'),
    rereferralMinDays: integer('rereferral_min_days'),
    accompaniesFirstMeeting: text('accompanies_first_meeting'),
    homeVisits: yesNo('home_visits'),
    exclusionCriteria: list('exclusion_criteria'),
    exclusionNotes: text('exclusion_notes'),
    dataSystems: list('data_systems'),
    dataRecorded: list('data_recorded'),
    outcomeTools: list('outcome_tools'),
    outcomeToolConsistency: text('outcome_tool_consistency'),
    fundingSources: list('funding_sources'),
  };
  return result(issues, {
    schemeId,
    schemeName: schemeName ?? '',
    region: region ?? '',
    versionNo,
    statedModel: text('delivery_model'),
    organisations,
    coverage: list('coverage'),
    version,
  });
}

/**
 * The CSV column a validation path refers to: `tidier.why` -> `tidier_why`, `employerOrgId` ->
 * `employer`, `coverageOrgIds[2]` -> `coverage[2]`, `acceptedRoutes[0]` -> `accepted_routes[0]`.
 */
export function csvColumnFor(path: string): string {
  return path
    .replace(/^tidier\./, 'tidier_')
    .replace(/OrgIds?(?=$|\[)/, '')
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Field issues with their paths rewritten to CSV columns. */
export function issuesAsColumns(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ ...i, path: csvColumnFor(i.path) }));
}

const joinList = (values: readonly string[]): string => values.join('; ');
const yesNoCell = (value: boolean | null): string => (value === null ? '' : value ? 'yes' : 'no');
const num = (value: number | null): string => (value === null ? '' : String(value));

/**
 * A stored version as a CSV row (cells by column, formula-escaped). Organisations are written by
 * name, or by `referenceOf` (the service passes ids for names that are not unique or contain ";").
 */
export function versionToCsvRow(
  view: SchemeVersionView,
  referenceOf: (org: NamedOrganisation) => string = (org) => org.name,
): Record<SchemeCsvColumn, string> {
  const r = view.record;
  const org = (role: OrgRole): string => {
    const o = view.organisations[role];
    return o === null ? '' : referenceOf(o);
  };
  const kind = (role: OrgRole): string => view.organisations[role]?.kind ?? '';
  const row: Record<SchemeCsvColumn, string> = {
    scheme_id: view.schemeId,
    scheme_name: view.schemeName,
    region: view.regionName,
    nation: view.nation,
    version_no: String(view.versionNo),
    valid_from: r.validFrom,
    valid_to: view.validTo ?? '',
    voice: r.voice ?? '',
    checked_on: r.checkedOn ?? '',
    tidier_brief_name: r.tidier.brief_name ?? '',
    tidier_why: r.tidier.why ?? '',
    tidier_what_materials: r.tidier.what_materials ?? '',
    tidier_what_procedures: r.tidier.what_procedures ?? '',
    tidier_who_provides: r.tidier.who_provides ?? '',
    tidier_how: r.tidier.how ?? '',
    tidier_where: r.tidier.where ?? '',
    tidier_when_how_much: r.tidier.when_how_much ?? '',
    tidier_tailoring: r.tidier.tailoring ?? '',
    tidier_modifications: r.tidier.modifications ?? '',
    tidier_how_well_planned: r.tidier.how_well_planned ?? '',
    tidier_how_well_actual: r.tidier.how_well_actual ?? '',
    operator: org('operator'),
    employer: org('employer'),
    employer_kind: kind('employer'),
    manager: org('manager'),
    manager_kind: kind('manager'),
    commissioner: org('commissioner'),
    commissioner_kind: kind('commissioner'),
    network: org('network'),
    coverage: joinList(view.coverage.map(referenceOf)),
    delivery_model: view.deliveryModel ?? '',
    delivery_model_reason: view.deliveryModelReason ?? '',
    age_range: r.ageRange ?? '',
    min_age: num(r.minAge),
    max_age: num(r.maxAge),
    accepted_routes: joinList(r.acceptedRoutes),
    priority_groups: joinList(r.priorityGroups),
    specialism: r.specialism ?? '',
    session_cap: r.sessionCap === null ? 'none' : String(r.sessionCap),
    session_cap_mode: r.sessionCapMode,
    keeps_at_risk: yesNoCell(r.keepsAtRisk),
    rereferral_policy: r.rereferralPolicy ?? '',
    rereferral_min_days: num(r.rereferralMinDays),
    accompanies_first_meeting: r.accompaniesFirstMeeting ?? '',
    home_visits: yesNoCell(r.homeVisits),
    exclusion_criteria: joinList(r.exclusionCriteria),
    exclusion_notes: r.exclusionNotes ?? '',
    data_systems: joinList(r.dataSystems),
    data_recorded: joinList(r.dataRecorded),
    outcome_tools: joinList(r.outcomeTools),
    outcome_tool_consistency: r.outcomeToolConsistency ?? '',
    funding_sources: joinList(r.fundingSources),
  };
  for (const column of SCHEME_CSV_COLUMNS) row[column] = escapeCell(row[column]);
  return row;
}
