import { describe as suite, expect, it } from 'vitest';
import fc from 'fast-check';
import { jStat } from 'jstat';
import {
  describe,
  insufficient,
  meanOf,
  nonFinite,
  pairedDifferences,
  quantileType7,
  rankWithTies,
  requireConfidenceLevel,
  sampleVariance,
} from './descriptive.js';

/** An asymmetric matcher for a reason that mentions `text`. */
const containing = (text: string): unknown => expect.stringContaining(text);

/**
 * |actual - expected| <= tol · |expected| (absolute when expected is 0). References with more digits
 * than a double holds are written as strings.
 */
function expectClose(actual: number, expectedValue: number | string, tol = 1e-9): void {
  const expected = Number(expectedValue);
  const scale = expected === 0 ? 1 : Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tol * scale)) {
    throw new Error(
      `expected ${expected}, got ${actual} (relative error ${Math.abs(actual - expected) / scale})`,
    );
  }
}

// SWEMWBS metric scores of eight people (values from the conversion table).
const SCORES = [17.43, 19.25, 14.08, 21.54, 18.59, 16.36, 23.21, 19.98];

suite('describe', () => {
  it('matches mpmath (50 digits) for mean, SD, median, quartiles and IQR', () => {
    // mpmath: mean = Σx/n; sd = √(Σ(x-x̄)²/(n-1)); type-7 quantiles from the sorted exact decimals.
    const result = describe(SCORES);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.n).toBe(8);
    expectClose(result.mean, 18.805, 1e-14);
    expectClose(result.sd!, '2.8958936444558871265', 1e-14);
    expectClose(result.median, 18.92, 1e-14);
    expectClose(result.q1, 17.1625, 1e-14);
    expectClose(result.q3, 20.37, 1e-14);
    expectClose(result.iqr, 3.2075, 1e-13);
    expect(result.min).toBe(14.08);
    expect(result.max).toBe(23.21);
  });

  it('matches jStat (mean, sample SD, inclusive percentiles = type 7)', () => {
    const result = describe(SCORES);
    if (result.kind !== 'ok') throw new Error('expected ok');
    expectClose(result.mean, jStat.mean(SCORES));
    expectClose(result.sd!, jStat.stdev(SCORES, true));
    expectClose(result.median, jStat.median(SCORES));
    expectClose(result.q1, jStat.percentile(SCORES, 0.25));
    expectClose(result.q3, jStat.percentile(SCORES, 0.75));
  });

  it('n = 0 is insufficient; n = 1 has no SD; n = 2 and all-equal values are fine', () => {
    expect(describe([])).toEqual({ kind: 'insufficient_data', reason: 'no values' });
    expect(describe([7])).toMatchObject({ kind: 'ok', n: 1, mean: 7, sd: null, median: 7, iqr: 0 });
    expect(describe([1, 2])).toMatchObject({ kind: 'ok', mean: 1.5, median: 1.5, q1: 1.25, q3: 1.75 });
    expect(describe([4, 4, 4])).toMatchObject({ kind: 'ok', sd: 0, iqr: 0 });
  });

  it('reports a non-finite value instead of returning NaN', () => {
    expect(describe([1, Number.NaN])).toEqual({
      kind: 'insufficient_data',
      reason: 'values[1] is not a finite number (NaN)',
    });
  });

  // jStat.percentile stops interpolating when the upper neighbour is the last value (it returns
  // -1 for the lower quartile of [-1, 0], where type 7 gives -0.75), so the property uses n >= 3
  // and compares the lower quartile only.
  it('property: matches jStat on random data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 60 }),
        (values) => {
          const result = describe(values);
          if (result.kind !== 'ok') return false;
          expectClose(result.mean, jStat.mean(values), 1e-12);
          expectClose(result.sd!, jStat.stdev(values, true), 1e-9);
          expectClose(result.q1, jStat.percentile(values, 0.25), 1e-12);
          return true;
        },
      ),
    );
  });
});

suite('building blocks', () => {
  it('meanOf keeps precision with compensated summation', () => {
    expect(meanOf([1e16, 1, -1e16, 1])).toBe(0.5);
    expect(meanOf([1, 1e16, 1, -1e16])).toBe(0.5);
  });

  it('sampleVariance uses n - 1', () => {
    expect(sampleVariance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 15);
  });

  it('quantileType7 interpolates (Hyndman & Fan 1996, definition 7)', () => {
    expect(quantileType7([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileType7([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileType7([5], 0.5)).toBe(5);
  });

  it('rankWithTies gives mid-ranks and tie sizes (as R rank)', () => {
    expect(rankWithTies([10, 20, 10, 30, 20, 20])).toEqual({
      ranks: [1.5, 4, 1.5, 6, 4, 4],
      tieSizes: [2, 3, 1],
    });
    expect(rankWithTies([])).toEqual({ ranks: [], tieSizes: [] });
  });

  it('pairedDifferences checks pairing and finiteness', () => {
    expect(pairedDifferences([1, 2], [3, 5])).toEqual({ kind: 'ok', differences: [2, 3] });
    expect(pairedDifferences([1], [3, 5])).toMatchObject({ kind: 'insufficient_data' });
    expect(pairedDifferences([1, Number.POSITIVE_INFINITY], [3, 5])).toMatchObject({
      reason: 'baseline[1] is not a finite number (Infinity)',
    });
    expect(pairedDifferences([1, 2], [3, Number.NaN])).toMatchObject({
      reason: containing('followUp[1]'),
    });
  });

  it('nonFinite, insufficient and requireConfidenceLevel', () => {
    expect(nonFinite([1, 2], 'x')).toBeUndefined();
    expect(insufficient('why')).toEqual({ kind: 'insufficient_data', reason: 'why' });
    expect(() => {
      requireConfidenceLevel(1);
    }).toThrow(/confidenceLevel|must be in/);
    expect(() => {
      requireConfidenceLevel(0.9);
    }).not.toThrow();
  });
});
