// Directory import from Open Referral UK / HSDS 3.0 on each engine: a file and a paged feed served
// by a local HTTP server; idempotent re-import; per-service rejections naming the HSDS field; dry
// run; and search by need, taxonomy term, age and area.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import { searchServices } from '../casework/directory.service.js';
import { importHsdsServices, readHsdsFeed, servicesInDocument } from './hsds-import.service.js';
import { hsdsService } from './testing/hsds-fixtures.js';

const PAGE = { limit: 100, offset: 0 };

describe.each(TEST_ENGINES)('[%s] HSDS directory import', (engine) => {
  let db: TestDb;
  let server: Server;
  let baseUrl = '';
  const feed = Array.from({ length: 25 }, (_, i) => hsdsService(i));
  const requests: string[] = [];

  beforeAll(async () => {
    db = await openTestDb(engine);
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(`${url.pathname}?${url.searchParams.toString()}`);
      if (url.pathname !== '/api/services') {
        res.writeHead(404).end();
        return;
      }
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('per_page'));
      const total = Math.ceil(feed.length / size);
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(
        JSON.stringify({
          total_items: feed.length,
          total_pages: total,
          page_number: page,
          size,
          first_page: page === 1,
          last_page: page === total,
          empty: false,
          contents: feed.slice((page - 1) * size, page * size),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
    await db.close();
  });

  it('reads every page of a feed and imports each service once', async () => {
    const summary = await importHsdsServices(db, readHsdsFeed(baseUrl, { perPage: 10 }), {
      source: 'oruk:test-feed',
    });
    expect(summary.counts).toEqual({ created: 25, updated: 0, unchanged: 0, rejected: 0 });
    expect(requests.slice(-3)).toEqual([
      '/api/services?page=1&per_page=10&full=true',
      '/api/services?page=2&per_page=10&full=true',
      '/api/services?page=3&per_page=10&full=true',
    ]);
    // Re-importing the same feed changes nothing; a changed service is updated.
    const again = await importHsdsServices(db, readHsdsFeed(baseUrl, { perPage: 10 }), {
      source: 'oruk:test-feed',
    });
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 25, rejected: 0 });
    feed[0] = { ...feed[0], name: 'Renamed Walking Group' };
    const changed = await importHsdsServices(db, readHsdsFeed(baseUrl, { perPage: 10 }), {
      source: 'oruk:test-feed',
    });
    expect(changed.counts).toEqual({ created: 0, updated: 1, unchanged: 24, rejected: 0 });
  });

  it('rejects invalid services naming the field and rule, and writes the rest', async () => {
    const doc = {
      total_items: 5,
      total_pages: 1,
      page_number: 1,
      contents: [
        hsdsService(100),
        hsdsService(101, { name: undefined }),
        hsdsService(102, { status: 'open' }),
        hsdsService(103, { id: 'not-a-uuid' }),
        hsdsService(104, { minimum_age: 65, maximum_age: 18 }),
      ],
    };
    const summary = await importHsdsServices(db, servicesInDocument(doc), { source: 'oruk:file.json' });
    expect(summary.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 4 });
    expect(
      summary.results.map((r) => [r.outcome, r.issues.map((i) => `${i.path}:${i.rule}`).join(',')]),
    ).toEqual([
      ['created', ''],
      ['rejected', 'name:invalid_type'],
      ['rejected', 'status:invalid_value'],
      ['rejected', 'id:invalid_format'],
      ['rejected', 'maximum_age:not_below_minimum'],
    ]);
  });

  it('a dry run reports without writing', async () => {
    const before = await searchServices(db.db, {}, PAGE);
    const summary = await importHsdsServices(db, [hsdsService(200), hsdsService(201)], {
      source: 'oruk:dry',
      dryRun: true,
    });
    expect(summary.counts.created).toBe(2);
    expect((await searchServices(db.db, {}, PAGE)).total).toBe(before.total);
  });

  it('finds imported services by need, taxonomy term, age and area', async () => {
    const byNeed = await searchServices(db.db, { need: 'carer_support' }, PAGE);
    expect(byNeed.items.length).toBeGreaterThan(0);
    expect(byNeed.items.every((s) => s.name.includes('Young Carers'))).toBe(true);
    const byTerm = await searchServices(db.db, { taxonomy: 'money ADVICE' }, PAGE);
    expect(byTerm.items.every((s) => s.taxonomyTerms.includes('Money advice'))).toBe(true);
    expect(byTerm.total).toBeGreaterThan(0);
    // A 70-year-old: not the young carers' drop-in (8-17); the lunch club (60+) and walks (18+) yes.
    const forSeventy = await searchServices(db.db, { age: 70 }, PAGE);
    expect(forSeventy.items.some((s) => s.name.includes('Young Carers'))).toBe(false);
    expect(forSeventy.items.some((s) => s.name.includes('Lunch Club'))).toBe(true);
    const inBradford = await searchServices(db.db, { area: 'bradford' }, PAGE);
    const byPostcode = await searchServices(db.db, { area: 'BD1' }, PAGE);
    expect(inBradford.total).toBeGreaterThan(0);
    expect(byPostcode.items.map((s) => s.id)).toEqual(inBradford.items.map((s) => s.id));
  });

  it('reports a feed that is not HSDS 3.0', async () => {
    await expect(
      importHsdsServices(db, readHsdsFeed(`${baseUrl}/nowhere`), { source: 'x' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
