import { describe, expect, it } from 'vitest';
import { measuresOf, scoreInstrument } from './instrument.js';
import { ONS4 } from './ons4.js';

const POSITIVE: readonly (readonly [number, string])[] = [
  [0, 'Low'],
  [4, 'Low'],
  [5, 'Medium'],
  [6, 'Medium'],
  [7, 'High'],
  [8, 'High'],
  [9, 'Very high'],
  [10, 'Very high'],
];
const ANXIETY: readonly (readonly [number, string])[] = [
  [0, 'Very low'],
  [1, 'Very low'],
  [2, 'Low'],
  [3, 'Low'],
  [4, 'Medium'],
  [5, 'Medium'],
  [6, 'High'],
  [10, 'High'],
];

describe('ONS4 1.0 (GSS harmonised standard; ONS FOI thresholds; instruments.md 1)', () => {
  it('has four 0-10 items reported separately, with no total', () => {
    expect(ONS4.items.map((i) => [i.number, i.scale.min, i.scale.max])).toEqual([
      [1, 0, 10],
      [2, 0, 10],
      [3, 0, 10],
      [4, 0, 10],
    ]);
    expect(measuresOf(ONS4).map((m) => m.id)).toEqual([
      'life_satisfaction',
      'worthwhile',
      'happiness',
      'anxiety',
    ]);
    expect(measuresOf(ONS4).some((m) => m.id === 'total')).toBe(false);
    expect(ONS4.rulesVersion).toBe('ons4-1.0/ons-thresholds');
  });

  it('ships the OGL wording of the four questions', () => {
    expect(ONS4.licence.wordingShipped).toBe(true);
    expect(ONS4.items[0]!.wording).toBe('Overall, how satisfied are you with your life nowadays?');
    expect(ONS4.items[3]!.wording).toContain('how anxious did you feel yesterday?');
  });

  it.each(['life_satisfaction', 'worthwhile', 'happiness'])('%s: lower is worse', (id) => {
    expect(measuresOf(ONS4).find((m) => m.id === id)?.direction).toBe('higher_is_better');
  });

  it('anxiety: higher is worse', () => {
    expect(measuresOf(ONS4).find((m) => m.id === 'anxiety')?.direction).toBe('lower_is_better');
  });

  // Published boundary cases: 0-4 low, 5-6 medium, 7-8 high, 9-10 very high, for items 1-3.
  for (const [position, id] of [
    [0, 'life_satisfaction'],
    [1, 'worthwhile'],
    [2, 'happiness'],
  ] as const) {
    it.each(POSITIVE)(`${id} %i is %s`, (value, band) => {
      const answers = [5, 5, 5, 5];
      answers[position] = value;
      const result = scoreInstrument(ONS4, answers);
      expect(result.kind === 'scored' && result.scores[position]).toEqual({ measure: id, value, band });
    });
  }

  // Published boundary cases for anxiety (reversed): 0-1 very low, 2-3 low, 4-5 medium, 6-10 high.
  it.each(ANXIETY)('anxiety %i is %s', (value, band) => {
    const result = scoreInstrument(ONS4, [5, 5, 5, value]);
    expect(result.kind === 'scored' && result.scores[3]).toEqual({ measure: 'anxiety', value, band });
  });

  it('scores the answered items when some are missing, listing the missing ones', () => {
    const result = scoreInstrument(ONS4, [8, null, 7]);
    expect(result).toEqual({
      kind: 'scored',
      instrumentId: 'ons4',
      instrumentVersion: '1.0',
      rulesVersion: 'ons4-1.0/ons-thresholds',
      scores: [
        { measure: 'life_satisfaction', value: 8, band: 'High' },
        { measure: 'happiness', value: 7, band: 'High' },
      ],
      missingItems: [2, 4],
      alerts: [],
    });
  });

  it('is incomplete only when nothing was answered', () => {
    expect(scoreInstrument(ONS4, [])).toMatchObject({ kind: 'incomplete', missingItems: [1, 2, 3, 4] });
  });

  it('rejects 11 and 2.5', () => {
    const result = scoreInstrument(ONS4, [11, 2.5, 3, 4]);
    expect(result.kind === 'invalid' && result.issues.map((i) => i.rule)).toEqual([
      'out_of_range',
      'integer',
    ]);
  });
});
