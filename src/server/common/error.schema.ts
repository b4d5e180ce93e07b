// The one error body, { error: { code, message, details? } }, as a schema: for the OpenAPI document
// and for clients (the web app parses error replies with it). docs/errors.md lists every code.
import { z } from 'zod';
import { ERROR_CODES } from '../../domain/errors.js';

export const ErrorResponseSchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
