/**
 * Wilcoxon signed-rank test for paired ordinal or non-normal change (for example single ONS4 items
 * or the UCLA-3; ../shared/standards/instruments.md section 5.1). Follows R `wilcox.test(paired =
 * TRUE)`: zero differences are dropped (Wilcoxon's method); the exact null distribution is used when
 * fewer than 50 non-zero differences remain and there are no ties or zeros, otherwise the normal
 * approximation with tie and continuity corrections. Differences are rounded to 9 decimal places
 * before ranking so equal changes in decimal scores tie. Formulas: docs/statistics.md.
 */
import type { InsufficientData } from './descriptive.js';
import { insufficient, pairedDifferences, rankWithTies } from './descriptive.js';
import { normalTwoSidedP } from './distributions.js';

/** The exact method is used below this many non-zero differences (as R). */
export const WILCOXON_EXACT_LIMIT = 50;

/** Differences are rounded to 1/DIFFERENCE_SCALE (9 decimal places) before ranking. */
export const DIFFERENCE_SCALE = 1e9;

/** Result of the signed-rank test. V (`wPlus`) is the sum of ranks of positive differences. */
export type WilcoxonResult =
  | {
      readonly kind: 'ok';
      /** Number of pairs given. */
      readonly n: number;
      /** Non-zero differences used in the test. */
      readonly nNonZero: number;
      readonly nZero: number;
      readonly wPlus: number;
      readonly wMinus: number;
      readonly method: 'exact' | 'normal_approximation';
      /** The corrected z statistic (normal approximation only). */
      readonly z: number | null;
      /** Two-sided p-value. */
      readonly p: number;
    }
  | InsufficientData;

/**
 * The exact null distribution of the signed-rank statistic V for n untied non-zero differences:
 * element v is P(V = v), v = 0..n(n+1)/2. Dynamic programming over ranks: the number of subsets of
 * {1..n} with sum v, c_k(v) = c_{k-1}(v) + c_{k-1}(v - k), divided by 2^n (Wilcoxon 1945; Hollander
 * & Wolfe 1999, §3.1). Counts stay exact integers in doubles for n < 50.
 */
export function signedRankDistribution(n: number): readonly number[] {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let v = (k * (k + 1)) / 2; v >= k; v--) {
      counts[v] = (counts[v] as number) + (counts[v - k] as number);
    }
  }
  const total = 2 ** n;
  return counts.map((c) => c / total);
}

function exactTwoSidedP(v: number, n: number): number {
  const dist = signedRankDistribution(n);
  let tail = 0;
  // As R: the upper tail P(V >= v) above the centre, else the lower tail P(V <= v); doubled, capped at 1.
  if (v > (n * (n + 1)) / 4) {
    for (let k = v; k < dist.length; k++) tail += dist[k] as number;
  } else {
    for (let k = 0; k <= v; k++) tail += dist[k] as number;
  }
  return Math.min(1, 2 * tail);
}

/**
 * Wilcoxon signed-rank test of follow-up against baseline (Wilcoxon 1945; R `wilcox.test`).
 * Normal approximation: z = (V - n(n+1)/4 - ½·sign) / √(n(n+1)(2n+1)/24 - Σ(t³-t)/48), two-sided.
 * `insufficient_data` when there are no pairs, the series are not paired, a value is not finite, or
 * every difference is zero.
 */
export function wilcoxonSignedRank(baseline: readonly number[], followUp: readonly number[]): WilcoxonResult {
  const paired = pairedDifferences(baseline, followUp);
  if (paired.kind === 'insufficient_data') return paired;
  const n = paired.differences.length;
  if (n === 0) return insufficient('no pairs');
  // Round to 9 decimal places so that equal changes in decimal scores tie (13.33 - 7 is 6.33 but
  // 23.21 - 16.88 is 6.330000000000002 in binary floating point), then drop zeros.
  const nonZero = paired.differences
    .map((d) => (Math.sign(d) * Math.round(Math.abs(d) * DIFFERENCE_SCALE)) / DIFFERENCE_SCALE)
    .filter((d) => d !== 0);
  const m = nonZero.length;
  if (m === 0) return insufficient('every difference is zero: there is nothing to rank');
  const { ranks, tieSizes } = rankWithTies(nonZero.map(Math.abs));
  let wPlus = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) wPlus += ranks[i] as number;
  });
  const wMinus = (m * (m + 1)) / 2 - wPlus;
  const ties = tieSizes.some((t) => t > 1);
  const base = { kind: 'ok', n, nNonZero: m, nZero: n - m, wPlus, wMinus } as const;
  if (m < WILCOXON_EXACT_LIMIT && !ties && m === n) {
    return { ...base, method: 'exact', z: null, p: exactTwoSidedP(wPlus, m) };
  }
  const centred = wPlus - (m * (m + 1)) / 4;
  const tieTerm = tieSizes.reduce((acc, t) => acc + (t * t * t - t), 0) / 48;
  const sigma = Math.sqrt((m * (m + 1) * (2 * m + 1)) / 24 - tieTerm);
  const z = (centred - 0.5 * Math.sign(centred)) / sigma;
  return { ...base, method: 'normal_approximation', z, p: normalTwoSidedP(z) };
}
