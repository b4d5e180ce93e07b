import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DbHandle } from '../../services/context.js';
import { checkHealth } from '../../services/system/health.service.js';
import { HealthResponseSchema } from './health.schema.js';

export function healthRoutes(handle: DbHandle): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['system'],
          summary: 'Engine, migration version and row counts',
          response: { 200: HealthResponseSchema },
        },
      },
      async () => ({ status: 'ok' as const, ...(await checkHealth(handle)) }),
    );
    // A trivial route (no database): the ceiling the API benchmark measures other routes against.
    app.get(
      '/ping',
      {
        schema: {
          tags: ['system'],
          summary: 'Liveness: answers without touching the database',
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      () => Promise.resolve({ ok: true as const }),
    );
    return Promise.resolve();
  };
}
