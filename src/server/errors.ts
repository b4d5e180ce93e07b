// One table from error code to HTTP status, and the one wire shape for every error:
// { "error": { "code", "message", "details" } }. Unknown errors are logged with the request id
// and become a generic 500 internal_error with no internal text.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode } from '../domain/errors.js';

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  invalid_transition: 409,
  policy_violation: 422,
  bulk_load_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  internal_error: 500,
};

/** The one error body, as a schema for the OpenAPI document (shared with clients). */
export { ErrorResponseSchema } from './common/error.schema.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Fastify error handler: DomainError -> its status; schema validation -> 400 with field paths; else 500. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) {
    return reply.status(HTTP_STATUS[error.code]).send(errorBody(error.code, error.message, error.details));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      rule: v.keyword,
      message: v.message ?? 'is invalid',
    }));
    return reply.status(400).send(errorBody('validation_failed', 'The request is invalid', { issues }));
  }
  const fe = error as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Framework-level client errors (malformed JSON, unsupported media type, body too large).
    return reply.status(fe.statusCode).send(
      errorBody('validation_failed', fe.message ?? 'Bad request', {
        issues: [{ path: 'body', rule: fe.code ?? 'bad_request', message: fe.message ?? 'Bad request' }],
      }),
    );
  }
  request.log.error({ err: error, requestId: request.id }, 'unhandled error');
  return reply
    .status(500)
    .send(errorBody('internal_error', 'An unexpected error occurred', { requestId: request.id }));
}
