/**
 * A scheme's description at one point in time (one scheme_version row): the twelve TIDieR items
 * (Hoffmann et al. 2014, BMJ 348:g1687, as the study used them, ../shared/seed section 3.2), who
 * contributed the description ("voice", 7.2) and when it was sense-checked with the service, the
 * organisational facts that decide the delivery model (4.1.1), and the structured variation
 * attributes the study compares across schemes (4.3-4.6).
 */
import {
  checkCode,
  checkDate,
  checkInteger,
  checkText,
  IssueList,
  result,
  type CodeLookup,
  type Validated,
} from '../validation.js';
import type { OrganisationalFacts, OrgRef } from './delivery-model.js';

/** The TIDieR checklist items in checklist order (items 1-12), with their printed labels. */
export const TIDIER_ITEMS = [
  ['brief_name', '1. Brief name'],
  ['why', '2. Why (rationale, theory or goal)'],
  ['what_materials', '3. What (materials)'],
  ['what_procedures', '4. What (procedures)'],
  ['who_provides', '5. Who provided'],
  ['how', '6. How (modes of delivery)'],
  ['where', '7. Where'],
  ['when_how_much', '8. When and how much'],
  ['tailoring', '9. Tailoring'],
  ['modifications', '10. Modifications'],
  ['how_well_planned', '11. How well (planned)'],
  ['how_well_actual', '12. How well (actual)'],
] as const;

export type TidierItem = (typeof TIDIER_ITEMS)[number][0];
export type Tidier = Readonly<Partial<Record<TidierItem, string>>>;

/** Field limits of a scheme description (the database CHECKs agree where they exist). */
export const SCHEME_LIMITS = {
  /** scheme.name CHECK (1..200). */
  schemeName: 200,
  /** TIDieR item 1 is a name: kept as short as the scheme's name. */
  tidierBriefName: 200,
  /** Every other TIDieR item: a paragraph or two (TIDieR asks for a description, not documents). */
  tidierItem: 2000,
  /** scheme_version.voice CHECK (<= 500). */
  voice: 500,
  /** scheme_version.exclusion_notes CHECK (<= 2000). */
  exclusionNotes: 2000,
  /** scheme_version.session_cap is a smallint; no scheme in the study offered more than "10+". */
  sessionCapMax: 100,
  /** Re-referral interval: at most ten years. */
  rereferralDaysMax: 3650,
  /** The age at which "adults only" services start: 16 in Scotland, 18 in England (study 4.3). */
  adultMinAge: 16,
  /** Children's services end at 18. */
  childMaxAge: 18,
  maxAge: 120,
} as const;

export const AGE_RANGES = ['adults', 'all_ages', 'children'] as const;
export const SPECIALISMS = ['generic', 'specialist'] as const;
export const SESSION_CAP_MODES = ['warn', 'block'] as const;
export const REREFERRAL_POLICIES = ['allowed', 'after_interval', 'not_allowed'] as const;
export const ACCOMPANIES = ['routinely', 'if_needed', 'last_resort', 'no'] as const;
export const CONSISTENCIES = ['none', 'sporadic', 'occasional', 'systematic'] as const;

export type AgeRange = (typeof AGE_RANGES)[number];
export type Specialism = (typeof SPECIALISMS)[number];
export type SessionCapMode = (typeof SESSION_CAP_MODES)[number];
export type RereferralPolicy = (typeof REREFERRAL_POLICIES)[number];
export type Accompanies = (typeof ACCOMPANIES)[number];
export type Consistency = (typeof CONSISTENCIES)[number];

/** The coded lists of a description and the reference list (ref_<list>) each is checked against. */
export const CODE_LIST_FIELDS = [
  ['acceptedRoutes', 'referral_route'],
  ['priorityGroups', 'priority_group'],
  ['exclusionCriteria', 'exclusion_criterion'],
  ['dataSystems', 'data_system'],
  ['dataRecorded', 'data_item'],
  ['outcomeTools', 'outcome_tool'],
  ['fundingSources', 'funding_source'],
] as const;
export type CodeListField = (typeof CODE_LIST_FIELDS)[number][0];

/** The organisational facts as identifiers (scheme_version.*_org_id and the coverage). */
export interface SchemeOrganisations {
  readonly operatorOrgId: string | null;
  readonly employerOrgId: string | null;
  readonly managerOrgId: string | null;
  readonly commissionerOrgId: string | null;
  readonly networkOrgId: string | null;
  readonly coverageOrgIds: readonly string[];
}

/** The structured variation attributes (study sections 4.3-4.6). */
export interface VariationAttributes extends Readonly<Record<CodeListField, readonly string[]>> {
  readonly ageRange: AgeRange | null;
  readonly minAge: number | null;
  readonly maxAge: number | null;
  readonly specialism: Specialism | null;
  /** null: no session cap. */
  readonly sessionCap: number | null;
  readonly sessionCapMode: SessionCapMode;
  readonly keepsAtRisk: boolean | null;
  readonly rereferralPolicy: RereferralPolicy | null;
  readonly rereferralMinDays: number | null;
  readonly accompaniesFirstMeeting: Accompanies | null;
  readonly homeVisits: boolean | null;
  readonly exclusionNotes: string | null;
  readonly outcomeToolConsistency: Consistency | null;
}

/** A validated description of one scheme version (what the service stores). */
export interface SchemeVersionRecord extends SchemeOrganisations, VariationAttributes {
  readonly validFrom: string;
  readonly voice: string | null;
  readonly checkedOn: string | null;
  readonly tidier: Tidier;
}

/** What a caller supplies (API body, CSV row, demo): loose types, every field checked. */
export interface SchemeVersionInput {
  readonly validFrom: string;
  readonly voice?: string | null;
  readonly checkedOn?: string | null;
  readonly tidier?: Readonly<Partial<Record<TidierItem, string | null>>>;
  readonly operatorOrgId?: string | null;
  readonly employerOrgId?: string | null;
  readonly managerOrgId?: string | null;
  readonly commissionerOrgId?: string | null;
  readonly networkOrgId?: string | null;
  readonly coverageOrgIds?: readonly string[];
  readonly ageRange?: string | null;
  readonly minAge?: number | null;
  readonly maxAge?: number | null;
  readonly specialism?: string | null;
  readonly sessionCap?: number | null;
  readonly sessionCapMode?: string | null;
  readonly keepsAtRisk?: boolean | null;
  readonly rereferralPolicy?: string | null;
  readonly rereferralMinDays?: number | null;
  readonly accompaniesFirstMeeting?: string | null;
  readonly homeVisits?: boolean | null;
  readonly acceptedRoutes?: readonly string[];
  readonly priorityGroups?: readonly string[];
  readonly exclusionCriteria?: readonly string[];
  readonly exclusionNotes?: string | null;
  readonly dataSystems?: readonly string[];
  readonly dataRecorded?: readonly string[];
  readonly outcomeTools?: readonly string[];
  readonly outcomeToolConsistency?: string | null;
  readonly fundingSources?: readonly string[];
}

/** An organisation the description refers to, as loaded by the caller. */
export interface KnownOrganisation extends OrgRef {
  readonly nation: string;
}

/** What the validator needs besides the input: today, reference lists and the referenced organisations. */
export interface SchemeVersionContext {
  readonly today: string;
  readonly codes: CodeLookup;
  /** Every organisation referenced by the input, by id (missing ones are reported as `exists`). */
  readonly organisations: ReadonlyMap<string, KnownOrganisation>;
}

/** Organisation kinds a scheme version may cover: the study counts PCNs and HSCPs (4.1); practices too. */
export const COVERAGE_KINDS: readonly string[] = ['pcn', 'hscp', 'gp_practice'];

/** Checks a value against a fixed set of values (the schema's CHECK lists); returns it or null. */
export function checkOneOf<T extends string>(
  issues: IssueList,
  path: string,
  allowed: readonly T[],
  value: string | null | undefined,
  rules: { readonly required?: boolean } = {},
): T | null {
  if (value === null || value === undefined || value === '') {
    if (rules.required === true) issues.add(path, 'required', 'is required');
    return null;
  }
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    issues.add(path, 'unknown_code', `"${value}" is not one of ${allowed.join(', ')}`);
    return null;
  }
  return found;
}

function checkCodes(
  issues: IssueList,
  codes: CodeLookup,
  path: string,
  list: string,
  values: readonly string[] | undefined,
): string[] {
  const out: string[] = [];
  (values ?? []).forEach((value, i) => {
    const code = checkCode(issues, codes, `${path}[${i}]`, list, value, { required: true });
    if (code !== null && !out.includes(code)) out.push(code);
  });
  return out;
}

function checkTidier(issues: IssueList, input: SchemeVersionInput['tidier']): Tidier {
  const out: Partial<Record<TidierItem, string>> = {};
  for (const [item] of TIDIER_ITEMS) {
    const max = item === 'brief_name' ? SCHEME_LIMITS.tidierBriefName : SCHEME_LIMITS.tidierItem;
    const text = checkText(issues, `tidier.${item}`, input?.[item], { max });
    if (text !== null) out[item] = text;
  }
  return out;
}

function checkOrganisations(
  issues: IssueList,
  input: SchemeVersionInput,
  known: ReadonlyMap<string, KnownOrganisation>,
): SchemeOrganisations {
  const one = (path: string, id: string | null | undefined, kinds?: readonly string[]): string | null => {
    if (id === null || id === undefined || id === '') return null;
    const org = known.get(id);
    if (org === undefined) {
      issues.add(path, 'exists', 'no such organisation');
      return null;
    }
    if (kinds !== undefined && !kinds.includes(org.kind)) {
      issues.add(path, 'org_kind', `must be a ${kinds.join(' or ')} (this is a ${org.kind})`);
    }
    return id;
  };
  const coverage: string[] = [];
  (input.coverageOrgIds ?? []).forEach((id, i) => {
    const checked = one(`coverageOrgIds[${i}]`, id, COVERAGE_KINDS);
    if (checked !== null && !coverage.includes(checked)) coverage.push(checked);
  });
  if ((input.coverageOrgIds ?? []).length === 0) {
    issues.add('coverageOrgIds', 'required', 'list the PCNs or HSCPs the scheme serves');
  }
  return {
    operatorOrgId: one('operatorOrgId', input.operatorOrgId),
    employerOrgId: one('employerOrgId', input.employerOrgId),
    managerOrgId: one('managerOrgId', input.managerOrgId),
    commissionerOrgId: one('commissionerOrgId', input.commissionerOrgId),
    // 4.1.1 Model 4: a coordinating network is an organisation of its own (ref_org_kind 'network').
    networkOrgId: one('networkOrgId', input.networkOrgId, ['network']),
    coverageOrgIds: coverage,
  };
}

function checkAges(issues: IssueList, input: SchemeVersionInput) {
  const ageRange = checkOneOf(issues, 'ageRange', AGE_RANGES, input.ageRange);
  const minAge = checkInteger(issues, 'minAge', input.minAge, { min: 0, max: SCHEME_LIMITS.maxAge });
  const maxAge = checkInteger(issues, 'maxAge', input.maxAge, { min: 0, max: SCHEME_LIMITS.maxAge });
  if (minAge !== null && maxAge !== null && minAge > maxAge) {
    issues.add('maxAge', 'age_order', 'must not be below minAge');
  }
  // Study 4.3: "adults only" (Greater Manchester, Lothian) vs "all age groups, catering for children".
  if (ageRange === 'adults' && minAge !== null && minAge < SCHEME_LIMITS.adultMinAge) {
    issues.add(
      'minAge',
      'age_range_consistency',
      `an adults-only service starts at ${SCHEME_LIMITS.adultMinAge} or later`,
    );
  }
  if (ageRange === 'children' && maxAge !== null && maxAge > SCHEME_LIMITS.childMaxAge) {
    issues.add(
      'maxAge',
      'age_range_consistency',
      `a children's service ends at ${SCHEME_LIMITS.childMaxAge} or earlier`,
    );
  }
  if (ageRange === 'children' && minAge !== null && minAge >= SCHEME_LIMITS.childMaxAge) {
    issues.add(
      'minAge',
      'age_range_consistency',
      `a children's service starts below ${SCHEME_LIMITS.childMaxAge}`,
    );
  }
  if (ageRange === 'all_ages' && minAge !== null && minAge > 0) {
    issues.add('minAge', 'age_range_consistency', 'an all-ages service has no minimum age (use adults)');
  }
  return { ageRange, minAge, maxAge };
}

function checkSessions(issues: IssueList, input: SchemeVersionInput) {
  // Study 4.5.1: no limit, or a policy "typically 4-6" sessions; "would not discharge ... if at risk".
  const sessionCap = checkInteger(issues, 'sessionCap', input.sessionCap, {
    min: 1,
    max: SCHEME_LIMITS.sessionCapMax,
  });
  const sessionCapMode =
    checkOneOf(issues, 'sessionCapMode', SESSION_CAP_MODES, input.sessionCapMode) ?? 'warn';
  if (sessionCapMode === 'block' && (input.sessionCap ?? null) === null) {
    issues.add('sessionCapMode', 'requires_session_cap', 'blocking needs a session cap');
  }
  // Study 4.4 and 4.5: "Many also permitted rereferrals", "some have a time cap".
  const rereferralPolicy = checkOneOf(
    issues,
    'rereferralPolicy',
    REREFERRAL_POLICIES,
    input.rereferralPolicy,
  );
  const rereferralMinDays = checkInteger(issues, 'rereferralMinDays', input.rereferralMinDays, {
    min: 0,
    max: SCHEME_LIMITS.rereferralDaysMax,
  });
  if (rereferralPolicy === 'after_interval' && (input.rereferralMinDays ?? null) === null) {
    issues.add('rereferralMinDays', 'required', 'is required when re-referral is allowed after an interval');
  }
  if (rereferralMinDays !== null && rereferralPolicy !== 'after_interval') {
    issues.add('rereferralMinDays', 'rereferral_interval', 'applies only to the after_interval policy');
  }
  return { sessionCap, sessionCapMode, rereferralPolicy, rereferralMinDays };
}

/**
 * Validates one scheme version description. Returns every FieldIssue found (paths are the input's
 * field names, `tidier.<item>`, and `<list>[i]` for list members). Rules:
 * - TIDieR items are optional text (item 1 at most 200 characters, the others 2000); voice 500;
 * - validFrom is required, checkedOn not after today; coverage lists at least one PCN/HSCP/practice;
 * - referenced organisations exist; the network is a 'network', coverage a pcn, hscp or practice;
 * - coded lists are checked against their ref_* lists (duplicates dropped);
 * - ages 0-120 with min <= max and consistent with the age range; session cap 1-100, and
 *   'block' needs a cap; an after_interval re-referral policy needs its interval (and only it has one);
 * - a specialist scheme names at least one priority group; outcome tools and their consistency agree.
 */
export function validateSchemeVersion(
  input: SchemeVersionInput,
  context: SchemeVersionContext,
): Validated<SchemeVersionRecord> {
  const issues = new IssueList();
  const { codes } = context;
  const validFrom = checkDate(issues, 'validFrom', input.validFrom, { required: true });
  const checkedOn = checkDate(issues, 'checkedOn', input.checkedOn, { notAfter: context.today });
  const voice = checkText(issues, 'voice', input.voice, { max: SCHEME_LIMITS.voice });
  const tidier = checkTidier(issues, input.tidier);
  const organisations = checkOrganisations(issues, input, context.organisations);
  const ages = checkAges(issues, input);
  const sessions = checkSessions(issues, input);
  const lists = Object.fromEntries(
    CODE_LIST_FIELDS.map(([field, list]) => [field, checkCodes(issues, codes, field, list, input[field])]),
  ) as Record<CodeListField, string[]>;
  const specialism = checkOneOf(issues, 'specialism', SPECIALISMS, input.specialism);
  // Study 4.3: specialist services are "designed specifically for a target population or need".
  if (specialism === 'specialist' && lists.priorityGroups.length === 0) {
    issues.add('priorityGroups', 'required', 'a specialist scheme names the group it is for');
  }
  const outcomeToolConsistency = checkOneOf(
    issues,
    'outcomeToolConsistency',
    CONSISTENCIES,
    input.outcomeToolConsistency,
  );
  // Study Table 3: "outcome measures used and how consistently".
  if (outcomeToolConsistency === 'none' && lists.outcomeTools.length > 0) {
    issues.add('outcomeToolConsistency', 'outcome_consistency', 'is "none" but outcome tools are listed');
  }
  if (
    outcomeToolConsistency !== null &&
    outcomeToolConsistency !== 'none' &&
    lists.outcomeTools.length === 0
  ) {
    issues.add(
      'outcomeTools',
      'outcome_consistency',
      `lists no tool but consistency is "${outcomeToolConsistency}"`,
    );
  }
  const accompaniesFirstMeeting = checkOneOf(
    issues,
    'accompaniesFirstMeeting',
    ACCOMPANIES,
    input.accompaniesFirstMeeting,
  );
  const exclusionNotes = checkText(issues, 'exclusionNotes', input.exclusionNotes, {
    max: SCHEME_LIMITS.exclusionNotes,
  });
  return result(issues, {
    validFrom: validFrom ?? '',
    voice,
    checkedOn,
    tidier,
    ...organisations,
    ...ages,
    ...sessions,
    ...lists,
    specialism,
    keepsAtRisk: input.keepsAtRisk ?? null,
    accompaniesFirstMeeting,
    homeVisits: input.homeVisits ?? null,
    exclusionNotes,
    outcomeToolConsistency,
  });
}

/**
 * The classifier's input for a validated description: each organisation id resolved to its kind
 * through `organisations` (ids it does not know are treated as not recorded).
 */
export function organisationalFacts(
  record: SchemeOrganisations,
  nation: string,
  organisations: ReadonlyMap<string, OrgRef>,
): OrganisationalFacts {
  const ref = (id: string | null): OrgRef | null => (id === null ? null : (organisations.get(id) ?? null));
  return {
    nation,
    employer: ref(record.employerOrgId),
    manager: ref(record.managerOrgId),
    commissioner: ref(record.commissionerOrgId),
    network: ref(record.networkOrgId),
    coverage: record.coverageOrgIds.flatMap((id) => {
      const org = organisations.get(id);
      return org === undefined ? [] : [org];
    }),
  };
}

/**
 * The fields on which two descriptions differ (empty when they describe the same thing). Lists are
 * compared as sets, since their order carries no meaning; TIDieR items item by item.
 */
export function describeDifferences(a: SchemeVersionRecord, b: SchemeVersionRecord): string[] {
  const differences: string[] = [];
  const sameSet = (x: readonly string[], y: readonly string[]): boolean =>
    x.length === y.length && x.every((v) => y.includes(v));
  for (const key of Object.keys(a) as (keyof SchemeVersionRecord)[]) {
    if (key === 'tidier') continue;
    const x = a[key];
    const y = b[key];
    const same = Array.isArray(x) && Array.isArray(y) ? sameSet(x as string[], y as string[]) : x === y;
    if (!same) differences.push(key);
  }
  for (const [item] of TIDIER_ITEMS) {
    if ((a.tidier[item] ?? null) !== (b.tidier[item] ?? null)) differences.push(`tidier.${item}`);
  }
  return differences;
}

/** An organisation with its name, for reading (CSV, TIDieR page, reports). */
export interface NamedOrganisation extends OrgRef {
  readonly name: string;
}

/** The organisational roles of a scheme version, in the order they are shown. */
export const ORG_ROLES = ['operator', 'employer', 'manager', 'commissioner', 'network'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** One stored scheme version with its scheme, region and the organisations it names: the read model. */
export interface SchemeVersionView {
  readonly schemeId: string;
  readonly schemeName: string;
  readonly regionId: string;
  readonly regionName: string;
  readonly nation: string;
  readonly versionId: string;
  readonly versionNo: number;
  readonly validTo: string | null;
  /** The stored model code ('1'..'4') or null when ambiguous/unclassified. */
  readonly deliveryModel: string | null;
  readonly deliveryModelReason: string | null;
  readonly record: SchemeVersionRecord;
  readonly organisations: Readonly<Record<OrgRole, NamedOrganisation | null>>;
  readonly coverage: readonly NamedOrganisation[];
}
