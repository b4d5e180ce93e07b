import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MIGRATION_NAMES } from '../db/migrate.js';
import { openTestDb, TEST_ENGINES, type TestDb } from '../db/testing/test-db.js';
import { loadDemo } from '../services/demo/demo.service.js';
import { buildApp } from './app.js';
import { testConfig } from './config.js';

describe.each(TEST_ENGINES)('[%s] HTTP app', (engine) => {
  let handle: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    handle = await openTestDb(engine);
    await loadDemo(handle, { scale: 300, seed: 7, today: '2025-12-31' });
    app = await buildApp({ config: testConfig(), db: handle });
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
  });

  it('GET /health reports the engine, the newest migration and row counts', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      engine: string;
      migration: string;
      counts: Record<string, number>;
      synthetic: boolean;
    }>();
    expect(body.engine).toBe(engine);
    expect(body.migration).toBe(MIGRATION_NAMES.at(-1));
    expect(body.counts['referral']).toBe(300);
    expect(body.counts['organisation']).toBeGreaterThan(0);
    expect(body.synthetic).toBe(true);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with the one error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/no/such/route' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /no/such/route' } });
  });

  it('serves the OpenAPI document at /docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ paths: Record<string, unknown> }>().paths).toHaveProperty('/health');
  });
});
