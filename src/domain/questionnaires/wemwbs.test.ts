import { describe, expect, it } from 'vitest';
import { scoreInstrument } from './instrument.js';
import { WEMWBS } from './wemwbs.js';

function answersSumming(total: number): number[] {
  const answers = Array.from({ length: 14 }, () => 1);
  let rest = total - 14;
  for (let i = 0; i < 14 && rest > 0; i++) {
    const add = Math.min(4, rest);
    answers[i] = 1 + add;
    rest -= add;
  }
  return answers;
}

describe('WEMWBS 1.0 (Tennant 2007; Warwick "How to use WEMWBS"; instruments.md 2)', () => {
  it('has 14 items scored 1-5 and a 14-70 total', () => {
    expect(WEMWBS.items).toHaveLength(14);
    expect(WEMWBS.scoring).toMatchObject({ kind: 'sum', measure: { id: 'total', min: 14, max: 70 } });
    expect(WEMWBS.rulesVersion).toBe('wemwbs-1.0/sum-2007');
    expect(WEMWBS.licence.wordingShipped).toBe(false);
  });

  // Band boundaries: <=40 probable depression, 41-44 possible depression, 45-59 average, >=60 high.
  it.each([
    [14, 'Probable depression'],
    [40, 'Probable depression'],
    [41, 'Possible depression'],
    [44, 'Possible depression'],
    [45, 'Average mental wellbeing'],
    [59, 'Average mental wellbeing'],
    [60, 'High mental wellbeing'],
    [70, 'High mental wellbeing'],
  ])('total %i is in band %s', (total, band) => {
    const result = scoreInstrument(WEMWBS, answersSumming(total));
    expect(result).toMatchObject({ kind: 'scored', scores: [{ measure: 'total', value: total, band }] });
  });

  it('requires all 14 items', () => {
    const answers: (number | null)[] = answersSumming(50);
    answers[13] = null;
    expect(scoreInstrument(WEMWBS, answers)).toMatchObject({ kind: 'incomplete', missingItems: [14] });
  });

  it('carries the MID (3 points, Maheswaran 2012) and alpha 0.89 (Tennant 2007)', () => {
    expect(WEMWBS.scoring.kind === 'sum' && WEMWBS.scoring.measure.mid?.points).toBe(3);
    expect(WEMWBS.scoring.kind === 'sum' && WEMWBS.scoring.measure.reliability).toMatchObject({
      kind: 'coefficient',
      statistic: 'cronbach_alpha',
      value: 0.89,
    });
  });

  it('rejects an answer of 0 or 6 as out of range', () => {
    const answers = answersSumming(42);
    answers[2] = 6;
    answers[5] = 0;
    const result = scoreInstrument(WEMWBS, answers);
    expect(result.kind === 'invalid' && result.issues.map((i) => [i.item, i.rule])).toEqual([
      [3, 'out_of_range'],
      [6, 'out_of_range'],
    ]);
  });
});
