import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InstrumentDefinition, MeasureDefinition } from './instrument.js';
import { measuresOf, scoreInstrument } from './instrument.js';
import type { InstrumentJson } from './bespoke.js';
import { validateInstrumentJson } from './bespoke.js';
import { BUILT_IN_INSTRUMENTS } from './registry.js';

/** A local 3-item survey in the JSON shape, with one reversed item and prorating. */
const LOCAL: InstrumentJson = {
  id: 'garden-club',
  version: '1.0',
  name: 'Garden club check-in',
  items: [
    {
      number: 1,
      label: 'Enjoyed the session',
      scale: { min: 1, max: 5, labels: [{ value: 1, label: 'Not at all' }] },
    },
    { number: 2, label: 'Felt rushed', scale: { min: 1, max: 5 }, reversed: true, wording: 'I felt rushed.' },
    { number: 3, label: 'Would come again', scale: { min: 1, max: 5 } },
  ],
  scoring: {
    kind: 'sum',
    measure: {
      id: 'total',
      label: 'Check-in total',
      direction: 'higher_is_better',
      bands: [
        { min: 3, label: 'Low' },
        { min: 10, label: 'High' },
      ],
    },
  },
  missingData: { kind: 'prorate', maxMissing: 1 },
  source: { citation: 'Local survey, Acme PCN 2026' },
};

/** Strips the derived measure ranges and the origin, giving a built-in's JSON form. */
function toJson(def: InstrumentDefinition): unknown {
  const strip = (m: MeasureDefinition): Record<string, unknown> => {
    const rest: Record<string, unknown> = { ...m };
    delete rest.min;
    delete rest.max;
    return rest;
  };
  const scoring = def.scoring;
  let s: unknown;
  switch (scoring.kind) {
    case 'sum':
    case 'mean':
      s = { kind: scoring.kind, measure: strip(scoring.measure) };
      break;
    case 'per_item':
      s = { kind: scoring.kind, measures: scoring.measures.map(strip) };
      break;
    case 'lookup':
      s = {
        kind: scoring.kind,
        raw: strip(scoring.raw),
        converted: strip(scoring.converted),
        table: scoring.table,
      };
      break;
  }
  const rest: Record<string, unknown> = { ...def, scoring: s };
  delete rest.origin;
  return JSON.parse(JSON.stringify(rest)) as unknown;
}

function issuesOf(input: unknown): [string, string][] {
  const result = validateInstrumentJson(input);
  return result.kind === 'rejected' ? result.issues.map((i) => [i.path, i.rule]) : [];
}

const DELETE = Symbol('delete');
/** A change to a JSON document: the path to a value and its new value (or DELETE). */
type Change = readonly [readonly (string | number)[], unknown];

/** A deep copy of `base` with the changes applied (array elements deleted by DELETE are spliced out). */
function changed(base: unknown, ...changes: Change[]): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as unknown;
  for (const [path, value] of changes) {
    let target = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (value !== DELETE) target[last] = value;
    else if (Array.isArray(target)) target.splice(Number(last), 1);
    else Reflect.deleteProperty(target, last);
  }
  return copy;
}

/** LOCAL with the changes applied. */
function variant(...changes: Change[]): unknown {
  return changed(LOCAL, ...changes);
}

describe('validateInstrumentJson: accepting', () => {
  it('accepts a local survey, derives measure ranges and a local rules version, and scores it', () => {
    const result = validateInstrumentJson(LOCAL);
    expect(result.kind).toBe('valid');
    if (result.kind !== 'valid') return;
    const def = result.definition;
    expect(def.origin).toBe('bespoke');
    expect(def.rulesVersion).toBe('garden-club-1.0/local');
    expect(measuresOf(def)[0]).toMatchObject({ id: 'total', min: 3, max: 15 });
    expect(def.licence).toEqual({ note: 'Defined locally by the service.', wordingShipped: true });
    expect(def.items[1]).toMatchObject({ reversed: true, wording: 'I felt rushed.' });
    // Item 2 reversed: 5 -> 1. Total 4 + 1 + 5 = 10 -> High.
    expect(scoreInstrument(def, [4, 5, 5])).toMatchObject({
      kind: 'scored',
      rulesVersion: 'garden-club-1.0/local',
      scores: [{ measure: 'total', value: 10, band: 'High' }],
    });
    expect(scoreInstrument(def, [4, null, 5])).toMatchObject({ kind: 'scored', missingItems: [2] });
  });

  it.each(BUILT_IN_INSTRUMENTS.map((d) => [d.id, d] as const))(
    'built-in %s round-trips through the JSON shape unchanged (same engine, same rules)',
    (_id, def) => {
      const result = validateInstrumentJson(toJson(def), { reservedIds: [] });
      expect(result).toEqual({ kind: 'valid', definition: { ...def, origin: 'bespoke' } });
    },
  );

  it('accepts mean scoring, explicit rules version, licence, caveats, alerts and reliability variants', () => {
    const result = validateInstrumentJson({
      id: 'mood_scale',
      version: '2.1.0',
      name: 'Mood',
      rulesVersion: 'mood_scale-2.1.0/mean-local',
      items: [
        { number: 10, label: 'a', scale: { min: 0, max: 4 } },
        { number: 20, label: 'b', scale: { min: 0, max: 2 } },
      ],
      scoring: {
        kind: 'mean',
        measure: {
          id: 'mean',
          label: 'Mean',
          direction: 'lower_is_better',
          bandSource: 'local',
          mid: { points: 0.5, source: 'local' },
          reliability: { kind: 'coefficient', statistic: 'test_retest', value: 0.8, source: 'pilot' },
        },
      },
      missingData: { kind: 'complete' },
      source: { citation: 'Local', url: 'https://example.org/mood' },
      licence: { note: 'Ours', wordingShipped: false, copyrightNotice: '© Us' },
      caveats: ['Pilot only'],
      alerts: [{ item: 20, atLeast: 2, code: 'high_b', message: 'Follow up' }],
    });
    expect(result.kind).toBe('valid');
    if (result.kind !== 'valid') return;
    expect(measuresOf(result.definition)[0]).toMatchObject({ min: 0, max: 3 });
    expect(result.definition.rulesVersion).toBe('mood_scale-2.1.0/mean-local');
    expect(result.definition.source.url).toBe('https://example.org/mood');
    expect(scoreInstrument(result.definition, [4, 2])).toMatchObject({
      scores: [{ value: 3 }],
      alerts: [{ code: 'high_b', item: 20 }],
    });
  });
});

describe('validateInstrumentJson: rejecting with path and rule', () => {
  it.each<[string, unknown, [string, string][]]>([
    ['not an object', 42, [['$', 'type']]],
    ['an array', [], [['$', 'type']]],
    ['unknown top-level field', variant([['colour'], 'red']), [['colour', 'unknown_field']]],
    ['missing id', variant([['id'], DELETE]), [['id', 'required']]],
    ['id with capitals', variant([['id'], 'Garden']), [['id', 'pattern']]],
    ['id of a built-in', variant([['id'], 'phq9']), [['id', 'reserved_id']]],
    ['id too long', variant([['id'], 'a'.repeat(65)]), [['id', 'max_length']]],
    ['blank name', variant([['name'], '  ']), [['name', 'required']]],
    ['name not a string', variant([['name'], 7]), [['name', 'type']]],
    ['bad version', variant([['version'], 'v1']), [['version', 'pattern']]],
    ['bad rules version', variant([['rulesVersion'], 'Bad Version']), [['rulesVersion', 'pattern']]],
    ['items missing', variant([['items'], DELETE]), [['items', 'required']]],
    ['items not an array', variant([['items'], {}]), [['items', 'type']]],
    ['no items', variant([['items'], []]), [['items', 'non_empty']]],
    ['item not an object', variant([['items', 1], 'x']), [['items[1]', 'type']]],
    ['item number not integer', variant([['items', 0, 'number'], 1.5]), [['items[0].number', 'integer']]],
    ['item number zero', variant([['items', 0, 'number'], 0]), [['items[0].number', 'range']]],
    ['item number a string', variant([['items', 0, 'number'], '1']), [['items[0].number', 'type']]],
    [
      'duplicate item numbers',
      variant([['items', 2, 'number'], 1]),
      [['items[2].number', 'unique_item_numbers']],
    ],
    ['scale min >= max', variant([['items', 2, 'scale', 'max'], 1]), [['items[2].scale.max', 'min_lt_max']]],
    ['scale missing', variant([['items', 0, 'scale'], DELETE]), [['items[0].scale', 'required']]],
    [
      'scale min missing',
      variant([['items', 0, 'scale', 'min'], DELETE]),
      [['items[0].scale.min', 'required']],
    ],
    ['scale beyond bounds', variant([['items', 0, 'scale', 'max'], 5000]), [['items[0].scale.max', 'range']]],
    ['reversed not boolean', variant([['items', 0, 'reversed'], 'yes']), [['items[0].reversed', 'type']]],
    [
      'overlong wording',
      variant([['items', 0, 'wording'], 'w'.repeat(2001)]),
      [['items[0].wording', 'max_length']],
    ],
    [
      'label outside the scale',
      variant([['items', 0, 'scale', 'labels'], [{ value: 6, label: 'x' }]]),
      [['items[0].scale.labels[0].value', 'label_in_scale']],
    ],
    [
      'label value twice',
      variant([
        ['items', 0, 'scale', 'labels'],
        [
          { value: 1, label: 'x' },
          { value: 1, label: 'y' },
        ],
      ]),
      [['items[0].scale.labels[1].value', 'unique_label_values']],
    ],
    [
      'label entry broken',
      variant([
        ['items', 0, 'scale', 'labels'],
        [null, { value: 2 }],
      ]),
      [
        ['items[0].scale.labels[0]', 'type'],
        ['items[0].scale.labels[1].label', 'required'],
      ],
    ],
    ['scoring missing', variant([['scoring'], DELETE]), [['scoring', 'required']]],
    ['scoring kind unknown', variant([['scoring', 'kind'], 'median']), [['scoring.kind', 'one_of']]],
    ['scoring kind missing', variant([['scoring', 'kind'], DELETE]), [['scoring.kind', 'required']]],
    ['scoring extra field', variant([['scoring', 'weights'], []]), [['scoring.weights', 'unknown_field']]],
    ['measure missing', variant([['scoring', 'measure'], DELETE]), [['scoring.measure', 'required']]],
    [
      'measure id pattern',
      variant([['scoring', 'measure', 'id'], 'Total']),
      [['scoring.measure.id', 'pattern']],
    ],
    [
      'direction unknown',
      variant([['scoring', 'measure', 'direction'], 'up']),
      [['scoring.measure.direction', 'one_of']],
    ],
    [
      'first band not at the minimum',
      variant([['scoring', 'measure', 'bands', 0, 'min'], 4]),
      [['scoring.measure.bands[0].min', 'band_coverage']],
    ],
    [
      'band beyond the maximum',
      variant([['scoring', 'measure', 'bands', 1, 'min'], 16]),
      [['scoring.measure.bands[1].min', 'band_range']],
    ],
    [
      'bands out of order',
      variant([['scoring', 'measure', 'bands', 2], { min: 9, label: 'Mid' }]),
      [['scoring.measure.bands[2].min', 'band_order']],
    ],
    [
      'band entry broken',
      variant(
        [['scoring', 'measure', 'bands', 2], 'x'],
        [['scoring', 'measure', 'bands', 3], { label: 'y' }],
      ),
      [
        ['scoring.measure.bands[2]', 'type'],
        ['scoring.measure.bands[3].min', 'required'],
      ],
    ],
    [
      'mid not positive',
      variant([['scoring', 'measure', 'mid'], { points: 0, source: 's' }]),
      [['scoring.measure.mid.points', 'positive']],
    ],
    [
      'mid without source',
      variant([['scoring', 'measure', 'mid'], { points: 2 }]),
      [['scoring.measure.mid.source', 'required']],
    ],
    ['mid not an object', variant([['scoring', 'measure', 'mid'], 3]), [['scoring.measure.mid', 'type']]],
    [
      'reliability not an object',
      variant([['scoring', 'measure', 'reliability'], []]),
      [['scoring.measure.reliability', 'type']],
    ],
    [
      'mean scoring with a broken measure',
      variant([['scoring'], { kind: 'mean', measure: { id: 'mean', label: 'Mean' } }]),
      [['scoring.measure.direction', 'required']],
    ],
    [
      'mean scoring with broken items',
      variant([['scoring', 'kind'], 'mean'], [['items', 0, 'label'], '']),
      [['items[0].label', 'required']],
    ],
    [
      'scale labels on a broken scale',
      variant(
        [['items', 0, 'scale', 'min'], 5],
        [['items', 0, 'scale', 'labels'], [{ value: 9, label: 'x' }]],
      ),
      [['items[0].scale.max', 'min_lt_max']],
    ],
    [
      'reliability coefficient out of (0,1)',
      variant([
        ['scoring', 'measure', 'reliability'],
        { kind: 'coefficient', statistic: 'cronbach_alpha', value: 1, source: 's' },
      ]),
      [['scoring.measure.reliability.value', 'unit_interval']],
    ],
    [
      'reliability coefficient without statistic',
      variant([['scoring', 'measure', 'reliability'], { kind: 'coefficient', value: 0.8, source: 's' }]),
      [['scoring.measure.reliability.statistic', 'required']],
    ],
    [
      'reliability sem not positive',
      variant([['scoring', 'measure', 'reliability'], { kind: 'sem', value: -1, source: 's' }]),
      [['scoring.measure.reliability.value', 'positive']],
    ],
    [
      'reliability sem with a statistic',
      variant([
        ['scoring', 'measure', 'reliability'],
        { kind: 'sem', statistic: 'test_retest', value: 1, source: 's' },
      ]),
      [['scoring.measure.reliability.statistic', 'unknown_field']],
    ],
    [
      'reliability kind unknown',
      variant([['scoring', 'measure', 'reliability'], { kind: 'icc', value: 1, source: 's' }]),
      [['scoring.measure.reliability.kind', 'one_of']],
    ],
    ['missing rule missing', variant([['missingData'], DELETE]), [['missingData', 'required']]],
    [
      'missing rule unknown',
      variant([['missingData'], { kind: 'impute' }]),
      [['missingData.kind', 'one_of']],
    ],
    [
      'maxMissing on complete',
      variant([['missingData'], { kind: 'complete', maxMissing: 1 }]),
      [['missingData.maxMissing', 'unknown_field']],
    ],
    [
      'maxMissing too large',
      variant([['missingData', 'maxMissing'], 3]),
      [['missingData.maxMissing', 'max_missing_range']],
    ],
    [
      'maxMissing negative',
      variant([['missingData', 'maxMissing'], -1]),
      [['missingData.maxMissing', 'max_missing_range']],
    ],
    [
      'maxMissing missing',
      variant([['missingData', 'maxMissing'], DELETE]),
      [['missingData.maxMissing', 'required']],
    ],
    [
      'per_measure with sum scoring',
      variant([['missingData'], { kind: 'per_measure' }]),
      [['missingData.kind', 'missing_rule_scoring']],
    ],
    ['source missing', variant([['source'], DELETE]), [['source', 'required']]],
    ['source without citation', variant([['source'], {}]), [['source.citation', 'required']]],
    ['licence without note', variant([['licence'], {}]), [['licence.note', 'required']]],
    [
      'licence wordingShipped not boolean',
      variant([['licence'], { note: 'n', wordingShipped: 'no' }]),
      [['licence.wordingShipped', 'type']],
    ],
    ['caveats not an array', variant([['caveats'], 'x']), [['caveats', 'type']]],
    ['caveat not a string', variant([['caveats'], ['ok', 3]]), [['caveats[1]', 'type']]],
    [
      'alert on an unknown item',
      variant([['alerts'], [{ item: 9, atLeast: 1, code: 'a', message: 'm' }]]),
      [['alerts[0].item', 'unknown_item']],
    ],
    [
      'alert threshold off the scale',
      variant([['alerts'], [{ item: 1, atLeast: 9, code: 'a', message: 'm' }]]),
      [['alerts[0].atLeast', 'alert_in_scale']],
    ],
    [
      'alert threshold below the scale',
      variant([['alerts'], [{ item: 1, atLeast: 0, code: 'a', message: 'm' }]]),
      [['alerts[0].atLeast', 'alert_in_scale']],
    ],
    [
      'alert broken',
      variant([['alerts'], [7, { item: 1, atLeast: 2, code: 'Bad', message: 'm' }]]),
      [
        ['alerts[0]', 'type'],
        ['alerts[1].code', 'pattern'],
      ],
    ],
  ])('%s', (_name, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it('rejects more than 100 items', () => {
    const items = Array.from({ length: 101 }, (_, i) => ({
      number: i + 1,
      label: 'x',
      scale: { min: 0, max: 1 },
    }));
    expect(issuesOf(variant([['items'], items]))).toEqual([['items', 'max_items']]);
  });

  it('reports several problems at once', () => {
    expect(issuesOf(variant([['id'], 'X'], [['items', 0, 'scale', 'min'], 9]))).toEqual([
      ['id', 'pattern'],
      ['items[0].scale.max', 'min_lt_max'],
    ]);
  });
});

describe('per_item and lookup scoring in JSON', () => {
  const perItem = {
    id: 'two-questions',
    version: '1',
    name: 'Two questions',
    items: [
      { number: 1, label: 'a', scale: { min: 0, max: 10 } },
      { number: 2, label: 'b', scale: { min: 0, max: 10 } },
    ],
    scoring: {
      kind: 'per_item',
      measures: [
        { item: 1, id: 'a', label: 'A', direction: 'higher_is_better' },
        { item: 2, id: 'b', label: 'B', direction: 'lower_is_better', bands: [{ min: 0, label: 'any' }] },
      ],
    },
    missingData: { kind: 'per_measure' },
    source: { citation: 'Local' },
  };

  it('accepts one measure per item', () => {
    const result = validateInstrumentJson(perItem);
    expect(result.kind).toBe('valid');
    if (result.kind === 'valid') {
      expect(scoreInstrument(result.definition, [null, 3])).toMatchObject({
        kind: 'scored',
        scores: [{ measure: 'b', value: 3, band: 'any' }],
      });
    }
  });

  it.each<[string, Change[], [string, string][]]>([
    ['measures missing', [[['scoring', 'measures'], DELETE]], [['scoring.measures', 'required']]],
    [
      'an item without a measure',
      [[['scoring', 'measures', 1], DELETE]],
      [['scoring.measures', 'item_coverage']],
    ],
    [
      'a measure for an unknown item',
      [[['scoring', 'measures', 1, 'item'], 3]],
      [
        ['scoring.measures[1].item', 'item_coverage'],
        ['scoring.measures', 'item_coverage'],
      ],
    ],
    [
      'two measures for one item',
      [[['scoring', 'measures', 1, 'item'], 1]],
      [
        ['scoring.measures[1].item', 'item_coverage'],
        ['scoring.measures', 'item_coverage'],
      ],
    ],
    [
      'a measure that is not an object',
      [[['scoring', 'measures', 1], 5]],
      [
        ['scoring.measures[1]', 'type'],
        ['scoring.measures', 'item_coverage'],
      ],
    ],
    [
      'two measures with one id',
      [[['scoring', 'measures', 1, 'id'], 'a']],
      [['scoring.measures[1].id', 'unique_measure_ids']],
    ],
    [
      'prorate with per_item',
      [[['missingData'], { kind: 'prorate', maxMissing: 1 }]],
      [['missingData.kind', 'missing_rule_scoring']],
    ],
    [
      'measures when the items are broken',
      [[['items', 0, 'scale', 'max'], -1]],
      [['items[0].scale.max', 'min_lt_max']],
    ],
  ])('rejects %s', (_name, changes, expected) => {
    expect(issuesOf(changed(perItem, ...changes))).toEqual(expected);
  });

  const lookup = {
    id: 'tiny-lookup',
    version: '1',
    name: 'Tiny lookup',
    items: [
      { number: 1, label: 'a', scale: { min: 1, max: 2 } },
      { number: 2, label: 'b', scale: { min: 1, max: 2 } },
    ],
    scoring: {
      kind: 'lookup',
      raw: { id: 'raw', label: 'Raw', direction: 'higher_is_better' },
      converted: {
        id: 'metric',
        label: 'Metric',
        direction: 'higher_is_better',
        bands: [{ min: 10, label: 'all' }],
      },
      table: [
        { raw: 4, value: 30 },
        { raw: 2, value: 10 },
        { raw: 3, value: 20 },
      ],
    },
    missingData: { kind: 'complete' },
    source: { citation: 'Local' },
  };

  it('accepts a complete monotone table (sorted by raw) and converts through it', () => {
    const result = validateInstrumentJson(lookup);
    expect(result.kind).toBe('valid');
    if (result.kind !== 'valid') return;
    expect(result.definition.scoring).toMatchObject({ table: [{ raw: 2 }, { raw: 3 }, { raw: 4 }] });
    expect(measuresOf(result.definition)[1]).toMatchObject({ min: 10, max: 30 });
    expect(scoreInstrument(result.definition, [2, 1])).toMatchObject({
      scores: [
        { measure: 'raw', value: 3 },
        { measure: 'metric', value: 20, band: 'all' },
      ],
    });
  });

  it.each<[string, Change[], [string, string][]]>([
    ['table missing', [[['scoring', 'table'], DELETE]], [['scoring.table', 'required']]],
    ['a raw total without a row', [[['scoring', 'table', 2], DELETE]], [['scoring.table', 'table_coverage']]],
    ['a duplicated raw total', [[['scoring', 'table', 2, 'raw'], 4]], [['scoring.table', 'table_coverage']]],
    [
      'a raw total out of range',
      [[['scoring', 'table', 2, 'raw'], 5]],
      [['scoring.table', 'table_coverage']],
    ],
    ['a falling value', [[['scoring', 'table', 0, 'value'], 15]], [['scoring.table[0]', 'monotonic']]],
    ['a broken row', [[['scoring', 'table', 0], { raw: 4 }]], [['scoring.table[0].value', 'required']]],
    ['a row that is not an object', [[['scoring', 'table', 0], 4]], [['scoring.table[0]', 'type']]],
    ['converted measure missing', [[['scoring', 'converted'], DELETE]], [['scoring.converted', 'required']]],
    ['raw measure broken', [[['scoring', 'raw', 'id'], 7]], [['scoring.raw.id', 'type']]],
    [
      'raw and converted with one id',
      [[['scoring', 'converted', 'id'], 'raw']],
      [['scoring.converted.id', 'unique_measure_ids']],
    ],
  ])('rejects %s', (_name, changes, expected) => {
    expect(issuesOf(changed(lookup, ...changes))).toEqual(expected);
  });
});

describe('properties', () => {
  it('never throws, whatever JSON it is given, and always explains a rejection', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateInstrumentJson(value);
        return result.kind === 'valid' || result.issues.length > 0;
      }),
    );
  });

  it('never throws on mutations of a valid definition (any field replaced by any JSON value)', () => {
    const paths: string[][] = [
      ['id'], ['version'], ['name'], ['items'], ['items', '0'], ['items', '0', 'scale'], ['items', '0', 'scale', 'min'],
      ['items', '1', 'reversed'], ['scoring'], ['scoring', 'kind'], ['scoring', 'measure'], ['scoring', 'measure', 'bands'],
      ['missingData'], ['missingData', 'kind'], ['source'], ['licence'], ['alerts'],
    ]; // prettier-ignore
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const copy = JSON.parse(JSON.stringify(LOCAL)) as Record<string, unknown>;
        let target: Record<string, unknown> = copy;
        for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
        target[path[path.length - 1]!] = value;
        const result = validateInstrumentJson(copy);
        return result.kind === 'valid' || result.issues.length > 0;
      }),
    );
  });
});
