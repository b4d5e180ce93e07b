/**
 * Two independent groups (for example two schemes, or people with and without a given support):
 * Welch's t-test for means and the Mann-Whitney U (Wilcoxon rank-sum) test for ordinal scores.
 * Mann-Whitney follows R `wilcox.test(x, y)`: exact null distribution when both groups have fewer
 * than 50 values and there are no ties, otherwise the normal approximation with tie and continuity
 * corrections. Formulas: docs/statistics.md.
 */
import type { ConfidenceInterval, InsufficientData } from './descriptive.js';
import {
  DEFAULT_CONFIDENCE_LEVEL,
  insufficient,
  meanOf,
  nonFinite,
  rankWithTies,
  requireConfidenceLevel,
  sampleVariance,
} from './descriptive.js';
import { normalTwoSidedP, studentTQuantile, studentTTwoSidedP } from './distributions.js';

/** Welch's t-test. `meanDifference` is mean(a) - mean(b). */
export type WelchResult =
  | {
      readonly kind: 'ok';
      readonly n1: number;
      readonly n2: number;
      readonly mean1: number;
      readonly mean2: number;
      readonly sd1: number;
      readonly sd2: number;
      readonly meanDifference: number;
      readonly standardError: number;
      /** Welch-Satterthwaite degrees of freedom (not a whole number in general). */
      readonly df: number;
      readonly t: number;
      /** Two-sided p-value. */
      readonly p: number;
      readonly ci: ConfidenceInterval;
    }
  | InsufficientData;

/**
 * Welch (1947) t-test for unequal variances: SE = √(s₁²/n₁ + s₂²/n₂), t = (x̄₁ - x̄₂)/SE,
 * df = SE⁴ / ((s₁²/n₁)²/(n₁-1) + (s₂²/n₂)²/(n₂-1)) (Satterthwaite 1946), two-sided p, and
 * CI = (x̄₁ - x̄₂) ± t_{1-α/2, df} SE (as R `t.test(var.equal = FALSE)`).
 * `insufficient_data` when either group has fewer than 2 values, a value is not finite, or both
 * groups have SD 0.
 */
export function welchT(
  a: readonly number[],
  b: readonly number[],
  options: { readonly confidenceLevel?: number } = {},
): WelchResult {
  const level = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  requireConfidenceLevel(level);
  const bad = nonFinite(a, 'a') ?? nonFinite(b, 'b');
  if (bad !== undefined) return bad;
  if (a.length < 2 || b.length < 2) {
    return insufficient(`Welch's t needs at least 2 values per group, got ${a.length} and ${b.length}`);
  }
  const mean1 = meanOf(a);
  const mean2 = meanOf(b);
  const v1 = sampleVariance(a, mean1) / a.length;
  const v2 = sampleVariance(b, mean2) / b.length;
  const se2 = v1 + v2;
  if (se2 === 0) return insufficient('both groups have SD 0: t is undefined');
  const standardError = Math.sqrt(se2);
  const meanDifference = mean1 - mean2;
  const t = meanDifference / standardError;
  const df = (se2 * se2) / ((v1 * v1) / (a.length - 1) + (v2 * v2) / (b.length - 1));
  const margin = studentTQuantile(1 - (1 - level) / 2, df) * standardError;
  return {
    kind: 'ok',
    n1: a.length,
    n2: b.length,
    mean1,
    mean2,
    sd1: Math.sqrt(v1 * a.length),
    sd2: Math.sqrt(v2 * b.length),
    meanDifference,
    standardError,
    df,
    t,
    p: studentTTwoSidedP(t, df),
    ci: { level, lower: meanDifference - margin, upper: meanDifference + margin },
  };
}

/** The exact method is used when both groups are smaller than this (as R). */
export const MANN_WHITNEY_EXACT_LIMIT = 50;

/** Mann-Whitney U. `u1` counts pairs with the value from `a` higher (ties count ½). */
export type MannWhitneyResult =
  | {
      readonly kind: 'ok';
      readonly n1: number;
      readonly n2: number;
      /** U for group a = R₁ - n₁(n₁+1)/2 (R's W statistic). */
      readonly u1: number;
      readonly u2: number;
      readonly method: 'exact' | 'normal_approximation';
      readonly z: number | null;
      /** Two-sided p-value. */
      readonly p: number;
    }
  | InsufficientData;

/**
 * The exact null distribution of U for group sizes m and n without ties: element u is P(U = u),
 * u = 0..mn, by the recurrence on the largest observation
 * f_{m,n}(u) = m/(m+n)·f_{m-1,n}(u-n) + n/(m+n)·f_{m,n-1}(u) (Mann & Whitney 1947), computed in
 * probabilities so nothing overflows.
 */
export function mannWhitneyDistribution(m: number, n: number): readonly number[] {
  // previous[j] is f_{i-1, j}; row i is built for j = 0..n.
  let previous: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const current: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const fromLarger = previous[j] as number[]; // f_{i-1, j}
      const fromSmaller = current[j - 1] as number[]; // f_{i, j-1}
      const pi = i / (i + j);
      const pj = j / (i + j);
      const dist = new Array<number>(i * j + 1).fill(0);
      fromLarger.forEach((prob, u) => {
        dist[u + j] = (dist[u + j] as number) + pi * prob;
      });
      fromSmaller.forEach((prob, u) => {
        dist[u] = (dist[u] as number) + pj * prob;
      });
      current.push(dist);
    }
    previous = current;
  }
  return previous[n] as number[];
}

/**
 * Mann-Whitney U test of a against b (Mann & Whitney 1947; R `wilcox.test`). Normal approximation:
 * z = (U₁ - n₁n₂/2 - ½·sign) / √(n₁n₂/12 · ((N+1) - Σ(t³-t)/(N(N-1)))), two-sided.
 * `insufficient_data` when a group is empty, a value is not finite, or all values are tied.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const bad = nonFinite(a, 'a') ?? nonFinite(b, 'b');
  if (bad !== undefined) return bad;
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return insufficient(`each group needs at least one value, got ${n1} and ${n2}`);
  const { ranks, tieSizes } = rankWithTies([...a, ...b]);
  if (tieSizes.length === 1) return insufficient('every value is the same: there is nothing to rank');
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i] as number;
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const base = { kind: 'ok', n1, n2, u1, u2 } as const;
  const ties = tieSizes.some((t) => t > 1);
  if (n1 < MANN_WHITNEY_EXACT_LIMIT && n2 < MANN_WHITNEY_EXACT_LIMIT && !ties) {
    const dist = mannWhitneyDistribution(n1, n2);
    let tail = 0;
    if (u1 > (n1 * n2) / 2) {
      for (let u = u1; u < dist.length; u++) tail += dist[u] as number;
    } else {
      for (let u = 0; u <= u1; u++) tail += dist[u] as number;
    }
    return { ...base, method: 'exact', z: null, p: Math.min(1, 2 * tail) };
  }
  const total = n1 + n2;
  const tieTerm = tieSizes.reduce((acc, t) => acc + (t * t * t - t), 0) / (total * (total - 1));
  const sigma = Math.sqrt(((n1 * n2) / 12) * (total + 1 - tieTerm));
  const centred = u1 - (n1 * n2) / 2;
  const z = (centred - 0.5 * Math.sign(centred)) / sigma;
  return { ...base, method: 'normal_approximation', z, p: normalTwoSidedP(z) };
}
