/**
 * Standardised effect sizes for paired change, labelled by estimator because there are several
 * non-equivalent within-subject d's (../shared/standards/instruments.md section 5.2; Lakens 2013,
 * Front Psychol 4:863). Confidence intervals use normal approximations to the standard error, not
 * the noncentral t. Formulas: docs/statistics.md.
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
import { normalQuantile } from './distributions.js';

/** A standardised mean change with its approximate confidence interval. */
export type EffectSizeResult =
  | {
      readonly kind: 'ok';
      readonly estimator: 'd_z' | 'd_av';
      readonly n: number;
      readonly meanDifference: number;
      /** The denominator: SD of the differences (d_z) or (SD_baseline + SD_follow-up)/2 (d_av). */
      readonly standardiser: number;
      readonly estimate: number;
      readonly standardError: number;
      readonly ci: ConfidenceInterval;
    }
  | InsufficientData;

function zFor(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

/**
 * Cohen's d_z (Lakens 2013): mean change / SD of the changes (= t/√n; the standardised
 * response mean). CI: d_z ± z·SE with SE = √(1/n + d_z²/(2n)), the normal ("z") approximation in
 * the TOSTER SMD_calcs vignette (Caldwell; cited in instruments.md 5.2).
 * `insufficient_data` when n < 2 or every pair changed by the same amount.
 */
export function cohensDz(
  baseline: readonly number[],
  followUp: readonly number[],
  options: { readonly confidenceLevel?: number } = {},
): EffectSizeResult {
  const level = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  requireConfidenceLevel(level);
  const paired = pairedDifferences(baseline, followUp);
  if (paired.kind === 'insufficient_data') return paired;
  const d = paired.differences;
  const n = d.length;
  if (n < 2) return insufficient(`d_z needs at least 2 pairs, got ${n}`);
  const meanDifference = meanOf(d);
  const standardiser = Math.sqrt(sampleVariance(d, meanDifference));
  if (standardiser === 0) {
    return insufficient('every pair changed by the same amount (SD of the changes is 0)');
  }
  const estimate = meanDifference / standardiser;
  const standardError = Math.sqrt(1 / n + (estimate * estimate) / (2 * n));
  const margin = zFor(level) * standardError;
  return {
    kind: 'ok',
    estimator: 'd_z',
    n,
    meanDifference,
    standardiser,
    estimate,
    standardError,
    ci: { level, lower: estimate - margin, upper: estimate + margin },
  };
}

/**
 * Cohen's d_av (Lakens 2013): mean change / ((SD_baseline + SD_follow-up)/2), comparable
 * with between-group d. CI: d_av ± z·SE with the large-sample (delta-method) variance of Bonett
 * (2008, Psychol Methods 13:99-109) for a paired standardised mean difference, re-derived for the
 * average-SD standardiser S = (s₁ + s₂)/2:
 * Var = d²(s₁² + s₂² + 2r²s₁s₂) / (8(n-1)S²) + s_D² / ((n-1)S²), r the baseline/follow-up
 * correlation, s_D the SD of the changes. It equals Bonett's formula when s₁ = s₂.
 * `insufficient_data` when n < 2 or both SDs are 0.
 */
export function cohensDav(
  baseline: readonly number[],
  followUp: readonly number[],
  options: { readonly confidenceLevel?: number } = {},
): EffectSizeResult {
  const level = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  requireConfidenceLevel(level);
  const paired = pairedDifferences(baseline, followUp);
  if (paired.kind === 'insufficient_data') return paired;
  const d = paired.differences;
  const n = d.length;
  if (n < 2) return insufficient(`d_av needs at least 2 pairs, got ${n}`);
  const mean1 = meanOf(baseline);
  const mean2 = meanOf(followUp);
  const s1 = Math.sqrt(sampleVariance(baseline, mean1));
  const s2 = Math.sqrt(sampleVariance(followUp, mean2));
  const standardiser = (s1 + s2) / 2;
  if (standardiser === 0) return insufficient('baseline and follow-up both have SD 0');
  let covariance = 0;
  baseline.forEach((b, i) => {
    covariance += (b - mean1) * ((followUp[i] as number) - mean2);
  });
  covariance /= n - 1;
  // r²·s₁·s₂ = cov²/(s₁s₂); when one SD is 0 every deviation in that series is 0, so cov = 0 too.
  const r2s1s2 = s1 * s2 === 0 ? 0 : (covariance * covariance) / (s1 * s2);
  const meanDifference = meanOf(d);
  const varianceDiff = sampleVariance(d, meanDifference);
  const estimate = meanDifference / standardiser;
  const s2sq = standardiser * standardiser;
  const variance =
    (estimate * estimate * (s1 * s1 + s2 * s2 + 2 * r2s1s2)) / (8 * (n - 1) * s2sq) +
    varianceDiff / ((n - 1) * s2sq);
  const standardError = Math.sqrt(variance);
  const margin = zFor(level) * standardError;
  return {
    kind: 'ok',
    estimator: 'd_av',
    n,
    meanDifference,
    standardiser,
    estimate,
    standardError,
    ci: { level, lower: estimate - margin, upper: estimate + margin },
  };
}
