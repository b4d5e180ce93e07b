import { z } from 'zod';

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgres']),
  database: z.string(),
  migration: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
  synthetic: z.boolean(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
