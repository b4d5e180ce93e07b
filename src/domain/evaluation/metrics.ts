/**
 * The common evaluation metrics (issue #8): the vocabulary every report shares. What is grouped by
 * (dimensions), which metric sets exist, the intensity bands, age bands and ethnic groups, the
 * request validator, and the warnings that say how far a comparison can be trusted. Every metric
 * is defined (numerator, denominator, inclusion, time window) in docs/metrics.md; the SQL that
 * computes them is src/db/evaluation/evaluation.repository.ts, which mirrors the rules here.
 */
import { validationError, type FieldIssue } from '../errors.js';

/** What a report can be grouped by (one or two at a time). */
export const DIMENSIONS = [
  'scheme',
  'model',
  'region',
  'pcn',
  'link_worker',
  'month',
  'quarter',
  'year',
  'priority_group',
  'route',
  'intensity_band',
  'age_band',
  'sex',
  'ethnic_group',
  'deprivation_quintile',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The equity dimensions (issue #8 point 1): who is referred and who improves. */
export const EQUITY_DIMENSIONS = ['age_band', 'sex', 'ethnic_group', 'deprivation_quintile'] as const;

export const METRIC_SETS = ['activity', 'routes', 'outcomes', 'equity', 'data-quality'] as const;
export type MetricSet = (typeof METRIC_SETS)[number];

/** Dimension labels for people (table headings, chart axes). */
export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  scheme: 'Scheme',
  model: 'Delivery model',
  region: 'Region',
  pcn: 'PCN / HSCP',
  link_worker: 'Link worker',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  priority_group: 'Priority group',
  route: 'Referral route',
  intensity_band: 'Intensity band',
  age_band: 'Age band',
  sex: 'Sex',
  ethnic_group: 'Ethnic group',
  deprivation_quintile: 'Deprivation quintile',
};

/**
 * Intensity bands by the number of attended contacts in a referral episode. Issue #8's defaults:
 * light-touch one contact, short 2-6, extended more than 6; `none` is an accepted referral with no
 * attended contact yet. Configurable per report.
 */
export interface IntensityBands {
  /** The most contacts a light-touch episode has (default 1). */
  readonly lightMax: number;
  /** The most contacts a short episode has (default 6); more is extended. */
  readonly shortMax: number;
}
export const DEFAULT_INTENSITY_BANDS: IntensityBands = { lightMax: 1, shortMax: 6 };
export const INTENSITY_BANDS = ['none', 'light', 'short', 'extended'] as const;
export type IntensityBand = (typeof INTENSITY_BANDS)[number];

/** The band of an episode with `contacts` attended contacts (mirrored by the SQL CASE). */
export function intensityBand(
  contacts: number,
  bands: IntensityBands = DEFAULT_INTENSITY_BANDS,
): IntensityBand {
  if (contacts <= 0) return 'none';
  if (contacts <= bands.lightMax) return 'light';
  if (contacts <= bands.shortMax) return 'short';
  return 'extended';
}

/**
 * Age bands at the date of referral: ONS-style ten-year bands, with 0-17 (children and young
 * people schemes) and 18-24 split out because some schemes take only young adults.
 */
export const AGE_BANDS = [
  { label: '0-17', min: 0, max: 17 },
  { label: '18-24', min: 18, max: 24 },
  { label: '25-34', min: 25, max: 34 },
  { label: '35-44', min: 35, max: 44 },
  { label: '45-54', min: 45, max: 54 },
  { label: '55-64', min: 55, max: 64 },
  { label: '65-74', min: 65, max: 74 },
  { label: '75-84', min: 75, max: 84 },
  { label: '85+', min: 85, max: Number.POSITIVE_INFINITY },
] as const;

export function ageBand(age: number): string {
  return AGE_BANDS.find((b) => age >= b.min && age <= b.max)?.label ?? 'unknown';
}

/**
 * The high-level ethnic group of a UK Core ethnic category code (standards.md section 3; the
 * England codes A-S and Z, the Scotland 2011 census codes 1A-6Z). Used for equity reporting,
 * where the detailed codes would make groups too small to publish.
 */
export function ethnicGroup(code: string | null): string {
  if (code === null || code === '') return 'not_recorded';
  const c = code.toUpperCase();
  if (/^[ABC]$/.test(c) || c.startsWith('1')) return 'white';
  if (/^[DEFG]$/.test(c) || c.startsWith('2')) return 'mixed';
  if (/^[HJKL]$/.test(c) || c.startsWith('3')) return 'asian';
  if (/^[MNP]$/.test(c) || c.startsWith('4') || c.startsWith('5')) return 'black';
  if (/^[RS]$/.test(c) || c.startsWith('6')) return 'other';
  return 'not_stated';
}

/** Deprivation quintile from an IMD/SIMD decile (1 most deprived): deciles 1-2 -> 1, ..., 9-10 -> 5. */
export function deprivationQuintile(decile: number | null): number | null {
  return decile === null ? null : Math.ceil(decile / 2);
}

/** A report request after validation. Dates are YYYY-MM-DD; `to` is inclusive. */
export interface ReportRequest {
  readonly set: MetricSet;
  readonly by: readonly Dimension[];
  readonly from: string;
  readonly to: string;
  readonly bands: IntensityBands;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Raw report parameters as a caller (query string, CLI) gives them. */
export interface ReportParams {
  readonly set: string;
  readonly by?: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly lightMax?: number;
  readonly shortMax?: number;
}

/**
 * Checks a report request; throws `validation_failed` naming each bad field and rule. `by` takes
 * at most two dimensions; the equity set needs an equity dimension; data-quality is always by scheme.
 */
export function validateReportRequest(p: ReportParams): ReportRequest {
  const issues: FieldIssue[] = [];
  const set = METRIC_SETS.find((s) => s === p.set);
  if (set === undefined) {
    issues.push({ path: 'set', rule: 'one_of', message: `must be one of ${METRIC_SETS.join(', ')}` });
  }
  const by: Dimension[] = [];
  (p.by ?? []).forEach((raw, i) => {
    const dim = DIMENSIONS.find((d) => d === raw);
    if (dim === undefined) {
      issues.push({ path: `by.${i}`, rule: 'one_of', message: `must be one of ${DIMENSIONS.join(', ')}` });
    } else if (by.includes(dim)) {
      issues.push({ path: `by.${i}`, rule: 'unique', message: `${dim} is given twice` });
    } else {
      by.push(dim);
    }
  });
  if (by.length > 2) {
    issues.push({ path: 'by', rule: 'max_items', message: 'group by at most two dimensions' });
  }
  if (set === 'equity' && !by.some((d) => (EQUITY_DIMENSIONS as readonly string[]).includes(d))) {
    issues.push({
      path: 'by',
      rule: 'equity_dimension',
      message: `the equity set needs one of ${EQUITY_DIMENSIONS.join(', ')}`,
    });
  }
  if (!isDate(p.from)) issues.push({ path: 'from', rule: 'date', message: 'must be a date YYYY-MM-DD' });
  if (!isDate(p.to)) issues.push({ path: 'to', rule: 'date', message: 'must be a date YYYY-MM-DD' });
  if (isDate(p.from) && isDate(p.to) && p.from > p.to) {
    issues.push({ path: 'to', rule: 'not_before_from', message: 'must not be before from' });
  }
  const lightMax = p.lightMax ?? DEFAULT_INTENSITY_BANDS.lightMax;
  const shortMax = p.shortMax ?? DEFAULT_INTENSITY_BANDS.shortMax;
  if (!Number.isInteger(lightMax) || lightMax < 1) {
    issues.push({
      path: 'lightMax',
      rule: 'positive_integer',
      message: 'must be a whole number of at least 1',
    });
  }
  if (!Number.isInteger(shortMax) || shortMax <= lightMax) {
    issues.push({
      path: 'shortMax',
      rule: 'greater_than_light',
      message: 'must be a whole number above lightMax',
    });
  }
  if (issues.length > 0 || set === undefined) throw validationError(issues);
  return {
    set,
    by: set === 'data-quality' ? ['scheme'] : by,
    from: p.from,
    to: p.to,
    bands: { lightMax, shortMax },
  };
}

/**
 * When a comparison can be trusted. Groups with fewer referrals than `minGroupN`, or fewer pairs
 * than `minPairs` for pre/post change, are flagged as too small; outcome completion below
 * `minCompletion` is flagged because the people with both scores may not represent the rest (the
 * study's central concern: low, uneven outcome recording). These are our defaults, not a cited
 * rule; docs/metrics.md explains them.
 */
export const COMPARABILITY = { minGroupN: 30, minPairs: 10, minCompletion: 0.5 } as const;

export type WarningCode = 'small_group' | 'few_pairs' | 'low_outcome_completion';

export interface ComparabilityWarning {
  readonly code: WarningCode;
  readonly message: string;
}

/** Warnings for one group of a report. */
export function comparabilityWarnings(g: {
  readonly received?: number;
  readonly pairs?: number;
  readonly discharged?: number;
  readonly dischargedWithOutcomes?: number;
}): ComparabilityWarning[] {
  const out: ComparabilityWarning[] = [];
  if (g.received !== undefined && g.received < COMPARABILITY.minGroupN) {
    out.push({
      code: 'small_group',
      message: `fewer than ${COMPARABILITY.minGroupN} referrals: too small to compare`,
    });
  }
  if (g.pairs !== undefined && g.pairs < COMPARABILITY.minPairs) {
    out.push({
      code: 'few_pairs',
      message: `fewer than ${COMPARABILITY.minPairs} people with a baseline and a follow-up: change not comparable`,
    });
  }
  if (
    g.discharged !== undefined &&
    g.dischargedWithOutcomes !== undefined &&
    g.discharged > 0 &&
    g.dischargedWithOutcomes / g.discharged < COMPARABILITY.minCompletion
  ) {
    out.push({
      code: 'low_outcome_completion',
      message: `outcome completion below ${COMPARABILITY.minCompletion * 100}%: change may not represent everyone discharged`,
    });
  }
  return out;
}
