import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pairedChange } from './paired-change.js';

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

// Cushny & Peebles sleep data as analysed by Student (1908), R `datasets::sleep`: extra hours of
// sleep with drug 1 (treated here as baseline) and drug 2 (follow-up) in the same ten patients.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('pairedChange (paired t-test)', () => {
  it('sleep data: R t.test(paired = TRUE) prints t = 4.0621, df = 9, p = 0.002833, CI 0.7001142 to 2.4598858', () => {
    const r = pairedChange(SLEEP_1, SLEEP_2);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    // Published (R documentation output, 4-7 significant digits).
    expect(r.t.toFixed(4)).toBe('4.0621');
    expect(r.p.toFixed(6)).toBe('0.002833');
    expect(r.ci.lower.toFixed(7)).toBe('0.7001142');
    expect(r.ci.upper.toFixed(7)).toBe('2.4598858');
    // mpmath (50 digits) from the formulas, exact decimal inputs.
    expect(r.n).toBe(10);
    expect(r.df).toBe(9);
    expectClose(r.meanBaseline, 0.75, 1e-14);
    expectClose(r.meanFollowUp, 2.33, 1e-14);
    expectClose(r.meanDifference, 1.58, 1e-14);
    expectClose(r.sdDifference, '1.2299954832798732228', 1e-13);
    expectClose(r.standardError, '0.38895872388839524381', 1e-13);
    expectClose(r.t, '4.0621276833820361097', 1e-13);
    expectClose(r.p, '0.0028328901973842727403', 1e-11);
    expectClose(r.ci.lower, '0.70011423672301741265', 1e-12);
    expectClose(r.ci.upper, '2.4598857632769825874', 1e-12);
    expect(r.ci.level).toBe(0.95);
  });

  it('a 90% interval is narrower', () => {
    const r95 = pairedChange(SLEEP_1, SLEEP_2);
    const r90 = pairedChange(SLEEP_1, SLEEP_2, { confidenceLevel: 0.9 });
    if (r95.kind !== 'ok' || r90.kind !== 'ok') throw new Error('expected ok');
    expect(r90.ci.upper - r90.ci.lower).toBeLessThan(r95.ci.upper - r95.ci.lower);
  });

  it('edge cases return insufficient_data, never NaN', () => {
    expect(pairedChange([], [])).toMatchObject({ kind: 'insufficient_data' });
    expect(pairedChange([3], [5])).toMatchObject({
      kind: 'insufficient_data',
      reason: containing('2 pairs'),
    });
    expect(pairedChange([1, 2], [3, 4])).toMatchObject({
      kind: 'insufficient_data',
      reason: containing('SD'),
    });
    expect(pairedChange([1, 2, 3], [1, 2])).toMatchObject({ kind: 'insufficient_data' });
    expect(pairedChange([1, 2, 3], [1, 2, Number.NaN])).toMatchObject({ kind: 'insufficient_data' });
  });

  it('n = 2 with different changes works (df = 1)', () => {
    // d = (1, 3): mean 2, SD √2, SE 1, t = 2, df = 1: p = 1 - 2·atan(2)/π (Cauchy).
    const r = pairedChange([0, 0], [1, 3]);
    if (r.kind !== 'ok') throw new Error('expected ok');
    expectClose(r.t, 2, 1e-15);
    expectClose(r.p, 1 - (2 * Math.atan(2)) / Math.PI, 1e-13);
  });

  it('rejects a confidence level outside (0, 1)', () => {
    expect(() => pairedChange(SLEEP_1, SLEEP_2, { confidenceLevel: 95 })).toThrow(/confidenceLevel/);
  });

  it('property: adding the same constant to everyone at follow-up shifts the mean change and leaves SD alone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 14, max: 70 }), fc.integer({ min: 14, max: 70 })), {
          minLength: 3,
          maxLength: 40,
        }),
        fc.integer({ min: -5, max: 5 }),
        (pairs, shift) => {
          const base = pairs.map(([b]) => b);
          const follow = pairs.map(([, f]) => f);
          const r1 = pairedChange(base, follow);
          const r2 = pairedChange(
            base,
            follow.map((f) => f + shift),
          );
          if (r1.kind !== 'ok' || r2.kind !== 'ok') return r1.kind === r2.kind;
          expectClose(r2.meanDifference, r1.meanDifference + shift, 1e-9);
          expectClose(r2.sdDifference, r1.sdDifference, 1e-9);
          return (
            r1.p >= 0 && r1.p <= 1 && r1.ci.lower <= r1.meanDifference && r1.meanDifference <= r1.ci.upper
          );
        },
      ),
    );
  });
});
