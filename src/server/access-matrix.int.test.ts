// The role x route matrix, generated from the policy table and the route registry: every route,
// every role, against a record inside the user's scheme and one outside it. Deny by default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, scopeFor } from '../domain/access/policy.js';
import { TEST_ENGINES } from '../db/testing/test-db.js';
import { ROUTES } from './kit.js';
import { openHarness, type Harness } from './testing/api-harness.js';
import { makeFixtures, type Fixtures } from './testing/fixtures.js';
import { SAMPLES } from './testing/route-samples.js';

export const matrixCounts = { cases: 0 };

describe.each(TEST_ENGINES)('[%s] role x route access matrix', (engine) => {
  let h: Harness;
  let fixtures: Fixtures;
  beforeAll(async () => {
    h = await openHarness(engine, { scale: 150 });
    fixtures = await makeFixtures(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('has a sample for every registered route', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.url}`);
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((k) => !(k in SAMPLES))).toEqual([]);
  });

  it('answers every role on every route as the policy table says, inside and outside the user scheme', async () => {
    const failures: string[] = [];
    let n = 0;
    let cases = 0;
    for (const route of ROUTES) {
      const spec = SAMPLES[`${route.method} ${route.url}`];
      if (spec === undefined) continue;
      for (const role of ROLES) {
        for (const where of ['inside', 'outside'] as const) {
          const sample = spec.build(fixtures[where], ++n);
          const res = await h.request(role, route.method, sample.url, sample.body);
          cases++;
          const scope = scopeFor(role, route.resource, route.action);
          const expectAllowed = scope !== null && (scope === 'any' || !spec.scoped || where === 'inside');
          const denied =
            res.statusCode === 401 || res.statusCode === 403 || (spec.scoped && res.statusCode === 404);
          const ok = expectAllowed ? !denied && res.statusCode < 500 : denied;
          if (!ok) {
            failures.push(
              `${role} ${route.method} ${sample.url} (${where}): ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
          }
        }
      }
    }
    matrixCounts.cases = cases;
    console.log(`[${engine}] access matrix: ${cases} role x route cases`);
    expect(failures).toEqual([]);
  });

  it('refuses every route without a session', async () => {
    for (const route of ROUTES) {
      const spec = SAMPLES[`${route.method} ${route.url}`];
      if (spec === undefined) continue;
      const sample = spec.build(fixtures.inside, 0);
      const res = await h.request(null, route.method, sample.url, sample.body);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
