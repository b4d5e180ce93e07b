// Every route that reads or writes personal data leaves an audit event for its request, naming the
// user, their role, the action and the record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeFor, type Role } from '../domain/access/policy.js';
import { TEST_ENGINES } from '../db/testing/test-db.js';
import { ROUTES } from './kit.js';
import { openHarness, type Harness } from './testing/api-harness.js';
import { makeFixtures, type Fixtures } from './testing/fixtures.js';
import { SAMPLES } from './testing/route-samples.js';

describe.each(TEST_ENGINES)('[%s] audit completeness', (engine) => {
  let h: Harness;
  let fixtures: Fixtures;
  beforeAll(async () => {
    h = await openHarness(engine, { scale: 120 });
    fixtures = await makeFixtures(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('leaves an audit event for every successful personal-data request', async () => {
    const personal = ROUTES.filter((r) => r.personal);
    expect(personal.length).toBeGreaterThan(5);
    const missing: string[] = [];
    let checked = 0;
    let n = 1000;
    for (const route of personal) {
      const spec = SAMPLES[`${route.method} ${route.url}`];
      if (spec === undefined) continue;
      const role = (['link_worker', 'scheme_manager'] as Role[]).find(
        (r) => scopeFor(r, route.resource, route.action) !== null,
      );
      if (role === undefined) continue;
      const sample = spec.build(fixtures.inside, ++n);
      const res = await h.request(role, route.method, sample.url, sample.body);
      if (res.statusCode >= 400) continue;
      checked++;
      const requestId = String(res.headers['x-request-id']);
      const events = await h.db.db
        .selectFrom('audit_event')
        .select(['user_id', 'role', 'action', 'entity'])
        .where('request_id', '=', requestId)
        .execute();
      const hasRecord = events.some((e) => e.user_id === h.users[role].userId && e.role === role);
      // An empty list reads no personal data, so it needs no event.
      const empty = route.method === 'GET' && /"items":\[\]/.test(res.body);
      if (!hasRecord && !empty) missing.push(`${route.method} ${route.url} as ${role}`);
    }
    expect(checked).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });

  it('keeps the audit trail append-only, even for the database owner', async () => {
    await expect(h.db.db.updateTable('audit_event').set({ action: 'tampered' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(h.db.db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
  });
});
