import type { FastifyInstance } from 'fastify';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import { buildApp } from '../app.js';
import { testConfig } from '../config.js';

const INDEX = '<!doctype html><html lang="en"><title>Linkwork</title><div id="root"></div></html>';

describe.each(TEST_ENGINES)('[%s] serving the web app', (engine) => {
  let handle: TestDb;
  let dir: string;
  let withWeb: FastifyInstance;
  let apiOnly: FastifyInstance;
  beforeAll(async () => {
    handle = await openTestDb(engine);
    dir = await mkdtemp(join(tmpdir(), 'linkwork-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), INDEX);
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
    withWeb = await buildApp({ config: testConfig(), db: handle, webDir: dir });
    apiOnly = await buildApp({ config: testConfig(), db: handle, webDir: join(dir, 'absent') });
  });
  afterAll(async () => {
    await withWeb.close();
    await apiOnly.close();
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and at any app path, uncached, with a strict content security policy', async () => {
    for (const url of ['/', '/caseload', '/people/3f1c/record?tab=timeline', '/signin']) {
      const res = await withWeb.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves hashed assets with a long cache and answers missing files with the JSON 404', async () => {
    const asset = await withWeb.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of ['/assets/missing.js', '/favicon.ico', '/robots.txt']) {
      const res = await withWeb.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('not_found');
    }
  });

  it('leaves the API, the docs and the health check alone', async () => {
    const unknownApi = await withWeb.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(unknownApi.statusCode).toBe(404);
    expect(unknownApi.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /api/no-such-route' },
    });
    expect((await withWeb.inject({ method: 'GET', url: '/api/caseload' })).statusCode).toBe(401);
    expect((await withWeb.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const docs = await withWeb.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    const paths = Object.keys(docs.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toContain('/api/reference');
    expect(paths.filter((p) => p === '/' || p.startsWith('/assets') || p === '/*')).toEqual([]);
    expect((await withWeb.inject({ method: 'POST', url: '/caseload' })).statusCode).toBe(404);
  });

  it('without a build, serves the API alone', async () => {
    const res = await apiOnly.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('not_found');
    expect((await apiOnly.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
