import { describe, expect, it } from 'vitest';
import { scoreInstrument } from './instrument.js';
import { PHQ9 } from './phq9.js';

/** Nine 0-3 answers summing to `total`, with item 9 at 0 unless `item9` is given. */
function answersSumming(total: number, item9 = 0): number[] {
  const answers = Array.from({ length: 9 }, () => 0);
  answers[8] = item9;
  let rest = total - item9;
  for (let i = 0; i < 8 && rest > 0; i++) {
    const add = Math.min(3, rest);
    answers[i] = add;
    rest -= add;
  }
  return answers;
}

describe('PHQ-9 1.0 (Kroenke, Spitzer & Williams 2001; instruments.md 4.4)', () => {
  // Published cut points 5, 10, 15, 20 (mild, moderate, moderately severe, severe), range 0-27.
  it.each([
    [0, 'None or minimal'],
    [4, 'None or minimal'],
    [5, 'Mild'],
    [9, 'Mild'],
    [10, 'Moderate'],
    [14, 'Moderate'],
    [15, 'Moderately severe'],
    [19, 'Moderately severe'],
    [20, 'Severe'],
    [27, 'Severe'],
  ])('total %i is %s', (total, band) => {
    const result = scoreInstrument(PHQ9, answersSumming(total, total === 27 ? 3 : 0));
    expect(result).toMatchObject({
      kind: 'scored',
      rulesVersion: 'phq9-1.0/sum-2001',
      scores: [{ measure: 'total', value: total, band }],
    });
  });

  it('raises the item 9 alert for any answer above 0, even when incomplete', () => {
    expect(scoreInstrument(PHQ9, answersSumming(6, 1))).toMatchObject({
      kind: 'scored',
      alerts: [{ code: 'phq9_item9_positive', item: 9 }],
    });
    expect(scoreInstrument(PHQ9, [null, null, null, null, null, null, null, null, 2])).toMatchObject({
      kind: 'incomplete',
      alerts: [{ code: 'phq9_item9_positive' }],
    });
    expect(scoreInstrument(PHQ9, answersSumming(6, 0))).toMatchObject({ kind: 'scored', alerts: [] });
  });

  it('lower is better; 9 items 0-3', () => {
    expect(PHQ9.items.every((i) => i.scale.min === 0 && i.scale.max === 3)).toBe(true);
    expect(PHQ9.scoring.kind === 'sum' && PHQ9.scoring.measure.direction).toBe('lower_is_better');
  });
});
