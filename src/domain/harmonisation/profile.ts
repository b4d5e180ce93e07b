/**
 * Mapping profiles: how one source's export (a CSV file or a workbook of sheets) maps to the common
 * record (person, referral, contact), declared as data so that a new source needs no code
 * (docs/import.md is the reference for every key). The JSON shape is checked at the edge by the zod
 * schema in src/services/import/profile-schema.ts; this module checks what a schema cannot (field
 * names per record, date formats, patterns, how records on a sheet refer to each other) and compiles
 * the profile, then binds each sheet to a file's header.
 */
import type { FieldIssue } from '../errors.js';
import { IssueList, result, type Validated } from '../validation.js';
import { compileDateFormat, type DateFormat, type TimeZone } from './dates.js';

/** The kind of value a target field takes (text is trimmed; empty text is absent). */
export type ValueKind = 'text' | 'date' | 'datetime' | 'integer' | 'boolean' | 'list';

/** Person fields (PRSB sections 1-2; validated by validatePerson). */
export const PERSON_FIELDS = {
  nhsNumber: 'text',
  chiNumber: 'text',
  givenName: 'text',
  familyName: 'text',
  dateOfBirth: 'date',
  sex: 'text',
  gender: 'text',
  ethnicity: 'text',
  ethnicityNation: 'text',
  postcode: 'text',
  phone: 'text',
  email: 'text',
  practice: 'text',
  scheme: 'text',
  recordedAt: 'datetime',
} as const satisfies Record<string, ValueKind>;

/** Referral fields (PRSB section 7 and the episode; validated by validateReferral). */
export const REFERRAL_FIELDS = {
  person: 'text',
  scheme: 'text',
  referredAt: 'datetime',
  route: 'text',
  referrerRole: 'text',
  referrerName: 'text',
  referrerOrgText: 'text',
  method: 'text',
  reason: 'text',
  priorityGroup: 'text',
  needs: 'list',
  linkWorker: 'text',
  consentToShare: 'boolean',
  status: 'text',
  acceptedAt: 'datetime',
  closedAt: 'datetime',
  dischargeReason: 'text',
  recordedAt: 'datetime',
} as const satisfies Record<string, ValueKind>;

/** Contact fields (PRSB section 8; validated by validateContact). */
export const CONTACT_FIELDS = {
  referral: 'text',
  contactAt: 'datetime',
  mode: 'text',
  durationMinutes: 'integer',
  locationType: 'text',
  outcome: 'text',
  staff: 'text',
  contactType: 'text',
  notes: 'text',
  recordedAt: 'datetime',
} as const satisfies Record<string, ValueKind>;

export const RECORD_FIELDS = {
  person: PERSON_FIELDS,
  referral: REFERRAL_FIELDS,
  contact: CONTACT_FIELDS,
} as const;

export type RecordType = keyof typeof RECORD_FIELDS;
export const RECORD_TYPES: readonly RecordType[] = ['person', 'referral', 'contact'];
export type PersonField = keyof typeof PERSON_FIELDS;
export type ReferralField = keyof typeof REFERRAL_FIELDS;
export type ContactField = keyof typeof CONTACT_FIELDS;

/** Fields every mapping of a record type must give (a value for them is then checked per row). */
const REQUIRED_FIELDS: Readonly<Record<RecordType, readonly string[]>> = {
  person: ['givenName', 'familyName', 'dateOfBirth'],
  referral: ['referredAt', 'route'],
  contact: ['contactAt', 'mode'],
};

/** What to do with a value a value map does not list. */
export type Unmapped = 'keep' | 'reject' | 'empty';

/** Where one target field's value comes from, and how it is read. */
export interface FieldMappingSpec {
  /** A column, by its header (compared without case and extra spaces). */
  readonly column?: string;
  /** A constant. */
  readonly value?: string;
  /** Text with `{Column}` placeholders (and `{n}`, the repeat key); absent if any column is empty. */
  readonly template?: string;
  /** A regular expression the value must match; `group` names the part to keep (default: all). */
  readonly pattern?: string;
  readonly group?: string;
  /** Used when the cell is empty. */
  readonly default?: string;
  /** For list fields: the separator between items (default ";"). */
  readonly split?: string;
  /** Source value -> Linkwork value (keys compared without case and extra spaces; "" means empty). */
  readonly map?: Readonly<Record<string, string>>;
  /** A value the map does not list: keep it as it is (default), reject the row, or treat as empty. */
  readonly unmapped?: Unmapped;
  /** Date formats for this field (default: the profile's `dateFormats`). */
  readonly formats?: readonly string[];
}

/** A column name, or the full mapping. */
export type FieldSpec = string | FieldMappingSpec;

export interface RecordSpec {
  /** The record's id in the source system (required for referrals and contacts). */
  readonly id?: FieldSpec;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Contacts only: one contact per key, `{n}` in column names and templates standing for it. */
  readonly repeat?: readonly string[];
}

export interface SheetSpec {
  /** A name for the sheet in results and messages. */
  readonly name: string;
  /** Workbook sheet name (default: the only sheet of a one-sheet profile). */
  readonly sheet?: string;
  /** CSV file name pattern with `*` and `?` (default: any file, for a one-sheet profile). */
  readonly file?: string;
  /** The row holding column headers (default 1); rows above it are skipped. */
  readonly headerRow?: number;
  readonly person?: RecordSpec;
  readonly referral?: RecordSpec;
  readonly contact?: RecordSpec;
}

export interface ProfileSpec {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  /** Stored with every record as source_system (with its id in the source as source_record_id). */
  readonly sourceSystem: string;
  /** How date-times without a zone are read (default Europe/London). */
  readonly timeZone?: TimeZone;
  /** Date formats tried in order for every date and date-time field (ISO 8601 always works). */
  readonly dateFormats?: readonly string[];
  readonly csv?: { readonly delimiter?: string; readonly encoding?: 'utf-8' | 'windows-1252' };
  /** In the order they are imported: people before the referrals that name them, and so on. */
  readonly sheets: readonly SheetSpec[];
}

/** One target field, compiled. */
export interface CompiledField {
  /** e.g. `contact.mode`: the path a row's issues are reported under. */
  readonly path: string;
  /** e.g. `sheets[0].contact.fields.mode`: where the field is in the profile. */
  readonly profileKey: string;
  readonly field: string;
  readonly kind: ValueKind;
  readonly column: string | null;
  readonly value: string | null;
  /** Literal text and column references, alternating (column names may hold `{n}`). */
  readonly template: readonly TemplatePart[] | null;
  readonly pattern: RegExp | null;
  readonly group: string | null;
  readonly default: string | null;
  readonly split: string;
  readonly map: ReadonlyMap<string, string> | null;
  readonly unmapped: Unmapped;
  readonly formats: readonly DateFormat[];
}

export type TemplatePart =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'column'; readonly name: string };

export interface CompiledRecord {
  readonly type: RecordType;
  readonly id: CompiledField | null;
  readonly fields: readonly CompiledField[];
  readonly repeat: readonly string[] | null;
}

export interface CompiledSheet {
  readonly index: number;
  readonly name: string;
  readonly sheet: string | null;
  readonly file: string | null;
  readonly headerRow: number;
  readonly person: CompiledRecord | null;
  readonly referral: CompiledRecord | null;
  readonly contact: CompiledRecord | null;
}

export interface CompiledProfile {
  readonly name: string;
  readonly title: string;
  readonly sourceSystem: string;
  readonly timeZone: TimeZone;
  readonly delimiter: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly sheets: readonly CompiledSheet[];
}

/** Compares header names and map keys: case, surrounding and repeated spaces do not matter. */
export function normaliseKey(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

const REPEAT_KEY = 'n';

function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{([^{}]+)\}/g)) {
    if (m.index > last) parts.push({ kind: 'text', text: text.slice(last, m.index) });
    parts.push({ kind: 'column', name: String(m[1]) });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function compileField(
  issues: IssueList,
  path: string,
  recordPath: string,
  field: string,
  kind: ValueKind,
  raw: FieldSpec,
  profileFormats: readonly DateFormat[],
): CompiledField {
  const spec: FieldMappingSpec = typeof raw === 'string' ? { column: raw } : raw;
  const sources = [spec.column, spec.value, spec.template].filter((s) => s !== undefined).length;
  if (sources !== 1 && !(sources === 0 && spec.default !== undefined)) {
    issues.add(path, 'one_source', 'give exactly one of column, value or template (or only a default)');
  }
  let template: TemplatePart[] | null = null;
  if (spec.template !== undefined) {
    template = parseTemplate(spec.template);
    if (!template.some((p) => p.kind === 'column')) {
      issues.add(
        `${path}.template`,
        'template',
        'must name at least one {column} (use value for a constant)',
      );
    }
  }
  let pattern: RegExp | null = null;
  if (spec.pattern !== undefined) {
    try {
      pattern = new RegExp(spec.pattern);
    } catch (error) {
      issues.add(`${path}.pattern`, 'pattern', `is not a regular expression: ${(error as Error).message}`);
    }
    if (spec.group !== undefined && !spec.pattern.includes(`(?<${spec.group}>`)) {
      issues.add(`${path}.group`, 'pattern_group', `the pattern has no group named "${spec.group}"`);
    }
  } else if (spec.group !== undefined) {
    issues.add(`${path}.group`, 'not_allowed', 'needs a pattern');
  }
  if (spec.split !== undefined && kind !== 'list') {
    issues.add(`${path}.split`, 'not_allowed', 'only list fields (needs) are split');
  }
  let formats = profileFormats;
  if (spec.formats !== undefined) {
    if (kind !== 'date' && kind !== 'datetime') {
      issues.add(`${path}.formats`, 'not_allowed', 'only date and date-time fields have formats');
    }
    formats = compileFormats(issues, `${path}.formats`, spec.formats);
  }
  let map: Map<string, string> | null = null;
  if (spec.map !== undefined) {
    map = new Map();
    for (const [from, to] of Object.entries(spec.map)) {
      const key = normaliseKey(from);
      if (map.has(key)) issues.add(`${path}.map`, 'duplicate_key', `"${from}" is listed twice`);
      map.set(key, to);
    }
  }
  if (spec.unmapped !== undefined && map === null) {
    issues.add(`${path}.unmapped`, 'not_allowed', 'needs a map');
  }
  return {
    path: recordPath,
    profileKey: path,
    field,
    kind,
    column: spec.column ?? null,
    value: spec.value ?? null,
    template,
    pattern,
    group: spec.group ?? null,
    default: spec.default ?? null,
    split: spec.split ?? ';',
    map,
    unmapped: spec.unmapped ?? 'keep',
    formats,
  };
}

function compileFormats(issues: IssueList, path: string, formats: readonly string[]): DateFormat[] {
  const out: DateFormat[] = [];
  formats.forEach((f, i) => {
    const compiled = compileDateFormat(f);
    if (compiled.kind === 'valid') out.push(compiled.format);
    else issues.add(`${path}[${i}]`, 'date_format', compiled.message);
  });
  return out;
}

/** The column names a field reads (with `{n}` still in them). */
export function columnsOf(field: CompiledField): string[] {
  if (field.column !== null) return [field.column];
  return (field.template ?? []).flatMap((p) =>
    p.kind === 'column' && p.name !== REPEAT_KEY ? [p.name] : [],
  );
}

const usesRepeatKey = (field: CompiledField): boolean =>
  (field.column ?? '').includes(`{${REPEAT_KEY}}`) ||
  (field.template ?? []).some(
    (p) => p.kind === 'column' && (p.name === REPEAT_KEY || p.name.includes(`{${REPEAT_KEY}}`)),
  );

function compileRecord(
  issues: IssueList,
  path: string,
  type: RecordType,
  spec: RecordSpec,
  formats: readonly DateFormat[],
): CompiledRecord {
  const known: Readonly<Record<string, ValueKind>> = RECORD_FIELDS[type];
  const fields: CompiledField[] = [];
  for (const [field, raw] of Object.entries(spec.fields)) {
    const kind = known[field];
    if (kind === undefined) {
      issues.add(
        `${path}.fields.${field}`,
        'unknown_field',
        `a ${type} has no field "${field}" (known: ${Object.keys(known).join(', ')})`,
      );
      continue;
    }
    fields.push(
      compileField(issues, `${path}.fields.${field}`, `${type}.${field}`, field, kind, raw, formats),
    );
  }
  for (const required of REQUIRED_FIELDS[type]) {
    if (!fields.some((f) => f.field === required)) {
      issues.add(
        `${path}.fields.${required}`,
        'required',
        `every ${type} needs ${required}: map it to a column or give a value`,
      );
    }
  }
  const id =
    spec.id === undefined
      ? null
      : compileField(issues, `${path}.id`, `${type}.id`, 'id', 'text', spec.id, formats);
  if (id === null && type !== 'person') {
    issues.add(
      `${path}.id`,
      'required',
      `a ${type} needs its id in the source (a column or a template), so that importing again updates it`,
    );
  }
  let repeat: readonly string[] | null = null;
  const keyed = [...fields, ...(id === null ? [] : [id])].some(usesRepeatKey);
  if (spec.repeat !== undefined) {
    if (type !== 'contact') {
      issues.add(`${path}.repeat`, 'not_allowed', 'only contacts repeat within a row');
    } else if (spec.repeat.length === 0 || new Set(spec.repeat).size !== spec.repeat.length) {
      issues.add(`${path}.repeat`, 'repeat', 'must list one or more different keys');
    } else if (!keyed) {
      issues.add(`${path}.repeat`, 'repeat', 'use {n} in the column names (and the id) of repeated contacts');
    }
    repeat = spec.repeat;
  } else if (keyed) {
    issues.add(path, 'repeat', '{n} is used but the record has no repeat list');
  }
  return { type, id, fields, repeat };
}

function checkReference(
  issues: IssueList,
  path: string,
  record: CompiledRecord,
  field: string,
  target: RecordType,
  targetOnSheet: boolean,
): void {
  const has = record.fields.some((f) => f.field === field);
  if (targetOnSheet && has) {
    issues.add(
      `${path}.fields.${field}`,
      'not_allowed',
      `the ${record.type} belongs to the ${target} on the same row`,
    );
  }
  if (!targetOnSheet && !has) {
    issues.add(
      `${path}.fields.${field}`,
      'required',
      `map ${field} (the ${target}'s id in this source), or map a ${target} on the same sheet`,
    );
  }
}

/** Checks and compiles a profile (already shaped by the JSON Schema); issues name the profile key. */
export function compileProfile(spec: ProfileSpec): Validated<CompiledProfile> {
  const issues = new IssueList();
  const formats = compileFormats(issues, 'dateFormats', spec.dateFormats ?? []);
  const names = new Set<string>();
  const sheets = spec.sheets.map((s, index): CompiledSheet => {
    const path = `sheets[${index}]`;
    if (names.has(normaliseKey(s.name))) {
      issues.add(`${path}.name`, 'duplicate_key', `another sheet is called "${s.name}"`);
    }
    names.add(normaliseKey(s.name));
    const person =
      s.person === undefined ? null : compileRecord(issues, `${path}.person`, 'person', s.person, formats);
    const referral =
      s.referral === undefined
        ? null
        : compileRecord(issues, `${path}.referral`, 'referral', s.referral, formats);
    const contact =
      s.contact === undefined
        ? null
        : compileRecord(issues, `${path}.contact`, 'contact', s.contact, formats);
    if (person === null && referral === null && contact === null) {
      issues.add(path, 'required', 'map at least one of person, referral or contact');
    }
    if (referral !== null) {
      checkReference(issues, `${path}.referral`, referral, 'person', 'person', person !== null);
    }
    if (contact !== null) {
      checkReference(issues, `${path}.contact`, contact, 'referral', 'referral', referral !== null);
    }
    if (spec.sheets.length > 1 && s.sheet === undefined && s.file === undefined) {
      issues.add(
        path,
        'required',
        'with several sheets, say which workbook sheet (sheet) or CSV file (file) each is',
      );
    }
    return {
      index,
      name: s.name,
      sheet: s.sheet ?? null,
      file: s.file ?? null,
      headerRow: s.headerRow ?? 1,
      person,
      referral,
      contact,
    };
  });
  if (spec.csv?.delimiter !== undefined && spec.csv.delimiter.length !== 1) {
    issues.add('csv.delimiter', 'delimiter', 'must be one character');
  }
  return result(issues, {
    name: spec.name,
    title: spec.title,
    sourceSystem: spec.sourceSystem,
    timeZone: spec.timeZone ?? 'Europe/London',
    delimiter: spec.csv?.delimiter ?? ',',
    encoding: spec.csv?.encoding ?? 'utf-8',
    sheets,
  });
}

/** True when a file or sheet name fits a pattern with `*` (any run) and `?` (any one character). */
export function matchesName(pattern: string, name: string): boolean {
  const regex = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${regex}$`, 'i').test(name);
}

/** A piece of a bound field: literal text, or the cell at a column index. */
export type BoundPart =
  | { readonly kind: 'text'; readonly text: string }
  /** `own`: the column belongs to this record (for a repeated record, a `{n}` column). */
  | { readonly kind: 'cell'; readonly index: number; readonly own: boolean };

/** A field bound to a header; `parts` is null for a constant (or a default alone). */
export interface BoundField {
  readonly field: CompiledField;
  readonly parts: readonly BoundPart[] | null;
}

/** A record bound to a header: one per repeat key for repeated contacts. */
export interface BoundRecord {
  readonly record: CompiledRecord;
  readonly repeatKey: string | null;
  readonly id: BoundField | null;
  readonly fields: readonly BoundField[];
}

export interface BoundSheet {
  readonly sheet: CompiledSheet;
  readonly timeZone: TimeZone;
  readonly person: BoundRecord | null;
  readonly referral: BoundRecord | null;
  readonly contacts: readonly BoundRecord[];
  /** Header columns the profile does not read (reported, never an error). */
  readonly unusedColumns: readonly string[];
}

/**
 * Binds a compiled sheet to a file's header row. A column the profile names that is missing (or
 * appears twice) is an issue: nothing from the sheet can be imported until the profile or the file
 * is fixed.
 */
export function bindSheet(
  profile: CompiledProfile,
  sheet: CompiledSheet,
  header: readonly string[],
): Validated<BoundSheet> {
  const issues = new IssueList();
  const positions = new Map<string, number[]>();
  header.forEach((h, i) => {
    const key = normaliseKey(h);
    if (key !== '') positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const used = new Set<number>();
  const column = (field: CompiledField, name: string, key: string | null): BoundPart => {
    const actual = key === null ? name : name.replaceAll(`{${REPEAT_KEY}}`, key);
    const found = positions.get(normaliseKey(actual)) ?? [];
    const [first, second] = found;
    if (first === undefined) {
      issues.add(
        field.profileKey,
        'missing_column',
        `column "${actual}" is not in the header of ${sheet.name}`,
      );
      return { kind: 'text', text: '' };
    }
    if (second !== undefined) {
      issues.add(field.profileKey, 'ambiguous_column', `the header of ${sheet.name} has "${actual}" twice`);
    }
    used.add(first);
    return { kind: 'cell', index: first, own: key === null || name.includes(`{${REPEAT_KEY}}`) };
  };
  const bindField = (field: CompiledField, key: string | null): BoundField => {
    if (field.column !== null) return { field, parts: [column(field, field.column, key)] };
    if (field.template === null) return { field, parts: null };
    return {
      field,
      parts: field.template.map((p) =>
        p.kind === 'text'
          ? p
          : p.name === REPEAT_KEY
            ? // {n} is allowed only with a repeat list (compileRecord checks), so key is set.
              { kind: 'text', text: String(key) }
            : column(field, p.name, key),
      ),
    };
  };
  const bindRecord = (record: CompiledRecord, key: string | null): BoundRecord => ({
    record,
    repeatKey: key,
    id: record.id === null ? null : bindField(record.id, key),
    fields: record.fields.map((f) => bindField(f, key)),
  });
  const bound: BoundSheet = {
    sheet,
    timeZone: profile.timeZone,
    person: sheet.person === null ? null : bindRecord(sheet.person, null),
    referral: sheet.referral === null ? null : bindRecord(sheet.referral, null),
    contacts:
      sheet.contact === null
        ? []
        : (sheet.contact.repeat ?? [null]).map((key) => bindRecord(sheet.contact as CompiledRecord, key)),
    unusedColumns: header.filter((h, i) => !used.has(i) && normaliseKey(h) !== ''),
  };
  return result(issues, bound);
}

/** Issues as one message per line (for the CLI and errors). */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message} [${i.rule}]`).join('\n');
}
