import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDomainError } from '../errors.js';
import type {
  InstrumentDefinition,
  ItemDefinition,
  MeasureDefinition,
  MissingDataRule,
  ScoringMethod,
} from './instrument.js';
import {
  bandFor,
  findMeasure,
  itemValue,
  itemsOnScale,
  measuresOf,
  scoreInstrument,
  withWording,
} from './instrument.js';
import { BUILT_IN_INSTRUMENTS } from './registry.js';
import { ONS4 } from './ons4.js';
import { SWEMWBS } from './swemwbs.js';
import { WEMWBS } from './wemwbs.js';

const measure = (
  id: string,
  min: number,
  max: number,
  extra: Partial<MeasureDefinition> = {},
): MeasureDefinition => ({
  id,
  label: id,
  min,
  max,
  direction: 'higher_is_better',
  bands: [],
  ...extra,
});

function definition(items: readonly ItemDefinition[], scoring: ScoringMethod, missingData: MissingDataRule) {
  const def: InstrumentDefinition = {
    id: 'test',
    version: '1.0',
    name: 'Test',
    rulesVersion: 'test-1.0/local',
    origin: 'bespoke',
    items,
    scoring,
    missingData,
    licence: { note: 'test', wordingShipped: false },
    source: { citation: 'test' },
    caveats: [],
    alerts: [],
  };
  return def;
}

const scale = { min: 1, max: 4, labels: [] };
const fourItems = itemsOnScale(['a', 'b', 'c', 'd'], scale);

describe('scoring engine', () => {
  it('prorates a sum when no more than maxMissing items are missing (not rounded)', () => {
    const def = definition(
      fourItems,
      { kind: 'sum', measure: measure('total', 4, 16) },
      { kind: 'prorate', maxMissing: 1 },
    );
    expect(scoreInstrument(def, [1, 2, null, 4])).toMatchObject({
      kind: 'scored',
      scores: [{ measure: 'total', value: (7 * 4) / 3 }],
      missingItems: [3],
    });
    expect(scoreInstrument(def, [1, null, null, 4])).toMatchObject({
      kind: 'incomplete',
      missingItems: [2, 3],
      rule: { kind: 'prorate', maxMissing: 1 },
    });
  });

  it('never divides by zero when a hand-built rule allows every item to be missing', () => {
    const def = definition(
      fourItems,
      { kind: 'mean', measure: measure('mean', 1, 4) },
      { kind: 'prorate', maxMissing: 4 },
    );
    expect(scoreInstrument(def, [])).toMatchObject({ kind: 'incomplete', missingItems: [1, 2, 3, 4] });
  });

  it('scores a mean of the answered items', () => {
    const def = definition(
      fourItems,
      { kind: 'mean', measure: measure('mean', 1, 4) },
      { kind: 'prorate', maxMissing: 2 },
    );
    expect(scoreInstrument(def, [1, null, 4, undefined])).toMatchObject({
      kind: 'scored',
      scores: [{ value: 2.5 }],
    });
  });

  it('reverse-scores items as min + max - answer', () => {
    const items = fourItems.map((i) => (i.number === 2 ? { ...i, reversed: true } : i));
    const def = definition(items, { kind: 'sum', measure: measure('total', 4, 16) }, { kind: 'complete' });
    expect(scoreInstrument(def, [1, 1, 1, 1])).toMatchObject({ scores: [{ value: 1 + 4 + 1 + 1 }] });
    expect(itemValue(items[1]!, 3)).toBe(2);
    expect(itemValue(items[0]!, 3)).toBe(3);
  });

  it('reports answers beyond the last item as unexpected', () => {
    const result = scoreInstrument(
      WEMWBS,
      Array.from({ length: 15 }, () => 3),
    );
    expect(result).toMatchObject({
      kind: 'invalid',
      issues: [{ position: 15, value: 3, rule: 'unexpected_answer' }],
    });
    expect(result.kind === 'invalid' && 'item' in result.issues[0]!).toBe(false);
  });

  it('ignores trailing nulls beyond the last item', () => {
    expect(scoreInstrument(ONS4, [1, 2, 3, 4, null]).kind).toBe('scored');
  });

  it('treats NaN and Infinity as invalid, never as missing', () => {
    const result = scoreInstrument(ONS4, [Number.NaN, Number.POSITIVE_INFINITY, 1, 1]);
    expect(result.kind === 'invalid' && result.issues.map((i) => i.rule)).toEqual(['integer', 'integer']);
  });

  it('throws internal_error when a hand-built lookup table lacks a raw total', () => {
    const def = definition(
      itemsOnScale(['a'], { min: 1, max: 2, labels: [] }),
      {
        kind: 'lookup',
        raw: measure('raw', 1, 2),
        converted: measure('metric', 10, 10),
        table: [{ raw: 1, value: 10 }],
      },
      { kind: 'complete' },
    );
    expect(scoreInstrument(def, [1])).toMatchObject({ kind: 'scored' });
    expect(() => scoreInstrument(def, [2])).toThrow(/no conversion for raw total 2/);
  });
});

describe('measures and bands', () => {
  it('lists measures per scoring method', () => {
    expect(measuresOf(SWEMWBS).map((m) => m.id)).toEqual(['raw', 'metric']);
    expect(measuresOf(WEMWBS).map((m) => m.id)).toEqual(['total']);
    const mean = definition(
      fourItems,
      { kind: 'mean', measure: measure('mean', 1, 4) },
      { kind: 'complete' },
    );
    expect(measuresOf(mean).map((m) => m.id)).toEqual(['mean']);
    expect(findMeasure(ONS4, 'anxiety')?.direction).toBe('lower_is_better');
    expect(findMeasure(ONS4, 'total')).toBeUndefined();
  });

  it('bandFor: the last band whose min is at or below the score; none without bands', () => {
    const m = measure('x', 0, 10, {
      bands: [
        { min: 0, label: 'low' },
        { min: 5, label: 'high' },
      ],
    });
    expect(bandFor(m, 4.99)).toBe('low');
    expect(bandFor(m, 5)).toBe('high');
    expect(bandFor(m, 10)).toBe('high');
    expect(bandFor(measure('y', 0, 1), 1)).toBeUndefined();
  });

  it('every built-in exposes direction, and MID/reliability only where published', () => {
    const withMid = BUILT_IN_INSTRUMENTS.flatMap((d) =>
      measuresOf(d)
        .filter((m) => m.mid)
        .map((m) => `${d.id}.${m.id}`),
    );
    expect(withMid).toEqual(['wemwbs.total', 'swemwbs.metric']);
    const withRel = BUILT_IN_INSTRUMENTS.flatMap((d) =>
      measuresOf(d)
        .filter((m) => m.reliability)
        .map((m) => `${d.id}.${m.id}`),
    );
    expect(withRel).toEqual(['wemwbs.total', 'swemwbs.metric']);
  });
});

describe('withWording', () => {
  it('returns a copy with licensed wording attached, leaving the original untouched', () => {
    const worded = withWording(SWEMWBS, { 1: 'Licensed wording one', 7: 'Licensed wording seven' });
    expect(worded.items[0]!.wording).toBe('Licensed wording one');
    expect(worded.items[6]!.wording).toBe('Licensed wording seven');
    expect(worded.items[1]!.wording).toBeUndefined();
    expect(SWEMWBS.items[0]!.wording).toBeUndefined();
    expect(worded.rulesVersion).toBe(SWEMWBS.rulesVersion);
    expect(scoreInstrument(worded, [3, 3, 3, 3, 3, 3, 3])).toEqual(
      scoreInstrument(SWEMWBS, [3, 3, 3, 3, 3, 3, 3]),
    );
  });

  it('accepts a Map', () => {
    expect(withWording(ONS4, new Map([[4, 'Anxiety wording']])).items[3]!.wording).toBe('Anxiety wording');
  });

  it('rejects unknown items, blank and overlong wording with field issues', () => {
    try {
      withWording(SWEMWBS, { 8: 'x', 2: '  ', 3: 'y'.repeat(2001) });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error)).toBe(true);
      if (!isDomainError(error)) return;
      expect(error.code).toBe('validation_failed');
      expect(error.details?.issues?.map((i) => [i.path, i.rule])).toEqual([
        ['wording[2]', 'required'],
        ['wording[3]', 'max_length'],
        ['wording[8]', 'unknown_item'],
      ]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over the built-ins and over random definitions.

const arbItems = fc
  .array(
    fc.record({
      min: fc.integer({ min: -2, max: 2 }),
      width: fc.integer({ min: 1, max: 5 }),
      reversed: fc.boolean(),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((specs) =>
    specs.map((s, i): ItemDefinition => ({
      number: i + 1,
      label: `item ${i + 1}`,
      scale: { min: s.min, max: s.min + s.width, labels: [] },
      reversed: s.reversed,
    })),
  );

const arbDefinition = arbItems.chain((items) => {
  const lo = items.reduce((a, i) => a + i.scale.min, 0);
  const hi = items.reduce((a, i) => a + i.scale.max, 0);
  const scorings: fc.Arbitrary<[ScoringMethod, MissingDataRule]>[] = [
    fc.integer({ min: 0, max: items.length - 1 }).map((maxMissing) => [
      { kind: 'sum', measure: measure('total', lo, hi) },
      { kind: 'prorate', maxMissing },
    ]),
    fc.constant([
      { kind: 'mean', measure: measure('mean', lo / items.length, hi / items.length) },
      { kind: 'complete' },
    ]),
    fc.constant([
      {
        kind: 'per_item',
        measures: items.map((i) => ({
          ...measure(`m${i.number}`, i.scale.min, i.scale.max),
          item: i.number,
        })),
      },
      { kind: 'per_measure' },
    ]),
    // A monotone conversion table over every raw total.
    fc
      .array(fc.integer({ min: 0, max: 3 }), { minLength: hi - lo + 1, maxLength: hi - lo + 1 })
      .map((steps) => {
        let acc = 0;
        const table = steps.map((step, k) => ({ raw: lo + k, value: (acc += step) }));
        return [
          { kind: 'lookup', raw: measure('raw', lo, hi), converted: measure('converted', 0, acc), table },
          { kind: 'complete' },
        ];
      }),
  ];
  return fc.oneof(...scorings).map(([scoring, rule]) => definition(items, scoring, rule));
});

const arbCompleteAnswers = (def: InstrumentDefinition) =>
  fc.tuple(...def.items.map((i) => fc.integer({ min: i.scale.min, max: i.scale.max })));

describe('properties', () => {
  it('monotonic in each item: raising a normal item never lowers a score, raising a reversed item never raises one', () => {
    fc.assert(
      fc.property(
        arbDefinition.chain((def) =>
          fc.tuple(fc.constant(def), arbCompleteAnswers(def), fc.nat({ max: def.items.length - 1 })),
        ),
        ([def, answers, k]) => {
          const item = def.items[k]!;
          fc.pre(answers[k]! < item.scale.max);
          const raised = [...answers];
          raised[k] = answers[k]! + 1;
          const before = scoreInstrument(def, answers);
          const after = scoreInstrument(def, raised);
          if (before.kind !== 'scored' || after.kind !== 'scored') return false;
          return before.scores.every((s, j) => {
            const a = after.scores[j]!.value;
            return item.reversed ? a <= s.value : a >= s.value;
          });
        },
      ),
    );
  });

  it('monotonic in each item for every built-in instrument', () => {
    for (const def of BUILT_IN_INSTRUMENTS) {
      fc.assert(
        fc.property(arbCompleteAnswers(def), fc.nat({ max: def.items.length - 1 }), (answers, k) => {
          fc.pre(answers[k]! < def.items[k]!.scale.max);
          const raised = [...answers];
          raised[k] = answers[k]! + 1;
          const before = scoreInstrument(def, answers);
          const after = scoreInstrument(def, raised);
          if (before.kind !== 'scored' || after.kind !== 'scored') return false;
          return before.scores.every((s, j) => after.scores[j]!.value >= s.value);
        }),
      );
    }
  });

  it('reverse items: scoring a reversed item equals scoring the mirrored answer on the item un-reversed', () => {
    fc.assert(
      fc.property(
        arbDefinition.chain((def) => fc.tuple(fc.constant(def), arbCompleteAnswers(def))),
        ([def, answers]) => {
          const plain = { ...def, items: def.items.map((i) => ({ ...i, reversed: false })) };
          const mirrored = answers.map((a, k) => {
            const i = def.items[k]!;
            return i.reversed ? i.scale.min + i.scale.max - a : a;
          });
          expect(scoreInstrument(def, answers)).toEqual(scoreInstrument(plain, mirrored));
        },
      ),
    );
  });

  it('any missing item is handled by the rule: the kind follows from the rule, and nothing throws', () => {
    fc.assert(
      fc.property(
        arbDefinition.chain((def) =>
          fc.tuple(
            fc.constant(def),
            fc.tuple(
              ...def.items.map((i) =>
                fc.option(fc.integer({ min: i.scale.min, max: i.scale.max }), { nil: null, freq: 3 }),
              ),
            ),
          ),
        ),
        ([def, answers]) => {
          const missing = def.items.filter((_, k) => answers[k] === null).map((i) => i.number);
          const result = scoreInstrument(def, answers);
          const rule = def.missingData;
          let expected: 'scored' | 'incomplete';
          switch (rule.kind) {
            case 'complete':
              expected = missing.length === 0 ? 'scored' : 'incomplete';
              break;
            case 'prorate':
              expected = missing.length <= rule.maxMissing ? 'scored' : 'incomplete';
              break;
            case 'per_measure':
              expected = missing.length < def.items.length ? 'scored' : 'incomplete';
              break;
          }
          expect(result.kind).toBe(expected);
          if (result.kind !== 'invalid') expect(result.missingItems).toEqual(missing);
          if (result.kind === 'scored') {
            for (const s of result.scores) expect(Number.isFinite(s.value)).toBe(true);
          }
        },
      ),
    );
  });

  it('any out-of-range or fractional answer makes the result invalid and names exactly those items', () => {
    fc.assert(
      fc.property(
        arbDefinition.chain((def) =>
          fc.tuple(
            fc.constant(def),
            arbCompleteAnswers(def),
            fc.uniqueArray(fc.nat({ max: def.items.length - 1 }), { minLength: 1 }),
            fc.constantFrom(-1, 1, 0.5),
          ),
        ),
        ([def, answers, bad, kind]) => {
          const broken: number[] = [...answers];
          for (const k of bad) {
            const i = def.items[k]!;
            broken[k] = kind === -1 ? i.scale.min - 1 : kind === 1 ? i.scale.max + 1 : i.scale.min + 0.5;
          }
          const result = scoreInstrument(def, broken);
          if (result.kind !== 'invalid') return false;
          const named = result.issues.map((issue) => issue.item).sort((a, b) => a! - b!);
          return JSON.stringify(named) === JSON.stringify(bad.map((k) => k + 1).sort((a, b) => a - b));
        },
      ),
    );
  });

  it('every score of a built-in lies within its measure range and carries the band bandFor gives', () => {
    for (const def of BUILT_IN_INSTRUMENTS) {
      fc.assert(
        fc.property(arbCompleteAnswers(def), (answers) => {
          const result = scoreInstrument(def, answers);
          if (result.kind !== 'scored') return false;
          return result.scores.every((s) => {
            const m = findMeasure(def, s.measure)!;
            return s.value >= m.min && s.value <= m.max && s.band === bandFor(m, s.value);
          });
        }),
      );
    }
  });
});
