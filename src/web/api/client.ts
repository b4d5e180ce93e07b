// The one way the web app talks to the server: a typed fetch wrapper. It sends the session's CSRF
// token on state-changing requests (x-csrf-token, as src/server/kit.ts expects), parses every reply
// with the API's own zod schema, and turns the one error body ({ error: { code, message, details } })
// into an ApiError whose field issues forms show beside their fields.
import { z } from 'zod';
import type { ErrorCode, FieldIssue } from '../../domain/errors.js';
import { ErrorResponseSchema } from '../../server/common/error.schema.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Codes for failures that never reached the API's error body. */
export type ClientErrorCode = 'network_error' | 'bad_response';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  /** Field issues with paths normalised to form field names (`givenName`, `answers[3]`). */
  readonly issues: readonly FieldIssue[];
  /** Anything else the server sent in `details` (e.g. duplicate candidates). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: ErrorCode | ClientErrorCode,
    message: string,
    issues: readonly FieldIssue[] = [],
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

const DetailsSchema = z.looseObject({
  issues: z.array(z.object({ path: z.string(), rule: z.string(), message: z.string() })).optional(),
});

/**
 * A server issue path as a form field name: request-schema paths come as `body.answers.3`, domain
 * paths as `answers[3]`; both become `answers[3]`.
 */
export function fieldPath(path: string): string {
  return path
    .replace(/^(body|querystring|params)(\.|$)/, '')
    .replace(/\.(\d+)(?=\.|\[|$)/g, '[$1]')
    .replace(/^\.+/, '');
}

/** Reads an error reply into an ApiError (any body that is not the error shape is bad_response). */
export function errorFromReply(status: number, body: unknown): ApiError {
  const parsed = ErrorResponseSchema.safeParse(body);
  if (!parsed.success) {
    return new ApiError(status, 'bad_response', `The server answered ${status} without an error body`);
  }
  const { code, message, details } = parsed.data.error;
  const d = DetailsSchema.safeParse(details ?? {});
  const rest: Record<string, unknown> = d.success ? { ...d.data } : {};
  delete rest['issues'];
  const issues = d.success
    ? (d.data.issues ?? []).map((i) => ({ path: fieldPath(i.path), rule: i.rule, message: i.message }))
    : [];
  return new ApiError(status, code, message, issues, rest);
}

let csrfToken: string | null = null;
let whenSignedOut: () => void = () => undefined;

/** Remembers the session's CSRF token (from sign-in or GET /api/auth/session); null on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session has gone (401) on any request but the session check. */
export function onSessionLost(handler: () => void): void {
  whenSignedOut = handler;
}

const STATE_CHANGING: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Sends one request and parses the reply with `schema`; throws ApiError for every failure. */
export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach Linkwork: check your connection and try again');
  }
  const text = await res.text();
  let json: unknown = null;
  if (text !== '') {
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(
        res.status,
        'bad_response',
        `The server answered ${res.status} with something unreadable`,
      );
    }
  }
  if (!res.ok) {
    const error = errorFromReply(res.status, json);
    if (error.code === 'unauthenticated' && path !== '/api/auth/session' && path !== '/api/auth/login') {
      whenSignedOut();
    }
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(res.status, 'bad_response', `Unexpected reply from ${method} ${path}`);
  }
  return parsed.data;
}
