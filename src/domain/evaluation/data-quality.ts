/**
 * The data-quality scorecard (issue #8 point 3): from the counts the database returns per scheme,
 * each check's share and five domain scores (completeness, validity, timeliness, consistency,
 * outcome-tool coverage) and their unweighted mean. The fields checked for completeness are the
 * PRSB Social Prescribing Information Standard v1.1 elements flagged M (mandatory) or R (required)
 * that Linkwork holds (docs/data-model.md; ../shared/standards/standards.md section 1), plus the
 * contact duration every activity metric needs. Definitions: docs/metrics.md.
 */

/** The names of the counts behind a scorecard (the evaluation SQL returns one column each). */
export const QUALITY_COUNT_KEYS = [
  'referrals',
  'accepted',
  'closedEngaged',
  'contacts',
  'signposts',
  'identifier',
  'sex',
  'ethnicity',
  'postcode',
  'gpPractice',
  'referrerName',
  'referrerRole',
  'method',
  'reason',
  'needs',
  'consent',
  'linkWorker',
  'dischargeReason',
  'contactLocation',
  'contactStaff',
  'contactDuration',
  'signpostReason',
  'validAge',
  'validDuration',
  'durationRecorded',
  'validDeprivation',
  'postcodeRecorded',
  'referralsOnTime',
  'contactsOnTime',
  'inconsistent',
  'baselineCoverage',
] as const;

/** The counts behind a scorecard: for each check, how many met it (`met`) out of how many (`of`). */
export type QualityCounts = { readonly [K in (typeof QUALITY_COUNT_KEYS)[number]]: number };

export type QualityDomain = 'completeness' | 'validity' | 'timeliness' | 'consistency' | 'coverage';

export interface QualityCheck {
  readonly key: string;
  readonly label: string;
  readonly domain: QualityDomain;
  /** PRSB flag of the element checked (M or R), or null for a Linkwork check. */
  readonly prsb: 'M' | 'R' | null;
  readonly met: number;
  readonly of: number;
  /** met / of, or null when there is nothing to check. */
  readonly share: number | null;
}

export interface Scorecard {
  readonly checks: readonly QualityCheck[];
  readonly scores: Readonly<Record<QualityDomain | 'overall', number | null>>;
}

type CheckSpec = readonly [
  key: string,
  label: string,
  domain: QualityDomain,
  prsb: 'M' | 'R' | null,
  met: (c: QualityCounts) => number,
  of: (c: QualityCounts) => number,
];

const perReferral = (c: QualityCounts): number => c.referrals;

export const QUALITY_CHECKS: readonly CheckSpec[] = [
  ['identifier', 'NHS or CHI number', 'completeness', 'R', (c) => c.identifier, perReferral],
  ['sex', 'Sex', 'completeness', 'R', (c) => c.sex, perReferral],
  ['ethnicity', 'Ethnicity', 'completeness', 'R', (c) => c.ethnicity, perReferral],
  ['postcode', 'Postcode', 'completeness', 'R', (c) => c.postcode, perReferral],
  ['gpPractice', 'GP practice', 'completeness', 'M', (c) => c.gpPractice, perReferral],
  ['referrerName', 'Referrer name', 'completeness', 'M', (c) => c.referrerName, perReferral],
  ['referrerRole', 'Referrer role', 'completeness', 'R', (c) => c.referrerRole, perReferral],
  ['method', 'Referral method', 'completeness', 'R', (c) => c.method, perReferral],
  ['reason', 'Reason for referral', 'completeness', 'R', (c) => c.reason, perReferral],
  ['needs', 'Presenting needs (coded)', 'completeness', 'R', (c) => c.needs, perReferral],
  ['consent', 'Consent for information sharing', 'completeness', 'R', (c) => c.consent, perReferral],
  [
    'linkWorker',
    'Link worker (accepted referrals)',
    'completeness',
    'R',
    (c) => c.linkWorker,
    (c) => c.accepted,
  ],
  [
    'dischargeReason',
    'Discharge reason (closed episodes)',
    'completeness',
    null,
    (c) => c.dischargeReason,
    (c) => c.closedEngaged,
  ],
  [
    'contactLocation',
    'Contact location type',
    'completeness',
    'R',
    (c) => c.contactLocation,
    (c) => c.contacts,
  ],
  ['contactStaff', 'Contact seen by', 'completeness', 'R', (c) => c.contactStaff, (c) => c.contacts],
  ['contactDuration', 'Contact duration', 'completeness', null, (c) => c.contactDuration, (c) => c.contacts],
  [
    'signpostReason',
    'Reason for signpost (coded)',
    'completeness',
    'R',
    (c) => c.signpostReason,
    (c) => c.signposts,
  ],
  ['validAge', 'Age at referral 0-110', 'validity', null, (c) => c.validAge, perReferral],
  [
    'validDuration',
    'Contact duration 1-480 minutes',
    'validity',
    null,
    (c) => c.validDuration,
    (c) => c.durationRecorded,
  ],
  [
    'validDeprivation',
    'Deprivation decile derived from the postcode',
    'validity',
    null,
    (c) => c.validDeprivation,
    (c) => c.postcodeRecorded,
  ],
  [
    'referralsOnTime',
    'Referrals recorded within 7 days',
    'timeliness',
    null,
    (c) => c.referralsOnTime,
    perReferral,
  ],
  [
    'contactsOnTime',
    'Contacts recorded within 7 days',
    'timeliness',
    null,
    (c) => c.contactsOnTime,
    (c) => c.contacts,
  ],
  [
    'consistent',
    'Referrals without contradictions',
    'consistency',
    null,
    (c) => c.referrals - c.inconsistent,
    perReferral,
  ],
  [
    'baselineCoverage',
    'Accepted referrals with a validated baseline',
    'coverage',
    null,
    (c) => c.baselineCoverage,
    (c) => c.accepted,
  ],
];

const DOMAINS: readonly QualityDomain[] = [
  'completeness',
  'validity',
  'timeliness',
  'consistency',
  'coverage',
];

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Each check's share, each domain's score (the mean of its checks' shares, skipping checks with
 * nothing to check) and the overall score (the mean of the domain scores that exist).
 */
export function scorecard(c: QualityCounts): Scorecard {
  const checks = QUALITY_CHECKS.map(([key, label, domain, prsb, met, of]): QualityCheck => {
    const m = met(c);
    const o = of(c);
    return { key, label, domain, prsb, met: m, of: o, share: o > 0 ? m / o : null };
  });
  const scores: Record<string, number | null> = {};
  for (const d of DOMAINS) {
    scores[d] = mean(checks.filter((k) => k.domain === d && k.share !== null).map((k) => k.share as number));
  }
  scores.overall = mean(
    DOMAINS.map((d) => scores[d]).filter((v): v is number => v !== null && v !== undefined),
  );
  return { checks, scores: scores as Scorecard['scores'] };
}
