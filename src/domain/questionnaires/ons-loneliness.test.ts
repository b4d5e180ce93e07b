import { describe, expect, it } from 'vitest';
import { scoreInstrument } from './instrument.js';
import { ONS_LONELINESS } from './ons-loneliness.js';

describe('ONS direct loneliness question 1.0 (instruments.md 4.2)', () => {
  it.each([
    [1, 'Never'],
    [2, 'Hardly ever'],
    [3, 'Occasionally'],
    [4, 'Some of the time'],
    [5, 'Often or always'],
  ])('code %i is reported with the category %s', (value, band) => {
    expect(scoreInstrument(ONS_LONELINESS, [value])).toMatchObject({
      kind: 'scored',
      rulesVersion: 'ons-loneliness-1.0/categories',
      scores: [{ measure: 'frequency', value, band }],
    });
  });

  it('is incomplete when unanswered and invalid outside 1-5', () => {
    expect(scoreInstrument(ONS_LONELINESS, [null])).toMatchObject({ kind: 'incomplete', missingItems: [1] });
    expect(scoreInstrument(ONS_LONELINESS, [6])).toMatchObject({ kind: 'invalid' });
  });
});
