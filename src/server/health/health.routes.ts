import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
    return Promise.resolve();
  };
}
