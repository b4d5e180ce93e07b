// The export API on both engines with the demo data set and the route fixtures: FHIR Bundles of a
// person and of a scheme (valid R4, UK Core, only what the reader may see, audited) and the research
// extract (researchers only, CSV, audited, no secret on the wire).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../domain/fhir/fhir-types.js';
import { checkUkCoreBundle } from '../../domain/fhir/uk-core-checks.js';
import { RESEARCH_COLUMNS } from '../../domain/research/extract.js';
import { fhirSchemaErrors } from '../../db/testing/fhir-schema.js';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { createReferral } from '../../services/casework/referrals.service.js';
import { openHarness, type Harness } from '../testing/api-harness.js';
import { makeFixtures, type Fixtures } from '../testing/fixtures.js';

const resourcesOf = (b: Bundle) => b.entry.map((e) => e.resource);
const schemaFailures = (b: Bundle): string[] =>
  b.entry.flatMap((e) =>
    fhirSchemaErrors(e.resource).map((m) => `${e.resource.resourceType}/${e.resource.id}: ${m}`),
  );

describe.each(TEST_ENGINES)('[%s] export routes', (engine) => {
  let h: Harness;
  let f: Fixtures;
  let hiddenReferralId: string;
  beforeAll(async () => {
    h = await openHarness(engine, { scale: 150 });
    f = await makeFixtures(h);
    // A second referral of the inside person in the same scheme, allocated to another link worker
    // (not waiting): the scheme manager sees it, the test link worker does not.
    const other = await h.db.db
      .selectFrom('staff')
      .select('id')
      .where('scheme_id', '=', h.schemeId)
      .where('role', '=', 'link_worker')
      .where('id', '!=', h.staffId)
      .executeTakeFirstOrThrow();
    const ctx = {
      actor: {
        userId: h.users.scheme_manager.userId,
        role: 'scheme_manager' as const,
        schemeIds: [h.schemeId],
        staffIds: [],
        regionId: null,
      },
      username: 'fixtures',
      requestId: 'fixtures',
      now: new Date(),
    };
    const hidden = await createReferral(h.db.db, ctx, {
      personId: f.inside.personId,
      schemeId: h.schemeId,
      referredAt: '2025-11-01T09:00:00Z',
      route: 'gp_practice',
      linkWorkerId: other.id,
    });
    await h.db.db.updateTable('referral').set({ status: 'active' }).where('id', '=', hidden.id).execute();
    hiddenReferralId = hidden.id;
  });
  afterAll(async () => {
    await h.close();
  });

  it("GET /api/people/:id/fhir gives a link worker the person's record: valid R4, UK Core, their caseload only", async () => {
    const res = await h.request('link_worker', 'GET', `/api/people/${f.inside.personId}/fhir`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = res.json<Bundle>();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(schemaFailures(bundle)).toEqual([]);
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(checkUkCoreBundle(bundle)).toEqual([]);
    const ids = resourcesOf(bundle).map((r) => r.id);
    expect(ids).toContain(f.inside.referralId);
    expect(ids).not.toContain(hiddenReferralId);
    // The fixtures' contact, need, goal, action (in the CarePlan), questionnaire and its scores.
    const types = new Set(resourcesOf(bundle).map((r) => r.resourceType));
    for (const t of [
      'Patient',
      'ServiceRequest',
      'Encounter',
      'Condition',
      'Goal',
      'CarePlan',
      'QuestionnaireResponse',
      'Observation',
    ]) {
      expect(types).toContain(t);
    }

    const manager = await h.request('scheme_manager', 'GET', `/api/people/${f.inside.personId}/fhir`);
    expect(resourcesOf(manager.json<Bundle>()).map((r) => r.id)).toContain(hiddenReferralId);
  });

  it('refuses people outside the reader scope (404) and roles without casework (403), and audits reads', async () => {
    expect((await h.request('link_worker', 'GET', `/api/people/${f.outside.personId}/fhir`)).statusCode).toBe(
      404,
    );
    expect(
      (await h.request('scheme_manager', 'GET', `/api/people/00000000-0000-4000-8000-000000000000/fhir`))
        .statusCode,
    ).toBe(404);
    for (const role of ['researcher', 'regional_lead', 'admin'] as const) {
      expect((await h.request(role, 'GET', `/api/people/${f.inside.personId}/fhir`)).statusCode).toBe(403);
    }
    const res = await h.request('link_worker', 'GET', `/api/people/${f.inside.personId}/fhir`);
    const events = await h.db.db
      .selectFrom('audit_event')
      .select(['user_id', 'action', 'entity', 'entity_id'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    expect(events).toEqual([
      {
        user_id: h.users.link_worker.userId,
        action: 'export',
        entity: 'person',
        entity_id: f.inside.personId,
      },
    ]);
  });

  it('GET /api/schemes/:id/fhir streams the whole scheme to its manager: valid R4, every person it holds, audited', async () => {
    const res = await h.request('scheme_manager', 'GET', `/api/schemes/${h.schemeId}/fhir`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = res.json<Bundle>();
    expect(schemaFailures(bundle)).toEqual([]);
    expect(checkUkCoreBundle(bundle)).toEqual([]);
    const held = await h.db.db
      .selectFrom('person_scheme')
      .select('person_id')
      .where('scheme_id', '=', h.schemeId)
      .execute();
    const patients = resourcesOf(bundle)
      .filter((r) => r.resourceType === 'Patient')
      .map((r) => r.id);
    expect(patients.sort()).toEqual(held.map((p) => p.person_id).sort());
    const events = await h.db.db
      .selectFrom('audit_event')
      .select(['entity', 'user_id'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    expect(events.filter((e) => e.entity === 'scheme')).toHaveLength(1);
    expect(events.filter((e) => e.entity === 'person')).toHaveLength(held.length);
    expect(new Set(events.map((e) => e.user_id))).toEqual(new Set([h.users.scheme_manager.userId]));
  });

  it('refuses a whole-scheme export to link workers and other roles, and outside the manager’s schemes', async () => {
    expect(
      (await h.request('scheme_manager', 'GET', `/api/schemes/${h.otherSchemeId}/fhir`)).statusCode,
    ).toBe(404);
    for (const role of ['link_worker', 'researcher', 'regional_lead', 'admin'] as const) {
      expect((await h.request(role, 'GET', `/api/schemes/${h.schemeId}/fhir`)).statusCode).toBe(403);
    }
  });

  it('POST /api/research/extracts gives researchers a pseudonymised CSV, audited, with no secret on the wire', async () => {
    const res = await h.request('researcher', 'POST', '/api/research/extracts', { schemeIds: [h.schemeId] });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const extractId = String(res.headers['x-linkwork-extract-id']);
    const rows = parse<Record<string, string>>(res.body, { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([...RESEARCH_COLUMNS]);
    const referrals = await h.db.db
      .selectFrom('referral')
      .select('id')
      .where('scheme_id', '=', h.schemeId)
      .execute();
    expect(rows).toHaveLength(referrals.length);
    expect(res.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(res.body).not.toContain('Fixture');
    expect(Object.keys(res.headers).filter((k) => /secret|key/i.test(k))).toEqual([]);
    const events = await h.db.db
      .selectFrom('audit_event')
      .select(['user_id', 'role', 'action', 'entity', 'entity_id'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e).toEqual({
        user_id: h.users.researcher.userId,
        role: 'researcher',
        action: 'export',
        entity: 'research_extract',
        entity_id: extractId,
      });
    }
  });

  it('refuses research extracts to every other role, and bad filters with the field named', async () => {
    for (const role of ['link_worker', 'scheme_manager', 'regional_lead', 'admin'] as const) {
      expect((await h.request(role, 'POST', '/api/research/extracts', {})).statusCode).toBe(403);
    }
    const bad = await h.request('researcher', 'POST', '/api/research/extracts', {
      from: '2025-12-01',
      to: '2025-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.json<{ error: { code: string; details: { issues: { path: string }[] } } }>().error,
    ).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'to' }] },
    });
    expect(
      (await h.request('researcher', 'POST', '/api/research/extracts', { schemeIds: ['x'] })).statusCode,
    ).toBe(400);
    expect(
      (await h.request('researcher', 'POST', '/api/research/extracts', { nhsNumber: '1' })).statusCode,
    ).toBe(400);
  });
});
