import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';

type ErrorBody = {
  error: {
    code: string;
    message: string;
    details?: { issues?: { path: string; rule: string }[]; allowed?: string[] };
  };
};
type Ref = {
  id: string;
  version: number;
  status: string;
  snomedCode: string | null;
  linkWorkerId: string | null;
};

describe.each(TEST_ENGINES)('[%s] referral workflow', (engine) => {
  let h: Harness;
  let personId: string;
  beforeAll(async () => {
    h = await openHarness(engine);
    const ok = await h.request('link_worker', 'POST', '/api/people', {
      schemeId: h.schemeId,
      givenName: 'Morag',
      familyName: 'Testperson',
      dateOfBirth: '1961-03-04',
    });
    expect(ok.statusCode).toBe(201);
    personId = ok.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await h.close();
  });

  const refer = (body: Record<string, unknown> = {}) =>
    h.request('link_worker', 'POST', '/api/referrals', {
      personId,
      schemeId: h.schemeId,
      referredAt: '2025-11-01T09:00:00Z',
      route: 'gp_practice',
      referrerRole: 'gp',
      reason: 'Isolated since bereavement',
      needs: ['loneliness', 'bereavement'],
      ...body,
    });

  it("enforces the scheme's policy with a 422 naming the rule (Lothian: GP referrals only, adults only)", async () => {
    const self = await refer({ route: 'self_referral', referrerRole: null });
    expect(self.statusCode).toBe(422);
    expect(self.json<ErrorBody>().error.details?.issues?.map((i) => i.rule)).toEqual(['policy_route']);
    const child = await h.request('link_worker', 'POST', '/api/people', {
      schemeId: h.schemeId,
      givenName: 'Young',
      familyName: 'Person',
      dateOfBirth: '2015-01-01',
    });
    const childRef = await refer({ personId: child.json<{ id: string }>().id });
    expect(childRef.json<ErrorBody>().error.details?.issues?.map((i) => i.rule)).toEqual(['policy_min_age']);
  });

  it('walks waiting -> active -> discharged, with SNOMED codes, and refuses invalid transitions', async () => {
    const created = await refer();
    expect(created.statusCode).toBe(201);
    let ref = created.json<Ref>();
    expect(ref).toMatchObject({ status: 'waiting', snomedCode: null });

    const wrong = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'discharged',
      dischargeReason: 'goals_met',
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json<ErrorBody>().error).toMatchObject({
      code: 'invalid_transition',
      details: { allowed: ['active', 'declined', 'did_not_engage'] },
    });

    const accepted = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'active',
      at: '2025-11-05T10:00:00Z',
    });
    expect(accepted.statusCode).toBe(200);
    ref = accepted.json<Ref>();
    expect(ref).toMatchObject({ status: 'active', snomedCode: '871731000000106', linkWorkerId: h.staffId });

    const noReason = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'discharged',
    });
    expect(noReason.json<ErrorBody>().error.details?.issues?.map((i) => `${i.path}:${i.rule}`)).toEqual([
      'dischargeReason:required',
    ]);

    const discharged = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'discharged',
      dischargeReason: 'goals_met',
      at: '2025-12-01T10:00:00Z',
    });
    expect(discharged.json<Ref & { closedAt: string }>()).toMatchObject({
      status: 'discharged',
      snomedCode: '871731000000106',
      closedAt: '2025-12-01T10:00:00.000Z',
    });

    const reopen = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version + 2,
      status: 'active',
    });
    expect(reopen.json<ErrorBody>().error).toMatchObject({
      code: 'invalid_transition',
      details: { allowed: [] },
    });
  });

  it('records a declined referral with the national declined code', async () => {
    const ref = (await refer()).json<Ref>();
    const res = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'declined',
    });
    expect(res.json<Ref>()).toMatchObject({ status: 'declined', snomedCode: '871711000000103' });
  });

  it('answers a stale version with 409 so two workers never overwrite each other', async () => {
    const ref = (await refer()).json<Ref>();
    const [a, b] = await Promise.all([
      h.request('link_worker', 'PATCH', `/api/referrals/${ref.id}`, {
        version: ref.version,
        reason: 'First worker',
      }),
      h.request('scheme_manager', 'PATCH', `/api/referrals/${ref.id}`, {
        version: ref.version,
        reason: 'Second worker',
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json<ErrorBody>().error.code).toBe('stale_version');
    const now = await h.request('scheme_manager', 'GET', `/api/referrals/${ref.id}`);
    expect(now.json<Ref & { reason: string }>()).toMatchObject({ version: ref.version + 1 });
  });

  it('lists the waiting list oldest first with days waiting, and the caseload', async () => {
    const res = await h.request('link_worker', 'GET', `/api/schemes/${h.schemeId}/waiting-list`);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { referredAt: string; daysWaiting: number }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    const dates = items.map((i) => i.referredAt);
    expect([...dates].sort()).toEqual(dates);
    expect(items.every((i) => i.daysWaiting >= 0)).toBe(true);
    const mine = await h.request('link_worker', 'GET', '/api/caseload');
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ staffId: string }>().staffId).toBe(h.staffId);
    const outside = await h.request('link_worker', 'GET', `/api/schemes/${h.otherSchemeId}/waiting-list`);
    expect(outside.statusCode).toBe(404);
  });

  it('re-refers after discharge under the re-referral policy and links the earlier referral', async () => {
    let ref = (await refer()).json<Ref>();
    ref = (
      await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
        version: ref.version,
        status: 'active',
        at: '2025-11-02T10:00:00Z',
      })
    ).json<Ref>();
    const early = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/rereferrals`, {
      referredAt: '2025-12-10T09:00:00Z',
      route: 'gp_practice',
    });
    expect(early.json<ErrorBody>().error.details?.issues?.map((i) => i.rule)).toEqual(['previous_open']);
    ref = (
      await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
        version: ref.version,
        status: 'discharged',
        dischargeReason: 'no_further_support',
        at: '2025-11-10T10:00:00Z',
      })
    ).json<Ref>();
    // Lothian accepts a re-referral 90 days after discharge.
    const soon = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/rereferrals`, {
      referredAt: '2025-12-10T09:00:00Z',
      route: 'gp_practice',
    });
    expect(soon.json<ErrorBody>().error.details?.issues?.map((i) => i.rule)).toEqual([
      'policy_rereferral_interval',
    ]);
    const again = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/rereferrals`, {
      referredAt: '2026-03-01T09:00:00Z',
      route: 'gp_practice',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json<{ previousReferralId: string }>().previousReferralId).toBe(ref.id);
  });
});
