import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JACOBSON_TRUAX_CRITERION, midAttainment, reliableChange } from './reliable-change.js';
import { WEMWBS } from '../questionnaires/wemwbs.js';
import { SWEMWBS } from '../questionnaires/swemwbs.js';
import { findMeasure } from '../questionnaires/instrument.js';

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

// WEMWBS totals of twelve people at baseline and follow-up; changes 8, 1, 7, -2, -1, 9, 0, 7, 1, 8, -2, 1.
const BASE = [38, 42, 45, 40, 51, 36, 47, 44, 39, 50, 41, 43];
const FOLLOW = [46, 43, 52, 38, 50, 45, 47, 51, 40, 58, 39, 44];

describe('reliableChange (Jacobson & Truax 1991)', () => {
  it('WEMWBS with alpha 0.89 from the instrument definition (mpmath)', () => {
    const measure = findMeasure(WEMWBS, 'total')!;
    expect(measure.reliability).toMatchObject({ kind: 'coefficient', value: 0.89 });
    const r = reliableChange(BASE, FOLLOW, {
      direction: measure.direction,
      reliability: measure.reliability!,
    });
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    // mpmath: SD₁ = 4.6514904747149204889, SEM = SD₁√0.11, S_diff = √2·SEM, threshold = 1.96·S_diff.
    expectClose(r.sdBaseline!, '4.6514904747149204889', 1e-14);
    expectClose(r.sem, '1.5427248620541512489', 1e-14);
    expectClose(r.sDiff, '2.1817424229271428823', 1e-14);
    expectClose(r.threshold, '4.2762151489372000493', 1e-14);
    const expectedRci = [
      '3.6667939881128451803',
      '0.45834924851410564754',
      '3.2084447395987395328',
      '-0.91669849702821129508',
      '-0.45834924851410564754',
      '4.1251432366269508279',
      0,
      '3.2084447395987395328',
      '0.45834924851410564754',
      '3.6667939881128451803',
      '-0.91669849702821129508',
      '0.45834924851410564754',
    ];
    r.rci.forEach((v, i) => {
      expectClose(v, expectedRci[i]!, 1e-13);
    });
    // |RCI| > 1.96 for changes of 7, 8, 9 points (5 people); nobody reliably deteriorated.
    expect(r.improved.count).toBe(5);
    expect(r.deteriorated.count).toBe(0);
    expect(r.noChange.count).toBe(7);
    expectClose(r.improved.proportion, 5 / 12, 1e-15);
    expect(r.categories[0]).toBe('improved');
    expect(r.criterion).toBe(JACOBSON_TRUAX_CRITERION);
    expect(r.n).toBe(12);
  });

  it('SWEMWBS with the published SEM 1.03 (Shah 2018): threshold 1.96·√2·1.03 = 2.855 points', () => {
    const measure = findMeasure(SWEMWBS, 'metric')!;
    const r = reliableChange(
      [17.43, 19.25, 14.08, 21.54, 18.59, 16.36],
      [20.73, 19.98, 17.98, 21.54, 15.84, 19.25],
      {
        direction: measure.direction,
        reliability: measure.reliability!,
      },
    );
    if (r.kind !== 'ok') throw new Error('expected ok');
    expect(r.sdBaseline).toBeNull();
    expectClose(r.sDiff, '1.4566399692442879003', 1e-14);
    expectClose(r.threshold, '2.8550143397188042845', 1e-14);
    // Changes 3.30, 0.73, 3.90, 0, -2.75, 2.89: three improved (> 2.855), -2.75 is within the threshold.
    expect(r.categories).toEqual(['improved', 'no_change', 'improved', 'no_change', 'no_change', 'improved']);
  });

  it('lower is better (PHQ-9 style): a fall is an improvement', () => {
    const r = reliableChange([20, 18], [10, 25], {
      direction: 'lower_is_better',
      reliability: { kind: 'sem', value: 2 },
    });
    expect(r.kind === 'ok' && r.categories).toEqual(['improved', 'deteriorated']);
  });

  it('edge cases: no pairs, n = 1 with a coefficient, zero baseline SD, unpaired, n = 1 with a SEM', () => {
    const coefficient = { kind: 'coefficient', value: 0.8 } as const;
    expect(reliableChange([], [], { direction: 'higher_is_better', reliability: coefficient })).toMatchObject(
      {
        kind: 'insufficient_data',
      },
    );
    expect(
      reliableChange([3], [9], { direction: 'higher_is_better', reliability: coefficient }),
    ).toMatchObject({
      kind: 'insufficient_data',
    });
    expect(
      reliableChange([3, 3], [9, 1], { direction: 'higher_is_better', reliability: coefficient }),
    ).toMatchObject({
      kind: 'insufficient_data',
      reason: containing('SD 0'),
    });
    expect(
      reliableChange([3, 4], [9], { direction: 'higher_is_better', reliability: coefficient }),
    ).toMatchObject({
      kind: 'insufficient_data',
    });
    expect(
      reliableChange([3], [9], { direction: 'higher_is_better', reliability: { kind: 'sem', value: 1 } }),
    ).toMatchObject({ kind: 'ok', n: 1, categories: ['improved'] });
  });

  it('rejects impossible parameters', () => {
    const run = (reliability: { kind: 'coefficient' | 'sem'; value: number }, criterion?: number) => () =>
      reliableChange([1, 2], [3, 4], { direction: 'higher_is_better', reliability, criterion });
    expect(run({ kind: 'coefficient', value: 1 })).toThrow(/reliability.value/);
    expect(run({ kind: 'coefficient', value: 0 })).toThrow(/reliability.value/);
    expect(run({ kind: 'sem', value: 0 })).toThrow(/reliability.value/);
    expect(run({ kind: 'sem', value: 1 }, -1)).toThrow(/criterion/);
    expect(() =>
      reliableChange([1], [2], {
        direction: 'higher_is_better',
        reliability: { kind: 'sem', value: 1 },
        confidenceLevel: 2,
      }),
    ).toThrow(/confidenceLevel/);
  });
});

describe('midAttainment', () => {
  it('WEMWBS MID 3 points: change >= 3 improved, <= -3 deteriorated (instruments.md 5.4)', () => {
    const r = midAttainment(BASE, FOLLOW, { direction: 'higher_is_better', mid: 3 });
    if (r.kind !== 'ok') throw new Error('expected ok');
    expect(r.improved.count).toBe(5);
    expect(r.deteriorated.count).toBe(0);
    expect(r.noChange.count).toBe(7);
    expect(r.mid).toBe(3);
    // Wilson interval of 5/12 (mpmath, 50 digits).
    expectClose(r.improved.ci.lower, '0.19326031365875657277', 1e-12);
    expectClose(r.improved.ci.upper, '0.68048868745045023117', 1e-12);
  });

  it('a change of exactly the MID in decimal scores counts, despite binary rounding (21.13 - 20.1 = 1.0299999…)', () => {
    expect(21.13 - 20.1).toBeLessThan(1.03);
    const r = midAttainment([20.1, 21.13], [21.13, 20.1], { direction: 'higher_is_better', mid: 1.03 });
    expect(r.kind === 'ok' && r.categories).toEqual(['improved', 'deteriorated']);
  });

  it('lower is better reverses the direction', () => {
    const r = midAttainment([10, 10, 10], [5, 15, 9], { direction: 'lower_is_better', mid: 2 });
    expect(r.kind === 'ok' && r.categories).toEqual(['improved', 'deteriorated', 'no_change']);
  });

  it('edge cases and parameters', () => {
    expect(midAttainment([], [], { direction: 'higher_is_better', mid: 3 })).toMatchObject({
      kind: 'insufficient_data',
    });
    expect(midAttainment([1], [], { direction: 'higher_is_better', mid: 3 })).toMatchObject({
      kind: 'insufficient_data',
    });
    expect(() => midAttainment([1], [2], { direction: 'higher_is_better', mid: 0 })).toThrow(/mid/);
    expect(() => midAttainment([1], [2], { direction: 'higher_is_better', mid: Number.NaN })).toThrow(/mid/);
  });

  it('property: the three shares partition the sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 27 })), {
          minLength: 1,
          maxLength: 50,
        }),
        fc.constantFrom<'higher_is_better' | 'lower_is_better'>('higher_is_better', 'lower_is_better'),
        (pairs, direction) => {
          const a = pairs.map(([x]) => x);
          const b = pairs.map(([, y]) => y);
          const mid = midAttainment(a, b, { direction, mid: 5 });
          const rc = reliableChange(a, b, { direction, reliability: { kind: 'sem', value: 2 } });
          if (mid.kind !== 'ok' || rc.kind !== 'ok') return false;
          return (
            mid.improved.count + mid.deteriorated.count + mid.noChange.count === pairs.length &&
            rc.improved.count + rc.deteriorated.count + rc.noChange.count === pairs.length
          );
        },
      ),
    );
  });
});
