import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mannWhitneyDistribution, mannWhitneyU, welchT } from './two-group.js';

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

/** P(U <= u) for group sizes m, n by enumerating all rank subsets (independent of the recurrence). */
function bruteForceCdf(u: number, m: number, n: number): number {
  let total = 0;
  let below = 0;
  const choose = (start: number, left: number, sum: number): void => {
    if (left === 0) {
      total++;
      if (sum - (m * (m + 1)) / 2 <= u) below++;
      return;
    }
    for (let r = start; r <= m + n - left + 1; r++) choose(r + 1, left - 1, sum + r);
  };
  choose(1, m, 0);
  return below / total;
}

describe('welchT', () => {
  it('sleep data as two groups: R t.test prints t = -1.8608, df = 17.776, p = 0.07939, CI -3.3654832 to 0.2054832', () => {
    const r = welchT(SLEEP_1, SLEEP_2);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.t.toFixed(4)).toBe('-1.8608');
    expect(r.df.toFixed(3)).toBe('17.776');
    expect(r.p.toFixed(5)).toBe('0.07939');
    expect(r.ci.lower.toFixed(7)).toBe('-3.3654832');
    expect(r.ci.upper.toFixed(7)).toBe('0.2054832');
    // mpmath (50 digits); scipy.stats.ttest_ind(equal_var=False) agrees (p 0.0793941401873583).
    expectClose(r.t, '-1.8608134674868531015', 1e-13);
    expectClose(r.df, '17.776473516178490143', 1e-13);
    expectClose(r.p, '0.079394140187358138337', 1e-12);
    expectClose(r.standardError, '0.84909101723876195742', 1e-13);
    expectClose(r.ci.lower, '-3.3654832307117105856', 1e-12);
    expectClose(r.ci.upper, '0.20548323071171058559', 1e-12);
    expectClose(r.sd1, '1.7890096577591624493', 1e-13);
    expectClose(r.sd2, '2.0022487357968290149', 1e-13);
    expect(r.meanDifference).toBeCloseTo(-1.58, 14);
  });

  it('one group with SD 0 gives df = n - 1 of the other', () => {
    const r = welchT([5, 5, 5], [1, 2, 3, 4]);
    expect(r.kind === 'ok' && r.df).toBeCloseTo(3, 12);
  });

  it('edge cases: fewer than 2 per group, both SDs 0, non-finite values', () => {
    expect(welchT([1], [2, 3])).toMatchObject({ kind: 'insufficient_data' });
    expect(welchT([1, 2], [])).toMatchObject({ kind: 'insufficient_data' });
    expect(welchT([1, 1], [2, 2])).toMatchObject({
      kind: 'insufficient_data',
      reason: containing('SD 0'),
    });
    expect(welchT([1, Number.NaN], [2, 3])).toMatchObject({
      kind: 'insufficient_data',
      reason: containing('a[1]'),
    });
    expect(welchT([1, 2], [2, Number.NaN])).toMatchObject({
      kind: 'insufficient_data',
      reason: containing('b[1]'),
    });
    expect(() => welchT([1, 2], [3, 4], { confidenceLevel: -1 })).toThrow(/confidenceLevel/);
  });
});

describe('mannWhitneyDistribution', () => {
  it('m = 2, n = 2 by hand: U = 0..4 with counts 1,1,2,1,1 of 6', () => {
    const dist = mannWhitneyDistribution(2, 2);
    [1, 1, 2, 1, 1].forEach((c, u) => {
      expectClose(dist[u]!, c / 6, 1e-15);
    });
  });

  it('matches enumeration of rank subsets for all m, n <= 7', () => {
    for (let m = 1; m <= 7; m++) {
      for (let n = 1; n <= 7; n++) {
        const dist = mannWhitneyDistribution(m, n);
        let cdf = 0;
        dist.forEach((p, u) => {
          cdf += p;
          expectClose(cdf, bruteForceCdf(u, m, n), 1e-12);
        });
      }
    }
  });

  it('an empty group gives the point mass at 0', () => {
    expect(mannWhitneyDistribution(0, 3)).toEqual([1]);
    expect(mannWhitneyDistribution(3, 0)).toEqual([1]);
  });
});

describe('mannWhitneyU', () => {
  it('R wilcox.test example (no ties, exact): W = 35, one-sided p = 0.1272; two-sided 2·382/3003', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = mannWhitneyU(x, y);
    expect(r).toMatchObject({ kind: 'ok', n1: 10, n2: 5, u1: 35, u2: 15, method: 'exact', z: null });
    // Exact rational from enumerating all C(15,10) = 3003 rank sets in Python.
    if (r.kind === 'ok') expectClose(r.p, (2 * 382) / 3003, 1e-13);
    const swapped = mannWhitneyU(y, x);
    if (swapped.kind === 'ok' && r.kind === 'ok') {
      expect(swapped.u1).toBe(15);
      expectClose(swapped.p, r.p, 1e-13);
    }
  });

  it('sleep data (ties): R wilcox.test prints W = 25.5, p-value = 0.06933', () => {
    const r = mannWhitneyU(SLEEP_1, SLEEP_2);
    expect(r).toMatchObject({ kind: 'ok', u1: 25.5, method: 'normal_approximation' });
    if (r.kind !== 'ok') return;
    expect(r.p.toFixed(5)).toBe('0.06933');
    // mpmath; scipy.stats.mannwhitneyu(method='asymptotic') agrees (0.06932757543362658).
    expectClose(r.z!, '-1.816279061913681729', 1e-13);
    expectClose(r.p, '0.069327575433626577345', 1e-12);
  });

  it('integer scores with many ties (mpmath; scipy gives 0.017994900393525304)', () => {
    const r = mannWhitneyU([3, 4, 4, 5, 6, 6, 6, 7, 9], [5, 6, 7, 7, 8, 8, 9, 9, 9, 9]);
    expect(r).toMatchObject({ kind: 'ok', u1: 16, method: 'normal_approximation' });
    if (r.kind !== 'ok') return;
    expectClose(r.z!, '-2.3657230421668862874', 1e-13);
    expectClose(r.p, '0.017994900393525330737', 1e-12);
  });

  it('50 in a group without ties uses the normal approximation (mpmath)', () => {
    const a = Array.from({ length: 50 }, (_, i) => (2 * i) / 10);
    const b = Array.from({ length: 40 }, (_, i) => (2 * i + 1) / 10 + 3);
    const r = mannWhitneyU(a, b);
    expect(r).toMatchObject({ kind: 'ok', u1: 595, method: 'normal_approximation' });
    if (r.kind !== 'ok') return;
    expectClose(r.z!, '-3.2845316791969523716', 1e-13);
    expectClose(r.p, '0.0010215201345441133757', 1e-12);
  });

  it('edge cases: an empty group, all values tied, non-finite, n = 1 each', () => {
    expect(mannWhitneyU([], [1, 2])).toMatchObject({ kind: 'insufficient_data' });
    expect(mannWhitneyU([1, 2], [])).toMatchObject({ kind: 'insufficient_data' });
    expect(mannWhitneyU([4, 4], [4, 4, 4])).toMatchObject({
      kind: 'insufficient_data',
      reason: containing('same'),
    });
    expect(mannWhitneyU([Number.NaN], [1])).toMatchObject({ kind: 'insufficient_data' });
    expect(mannWhitneyU([1], [2])).toMatchObject({ kind: 'ok', u1: 0, method: 'exact', p: 1 });
  });

  it('property: U1 + U2 = n1·n2 and p is in (0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }),
        (a, b) => {
          const r = mannWhitneyU(a, b);
          if (r.kind !== 'ok') return new Set([...a, ...b]).size === 1;
          return r.u1 + r.u2 === a.length * b.length && r.p > 0 && r.p <= 1;
        },
      ),
    );
  });
});
