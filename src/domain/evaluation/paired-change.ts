/**
 * Paired change from baseline to follow-up (the same people measured twice): mean difference with
 * its confidence interval and the paired t-test. Warwick recommends means, SDs and Student's t for
 * (S)WEMWBS (../shared/standards/instruments.md section 5.1). Formulas: docs/statistics.md.
 */
import type { ConfidenceInterval, InsufficientData } from './descriptive.js';
import {
  DEFAULT_CONFIDENCE_LEVEL,
  insufficient,
  meanOf,
  pairedDifferences,
  requireConfidenceLevel,
  sampleVariance,
} from './descriptive.js';
import { studentTQuantile, studentTTwoSidedP } from './distributions.js';

/** The paired t-test and mean change. `meanDifference` is follow-up minus baseline. */
export type PairedChangeResult =
  | {
      readonly kind: 'ok';
      readonly n: number;
      readonly meanBaseline: number;
      readonly meanFollowUp: number;
      readonly meanDifference: number;
      readonly sdDifference: number;
      readonly standardError: number;
      readonly df: number;
      readonly t: number;
      /** Two-sided p-value. */
      readonly p: number;
      readonly ci: ConfidenceInterval;
    }
  | InsufficientData;

/**
 * Paired t-test (Student 1908; e.g. Altman 1991, Practical Statistics for Medical Research):
 * d_i = follow-up_i - baseline_i, mean d̄, SD s_d (n - 1), SE = s_d/√n, t = d̄/SE with n - 1 df,
 * two-sided p = P(|T| >= |t|), CI = d̄ ± t_{1-α/2, n-1} SE.
 *
 * `insufficient_data` when n < 2, the series are not paired, a value is not finite, or every
 * difference is the same (SD of the differences 0: t is undefined).
 */
export function pairedChange(
  baseline: readonly number[],
  followUp: readonly number[],
  options: { readonly confidenceLevel?: number } = {},
): PairedChangeResult {
  const level = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  requireConfidenceLevel(level);
  const paired = pairedDifferences(baseline, followUp);
  if (paired.kind === 'insufficient_data') return paired;
  const d = paired.differences;
  const n = d.length;
  if (n < 2) return insufficient(`a paired t-test needs at least 2 pairs, got ${n}`);
  const meanDifference = meanOf(d);
  const sdDifference = Math.sqrt(sampleVariance(d, meanDifference));
  if (sdDifference === 0) {
    return insufficient('every pair changed by the same amount (SD of the differences is 0): t is undefined');
  }
  const standardError = sdDifference / Math.sqrt(n);
  const df = n - 1;
  const t = meanDifference / standardError;
  const margin = studentTQuantile(1 - (1 - level) / 2, df) * standardError;
  return {
    kind: 'ok',
    n,
    meanBaseline: meanOf(baseline),
    meanFollowUp: meanOf(followUp),
    meanDifference,
    sdDifference,
    standardError,
    df,
    t,
    p: studentTTwoSidedP(t, df),
    ci: { level, lower: meanDifference - margin, upper: meanDifference + margin },
  };
}
