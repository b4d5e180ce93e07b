import { describe, expect, it } from 'vitest';
import { scoreInstrument } from './instrument.js';
import { UCLA3 } from './ucla3.js';

describe('UCLA-3 1.0 (Hughes et al. 2004; instruments.md 4.1)', () => {
  it.each([
    [[1, 1, 1], 3],
    [[3, 3, 3], 9],
    [[1, 2, 3], 6],
  ])('sums %j to %i (range 3-9)', (answers, total) => {
    expect(scoreInstrument(UCLA3, answers)).toMatchObject({
      kind: 'scored',
      rulesVersion: 'ucla3-1.0/sum-2004',
      scores: [{ measure: 'total', value: total }],
    });
  });

  it('applies no band (cut-offs unconfirmed) and treats higher as lonelier', () => {
    const result = scoreInstrument(UCLA3, [2, 2, 2]);
    expect(result.kind === 'scored' && 'band' in result.scores[0]!).toBe(false);
    expect(UCLA3.scoring.kind === 'sum' && UCLA3.scoring.measure.direction).toBe('lower_is_better');
  });

  it('uses the GSS response labels', () => {
    expect(UCLA3.items[0]!.scale.labels.map((l) => l.label)).toEqual([
      'Hardly ever or never',
      'Some of the time',
      'Often',
    ]);
  });

  it('rejects 0 and 4; needs all three items', () => {
    expect(scoreInstrument(UCLA3, [0, 4, 1])).toMatchObject({ kind: 'invalid' });
    expect(scoreInstrument(UCLA3, [1, 1])).toMatchObject({ kind: 'incomplete', missingItems: [3] });
  });
});
