/**
 * Descriptive statistics, and the result vocabulary shared by every evaluation function: results
 * are `{ kind: 'ok', ... }` or `{ kind: 'insufficient_data', reason }`, never NaN. Invalid
 * parameters (a confidence level outside (0, 1), a negative MID) are programming or configuration
 * errors and throw a `validation_failed` DomainError. Formulas and sources: docs/statistics.md.
 */
import { validationError } from '../errors.js';

/** Returned instead of a number when the data cannot support the statistic (never NaN). */
export interface InsufficientData {
  readonly kind: 'insufficient_data';
  readonly reason: string;
}

/** A two-sided confidence interval at `level` (e.g. 0.95). */
export interface ConfidenceInterval {
  readonly level: number;
  readonly lower: number;
  readonly upper: number;
}

/** Builds an `insufficient_data` result. */
export function insufficient(reason: string): InsufficientData {
  return { kind: 'insufficient_data', reason };
}

/** The default confidence level, 95%. */
export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

/** Checks a confidence level is strictly between 0 and 1; throws `validation_failed` otherwise. */
export function requireConfidenceLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw validationError([
      { path: 'confidenceLevel', rule: 'open_unit_interval', message: `must be in (0, 1), got ${level}` },
    ]);
  }
}

/**
 * Reports the first value that is not a finite number, as `insufficient_data` naming the series
 * and position, or undefined when all are finite.
 */
export function nonFinite(values: readonly number[], name: string): InsufficientData | undefined {
  const index = values.findIndex((v) => !Number.isFinite(v));
  return index < 0 ? undefined : insufficient(`${name}[${index}] is not a finite number (${values[index]})`);
}

/**
 * Paired differences follow-up - baseline, or `insufficient_data` when the series differ in length
 * or contain a non-finite value.
 */
export function pairedDifferences(
  baseline: readonly number[],
  followUp: readonly number[],
): { readonly kind: 'ok'; readonly differences: readonly number[] } | InsufficientData {
  if (baseline.length !== followUp.length) {
    return insufficient(
      `baseline and follow-up must be paired: ${baseline.length} baseline and ${followUp.length} follow-up values`,
    );
  }
  const bad = nonFinite(baseline, 'baseline') ?? nonFinite(followUp, 'followUp');
  if (bad !== undefined) return bad;
  return { kind: 'ok', differences: baseline.map((b, i) => (followUp[i] as number) - b) };
}

/** Arithmetic mean (n >= 1; the caller checks). Sums with Neumaier compensation for accuracy. */
export function meanOf(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + compensation) / values.length;
}

/** Sample variance with denominator n - 1, two-pass about the mean (n >= 2; the caller checks). */
export function sampleVariance(values: readonly number[], mean: number = meanOf(values)): number {
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return ss / (values.length - 1);
}

/**
 * Quantile of sorted data by Hyndman & Fan (1996) definition 7 (the default of R `quantile`, and
 * of Excel QUARTILE.INC): h = (n - 1) p, Q = x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋]) (0-based).
 * Expects a non-empty ascending array and 0 <= p <= 1.
 */
export function quantileType7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return below + (h - lo) * (above - below);
}

/** Descriptive statistics of one series. `sd` is null when n = 1 (a sample SD needs two values). */
export type DescriptiveResult =
  | {
      readonly kind: 'ok';
      readonly n: number;
      readonly mean: number;
      readonly sd: number | null;
      readonly median: number;
      readonly q1: number;
      readonly q3: number;
      readonly iqr: number;
      readonly min: number;
      readonly max: number;
    }
  | InsufficientData;

/**
 * n, mean, sample SD (n - 1), median, quartiles and IQR (Hyndman & Fan type 7), min and max of
 * one series, e.g. the SWEMWBS metric scores at baseline. `insufficient_data` when empty.
 */
export function describe(values: readonly number[]): DescriptiveResult {
  if (values.length === 0) return insufficient('no values');
  const bad = nonFinite(values, 'values');
  if (bad !== undefined) return bad;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = meanOf(values);
  const q1 = quantileType7(sorted, 0.25);
  const q3 = quantileType7(sorted, 0.75);
  return {
    kind: 'ok',
    n: values.length,
    mean,
    sd: values.length < 2 ? null : Math.sqrt(sampleVariance(values, mean)),
    median: quantileType7(sorted, 0.5),
    q1,
    q3,
    iqr: q3 - q1,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/** Average ranks (1-based, ties get the mean of their ranks) and the sizes of the tie groups. */
export interface Ranking {
  readonly ranks: readonly number[];
  readonly tieSizes: readonly number[];
}

/** Ranks values with mid-ranks for ties (as R `rank(ties.method = "average")`). */
export function rankWithTies(values: readonly number[]): Ranking {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}
