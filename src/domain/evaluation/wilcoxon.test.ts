import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signedRankDistribution, wilcoxonSignedRank } from './wilcoxon.js';

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

/** P(V <= v) for n untied ranks by brute force over all 2^n sign patterns (independent of the DP). */
function bruteForceCdf(v: number, n: number): number {
  let count = 0;
  for (let mask = 0; mask < 2 ** n; mask++) {
    let sum = 0;
    for (let k = 0; k < n; k++) if ((mask >> k) & 1) sum += k + 1;
    if (sum <= v) count++;
  }
  return count / 2 ** n;
}

describe('signedRankDistribution (exact null distribution by dynamic programming)', () => {
  it('n = 3 by hand: subsets of {1,2,3} by sum 0..6 are 1,1,1,2,1,1,1 of 8', () => {
    expect(signedRankDistribution(3)).toEqual([1, 1, 1, 2, 1, 1, 1].map((c) => c / 8));
  });

  it('n = 0 is the point mass at 0', () => {
    expect(signedRankDistribution(0)).toEqual([1]);
  });

  it('matches brute-force enumeration for n = 1..12 at every v', () => {
    for (let n = 1; n <= 12; n++) {
      const dist = signedRankDistribution(n);
      let cdf = 0;
      dist.forEach((p, v) => {
        cdf += p;
        expectClose(cdf, bruteForceCdf(v, n), 1e-13);
      });
    }
  });

  it('property: sums to 1 and is symmetric about n(n+1)/4', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 49 }), (n) => {
        const dist = signedRankDistribution(n);
        expectClose(
          dist.reduce((a, b) => a + b, 0),
          1,
          1e-12,
        );
        return dist.every((p, v) => p === dist[dist.length - 1 - v]);
      }),
    );
  });
});

describe('wilcoxonSignedRank', () => {
  it('Hollander & Wolfe depression data (R wilcox.test example): exact, V = 40 one-sided p = 0.01953', () => {
    // R: wilcox.test(x, y, paired = TRUE, alternative = "greater") gives V = 40, p-value = 0.01953.
    // Here follow-up y minus baseline x, so W+ = 45 - 40 = 5; two-sided p = 2 · 5/256 = 5/128
    // (exact rational by enumerating the 512 sign patterns in Python).
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    expect(wilcoxonSignedRank(x, y)).toEqual({
      kind: 'ok',
      n: 9,
      nNonZero: 9,
      nZero: 0,
      wPlus: 5,
      wMinus: 40,
      method: 'exact',
      z: null,
      p: 5 / 128,
    });
    expect(wilcoxonSignedRank(y, x)).toMatchObject({ wPlus: 40, p: 5 / 128 });
  });

  it('sleep data (one zero, one tie): normal approximation, R p-value = 0.009091', () => {
    const r = wilcoxonSignedRank(SLEEP_1, SLEEP_2);
    expect(r).toMatchObject({ kind: 'ok', n: 10, nNonZero: 9, nZero: 1, wPlus: 45, wMinus: 0 });
    if (r.kind !== 'ok') return;
    expect(r.method).toBe('normal_approximation');
    expect(r.p.toFixed(6)).toBe('0.009091');
    // mpmath: z = (45 - 22.5 - 0.5)/√(9·10·19/24 - (2³-2)/48); p = erfc(|z|/√2).
    expectClose(r.z!, '2.6086243336065097416', 1e-13);
    expectClose(r.p, '0.0090906980159250620363', 1e-12);
  });

  it('UCLA-3 totals with ties and zeros (mpmath; scipy.stats.wilcoxon gives 0.0403197213958959)', () => {
    const r = wilcoxonSignedRank([7, 6, 8, 5, 9, 7, 6, 8, 7, 5], [5, 6, 6, 4, 6, 7, 7, 5, 5, 5]);
    expect(r).toMatchObject({
      kind: 'ok',
      nNonZero: 7,
      nZero: 3,
      wPlus: 1.5,
      method: 'normal_approximation',
    });
    if (r.kind !== 'ok') return;
    expectClose(r.z!, '-2.0504583785202262965', 1e-13);
    expectClose(r.p, '0.040319721395895915726', 1e-12);
  });

  it('60 untied differences use the normal approximation (mpmath; scipy gives 0.016901653275967533)', () => {
    const baseline = Array.from({ length: 60 }, (_, i) => 20 + (i % 7));
    const followUp = baseline.map((b, i) => b + ((i + 1) / 4) * (i % 3 === 0 ? -1 : 1));
    const r = wilcoxonSignedRank(baseline, followUp);
    expect(r).toMatchObject({ kind: 'ok', nNonZero: 60, wPlus: 1240, method: 'normal_approximation' });
    if (r.kind !== 'ok') return;
    expectClose(r.z!, '2.3888401740278022057', 1e-13);
    expectClose(r.p, '0.016901653275967543012', 1e-12);
  });

  it('49 untied differences are exact, 50 are approximate (as R)', () => {
    const make = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * (i % 2 === 0 ? 1 : -1));
    expect(wilcoxonSignedRank(new Array<number>(49).fill(0), make(49))).toMatchObject({ method: 'exact' });
    expect(wilcoxonSignedRank(new Array<number>(50).fill(0), make(50))).toMatchObject({
      method: 'normal_approximation',
    });
  });

  it('rounds differences so equal decimal changes tie (13.33 - 7 and 23.21 - 16.88)', () => {
    const r = wilcoxonSignedRank([7, 16.88, 10], [13.33, 23.21, 11]);
    // |d| = 6.33, 6.33, 1 -> ranks 2.5, 2.5, 1: a tie, so the normal approximation is used.
    expect(r).toMatchObject({ kind: 'ok', wPlus: 6, method: 'normal_approximation' });
  });

  it('edge cases: n = 0, all differences zero, one pair, unpaired', () => {
    expect(wilcoxonSignedRank([], [])).toMatchObject({ kind: 'insufficient_data', reason: 'no pairs' });
    expect(wilcoxonSignedRank([3, 4], [3, 4])).toMatchObject({
      kind: 'insufficient_data',
      reason: containing('zero'),
    });
    expect(wilcoxonSignedRank([3], [5])).toEqual({
      kind: 'ok',
      n: 1,
      nNonZero: 1,
      nZero: 0,
      wPlus: 1,
      wMinus: 0,
      method: 'exact',
      z: null,
      p: 1,
    });
    expect(wilcoxonSignedRank([3, 4], [5])).toMatchObject({ kind: 'insufficient_data' });
  });

  it('all differences tied (same change for everyone): defined, normal approximation', () => {
    const r = wilcoxonSignedRank([1, 2, 3, 4], [3, 4, 5, 6]);
    // V = 10, ties of 4: σ² = 4·5·9/24 - (64-4)/48 = 7.5 - 1.25 = 6.25; z = (10 - 5 - 0.5)/2.5 = 1.8.
    expect(r).toMatchObject({ kind: 'ok', wPlus: 10, method: 'normal_approximation' });
    if (r.kind === 'ok') expectClose(r.z!, 1.8, 1e-15);
  });

  it('property: p in (0, 1]; swapping baseline and follow-up swaps W+ and W- and keeps p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })), {
          minLength: 1,
          maxLength: 60,
        }),
        (pairs) => {
          const a = pairs.map(([x]) => x);
          const b = pairs.map(([, y]) => y);
          const r1 = wilcoxonSignedRank(a, b);
          const r2 = wilcoxonSignedRank(b, a);
          if (r1.kind !== 'ok' || r2.kind !== 'ok') return r1.kind === r2.kind;
          expectClose(r2.p, r1.p, 1e-12);
          return r1.p > 0 && r1.p <= 1 && r1.wPlus === r2.wMinus;
        },
      ),
    );
  });
});
