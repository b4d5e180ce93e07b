/**
 * One source row through a bound sheet of a mapping profile: the cells each target field reads, its
 * pattern, default, list split, value map and type (dates through the profile's formats). The
 * result is plain values per record (person, referral, contacts), still unchecked against the
 * record rules, and the issues found reading them (path `record.field`, e.g. `contact[2].mode`
 * for the contact of repeat key 2).
 */
import type { FieldIssue } from '../errors.js';
import { readDateTime, toInstant, type TimeZone } from './dates.js';
import {
  normaliseKey,
  type BoundField,
  type BoundRecord,
  type BoundSheet,
  type CompiledField,
  type RecordType,
} from './profile.js';

export type MappedValue = string | number | boolean | readonly string[];

export interface MappedRecord {
  readonly type: RecordType;
  /** The repeat key of a repeated contact, else null. */
  readonly repeatKey: string | null;
  /** The record's id in the source (null when the profile gives none or its cells are empty). */
  readonly sourceId: string | null;
  /** Field values; a field whose cells are empty (and has no default) is not in the map. */
  readonly values: ReadonlyMap<string, MappedValue>;
}

export interface MappedRow {
  /** Every cell empty: not a record, reported as blank. */
  readonly blank: boolean;
  readonly person: MappedRecord | null;
  readonly referral: MappedRecord | null;
  readonly contacts: readonly MappedRecord[];
  readonly issues: readonly FieldIssue[];
}

const TRUE = new Set(['yes', 'y', 'true', 't', '1']);
const FALSE = new Set(['no', 'n', 'false', 'f', '0']);

const shown = (value: string): string => (value.length > 40 ? `${value.slice(0, 37)}...` : value);

/** Reads one field's raw text (null when empty); `present` is set when a cell of the record's own has text. */
function readRaw(bound: BoundField, cells: readonly string[], seen: { present: boolean }): string | null {
  if (bound.parts === null) {
    const value = bound.field.value;
    return value === null || value === '' ? null : value;
  }
  let out = '';
  let complete = true;
  for (const part of bound.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const text = (cells[part.index] ?? '').trim();
    if (text === '') complete = false;
    else if (part.own) seen.present = true;
    out += text;
  }
  return complete ? out : null;
}

type Converted =
  | { readonly ok: true; readonly value: MappedValue | null }
  | { readonly ok: false; readonly issue: FieldIssue };

function applyMap(f: CompiledField, path: string, text: string): Converted {
  if (f.map === null) return { ok: true, value: text };
  const mapped = f.map.get(normaliseKey(text));
  if (mapped !== undefined) return { ok: true, value: mapped === '' ? null : mapped };
  switch (f.unmapped) {
    case 'keep':
      return { ok: true, value: text };
    case 'empty':
      return { ok: true, value: null };
    case 'reject':
      return {
        ok: false,
        issue: {
          path,
          rule: 'unmapped_value',
          message: `"${shown(text)}" is not in the profile's value map`,
        },
      };
  }
}

function convert(f: CompiledField, path: string, text: string, zone: TimeZone): Converted {
  switch (f.kind) {
    case 'text':
    case 'list':
      return { ok: true, value: text };
    case 'date':
    case 'datetime': {
      const read = readDateTime(text, f.formats);
      if (read === null) {
        const formats = [...f.formats.map((d) => d.source), 'ISO 8601 (yyyy-MM-dd)'].join(', ');
        return {
          ok: false,
          issue: {
            path,
            rule: f.kind === 'date' ? 'date_format' : 'datetime_format',
            message: `is not a date in the format ${formats}`,
          },
        };
      }
      return { ok: true, value: f.kind === 'date' ? read.date : toInstant(read, zone) };
    }
    case 'integer': {
      if (!/^[+-]?\d+(\.0+)?$/.test(text)) {
        return { ok: false, issue: { path, rule: 'integer', message: 'must be a whole number' } };
      }
      return { ok: true, value: Number(text) };
    }
    case 'boolean': {
      const key = normaliseKey(text);
      if (TRUE.has(key)) return { ok: true, value: true };
      if (FALSE.has(key)) return { ok: true, value: false };
      return {
        ok: false,
        issue: {
          path,
          rule: 'boolean',
          message: `"${shown(text)}" is not yes or no (map it in the profile)`,
        },
      };
    }
  }
}

/** Reads one field: raw text, pattern, default, split (lists), map and conversion. */
function readField(
  bound: BoundField,
  cells: readonly string[],
  path: string,
  zone: TimeZone,
  seen: { present: boolean },
  issues: FieldIssue[],
): MappedValue | null {
  const f = bound.field;
  let text = readRaw(bound, cells, seen);
  if (text !== null && f.pattern !== null) {
    const m = f.pattern.exec(text);
    if (m === null) {
      issues.push({ path, rule: 'pattern', message: "does not match the profile's pattern" });
      return null;
    }
    text = (f.group === null ? m[0] : m.groups?.[f.group]) ?? '';
    text = text.trim() === '' ? null : text.trim();
  }
  text ??= f.default;
  if (text === null) return null;
  if (f.kind === 'list') {
    const items: string[] = [];
    for (const item of text.split(f.split).map((s) => s.trim())) {
      if (item === '') continue;
      const mapped = applyMap(f, path, item);
      if (!mapped.ok) issues.push(mapped.issue);
      else if (mapped.value !== null) items.push(String(mapped.value));
    }
    return items;
  }
  const mapped = applyMap(f, path, text);
  if (!mapped.ok) {
    issues.push(mapped.issue);
    return null;
  }
  if (mapped.value === null) return null;
  const converted = convert(f, path, String(mapped.value), zone);
  if (!converted.ok) {
    issues.push(converted.issue);
    return null;
  }
  return converted.value;
}

/**
 * Reads one record (one repeat key); null when none of the cells its fields read has text (for a
 * repeated record: none of its `{n}` columns), whatever its id and defaults.
 */
function readRecord(
  bound: BoundRecord,
  cells: readonly string[],
  zone: TimeZone,
  issues: FieldIssue[],
): MappedRecord | null {
  const seen = { present: false };
  const key = bound.repeatKey;
  const prefix = key === null ? bound.record.type : `${bound.record.type}[${key}]`;
  const found: FieldIssue[] = [];
  const values = new Map<string, MappedValue>();
  for (const field of bound.fields) {
    const value = readField(field, cells, `${prefix}.${field.field.field}`, zone, seen, found);
    if (value !== null) values.set(field.field.field, value);
  }
  if (!seen.present) return null;
  // The id does not make a record present (a template may read columns of the whole row).
  const id =
    bound.id === null ? null : readField(bound.id, cells, `${prefix}.id`, zone, { present: false }, found);
  issues.push(...found);
  return { type: bound.record.type, repeatKey: key, sourceId: id === null ? null : String(id), values };
}

/** Maps one row of cells (in header order) through a bound sheet. */
export function mapRow(bound: BoundSheet, cells: readonly string[]): MappedRow {
  const issues: FieldIssue[] = [];
  if (cells.every((c) => c.trim() === '')) {
    return { blank: true, person: null, referral: null, contacts: [], issues };
  }
  const read = (record: BoundRecord | null): MappedRecord | null =>
    record === null ? null : readRecord(record, cells, bound.timeZone, issues);
  const person = read(bound.person);
  const referral = read(bound.referral);
  const contacts = bound.contacts.flatMap((c) => {
    const contact = read(c);
    return contact === null ? [] : [contact];
  });
  return { blank: false, person, referral, contacts, issues };
}
