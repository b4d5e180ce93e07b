import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';
import { makeFixtures } from '../testing/fixtures.js';

type ErrorBody = {
  error: { code: string; message: string; details?: { issues?: { path: string; rule: string }[] } };
};
type SignpostRes = {
  id: string;
  version: number;
  referralId: string;
  kind: string;
  serviceId: string | null;
  serviceName: string | null;
  signpostedOn: string;
  attendance: string;
  response: string | null;
  staffId: string | null;
};
const rulesOf = (body: ErrorBody): string[] =>
  (body.error.details?.issues ?? []).map((i) => `${i.path}:${i.rule}`);

describe.each(TEST_ENGINES)('[%s] signposts API', (engine) => {
  let h: Harness;
  let referralId: string;
  let serviceId: string;

  const signpost = (body: Record<string, unknown>, id = referralId) =>
    h.request('link_worker', 'POST', `/api/referrals/${id}/signposts`, {
      signpostedOn: '2025-11-10',
      reasonNeed: 'loneliness',
      ...body,
    });

  beforeAll(async () => {
    h = await openHarness(engine, { scale: 150 });
    const person = await h.request('link_worker', 'POST', '/api/people', {
      schemeId: h.schemeId,
      givenName: 'Fergus',
      familyName: 'Signposttest',
      dateOfBirth: '1949-02-03',
      allowPossibleDuplicate: true,
    });
    const ref = (
      await h.request('link_worker', 'POST', '/api/referrals', {
        personId: person.json<{ id: string }>().id,
        schemeId: h.schemeId,
        referredAt: '2025-11-01T09:00:00Z',
        route: 'gp_practice',
      })
    ).json<{ id: string; version: number }>();
    await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'active',
      at: '2025-11-02T09:00:00Z',
    });
    referralId = ref.id;
    const services = await h.request('link_worker', 'GET', '/api/services?need=loneliness&pageSize=1');
    serviceId = services.json<{ items: { id: string }[] }>().items[0]!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('signposts to a directory service with the defaults, and audits the write', async () => {
    const res = await signpost({ serviceId });
    expect(res.statusCode).toBe(201);
    const s = res.json<SignpostRes>();
    expect(s).toMatchObject({
      referralId,
      kind: 'signpost',
      serviceId,
      serviceName: null,
      signpostedOn: '2025-11-10',
      attendance: 'not_known',
      response: null,
      staffId: h.staffId,
      version: 1,
    });
    const events = await h.db.db
      .selectFrom('audit_event')
      .select(['action', 'scheme_id'])
      .where('entity', '=', 'signpost')
      .where('entity_id', '=', s.id)
      .execute();
    expect(events).toEqual([{ action: 'create', scheme_id: h.schemeId }]);
  });

  it('closes the loop on an onward referral: pending, then attendance and the response', async () => {
    const created = await signpost({ kind: 'onward_referral', serviceName: 'Citizens Advice Leith' });
    expect(created.json<SignpostRes>()).toMatchObject({ kind: 'onward_referral', response: 'pending' });
    const s = created.json<SignpostRes>();
    const updated = await h.request('link_worker', 'PATCH', `/api/signposts/${s.id}`, {
      version: s.version,
      response: 'accepted',
      attendance: 'attended',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json<SignpostRes>()).toMatchObject({
      version: 2,
      response: 'accepted',
      attendance: 'attended',
    });
    const stale = await h.request('scheme_manager', 'PATCH', `/api/signposts/${s.id}`, {
      version: 1,
      response: 'declined',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('stale_version');
    const read = await h.request('scheme_manager', 'GET', `/api/signposts/${s.id}`);
    expect(read.json<SignpostRes>()).toMatchObject({ version: 2, response: 'accepted' });
  });

  it('names each rule broken', async () => {
    expect(rulesOf((await signpost({})).json<ErrorBody>())).toEqual(['serviceId:required']);
    expect(
      rulesOf((await signpost({ serviceId: '00000000-0000-4000-8000-000000000001' })).json<ErrorBody>()),
    ).toEqual(['serviceId:exists']);
    expect(rulesOf((await signpost({ serviceId, response: 'accepted' })).json<ErrorBody>())).toEqual([
      'response:onward_referral_only',
    ]);
    expect(
      rulesOf(
        (
          await signpost({
            serviceId,
            kind: 'leaflet',
            reasonNeed: 'boredom',
            attendance: 'maybe',
            signpostedOn: '2099-01-01',
          })
        ).json<ErrorBody>(),
      ),
    ).toEqual([
      'kind:unknown_code',
      'signpostedOn:not_in_future',
      'reasonNeed:unknown_code',
      'attendance:unknown_code',
    ]);
    expect(rulesOf((await signpost({ serviceId, signpostedOn: '2025-10-31' })).json<ErrorBody>())).toEqual([
      'signpostedOn:not_before_referral',
    ]);
    const plain = (await signpost({ serviceId })).json<SignpostRes>();
    const response = await h.request('link_worker', 'PATCH', `/api/signposts/${plain.id}`, {
      version: plain.version,
      response: 'accepted',
    });
    expect(rulesOf(response.json<ErrorBody>())).toEqual(['response:onward_referral_only']);
  });

  it('lists a referral’s signposts oldest first, paginated, and audits each returned', async () => {
    const first = await signpost({ serviceId, signpostedOn: '2025-11-03' });
    expect(first.statusCode).toBe(201);
    const all = await h.request('link_worker', 'GET', `/api/referrals/${referralId}/signposts`);
    const body = all.json<{ items: SignpostRes[]; total: number }>();
    expect(body.total).toBe(body.items.length);
    expect(body.items[0]?.id).toBe(first.json<SignpostRes>().id);
    const dates = body.items.map((i) => i.signpostedOn);
    expect([...dates].sort()).toEqual(dates);
    const page = await h.request(
      'link_worker',
      'GET',
      `/api/referrals/${referralId}/signposts?page=2&pageSize=1`,
    );
    expect(page.json<{ items: SignpostRes[] }>().items.map((i) => i.id)).toEqual([body.items[1]?.id]);
    const listed = await h.db.db
      .selectFrom('audit_event')
      .select('entity_id')
      .where('entity', '=', 'signpost')
      .where('action', '=', 'list')
      .execute();
    expect(listed.length).toBe(body.items.length + 1);
  });

  it('hides signposts outside your schemes, and refuses roles without casework', async () => {
    const s = (await signpost({ serviceId })).json<SignpostRes>();
    const { outside: o } = await makeFixtures(h);
    const outside = { id: o.extra['signpostId']!, referral_id: o.referralId };
    expect((await h.request('scheme_manager', 'GET', `/api/signposts/${outside.id}`)).statusCode).toBe(404);
    expect((await signpost({ serviceId }, outside.referral_id)).statusCode).toBe(404);
    expect(
      (
        await h.request('link_worker', 'PATCH', `/api/signposts/${outside.id}`, {
          version: 1,
          attendance: 'attended',
        })
      ).statusCode,
    ).toBe(404);
    expect((await h.request('regional_lead', 'GET', `/api/signposts/${s.id}`)).statusCode).toBe(403);
  });
});
