/**
 * The pseudonymised research extract (issue #9 point 4): one row per referral (episode), one column
 * per variable, and nothing that identifies a person directly.
 *
 * - Identifiers become keyed hashes: the caller supplies `pseudonym(kind, key)` (HMAC-SHA-256 with a
 *   secret made for one extract), so a person keeps one pseudonym within an extract and cannot be
 *   followed from one extract to the next. The key is the NHS or CHI number when recorded, so one
 *   person recorded twice still links; otherwise the Linkwork record id.
 * - Date of birth becomes the age band at referral (the evaluation's bands, metrics.ts); postcode
 *   becomes the area deprivation decile already derived from it; ethnicity becomes the high-level
 *   group. No names, contact details, identifiers, full dates or free text: dates are the referral
 *   month and whole days from referral.
 * - Outcomes: for each built-in instrument measure, the baseline score and the last later score,
 *   with their days from referral.
 *
 * The column list is the allow-list: `researchRow` writes exactly these, in this order.
 * docs/fhir.md ("Research extract") describes every column.
 */
import { ageBand, ethnicGroup } from '../evaluation/metrics.js';
import { measuresOf } from '../questionnaires/instrument.js';
import { BUILT_IN_INSTRUMENTS } from '../questionnaires/registry.js';
import { ageOn } from '../validation.js';

/** One scored measure of one questionnaire response on the referral, in the order given. */
export interface ResearchScore {
  readonly responseId: string;
  readonly instrumentId: string;
  readonly timepoint: string;
  readonly administeredOn: string;
  readonly measure: string;
  readonly value: number;
}

/** What one row is made from (loaded by the service; identifiers are only hashed, never written). */
export interface ResearchReferral {
  readonly referralId: string;
  readonly previousReferralId: string | null;
  readonly person: {
    readonly id: string;
    readonly nhsNumber: string | null;
    readonly chiNumber: string | null;
    readonly dateOfBirth: string;
    readonly sex: string | null;
    readonly gender: string | null;
    readonly ethnicityCode: string | null;
    readonly deprivationIndex: string | null;
    readonly deprivationDecile: number | null;
  };
  readonly synthetic: boolean;
  readonly schemeId: string;
  readonly schemeName: string;
  readonly regionName: string;
  readonly nation: string;
  readonly deliveryModel: string | null;
  /** The referral date in UK time, YYYY-MM-DD. */
  readonly referredOn: string;
  readonly status: string;
  readonly route: string;
  readonly method: string | null;
  readonly referrerRole: string | null;
  readonly priorityGroup: string | null;
  readonly dischargeReason: string | null;
  readonly needs: readonly string[];
  readonly daysToAccept: number | null;
  readonly daysToFirstContact: number | null;
  readonly daysToClose: number | null;
  readonly contacts: number;
  readonly contactsAttended: number;
  readonly minutesAttended: number;
  readonly signposts: number;
  readonly onwardReferrals: number;
  readonly signpostsAttended: number;
  readonly goals: number;
  readonly goalsAchieved: number;
  readonly scores: readonly ResearchScore[];
}

export type PseudonymKind = 'person' | 'referral';

/** Keyed hash of one identifier, made by the caller with the extract's secret. */
export type Pseudonymise = (kind: PseudonymKind, key: string) => string;

/** The identifier a person's pseudonym is the keyed hash of: NHS number, else CHI, else the record id. */
export function personKey(p: ResearchReferral['person']): string {
  if (p.nhsNumber !== null) return `nhs:${p.nhsNumber}`;
  if (p.chiNumber !== null) return `chi:${p.chiNumber}`;
  return `linkwork:${p.id}`;
}

const column = (id: string): string => id.replace(/[^a-z0-9]+/gi, '_').toLowerCase();

/** The outcome columns: per built-in instrument, days and time point, then each measure's two scores. */
export const OUTCOME_COLUMNS: readonly {
  readonly instrumentId: string;
  readonly measures: readonly string[];
  readonly columns: readonly string[];
}[] = BUILT_IN_INSTRUMENTS.map((d) => {
  const inst = column(d.id);
  const measures = measuresOf(d).map((m) => m.id);
  return {
    instrumentId: d.id,
    measures,
    columns: [
      `${inst}_baseline_day`,
      `${inst}_last_day`,
      `${inst}_last_timepoint`,
      ...measures.flatMap((m) => [`${inst}_${column(m)}_baseline`, `${inst}_${column(m)}_last`]),
    ],
  };
});

/** Every column of the extract, in order. */
export const RESEARCH_COLUMNS: readonly string[] = [
  'person_pseudonym',
  'referral_pseudonym',
  'previous_referral_pseudonym',
  'synthetic',
  'scheme_id',
  'scheme_name',
  'region',
  'nation',
  'delivery_model',
  'referral_month',
  'age_band',
  'sex',
  'gender',
  'ethnic_group',
  'deprivation_index',
  'deprivation_decile',
  'route',
  'method',
  'referrer_role',
  'priority_group',
  'needs',
  'status',
  'discharge_reason',
  'days_to_accept',
  'days_to_first_contact',
  'days_to_close',
  'contacts',
  'contacts_attended',
  'minutes_attended',
  'signposts',
  'onward_referrals',
  'signposts_attended',
  'goals',
  'goals_achieved',
  ...OUTCOME_COLUMNS.flatMap((o) => o.columns),
];

const DAY_MS = 86_400_000;

/** Whole days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const cell = (v: string | number | null): string => (v === null ? '' : String(v));

/** The baseline and last follow-up responses of one instrument, and their scores by measure. */
function outcomeCells(r: ResearchReferral, o: (typeof OUTCOME_COLUMNS)[number]): string[] {
  const scores = r.scores.filter((s) => s.instrumentId === o.instrumentId);
  const baselineId = scores.find((s) => s.timepoint === 'baseline')?.responseId;
  const baseline = scores.filter((s) => s.responseId === baselineId);
  const baselineOn = baseline[0]?.administeredOn;
  const later = scores.filter(
    (s) => s.timepoint !== 'baseline' && (baselineOn === undefined || s.administeredOn >= baselineOn),
  );
  const lastId = later[later.length - 1]?.responseId;
  const last = later.filter((s) => s.responseId === lastId);
  const first = last[0];
  const value = (set: readonly ResearchScore[], measure: string): number | null =>
    set.find((s) => s.measure === measure)?.value ?? null;
  return [
    cell(baselineOn === undefined ? null : daysBetween(r.referredOn, baselineOn)),
    cell(first === undefined ? null : daysBetween(r.referredOn, first.administeredOn)),
    cell(first?.timepoint ?? null),
    ...o.measures.flatMap((m) => [cell(value(baseline, m)), cell(value(last, m))]),
  ];
}

/** One row of the extract, in RESEARCH_COLUMNS order. */
export function researchRow(r: ResearchReferral, pseudonym: Pseudonymise): string[] {
  const p = r.person;
  return [
    pseudonym('person', personKey(p)),
    pseudonym('referral', r.referralId),
    r.previousReferralId === null ? '' : pseudonym('referral', r.previousReferralId),
    r.synthetic ? 'true' : 'false',
    r.schemeId,
    r.schemeName,
    r.regionName,
    r.nation,
    cell(r.deliveryModel),
    r.referredOn.slice(0, 7),
    ageBand(ageOn(p.dateOfBirth, r.referredOn)),
    cell(p.sex),
    cell(p.gender),
    ethnicGroup(p.ethnicityCode),
    cell(p.deprivationIndex),
    cell(p.deprivationDecile),
    r.route,
    cell(r.method),
    cell(r.referrerRole),
    cell(r.priorityGroup),
    [...r.needs].sort().join(';'),
    r.status,
    cell(r.dischargeReason),
    cell(r.daysToAccept),
    cell(r.daysToFirstContact),
    cell(r.daysToClose),
    cell(r.contacts),
    cell(r.contactsAttended),
    cell(r.minutesAttended),
    cell(r.signposts),
    cell(r.onwardReferrals),
    cell(r.signpostsAttended),
    cell(r.goals),
    cell(r.goalsAchieved),
    ...OUTCOME_COLUMNS.flatMap((o) => outcomeCells(r, o)),
  ];
}
