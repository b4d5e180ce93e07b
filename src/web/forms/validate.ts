// Form checks run the same two steps as the server: the API's zod request schema (shapes and sizes),
// then the domain validator (the rules, with the reference lists as a CodeLookup). Both give
// FieldIssues with a path; the form shows each beside its field and in the summary.
import type { z } from 'zod';
import type { FieldIssue } from '../../domain/errors.js';
import type { Validated } from '../../domain/validation.js';

/** A zod issue path as a field name: ['answers', 3] -> 'answers[3]', ['ethnicity', 'code'] -> 'ethnicity.code'. */
export function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** zod issues in the domain's words ("is required", "must be at most 200 characters"). */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const path = pathOf(i.path);
    switch (i.code) {
      case 'too_big':
        return {
          path,
          rule: 'max_length',
          message:
            i.origin === 'string'
              ? `must be at most ${String(i.maximum)} characters`
              : `must be at most ${String(i.maximum)}`,
        };
      case 'too_small':
        return {
          path,
          rule: 'min',
          message: i.origin === 'string' ? 'is required' : `must be at least ${String(i.minimum)}`,
        };
      case 'invalid_type':
        return {
          path,
          rule: 'required',
          message: i.input === undefined || i.input === null ? 'is required' : 'is not valid',
        };
      case 'invalid_format':
      case 'invalid_value':
      case 'invalid_union':
      case 'invalid_key':
      case 'invalid_element':
      case 'not_multiple_of':
      case 'unrecognized_keys':
      case 'custom':
        return { path, rule: i.code, message: 'is not valid' };
    }
  });
}

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: FieldIssue[] };

/**
 * Checks a request body with the API's schema, then (if it has the right shape) with the domain
 * validator. Returns the parsed body, or every issue found.
 */
export function checkBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  domain?: (value: z.output<S>) => Validated<unknown> | readonly FieldIssue[],
): Checked<z.output<S>> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  if (domain !== undefined) {
    const v = domain(parsed.data);
    const issues: readonly FieldIssue[] = isIssueList(v) ? v : v.kind === 'invalid' ? v.issues : [];
    if (issues.length > 0) return { ok: false, issues: [...issues] };
  }
  return { ok: true, value: parsed.data };
}

function isIssueList(v: Validated<unknown> | readonly FieldIssue[]): v is readonly FieldIssue[] {
  return Array.isArray(v);
}

/** The first message for each path. */
export function byPath(issues: readonly FieldIssue[]): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path] ??= i.message;
  return out;
}

/** The element id of a field, from its path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
