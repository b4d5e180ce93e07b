import { describe, expect, it } from 'vitest';
import { scoreInstrument } from './instrument.js';
import { GAD7 } from './gad7.js';

function answersSumming(total: number): number[] {
  const answers = Array.from({ length: 7 }, () => 0);
  let rest = total;
  for (let i = 0; i < 7 && rest > 0; i++) {
    const add = Math.min(3, rest);
    answers[i] = add;
    rest -= add;
  }
  return answers;
}

describe('GAD-7 1.0 (Spitzer et al. 2006; instruments.md 4.5)', () => {
  // Published cut points 5, 10, 15 (mild, moderate, severe), range 0-21.
  it.each([
    [0, 'Minimal'],
    [4, 'Minimal'],
    [5, 'Mild'],
    [9, 'Mild'],
    [10, 'Moderate'],
    [14, 'Moderate'],
    [15, 'Severe'],
    [21, 'Severe'],
  ])('total %i is %s', (total, band) => {
    expect(scoreInstrument(GAD7, answersSumming(total))).toMatchObject({
      kind: 'scored',
      rulesVersion: 'gad7-1.0/sum-2006',
      scores: [{ measure: 'total', value: total, band }],
    });
  });

  it('has 7 items scored 0-3; lower is better', () => {
    expect(GAD7.items).toHaveLength(7);
    expect(GAD7.scoring).toMatchObject({
      kind: 'sum',
      measure: { min: 0, max: 21, direction: 'lower_is_better' },
    });
  });
});
