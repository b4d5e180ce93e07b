/**
 * Proportions with Wilson score confidence intervals, for shares such as "reached the MID" or
 * "reliably improved" (../shared/standards/instruments.md section 5.4). Formulas:
 * docs/statistics.md.
 */
import { validationError } from '../errors.js';
import type { ConfidenceInterval, InsufficientData } from './descriptive.js';
import { DEFAULT_CONFIDENCE_LEVEL, insufficient, requireConfidenceLevel } from './descriptive.js';
import { normalQuantile } from './distributions.js';

/** A proportion x/n with its Wilson interval. */
export type ProportionResult =
  | {
      readonly kind: 'ok';
      readonly successes: number;
      readonly n: number;
      readonly proportion: number;
      readonly ci: ConfidenceInterval;
    }
  | InsufficientData;

/**
 * The proportion x/n with the Wilson (1927) score interval without continuity correction, in the
 * closed form of Newcombe (1998, Stat Med 17:857-872, method 3):
 * (2x + z² ± z√(z² + 4x(n-x)/n)) / (2(n + z²)), z = Φ⁻¹(1 - α/2). Bounds are clamped to [0, 1]
 * and to contain x/n against rounding. `insufficient_data` when n = 0; throws `validation_failed` when x or n is not a
 * whole number or x is outside 0..n.
 */
export function wilsonInterval(
  successes: number,
  n: number,
  options: { readonly confidenceLevel?: number } = {},
): ProportionResult {
  const level = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  requireConfidenceLevel(level);
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n) {
    throw validationError([
      {
        path: 'successes',
        rule: 'count',
        message: `need whole numbers 0 <= successes <= n, got ${successes}/${n}`,
      },
    ]);
  }
  if (n === 0) return insufficient('no observations (n = 0)');
  return {
    kind: 'ok',
    successes,
    n,
    proportion: successes / n,
    ci: wilsonBounds(successes, n, level),
  };
}

/**
 * The Wilson score interval for x successes out of n >= 1 (see `wilsonInterval`, which checks its
 * inputs; this one does not).
 */
export function wilsonBounds(successes: number, n: number, level: number): ConfidenceInterval {
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const root = z * Math.sqrt(z2 + (4 * successes * (n - successes)) / n);
  const denominator = 2 * (n + z2);
  // Rounding can leave a bound a hair past 0, 1 or x/n; the exact interval never is.
  const proportion = successes / n;
  return {
    level,
    lower: Math.max(0, Math.min(proportion, (2 * successes + z2 - root) / denominator)),
    upper: Math.min(1, Math.max(proportion, (2 * successes + z2 + root) / denominator)),
  };
}
