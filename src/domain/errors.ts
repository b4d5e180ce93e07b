/**
 * The one error vocabulary of Linkwork (docs/errors.md lists every code).
 *
 * Domain code throws or returns `DomainError`s with a code from the closed `ErrorCode` union. The
 * domain knows nothing of HTTP: `src/server/errors.ts` maps each code to a status in one table.
 */

/** Every error code Linkwork can report. Adding one means adding it to docs/errors.md. */
export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'conflict',
  'stale_version',
  'invalid_transition',
  'policy_violation',
  'bulk_load_failed',
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field: where (`path`), which rule it broke, and a sentence for people. */
export interface FieldIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

export interface ErrorDetails {
  readonly issues?: readonly FieldIssue[];
  readonly [key: string]: unknown;
}

/** An expected failure with a stable code, a human message and optional structured details. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** Builds the `validation_failed` error for a list of field issues (at least one). */
export function validationError(issues: readonly FieldIssue[]): DomainError {
  const first = issues[0];
  const summary = first === undefined ? 'Invalid input' : `${first.path}: ${first.message}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new DomainError('validation_failed', `${summary}${more}`, { issues });
}

/** A type guard that survives module duplication (checks the shape, not only `instanceof`). */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
