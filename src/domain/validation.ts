/**
 * Small, pure field checks shared by the record validators. Each check adds a FieldIssue naming the
 * field path and the rule it broke; validators collect every issue before failing, so a person
 * fixing a form or an import row sees all problems at once.
 */
import type { FieldIssue } from './errors.js';

/** Answers "is `code` in reference list `list`?" (the lists are data: see the ref_* tables). */
export interface CodeLookup {
  has(list: string, code: string): boolean;
}

/** A growing list of field issues. */
export class IssueList {
  readonly issues: FieldIssue[] = [];

  add(path: string, rule: string, message: string): void {
    this.issues.push({ path, rule, message });
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }
}

export type Validated<T> =
  | { readonly kind: 'valid'; readonly value: T }
  | { readonly kind: 'invalid'; readonly issues: readonly FieldIssue[] };

/** Wraps a value and the issues found while building it. */
export function result<T>(issues: IssueList, value: T): Validated<T> {
  return issues.ok ? { kind: 'valid', value } : { kind: 'invalid', issues: issues.issues };
}

/** Trims text; empty becomes null. Checks `required` and the maximum length in characters. */
export function checkText(
  issues: IssueList,
  path: string,
  value: string | null | undefined,
  rules: { readonly required?: boolean; readonly max: number },
): string | null {
  const text = value?.trim() ?? '';
  if (text === '') {
    if (rules.required === true) issues.add(path, 'required', 'is required');
    return null;
  }
  // Code points, as PostgreSQL's char_length counts them (the database CHECKs agree).
  if (Array.from(text).length > rules.max) {
    issues.add(path, 'max_length', `must be at most ${rules.max} characters`);
  }
  return text;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Checks an ISO date (YYYY-MM-DD); returns it or null. */
export function checkDate(
  issues: IssueList,
  path: string,
  value: string | null | undefined,
  rules: { readonly required?: boolean; readonly notAfter?: string },
): string | null {
  if (value === null || value === undefined || value === '') {
    if (rules.required === true) issues.add(path, 'required', 'is required');
    return null;
  }
  if (!isIsoDate(value)) {
    issues.add(path, 'date_format', 'must be a date written YYYY-MM-DD');
    return null;
  }
  if (rules.notAfter !== undefined && value > rules.notAfter) {
    issues.add(path, 'not_in_future', `must not be after ${rules.notAfter}`);
  }
  return value;
}

/** Checks an ISO 8601 date-time with a zone (Z or ±hh:mm); returns it as a Date or null. */
export function checkDateTime(
  issues: IssueList,
  path: string,
  value: string | null | undefined,
  rules: { readonly required?: boolean; readonly notAfter?: Date },
): Date | null {
  if (value === null || value === undefined || value === '') {
    if (rules.required === true) issues.add(path, 'required', 'is required');
    return null;
  }
  const shaped = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(value);
  if (!shaped || Number.isNaN(date.getTime()) || !isIsoDate(value.slice(0, 10))) {
    issues.add(path, 'datetime_format', 'must be a date-time like 2025-03-01T09:30:00Z');
    return null;
  }
  if (rules.notAfter !== undefined && date > rules.notAfter) {
    issues.add(path, 'not_in_future', 'must not be in the future');
  }
  return date;
}

/** Checks that `code` is in reference list `list`; returns it or null. */
export function checkCode(
  issues: IssueList,
  codes: CodeLookup,
  path: string,
  list: string,
  code: string | null | undefined,
  rules: { readonly required?: boolean } = {},
): string | null {
  if (code === null || code === undefined || code === '') {
    if (rules.required === true) issues.add(path, 'required', 'is required');
    return null;
  }
  if (!codes.has(list, code)) {
    issues.add(path, 'unknown_code', `"${code}" is not in the ${list} list`);
    return null;
  }
  return code;
}

/** Checks an integer in [min, max]; returns it or null. */
export function checkInteger(
  issues: IssueList,
  path: string,
  value: number | null | undefined,
  rules: { readonly required?: boolean; readonly min: number; readonly max: number },
): number | null {
  if (value === null || value === undefined) {
    if (rules.required === true) issues.add(path, 'required', 'is required');
    return null;
  }
  if (!Number.isInteger(value)) {
    issues.add(path, 'integer', 'must be a whole number');
    return null;
  }
  if (value < rules.min || value > rules.max) {
    issues.add(path, 'range', `must be between ${rules.min} and ${rules.max}`);
    return null;
  }
  return value;
}

/** Whole years between an ISO date of birth and an ISO date (age on that date). */
export function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}
