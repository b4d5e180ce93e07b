/**
 * Individual change: who reached the minimal important difference, and who changed reliably by
 * the Jacobson-Truax reliable change index (../shared/standards/instruments.md sections 5.3, 5.4).
 * Shares are reported with Wilson intervals over everyone with both scores. Formulas:
 * docs/statistics.md.
 */
import { validationError } from '../errors.js';
import type { ConfidenceInterval, InsufficientData } from './descriptive.js';
import {
  DEFAULT_CONFIDENCE_LEVEL,
  insufficient,
  meanOf,
  pairedDifferences,
  requireConfidenceLevel,
  sampleVariance,
} from './descriptive.js';
import { wilsonBounds } from './proportion.js';

/** Whether a higher score is better (matches the instrument measure's `direction`). */
export type ChangeDirection = 'higher_is_better' | 'lower_is_better';

/** How one person changed. */
export type ChangeCategory = 'improved' | 'deteriorated' | 'no_change';

/** A count with its share of the paired sample and the Wilson interval of that share. */
export interface Share {
  readonly count: number;
  readonly proportion: number;
  readonly ci: ConfidenceInterval;
}

/** Counts and shares of improved, deteriorated and unchanged people, and each person's category. */
export interface ChangeSummary {
  readonly n: number;
  readonly improved: Share;
  readonly deteriorated: Share;
  readonly noChange: Share;
  /** One category per pair, in input order. */
  readonly categories: readonly ChangeCategory[];
}

/**
 * The reliability used for the RCI: a coefficient r (test-retest or alpha; the SEM is then
 * SD_baseline·√(1 - r)) or a published SEM in score points. Instrument measures carry one.
 */
export type ReliabilityInput =
  { readonly kind: 'coefficient'; readonly value: number } | { readonly kind: 'sem'; readonly value: number };

/** Reliable change: the summary plus the inputs that produced the threshold. */
export type ReliableChangeResult =
  | (ChangeSummary & {
      readonly kind: 'ok';
      /** Baseline SD used for the SEM (null when a published SEM was given). */
      readonly sdBaseline: number | null;
      readonly sem: number;
      /** S_diff = √2 · SEM. */
      readonly sDiff: number;
      readonly criterion: number;
      /** The change in points needed to count as reliable: criterion · S_diff. */
      readonly threshold: number;
      /** Each person's RCI = (follow-up - baseline) / S_diff, in input order. */
      readonly rci: readonly number[];
    })
  | InsufficientData;

/** MID attainment: the summary plus the MID used. */
export type MidAttainmentResult =
  (ChangeSummary & { readonly kind: 'ok'; readonly mid: number }) | InsufficientData;

/** The Jacobson & Truax (1991) criterion: |RCI| > 1.96. */
export const JACOBSON_TRUAX_CRITERION = 1.96;

/** Changes within this many points of the MID count as reaching it (decimal table values). */
export const MID_TOLERANCE = 1e-9;

function share(count: number, n: number, level: number): Share {
  return { count, proportion: count / n, ci: wilsonBounds(count, n, level) };
}

function summarise(categories: readonly ChangeCategory[], level: number): ChangeSummary {
  const n = categories.length;
  const count = (c: ChangeCategory): number => categories.filter((x) => x === c).length;
  return {
    n,
    improved: share(count('improved'), n, level),
    deteriorated: share(count('deteriorated'), n, level),
    noChange: share(count('no_change'), n, level),
    categories,
  };
}

function requirePositive(value: number, path: string): void {
  if (!(value > 0 && Number.isFinite(value))) {
    throw validationError([{ path, rule: 'positive', message: `must be a positive number, got ${value}` }]);
  }
}

/**
 * Jacobson-Truax reliable change (Jacobson & Truax 1991, J Consult Clin Psychol 59:12-19; as given
 * at http://psyctc.org/stats/rcsc1.htm): SEM = SD₁·√(1 - r) (SD₁ the baseline sample SD) or a
 * published SEM; S_diff = √2·SEM; RCI = (x_post - x_pre)/S_diff; reliable when |RCI| > 1.96,
 * improved or deteriorated according to `direction`.
 *
 * `insufficient_data` when there are no pairs, the series are not paired or not finite, or (for a
 * coefficient) n < 2 or the baseline SD is 0. Throws `validation_failed` for a coefficient outside
 * (0, 1), a non-positive SEM or criterion.
 */
export function reliableChange(
  baseline: readonly number[],
  followUp: readonly number[],
  options: {
    readonly direction: ChangeDirection;
    readonly reliability: ReliabilityInput;
    readonly criterion?: number;
    readonly confidenceLevel?: number;
  },
): ReliableChangeResult {
  const level = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  const criterion = options.criterion ?? JACOBSON_TRUAX_CRITERION;
  requirePositive(criterion, 'criterion');
  const reliability = options.reliability;
  if (reliability.kind === 'coefficient' && !(reliability.value > 0 && reliability.value < 1)) {
    throw validationError([
      {
        path: 'reliability.value',
        rule: 'unit_interval',
        message: `must be in (0, 1), got ${reliability.value}`,
      },
    ]);
  }
  if (reliability.kind === 'sem') requirePositive(reliability.value, 'reliability.value');
  requireConfidenceLevel(level);
  const paired = pairedDifferences(baseline, followUp);
  if (paired.kind === 'insufficient_data') return paired;
  const d = paired.differences;
  if (d.length === 0) return insufficient('no pairs');

  let sdBaseline: number | null = null;
  let sem: number;
  if (reliability.kind === 'sem') {
    sem = reliability.value;
  } else {
    if (baseline.length < 2) return insufficient('the baseline SD needs at least 2 people');
    sdBaseline = Math.sqrt(sampleVariance(baseline, meanOf(baseline)));
    if (sdBaseline === 0) return insufficient('every baseline score is the same (SD 0), so the SEM is 0');
    sem = sdBaseline * Math.sqrt(1 - reliability.value);
  }
  const sDiff = Math.SQRT2 * sem;
  const sign = options.direction === 'higher_is_better' ? 1 : -1;
  const rci = d.map((change) => change / sDiff);
  const categories = rci.map((value): ChangeCategory => {
    const oriented = sign * value;
    if (oriented > criterion) return 'improved';
    if (oriented < -criterion) return 'deteriorated';
    return 'no_change';
  });
  return {
    kind: 'ok',
    ...summarise(categories, level),
    sdBaseline,
    sem,
    sDiff,
    criterion,
    threshold: criterion * sDiff,
    rci,
  };
}

/**
 * Share of people whose change reached the minimal important difference in the better direction
 * (improved: change >= MID), the worse direction (deteriorated: change <= -MID), or neither
 * (instruments.md 5.4: denominator = everyone with both scores). Changes within 1e-9 points of the
 * MID count as reaching it, so decimal table values differing by exactly the MID are not lost to
 * rounding. `insufficient_data` when there are no pairs; throws `validation_failed` for a
 * non-positive MID.
 */
export function midAttainment(
  baseline: readonly number[],
  followUp: readonly number[],
  options: { readonly direction: ChangeDirection; readonly mid: number; readonly confidenceLevel?: number },
): MidAttainmentResult {
  const level = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  requirePositive(options.mid, 'mid');
  requireConfidenceLevel(level);
  const paired = pairedDifferences(baseline, followUp);
  if (paired.kind === 'insufficient_data') return paired;
  if (paired.differences.length === 0) return insufficient('no pairs');
  const sign = options.direction === 'higher_is_better' ? 1 : -1;
  const reach = options.mid - MID_TOLERANCE;
  const categories = paired.differences.map((change): ChangeCategory => {
    const oriented = sign * change;
    if (oriented >= reach) return 'improved';
    if (oriented <= -reach) return 'deteriorated';
    return 'no_change';
  });
  return { kind: 'ok', ...summarise(categories, level), mid: options.mid };
}
