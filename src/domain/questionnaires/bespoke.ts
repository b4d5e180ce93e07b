/**
 * Bespoke (local) instruments: a service defines its own survey as JSON (`InstrumentJson`), and
 * `validateInstrumentJson` turns it into an `InstrumentDefinition` scored by the same engine as the
 * built-ins, or rejects it with every problem as a `FieldIssue` (`path` such as
 * `items[2].scale.max`, `rule` such as `min_lt_max`). Hand-written so src/domain stays free of
 * runtime dependencies; the server wraps it at the edge. docs/instruments.md lists every rule.
 */
import type { FieldIssue } from '../errors.js';
import { LIMITS } from '../limits.js';
import type {
  AlertRule,
  Band,
  Direction,
  InstrumentDefinition,
  ItemDefinition,
  Licence,
  LookupRow,
  MeasureDefinition,
  MinimalImportantDifference,
  MissingDataRule,
  PerItemMeasure,
  Reliability,
  ScaleLabel,
  ScoringMethod,
  SourceCitation,
} from './instrument.js';
import { BUILT_IN_INSTRUMENTS } from './registry.js';

/** A measure in JSON: its range is derived from the items, so it has no `min` or `max`. */
export interface MeasureJson {
  readonly id: string;
  readonly label: string;
  readonly direction: Direction;
  readonly bands?: readonly Band[];
  readonly bandSource?: string;
  readonly mid?: MinimalImportantDifference;
  readonly reliability?: Reliability;
}

/** An item in JSON; `reversed` defaults to false and scale `labels` to none. */
export interface ItemJson {
  readonly number: number;
  readonly label: string;
  readonly wording?: string;
  readonly scale: { readonly min: number; readonly max: number; readonly labels?: readonly ScaleLabel[] };
  readonly reversed?: boolean;
}

/** The scoring method in JSON (see `ScoringMethod`). */
export type ScoringJson =
  | { readonly kind: 'sum'; readonly measure: MeasureJson }
  | { readonly kind: 'mean'; readonly measure: MeasureJson }
  | { readonly kind: 'per_item'; readonly measures: readonly (MeasureJson & { readonly item: number })[] }
  | {
      readonly kind: 'lookup';
      readonly raw: MeasureJson;
      readonly converted: MeasureJson;
      readonly table: readonly LookupRow[];
    };

/**
 * The JSON shape of a bespoke instrument. `rulesVersion` defaults to `<id>-<version>/local`;
 * `licence` defaults to a note that the service defined it.
 */
export interface InstrumentJson {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  readonly rulesVersion?: string;
  readonly items: readonly ItemJson[];
  readonly scoring: ScoringJson;
  readonly missingData: MissingDataRule;
  readonly source: SourceCitation;
  readonly licence?: Licence;
  readonly caveats?: readonly string[];
  readonly alerts?: readonly AlertRule[];
}

/** The result of validating a bespoke instrument. */
export type BespokeValidation =
  | { readonly kind: 'valid'; readonly definition: InstrumentDefinition }
  | { readonly kind: 'rejected'; readonly issues: readonly FieldIssue[] };

/** Options: `reservedIds` defaults to the built-in instrument ids. */
export interface BespokeOptions {
  readonly reservedIds?: readonly string[];
}

/** The most items a bespoke instrument may have. */
export const MAX_ITEMS = 100;
/** Scale values must lie within +/- this bound. */
export const MAX_SCALE_VALUE = 1000;

const ID_PATTERN = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
const MEASURE_ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const CODE_PATTERN = /^[a-z][a-z0-9_]*$/;
const VERSION_PATTERN = /^\d+(?:\.\d+){0,2}$/;
const RULES_VERSION_PATTERN = /^[a-z0-9][a-z0-9._/-]*$/;
const ID_MAX = 64;

type Json = Readonly<Record<string, unknown>>;

class Issues {
  readonly list: FieldIssue[] = [];
  add(path: string, rule: string, message: string): void {
    this.list.push({ path, rule, message });
  }
}

const at = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);
const index = (path: string, i: number): string => `${path}[${i}]`;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an object; reports `required`/`type` and any property not in `keys` as `unknown_field`. */
function object(issues: Issues, value: unknown, path: string, keys: readonly string[]): Json | undefined {
  if (value === undefined) {
    issues.add(path, 'required', 'is required');
    return undefined;
  }
  if (!isRecord(value)) {
    issues.add(path, 'type', 'must be an object');
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) issues.add(at(path, key), 'unknown_field', 'is not a known field');
  }
  return value;
}

interface StringRule {
  readonly optional?: boolean;
  readonly max?: number;
  readonly pattern?: RegExp;
}

function readString(issues: Issues, value: unknown, p: string, rule: StringRule = {}): string | undefined {
  if (value === undefined) {
    if (rule.optional !== true) issues.add(p, 'required', 'is required');
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.add(p, 'type', 'must be a string');
    return undefined;
  }
  const max = rule.max ?? LIMITS.shortText;
  if (value.trim() === '') {
    issues.add(p, 'required', 'must not be blank');
  } else if (value.length > max) {
    issues.add(p, 'max_length', `must be at most ${max} characters`);
  } else if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    issues.add(p, 'pattern', `must match ${rule.pattern.source}`);
  } else {
    return value;
  }
  return undefined;
}

function string(
  issues: Issues,
  obj: Json,
  key: string,
  path: string,
  rule: StringRule = {},
): string | undefined {
  return readString(issues, obj[key], at(path, key), rule);
}

function number(issues: Issues, obj: Json, key: string, path: string, integer: boolean): number | undefined {
  const value = obj[key];
  const p = at(path, key);
  if (value === undefined) {
    issues.add(p, 'required', 'is required');
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.add(p, 'type', 'must be a finite number');
  } else if (integer && !Number.isInteger(value)) {
    issues.add(p, 'integer', 'must be a whole number');
  } else {
    return value;
  }
  return undefined;
}

function array(
  issues: Issues,
  value: unknown,
  path: string,
  optional: boolean,
): readonly unknown[] | undefined {
  if (value === undefined) {
    if (!optional) issues.add(path, 'required', 'is required');
    return undefined;
  }
  if (!Array.isArray(value)) {
    issues.add(path, 'type', 'must be an array');
    return undefined;
  }
  return value as readonly unknown[];
}

function oneOf<T extends string>(
  issues: Issues,
  obj: Json,
  key: string,
  path: string,
  allowed: readonly T[],
): T | undefined {
  const value = obj[key];
  const p = at(path, key);
  if (value === undefined) {
    issues.add(p, 'required', 'is required');
    return undefined;
  }
  const found = allowed.find((a) => a === value);
  if (found === undefined) issues.add(p, 'one_of', `must be one of ${allowed.join(', ')}`);
  return found;
}

function strings(issues: Issues, value: unknown, path: string): readonly string[] {
  const out: string[] = [];
  (array(issues, value, path, true) ?? []).forEach((entry, i) => {
    const text = readString(issues, entry, index(path, i), { max: LIMITS.noteText });
    if (text !== undefined) out.push(text);
  });
  return out;
}

function item(issues: Issues, value: unknown, path: string): ItemDefinition | undefined {
  const obj = object(issues, value, path, ['number', 'label', 'wording', 'scale', 'reversed']);
  if (obj === undefined) return undefined;
  const num = number(issues, obj, 'number', path, true);
  if (num !== undefined && num < 1) issues.add(at(path, 'number'), 'range', 'must be 1 or more');
  const label = string(issues, obj, 'label', path);
  const wording = string(issues, obj, 'wording', path, { optional: true, max: LIMITS.noteText });
  let reversed = false;
  if (obj.reversed !== undefined) {
    if (typeof obj.reversed === 'boolean') reversed = obj.reversed;
    else issues.add(at(path, 'reversed'), 'type', 'must be true or false');
  }
  const scalePath = at(path, 'scale');
  const scale = object(issues, obj.scale, scalePath, ['min', 'max', 'labels']);
  if (scale === undefined) return undefined;
  const min = number(issues, scale, 'min', scalePath, true);
  const max = number(issues, scale, 'max', scalePath, true);
  let scaleOk = min !== undefined && max !== undefined;
  for (const [key, v] of [
    ['min', min],
    ['max', max],
  ] as const) {
    if (v !== undefined && Math.abs(v) > MAX_SCALE_VALUE) {
      issues.add(at(scalePath, key), 'range', `must be between -${MAX_SCALE_VALUE} and ${MAX_SCALE_VALUE}`);
      scaleOk = false;
    }
  }
  if (min !== undefined && max !== undefined && min >= max) {
    issues.add(at(scalePath, 'max'), 'min_lt_max', 'must be greater than scale.min');
    scaleOk = false;
  }
  const labels: ScaleLabel[] = [];
  const labelsPath = at(scalePath, 'labels');
  const seen = new Set<number>();
  (array(issues, scale.labels, labelsPath, true) ?? []).forEach((entry, i) => {
    const p = index(labelsPath, i);
    const labelObj = object(issues, entry, p, ['value', 'label']);
    if (labelObj === undefined) return;
    const v = number(issues, labelObj, 'value', p, true);
    const text = string(issues, labelObj, 'label', p);
    if (v === undefined || text === undefined) return;
    if (scaleOk && min !== undefined && max !== undefined && (v < min || v > max)) {
      issues.add(at(p, 'value'), 'label_in_scale', 'must be on the item scale');
    } else if (seen.has(v)) {
      issues.add(at(p, 'value'), 'unique_label_values', `value ${v} is labelled twice`);
    } else {
      seen.add(v);
      labels.push({ value: v, label: text });
    }
  });
  if (
    num === undefined ||
    num < 1 ||
    label === undefined ||
    !scaleOk ||
    min === undefined ||
    max === undefined
  ) {
    return undefined;
  }
  const base = { number: num, label, scale: { min, max, labels }, reversed };
  return wording === undefined ? base : { ...base, wording };
}

function mid(issues: Issues, value: unknown, path: string): MinimalImportantDifference | undefined {
  const obj = object(issues, value, path, ['points', 'source']);
  if (obj === undefined) return undefined;
  const points = number(issues, obj, 'points', path, false);
  const source = string(issues, obj, 'source', path, { max: LIMITS.noteText });
  if (points !== undefined && points <= 0) {
    issues.add(at(path, 'points'), 'positive', 'must be greater than 0');
  } else if (points !== undefined && source !== undefined) return { points, source };
  return undefined;
}

function reliability(issues: Issues, value: unknown, path: string): Reliability | undefined {
  const obj = object(issues, value, path, ['kind', 'statistic', 'value', 'source']);
  if (obj === undefined) return undefined;
  const kind = oneOf(issues, obj, 'kind', path, ['coefficient', 'sem'] as const);
  const v = number(issues, obj, 'value', path, false);
  const source = string(issues, obj, 'source', path, { max: LIMITS.noteText });
  switch (kind) {
    case undefined:
      return undefined;
    case 'sem':
      if (obj.statistic !== undefined) {
        issues.add(at(path, 'statistic'), 'unknown_field', 'applies to coefficients');
      }
      if (v !== undefined && v <= 0) issues.add(at(path, 'value'), 'positive', 'must be greater than 0');
      else if (v !== undefined && source !== undefined && obj.statistic === undefined) {
        return { kind, value: v, source };
      }
      return undefined;
    case 'coefficient': {
      const statistic = oneOf(issues, obj, 'statistic', path, ['cronbach_alpha', 'test_retest'] as const);
      if (v !== undefined && (v <= 0 || v >= 1)) {
        issues.add(at(path, 'value'), 'unit_interval', 'must be between 0 and 1 (exclusive)');
      } else if (v !== undefined && source !== undefined && statistic !== undefined) {
        return { kind, statistic, value: v, source };
      }
      return undefined;
    }
  }
}

function bands(issues: Issues, value: unknown, path: string, min: number, max: number): Band[] {
  const out: Band[] = [];
  (array(issues, value, path, true) ?? []).forEach((entry, i) => {
    const p = index(path, i);
    const obj = object(issues, entry, p, ['min', 'label']);
    if (obj === undefined) return;
    const bandMin = number(issues, obj, 'min', p, false);
    const label = string(issues, obj, 'label', p);
    if (bandMin === undefined || label === undefined) return;
    const previous = out[out.length - 1];
    if (i === 0 && bandMin !== min) {
      issues.add(at(p, 'min'), 'band_coverage', `the first band must start at the measure minimum ${min}`);
    } else if (bandMin > max) {
      issues.add(at(p, 'min'), 'band_range', `must not exceed the measure maximum ${max}`);
    } else if (previous !== undefined && bandMin <= previous.min) {
      issues.add(at(p, 'min'), 'band_order', 'bands must be in strictly increasing order of min');
    } else {
      out.push({ min: bandMin, label });
    }
  });
  return out;
}

const MEASURE_KEYS = ['id', 'label', 'direction', 'bands', 'bandSource', 'mid', 'reliability'] as const;

function measure(
  issues: Issues,
  value: unknown,
  path: string,
  range: { readonly min: number; readonly max: number } | undefined,
  extraKeys: readonly string[] = [],
): MeasureDefinition | undefined {
  const obj = object(issues, value, path, [...MEASURE_KEYS, ...extraKeys]);
  if (obj === undefined) return undefined;
  const id = string(issues, obj, 'id', path, { max: ID_MAX, pattern: MEASURE_ID_PATTERN });
  const label = string(issues, obj, 'label', path);
  const direction = oneOf(issues, obj, 'direction', path, ['higher_is_better', 'lower_is_better'] as const);
  const bandSource = string(issues, obj, 'bandSource', path, { optional: true, max: LIMITS.noteText });
  const m = obj.mid === undefined ? undefined : mid(issues, obj.mid, at(path, 'mid'));
  const r =
    obj.reliability === undefined ? undefined : reliability(issues, obj.reliability, at(path, 'reliability'));
  // Bands are checked against the range only when the range is known (the items are valid).
  const b = range === undefined ? [] : bands(issues, obj.bands, at(path, 'bands'), range.min, range.max);
  if (id === undefined || label === undefined || direction === undefined || range === undefined) {
    return undefined;
  }
  return {
    id,
    label,
    min: range.min,
    max: range.max,
    direction,
    bands: b,
    ...(bandSource === undefined ? {} : { bandSource }),
    ...(m === undefined ? {} : { mid: m }),
    ...(r === undefined ? {} : { reliability: r }),
  };
}

function table(
  issues: Issues,
  value: unknown,
  path: string,
  raw: { readonly min: number; readonly max: number } | undefined,
): LookupRow[] | undefined {
  const list = array(issues, value, path, false);
  if (list === undefined) return undefined;
  const rows: LookupRow[] = [];
  list.forEach((entry, i) => {
    const p = index(path, i);
    const obj = object(issues, entry, p, ['raw', 'value']);
    if (obj === undefined) return;
    const r = number(issues, obj, 'raw', p, true);
    const v = number(issues, obj, 'value', p, false);
    if (r !== undefined && v !== undefined) rows.push({ raw: r, value: v });
  });
  if (raw === undefined || rows.length !== list.length) return undefined;
  const sorted = [...rows].sort((a, b) => a.raw - b.raw);
  const expected = raw.max - raw.min + 1;
  const exact = sorted.length === expected && sorted.every((row, i) => row.raw === raw.min + i);
  if (!exact) {
    issues.add(
      path,
      'table_coverage',
      `must have exactly one row for each raw total from ${raw.min} to ${raw.max}`,
    );
    return undefined;
  }
  const falling: LookupRow[] = [];
  let previous: LookupRow | undefined;
  for (const row of sorted) {
    if (previous !== undefined && row.value < previous.value) falling.push(row);
    previous = row;
  }
  for (const row of falling) {
    issues.add(
      index(path, rows.indexOf(row)),
      'monotonic',
      'converted values must not fall as the raw total rises',
    );
  }
  return falling.length === 0 ? sorted : undefined;
}

function alertRules(
  issues: Issues,
  value: unknown,
  path: string,
  items: readonly ItemDefinition[],
): AlertRule[] {
  const out: AlertRule[] = [];
  (array(issues, value, path, true) ?? []).forEach((entry, i) => {
    const p = index(path, i);
    const obj = object(issues, entry, p, ['item', 'atLeast', 'code', 'message']);
    if (obj === undefined) return;
    const itemNumber = number(issues, obj, 'item', p, true);
    const atLeast = number(issues, obj, 'atLeast', p, true);
    const code = string(issues, obj, 'code', p, { max: ID_MAX, pattern: CODE_PATTERN });
    const message = string(issues, obj, 'message', p, { max: LIMITS.noteText });
    if (itemNumber === undefined || atLeast === undefined || code === undefined || message === undefined) {
      return;
    }
    const target = items.find((it) => it.number === itemNumber);
    if (target === undefined) {
      issues.add(at(p, 'item'), 'unknown_item', `there is no item ${itemNumber}`);
    } else if (atLeast < target.scale.min || atLeast > target.scale.max) {
      issues.add(at(p, 'atLeast'), 'alert_in_scale', 'must be on the item scale');
    } else {
      out.push({ item: itemNumber, atLeast, code, message });
    }
  });
  return out;
}

function scoring(
  issues: Issues,
  value: unknown,
  items: readonly ItemDefinition[] | undefined,
): ScoringMethod | undefined {
  const path = 'scoring';
  if (!isRecord(value)) {
    object(issues, value, path, []);
    return undefined;
  }
  const kind = oneOf(issues, value, 'kind', path, ['sum', 'mean', 'per_item', 'lookup'] as const);
  const sumRange =
    items === undefined
      ? undefined
      : {
          min: items.reduce((acc, it) => acc + it.scale.min, 0),
          max: items.reduce((acc, it) => acc + it.scale.max, 0),
          count: items.length,
        };
  switch (kind) {
    case undefined:
      return undefined;
    case 'sum': {
      object(issues, value, path, ['kind', 'measure']);
      const m = measure(issues, value.measure, at(path, 'measure'), sumRange);
      return m === undefined ? undefined : { kind, measure: m };
    }
    case 'mean': {
      object(issues, value, path, ['kind', 'measure']);
      const range =
        sumRange === undefined
          ? undefined
          : { min: sumRange.min / sumRange.count, max: sumRange.max / sumRange.count };
      const m = measure(issues, value.measure, at(path, 'measure'), range);
      return m === undefined ? undefined : { kind, measure: m };
    }
    case 'per_item': {
      object(issues, value, path, ['kind', 'measures']);
      const listPath = at(path, 'measures');
      const list = array(issues, value.measures, listPath, false);
      if (list === undefined) return undefined;
      const measures: PerItemMeasure[] = [];
      const covered = new Set<number>();
      list.forEach((entry, i) => {
        const p = index(listPath, i);
        const itemNumber = isRecord(entry) ? entry.item : undefined;
        const target = items?.find((it) => it.number === itemNumber);
        if (isRecord(entry) && items !== undefined) {
          if (target === undefined) {
            issues.add(at(p, 'item'), 'item_coverage', 'must be the number of an item');
          } else if (covered.has(target.number)) {
            issues.add(at(p, 'item'), 'item_coverage', `item ${target.number} already has a measure`);
          } else {
            covered.add(target.number);
          }
        }
        const range = target === undefined ? undefined : { min: target.scale.min, max: target.scale.max };
        const m = measure(issues, entry, p, range, ['item']);
        if (m !== undefined && measures.some((other) => other.id === m.id)) {
          issues.add(at(p, 'id'), 'unique_measure_ids', `measure id ${m.id} is used twice`);
        } else if (m !== undefined && target !== undefined) {
          measures.push({ ...m, item: target.number });
        }
      });
      const uncovered = items?.filter((it) => !covered.has(it.number)) ?? [];
      if (uncovered.length > 0) {
        issues.add(
          listPath,
          'item_coverage',
          `items ${uncovered.map((it) => it.number).join(', ')} have no measure`,
        );
      }
      return measures.length === list.length && items !== undefined ? { kind, measures } : undefined;
    }
    case 'lookup': {
      object(issues, value, path, ['kind', 'raw', 'converted', 'table']);
      const raw = measure(issues, value.raw, at(path, 'raw'), sumRange);
      const rows = table(issues, value.table, at(path, 'table'), sumRange);
      const values = rows?.map((r) => r.value) ?? [];
      const convertedRange =
        rows === undefined ? undefined : { min: Math.min(...values), max: Math.max(...values) };
      const converted = measure(issues, value.converted, at(path, 'converted'), convertedRange);
      if (raw === undefined || converted === undefined || rows === undefined) return undefined;
      if (raw.id === converted.id) {
        issues.add(at(path, 'converted.id'), 'unique_measure_ids', `measure id ${raw.id} is used twice`);
        return undefined;
      }
      return { kind, raw, converted, table: rows };
    }
  }
}

function missingData(
  issues: Issues,
  value: unknown,
  itemCount: number | undefined,
): MissingDataRule | undefined {
  const path = 'missingData';
  const obj = object(issues, value, path, ['kind', 'maxMissing']);
  if (obj === undefined) return undefined;
  const kind = oneOf(issues, obj, 'kind', path, ['complete', 'prorate', 'per_measure'] as const);
  switch (kind) {
    case undefined:
      return undefined;
    case 'complete':
    case 'per_measure':
      if (obj.maxMissing !== undefined) {
        issues.add(at(path, 'maxMissing'), 'unknown_field', 'applies to prorate');
      } else return { kind };
      return undefined;
    case 'prorate': {
      const maxMissing = number(issues, obj, 'maxMissing', path, true);
      if (maxMissing === undefined || itemCount === undefined) return undefined;
      if (maxMissing < 0 || maxMissing >= itemCount) {
        issues.add(at(path, 'maxMissing'), 'max_missing_range', `must be from 0 to ${itemCount - 1}`);
        return undefined;
      }
      return { kind, maxMissing };
    }
  }
}

function compatible(issues: Issues, rule: MissingDataRule, method: ScoringMethod['kind']): boolean {
  const ok =
    rule.kind === 'complete' ||
    (rule.kind === 'prorate' && (method === 'sum' || method === 'mean')) ||
    (rule.kind === 'per_measure' && method === 'per_item');
  if (!ok) {
    issues.add(
      'missingData.kind',
      'missing_rule_scoring',
      `${rule.kind} cannot be used with ${method} scoring`,
    );
  }
  return ok;
}

/**
 * Validates a bespoke instrument definition (JSON already parsed) against the `InstrumentJson`
 * shape and the engine's rules, returning the definition to score with `scoreInstrument`, or every
 * problem found with its path and rule. Never throws, whatever the input.
 */
export function validateInstrumentJson(input: unknown, options: BespokeOptions = {}): BespokeValidation {
  const issues = new Issues();
  const root = isRecord(input)
    ? object(issues, input, '', [
        'id',
        'version',
        'name',
        'rulesVersion',
        'items',
        'scoring',
        'missingData',
        'source',
        'licence',
        'caveats',
        'alerts',
      ])
    : undefined;
  if (root === undefined) {
    return { kind: 'rejected', issues: [{ path: '$', rule: 'type', message: 'must be an object' }] };
  }

  const id = string(issues, root, 'id', '', { max: ID_MAX, pattern: ID_PATTERN });
  const reserved = options.reservedIds ?? BUILT_IN_INSTRUMENTS.map((d) => d.id);
  if (id !== undefined && reserved.includes(id)) {
    issues.add('id', 'reserved_id', `${id} is a built-in instrument`);
  }
  const version = string(issues, root, 'version', '', { max: 20, pattern: VERSION_PATTERN });
  const name = string(issues, root, 'name', '');
  const rulesVersion = string(issues, root, 'rulesVersion', '', {
    optional: true,
    max: 100,
    pattern: RULES_VERSION_PATTERN,
  });

  // Items: each checked on its own, then for unique numbers.
  const rawItems = array(issues, root.items, 'items', false);
  let items: ItemDefinition[] | undefined;
  if (rawItems !== undefined) {
    if (rawItems.length === 0) issues.add('items', 'non_empty', 'must have at least one item');
    if (rawItems.length > MAX_ITEMS) issues.add('items', 'max_items', `must have at most ${MAX_ITEMS} items`);
    const parsed: ItemDefinition[] = [];
    const numbers = new Set<number>();
    rawItems.forEach((entry, i) => {
      const it = item(issues, entry, index('items', i));
      if (it === undefined) return;
      if (numbers.has(it.number)) {
        issues.add(`items[${i}].number`, 'unique_item_numbers', `item number ${it.number} is used twice`);
        return;
      }
      numbers.add(it.number);
      parsed.push(it);
    });
    const allOk = parsed.length === rawItems.length && rawItems.length > 0 && rawItems.length <= MAX_ITEMS;
    items = allOk ? parsed : undefined;
  }

  const method = scoring(issues, root.scoring, items);
  const rule = missingData(issues, root.missingData, items?.length);
  const rulesOk = method !== undefined && rule !== undefined && compatible(issues, rule, method.kind);

  const sourceObj = object(issues, root.source, 'source', ['citation', 'url']);
  const citation = sourceObj && string(issues, sourceObj, 'citation', 'source', { max: LIMITS.noteText });
  const url =
    sourceObj && string(issues, sourceObj, 'url', 'source', { optional: true, max: LIMITS.noteText });

  let licence: Licence | undefined;
  if (root.licence !== undefined) {
    const obj = object(issues, root.licence, 'licence', ['note', 'wordingShipped', 'copyrightNotice']);
    const note = obj && string(issues, obj, 'note', 'licence', { max: LIMITS.noteText });
    const notice =
      obj && string(issues, obj, 'copyrightNotice', 'licence', { optional: true, max: LIMITS.noteText });
    const shipped = obj?.wordingShipped ?? false;
    if (typeof shipped !== 'boolean') issues.add('licence.wordingShipped', 'type', 'must be true or false');
    else if (note !== undefined) {
      licence = {
        note,
        wordingShipped: shipped,
        ...(notice === undefined ? {} : { copyrightNotice: notice }),
      };
    }
  }
  const caveats = strings(issues, root.caveats, 'caveats');
  const alerts = items === undefined ? [] : alertRules(issues, root.alerts, 'alerts', items);

  if (
    issues.list.length > 0 ||
    id === undefined ||
    version === undefined ||
    name === undefined ||
    items === undefined ||
    !rulesOk ||
    citation === undefined
  ) {
    return { kind: 'rejected', issues: issues.list };
  }
  return {
    kind: 'valid',
    definition: {
      id,
      version,
      name,
      rulesVersion: rulesVersion ?? `${id}-${version}/local`,
      origin: 'bespoke',
      items,
      scoring: method,
      missingData: rule,
      licence: licence ?? {
        note: 'Defined locally by the service.',
        wordingShipped: items.some((i) => i.wording !== undefined),
      },
      source: url === undefined ? { citation } : { citation, url },
      caveats,
      alerts,
    },
  };
}
