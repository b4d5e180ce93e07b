import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilsonInterval } from './proportion.js';

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

describe('wilsonInterval', () => {
  // Newcombe (1998) Stat Med 17:857-872, Table II, method 3 (Wilson score, no continuity
  // correction), printed to 4 decimals; and mpmath (50 digits) from the same closed form.
  it.each([
    [81, 263, '0.2553', '0.3662', '0.25528851987827423534', '0.36620957698280005847'],
    [15, 148, '0.0624', '0.1605', '0.06238639953073628564', '0.16048724172330802545'],
    [0, 20, '0.0000', '0.1611', 0, '0.16112515805281933475'],
    [1, 29, '0.0061', '0.1718', '0.0061132142927626621798', '0.17175521879320284236'],
  ])('%i/%i: Newcombe %s to %s', (x, n, lo4, hi4, lo, hi) => {
    const r = wilsonInterval(x, n);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.ci.lower.toFixed(4)).toBe(lo4);
    expect(r.ci.upper.toFixed(4)).toBe(hi4);
    expectClose(r.ci.lower, lo, 1e-12);
    expectClose(r.ci.upper, hi, 1e-12);
    expect(r.proportion).toBe(x / n);
  });

  it('all successes: upper bound exactly 1 (mpmath lower 0.8830302015002592729)', () => {
    const r = wilsonInterval(29, 29);
    if (r.kind !== 'ok') throw new Error('expected ok');
    expect(r.ci.upper).toBe(1);
    expectClose(r.ci.lower, '0.8830302015002592729', 1e-12);
  });

  it('n = 0 is insufficient; invalid counts throw', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ kind: 'insufficient_data' });
    expect(() => wilsonInterval(3, 2)).toThrow(/successes/);
    expect(() => wilsonInterval(-1, 2)).toThrow(/successes/);
    expect(() => wilsonInterval(1.5, 2)).toThrow(/successes/);
    expect(() => wilsonInterval(1, 2.5)).toThrow(/successes/);
    expect(() => wilsonInterval(1, -2)).toThrow(/successes/);
    expect(() => wilsonInterval(1, 2, { confidenceLevel: 1.5 })).toThrow(/confidenceLevel/);
  });

  it('property: 0 <= lower <= p <= upper <= 1, symmetric under x -> n - x', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([x, n]) => {
          const r = wilsonInterval(x, n);
          const s = wilsonInterval(n - x, n);
          if (r.kind !== 'ok' || s.kind !== 'ok') return false;
          expect(Math.abs(r.ci.lower - (1 - s.ci.upper))).toBeLessThan(1e-12);
          return (
            0 <= r.ci.lower && r.ci.lower <= r.proportion && r.proportion <= r.ci.upper && r.ci.upper <= 1
          );
        },
      ),
    );
  });
});
