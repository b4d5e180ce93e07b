import { describe, expect, it } from 'vitest';
import { changesFromBaseline, interpretChange, type ResponseScores } from './change.js';
import { findMeasure } from './instrument.js';
import { findBuiltInInstrument } from './registry.js';

const measureOf = (instrumentId: string, measure: string) => {
  const d = findBuiltInInstrument(instrumentId);
  return d === undefined ? undefined : findMeasure(d, measure);
};
const r = (
  id: string,
  instrumentId: string,
  timepoint: string,
  administeredOn: string,
  scores: Record<string, number>,
): ResponseScores => ({
  id,
  instrumentId,
  timepoint,
  administeredOn,
  scores: Object.entries(scores).map(([measure, value]) => ({ measure, value })),
});

describe('changesFromBaseline', () => {
  it('compares each follow-up score with the earliest baseline of the same instrument and measure', () => {
    const changes = changesFromBaseline(
      [
        r('late-base', 'swemwbs', 'baseline', '2025-03-01', { raw: 30, metric: 27.03 }),
        r('base', 'swemwbs', 'baseline', '2025-01-01', { raw: 21, metric: 19.25 }),
        r('review', 'swemwbs', 'review', '2025-02-01', { raw: 22, metric: 19.98 }),
        r('discharge', 'swemwbs', 'discharge', '2025-04-01', { raw: 24, metric: 21.54 }),
      ],
      measureOf,
    );
    expect(changes.has('base')).toBe(false);
    expect(changes.get('review')).toEqual([
      {
        measure: 'raw',
        baselineResponseId: 'base',
        baselineValue: 21,
        value: 22,
        change: 1,
        direction: 'higher_is_better',
        interpretation: null,
      },
      {
        measure: 'metric',
        baselineResponseId: 'base',
        baselineValue: 19.25,
        value: 19.98,
        change: 0.73,
        direction: 'higher_is_better',
        interpretation: 'no_important_change',
      },
    ]);
    expect(changes.get('discharge')?.[1]).toMatchObject({ change: 2.29, interpretation: 'improved' });
  });

  it('breaks a tie between baselines on the same day by id, and skips measures or instruments without a baseline', () => {
    const changes = changesFromBaseline(
      [
        r('b2', 'ons4', 'baseline', '2025-01-01', { anxiety: 8 }),
        r('b1', 'ons4', 'baseline', '2025-01-01', { happiness: 4 }),
        r('f', 'ons4', 'follow_up', '2025-05-01', { anxiety: 3, happiness: 6, worthwhile: 5 }),
        r('g', 'gad7', 'review', '2025-05-01', { total: 4 }),
        r('x', 'mystery', 'review', '2025-05-01', { total: 4 }),
        r('bx', 'mystery', 'baseline', '2025-01-01', { total: 9 }),
      ],
      measureOf,
    );
    expect(changes.get('f')?.map((c) => [c.measure, c.baselineResponseId, c.change])).toEqual([
      ['anxiety', 'b2', -5],
      ['happiness', 'b1', 2],
    ]);
    expect(changes.get('g')).toEqual([]);
    expect(changes.get('x')).toEqual([
      {
        measure: 'total',
        baselineResponseId: 'bx',
        baselineValue: 9,
        value: 4,
        change: -5,
        direction: null,
        interpretation: null,
      },
    ]);
  });
});

describe('interpretChange', () => {
  const metric = measureOf('swemwbs', 'metric');
  const lowerBetter = metric === undefined ? undefined : { ...metric, direction: 'lower_is_better' as const };

  it('reads a change against the MID in the direction that counts as better', () => {
    expect(interpretChange(metric, 1.03)).toBe('improved');
    expect(interpretChange(metric, -1.03)).toBe('deteriorated');
    expect(interpretChange(metric, 1.02)).toBe('no_important_change');
    expect(interpretChange(lowerBetter, -2)).toBe('improved');
    expect(interpretChange(lowerBetter, 2)).toBe('deteriorated');
  });

  it('has no reading without a measure or a MID', () => {
    expect(interpretChange(undefined, 5)).toBeNull();
    expect(interpretChange(measureOf('gad7', 'total'), 5)).toBeNull();
  });
});
