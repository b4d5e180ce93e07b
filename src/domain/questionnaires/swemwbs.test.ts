import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreInstrument } from './instrument.js';
import { SWEMWBS, SWEMWBS_CONVERSION } from './swemwbs.js';

/** Answers on a 1..5 scale for `n` items whose sum is `total` (fills items with 5s first). */
function answersSumming(total: number, n = 7, min = 1, max = 5): number[] {
  const answers = Array.from({ length: n }, () => min);
  let rest = total - n * min;
  for (let i = 0; i < n && rest > 0; i++) {
    const add = Math.min(max - min, rest);
    answers[i] = min + add;
    rest -= add;
  }
  return answers;
}

// The conversion table typed again, independently of swemwbs.ts, from
// ../shared/standards/instruments.md section 3.2 (29 pairs; three matching public copies).
const PUBLISHED: readonly (readonly [number, number])[] = [
  [7, 7.0], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32],
  [15, 15.84], [16, 16.36], [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25],
  [22, 19.98], [23, 20.73], [24, 21.54], [25, 22.35], [26, 23.21], [27, 24.11], [28, 25.03],
  [29, 26.02], [30, 27.03], [31, 28.13], [32, 29.31], [33, 30.7], [34, 32.55], [35, 35.0],
]; // prettier-ignore

describe('SWEMWBS 1.0 (Rasch conversion, Stewart-Brown 2009; instruments.md 3)', () => {
  it('has 7 items scored 1-5, all required, no bands', () => {
    expect(SWEMWBS.items).toHaveLength(7);
    expect(SWEMWBS.items.every((i) => i.scale.min === 1 && i.scale.max === 5 && !i.reversed)).toBe(true);
    expect(SWEMWBS.missingData).toEqual({ kind: 'complete' });
    expect(SWEMWBS.rulesVersion).toBe('swemwbs-1.0/rasch-2009');
    expect(SWEMWBS.licence.wordingShipped).toBe(false);
    expect(SWEMWBS.items.every((i) => i.wording === undefined)).toBe(true);
  });

  it('ships the copyright notice that must appear on every copy (CORC)', () => {
    expect(SWEMWBS.licence.copyrightNotice).toContain('© NHS Health Scotland, University of Warwick');
  });

  it.each(PUBLISHED)('converts raw %i to metric %d through the engine', (raw, metric) => {
    const result = scoreInstrument(SWEMWBS, answersSumming(raw));
    expect(result).toEqual({
      kind: 'scored',
      instrumentId: 'swemwbs',
      instrumentVersion: '1.0',
      rulesVersion: 'swemwbs-1.0/rasch-2009',
      scores: [
        { measure: 'raw', value: raw },
        { measure: 'metric', value: metric },
      ],
      missingItems: [],
      alerts: [],
    });
  });

  it('table: 29 rows, raw 7..35, strictly increasing, fixed end points, 2 decimal places', () => {
    expect(SWEMWBS_CONVERSION).toHaveLength(29);
    expect(SWEMWBS_CONVERSION.map((r) => r.raw)).toEqual(Array.from({ length: 29 }, (_, i) => i + 7));
    for (let i = 1; i < SWEMWBS_CONVERSION.length; i++) {
      expect(SWEMWBS_CONVERSION[i]!.value).toBeGreaterThan(SWEMWBS_CONVERSION[i - 1]!.value);
    }
    expect(SWEMWBS_CONVERSION[0]).toEqual({ raw: 7, value: 7 });
    expect(SWEMWBS_CONVERSION[28]).toEqual({ raw: 35, value: 35 });
    for (const row of SWEMWBS_CONVERSION) expect(Math.round(row.value * 100) / 100).toBe(row.value);
  });

  it('any missing item leaves the questionnaire incomplete (no prorating into the table)', () => {
    const result = scoreInstrument(SWEMWBS, [4, 4, null, 4, 4, 4, 4]);
    expect(result).toMatchObject({ kind: 'incomplete', missingItems: [3], rule: { kind: 'complete' } });
  });

  it('MID and reliable-change inputs are on the metric measure (Shah 2018: 1 SEM = 1.03)', () => {
    const metric = SWEMWBS.scoring.kind === 'lookup' ? SWEMWBS.scoring.converted : undefined;
    expect(metric?.mid?.points).toBe(1.03);
    expect(metric?.reliability).toMatchObject({ kind: 'sem', value: 1.03 });
    expect(metric?.direction).toBe('higher_is_better');
  });

  it('property: the metric score depends only on the raw total and rises with it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 7, maxLength: 7 }), (answers) => {
        const result = scoreInstrument(SWEMWBS, answers);
        if (result.kind !== 'scored') return false;
        const raw = answers.reduce((a, b) => a + b, 0);
        const expected = PUBLISHED.find(([r]) => r === raw)![1];
        return result.scores[0]!.value === raw && result.scores[1]!.value === expected;
      }),
    );
  });
});
