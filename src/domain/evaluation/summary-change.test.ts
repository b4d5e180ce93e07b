import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanOf, sampleVariance } from './descriptive.js';
import { cohensDz } from './effect-size.js';
import { pairedChange } from './paired-change.js';
import { pairedChangeFromMoments, shareOf } from './summary-change.js';
import { wilsonBounds } from './proportion.js';

const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 70 })), {
  minLength: 2,
  maxLength: 60,
});

function moments(base: number[], follow: number[]) {
  const d = follow.map((v, i) => v - (base[i] ?? 0));
  const mean = meanOf(d);
  return {
    n: d.length,
    meanBaseline: meanOf(base),
    meanFollowUp: meanOf(follow),
    meanDifference: mean,
    sdDifference: Math.sqrt(sampleVariance(d, mean)),
  };
}

describe('pairedChangeFromMoments', () => {
  it('gives the same t, CI and d_z as the array statistics on the same pairs', () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const base = ps.map((p) => p[0]);
        const follow = ps.map((p) => p[1]);
        const fromRows = pairedChange(base, follow);
        const dz = cohensDz(base, follow);
        const fromMoments = pairedChangeFromMoments(moments(base, follow));
        if (fromRows.kind !== 'ok' || dz.kind !== 'ok') {
          expect(fromMoments.kind).toBe('insufficient_data');
          return;
        }
        if (fromMoments.kind !== 'ok') throw new Error('expected ok');
        expect(fromMoments.t).toBeCloseTo(fromRows.t, 9);
        expect(fromMoments.p).toBeCloseTo(fromRows.p, 9);
        expect(fromMoments.ci.lower).toBeCloseTo(fromRows.ci.lower, 9);
        expect(fromMoments.ci.upper).toBeCloseTo(fromRows.ci.upper, 9);
        expect(fromMoments.dz).toBeCloseTo(dz.estimate, 9);
        expect(fromMoments.dzCi.lower).toBeCloseTo(dz.ci.lower, 9);
        expect(fromMoments.dzCi.upper).toBeCloseTo(dz.ci.upper, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('reports insufficient data for one pair, a null SD or a zero SD', () => {
    const m = { n: 1, meanBaseline: 1, meanFollowUp: 2, meanDifference: 1, sdDifference: null };
    expect(pairedChangeFromMoments(m).kind).toBe('insufficient_data');
    expect(pairedChangeFromMoments({ ...m, n: 5 }).kind).toBe('insufficient_data');
    expect(pairedChangeFromMoments({ ...m, n: 5, sdDifference: 0 }).kind).toBe('insufficient_data');
  });

  it('takes a confidence level', () => {
    const r = pairedChangeFromMoments(
      { n: 10, meanBaseline: 1, meanFollowUp: 2, meanDifference: 1, sdDifference: 2 },
      { confidenceLevel: 0.9 },
    );
    expect(r.kind === 'ok' && r.ci.level).toBe(0.9);
  });
});

describe('shareOf', () => {
  it('is the count over n with its Wilson interval, or insufficient for n = 0', () => {
    expect(shareOf(3, 12)).toEqual({ count: 3, proportion: 0.25, ci: wilsonBounds(3, 12, 0.95) });
    expect(shareOf(0, 0)).toMatchObject({ kind: 'insufficient_data' });
  });
});
