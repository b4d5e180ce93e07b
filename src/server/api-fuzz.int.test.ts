// Fuzzing every create and update body: valid samples mutated field by field, arbitrary JSON, and
// malformed JSON. No body may produce a 5xx, and a rejected body must leave every table unchanged.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, scopeFor, type Role } from '../domain/access/policy.js';
import { DATA_TABLES } from '../db/database.js';
import { TEST_ENGINES } from '../db/testing/test-db.js';
import { ROUTES } from './kit.js';
import { openHarness, type Harness } from './testing/api-harness.js';
import { makeFixtures, type Fixtures } from './testing/fixtures.js';
import { SAMPLES } from './testing/route-samples.js';

/** Bodies per engine across all routes (CI runs two engines: 12,000 in all). */
const BODIES_PER_ENGINE = Number(process.env['LINKWORK_FUZZ_BODIES'] ?? 6000);

/** Marks a field to remove from the body. */
const DROP = Symbol('drop');

const weird = fc.oneof(
  fc.jsonValue(),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '9434765919',
    '2025-13-45',
    '2999-01-01T00:00:00Z',
    'x'.repeat(5000),
    '00000000-0000-4000-8000-000000000000',
    -1,
    0,
    1e308,
    null,
    true,
    [],
    {},
  ),
);

describe.each(TEST_ENGINES)('[%s] API body fuzzing', (engine) => {
  let h: Harness;
  let fixtures: Fixtures;
  beforeAll(async () => {
    h = await openHarness(engine, { scale: 120 });
    fixtures = await makeFixtures(h);
  });
  afterAll(async () => {
    await h.close();
  });

  const totalRows = async (): Promise<number> => {
    const union = DATA_TABLES.filter((t) => t !== 'audit_event' && t !== 'app_session')
      .map((t) => `SELECT count(*) AS n FROM ${t}`)
      .join(' UNION ALL ');
    const r = await sql<{ n: number }>`SELECT sum(n)::int AS n FROM (${sql.raw(union)}) t`.execute(h.db.db);
    return r.rows[0]?.n ?? 0;
  };

  it(`never answers 5xx nor half-writes for ${BODIES_PER_ENGINE} fuzzed bodies`, async () => {
    const routes = ROUTES.filter((r) => r.method !== 'GET' && SAMPLES[`${r.method} ${r.url}`] !== undefined);
    expect(routes.length).toBeGreaterThan(5);
    const perRoute = Math.ceil(BODIES_PER_ENGINE / routes.length);
    let sent = 0;
    const failures: string[] = [];
    for (const route of routes) {
      const spec = SAMPLES[`${route.method} ${route.url}`];
      if (spec === undefined) continue;
      const role: Role =
        (['scheme_manager', 'link_worker', 'admin', 'researcher', 'regional_lead'] as const).find(
          (r) => scopeFor(r, route.resource, route.action) !== null,
        ) ?? ROLES[0];
      const valid = spec.build(fixtures.inside, 0);
      const keys = Object.keys(valid.body ?? {});
      const mutated = fc
        .tuple(
          fc.subarray(keys),
          fc.array(fc.oneof({ arbitrary: weird, weight: 4 }, { arbitrary: fc.constant(DROP), weight: 1 }), {
            minLength: keys.length,
            maxLength: keys.length,
          }),
          fc.dictionary(fc.string({ maxLength: 8 }), weird, { maxKeys: 2 }),
        )
        .map(([changed, values, extra]) => {
          const replaced = new Map(changed.map((k, i) => [k, values[i]]));
          // Each chosen field is replaced by a strange value or dropped altogether.
          return Object.fromEntries(
            Object.entries({ ...(valid.body ?? {}), ...extra })
              .map(([k, v]): [string, unknown] => [k, replaced.has(k) ? replaced.get(k) : v])
              .filter(([, v]) => v !== DROP),
          );
        });
      const bodies = fc.oneof(
        { arbitrary: mutated, weight: 6 },
        { arbitrary: fc.jsonValue(), weight: 2 },
        { arbitrary: fc.constant('{"not json'), weight: 1 },
      );
      await fc
        .assert(
          fc.asyncProperty(bodies, async (body) => {
            sent++;
            const before = await totalRows();
            const signed = h.users[role];
            const res = await h.app.inject({
              method: route.method,
              url: valid.url,
              headers: {
                cookie: signed.cookie,
                'x-csrf-token': signed.csrf,
                'content-type': 'application/json',
              },
              payload: typeof body === 'string' ? body : JSON.stringify(body),
            });
            if (res.statusCode >= 500) {
              failures.push(
                `${route.method} ${route.url} ${JSON.stringify(body).slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 200)}`,
              );
            }
            if (res.statusCode >= 400) {
              const after = await totalRows();
              if (after !== before) {
                failures.push(
                  `${route.method} ${route.url}: rejected (${res.statusCode}) but rows changed ${before} -> ${after}`,
                );
              }
              const error = res.json<{ error?: { code?: string } }>().error;
              if (typeof error?.code !== 'string') {
                failures.push(
                  `${route.method} ${route.url}: error body without a code: ${res.body.slice(0, 200)}`,
                );
              }
            }
            return failures.length === 0;
          }),
          { numRuns: perRoute, seed: 20261124 },
        )
        .catch(() => undefined);
      if (failures.length > 0) break;
    }
    console.log(`[${engine}] fuzzed ${sent} bodies across ${routes.length} routes`);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(BODIES_PER_ENGINE);
  }, 900_000);
});
