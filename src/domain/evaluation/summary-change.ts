/**
 * Paired change from summary statistics. Evaluation reports aggregate in SQL (issue #8: "not by
 * loading rows into JavaScript"), so the database returns, per group, the number of pairs, the
 * means, the SD of the changes and the counts reaching the MID or a reliable change; these
 * functions finish the same statistics as pairedChange, cohensDz and the Wilson intervals from
 * those sufficient statistics, with the same formulas (docs/statistics.md). They are tested
 * against the array versions on the same data.
 */
import type { ConfidenceInterval, InsufficientData } from './descriptive.js';
import { DEFAULT_CONFIDENCE_LEVEL, insufficient, requireConfidenceLevel } from './descriptive.js';
import { normalQuantile, studentTQuantile, studentTTwoSidedP } from './distributions.js';
import { wilsonBounds } from './proportion.js';

/** What SQL returns for one group's pairs (follow-up minus baseline). */
export interface ChangeMoments {
  readonly n: number;
  readonly meanBaseline: number;
  readonly meanFollowUp: number;
  readonly meanDifference: number;
  /** Sample SD (n - 1) of the differences; null when n < 2. */
  readonly sdDifference: number | null;
}

export type SummaryChangeResult =
  | {
      readonly kind: 'ok';
      readonly n: number;
      readonly meanBaseline: number;
      readonly meanFollowUp: number;
      readonly meanDifference: number;
      readonly sdDifference: number;
      readonly ci: ConfidenceInterval;
      readonly t: number;
      readonly p: number;
      /** Cohen's d_z = mean change / SD of the changes, with its normal-approximation CI. */
      readonly dz: number;
      readonly dzCi: ConfidenceInterval;
    }
  | InsufficientData;

/**
 * Paired t (mean change, CI = d̄ ± t_{1-α/2,n-1}·s_d/√n, two-sided p) and d_z (= d̄/s_d, CI
 * d_z ± z·√(1/n + d_z²/(2n))) from summary statistics: the formulas of pairedChange and cohensDz
 * (Student 1908; Lakens 2013; docs/statistics.md). `insufficient_data` for n < 2 or s_d = 0.
 */
export function pairedChangeFromMoments(
  m: ChangeMoments,
  options: { readonly confidenceLevel?: number } = {},
): SummaryChangeResult {
  const level = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  requireConfidenceLevel(level);
  if (m.n < 2) return insufficient(`a paired t-test needs at least 2 pairs, got ${m.n}`);
  const sd = m.sdDifference;
  if (sd === null || !(sd > 0) || !Number.isFinite(sd)) {
    return insufficient('every pair changed by the same amount (SD of the differences is 0): t is undefined');
  }
  const se = sd / Math.sqrt(m.n);
  const df = m.n - 1;
  const t = m.meanDifference / se;
  const margin = studentTQuantile(1 - (1 - level) / 2, df) * se;
  const dz = m.meanDifference / sd;
  const dzSe = Math.sqrt(1 / m.n + (dz * dz) / (2 * m.n));
  const z = normalQuantile(1 - (1 - level) / 2);
  return {
    kind: 'ok',
    n: m.n,
    meanBaseline: m.meanBaseline,
    meanFollowUp: m.meanFollowUp,
    meanDifference: m.meanDifference,
    sdDifference: sd,
    ci: { level, lower: m.meanDifference - margin, upper: m.meanDifference + margin },
    t,
    p: studentTTwoSidedP(t, df),
    dz,
    dzCi: { level, lower: dz - z * dzSe, upper: dz + z * dzSe },
  };
}

/** A count's share of n with its Wilson interval (as midAttainment and reliableChange report it). */
export function shareOf(
  count: number,
  n: number,
  level: number = DEFAULT_CONFIDENCE_LEVEL,
):
  | { readonly count: number; readonly proportion: number; readonly ci: ConfidenceInterval }
  | InsufficientData {
  requireConfidenceLevel(level);
  if (n <= 0) return insufficient('no pairs');
  return { count, proportion: count / n, ci: wilsonBounds(count, n, level) };
}
