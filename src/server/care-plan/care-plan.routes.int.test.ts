import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';
import { makeFixtures } from '../testing/fixtures.js';

type ErrorBody = {
  error: { code: string; message: string; details?: { issues?: { path: string; rule: string }[] } };
};
type Rec = { id: string; version: number };
type Goal = Rec & {
  needId: string | null;
  status: string;
  importance: number | null;
  achievedOn: string | null;
};
type Plan = {
  referralId: string;
  needs: (Rec & { need: string })[];
  goals: (Goal & { actions: (Rec & { description: string; status: string })[] })[];
};
const rulesOf = (body: ErrorBody): string[] =>
  (body.error.details?.issues ?? []).map((i) => `${i.path}:${i.rule}`);

describe.each(TEST_ENGINES)('[%s] care plan API', (engine) => {
  let h: Harness;
  let personId: string;

  const activeReferral = async (): Promise<string> => {
    const ref = (
      await h.request('link_worker', 'POST', '/api/referrals', {
        personId,
        schemeId: h.schemeId,
        referredAt: '2025-11-01T09:00:00Z',
        route: 'gp_practice',
      })
    ).json<Rec>();
    const active = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'active',
      at: '2025-11-02T09:00:00Z',
    });
    expect(active.statusCode).toBe(200);
    return ref.id;
  };

  beforeAll(async () => {
    h = await openHarness(engine, { scale: 150 });
    const person = await h.request('link_worker', 'POST', '/api/people', {
      schemeId: h.schemeId,
      givenName: 'Isla',
      familyName: 'Careplantest',
      dateOfBirth: '1972-05-06',
      allowPossibleDuplicate: true,
    });
    personId = person.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('builds a plan of needs, goals and actions and reads it back nested, with audit events', async () => {
    const referralId = await activeReferral();
    const need = await h.request('link_worker', 'POST', `/api/referrals/${referralId}/needs`, {
      need: 'loneliness',
      description: 'Has lost touch with friends since retiring',
    });
    expect(need.statusCode).toBe(201);
    const goal = await h.request('link_worker', 'POST', `/api/referrals/${referralId}/goals`, {
      description: 'See friends every week',
      needId: need.json<Rec>().id,
      importance: 9,
      agreedOn: '2025-11-05',
      reviewOn: '2026-01-05',
    });
    expect(goal.statusCode).toBe(201);
    expect(goal.json<Goal>()).toMatchObject({ status: 'agreed', importance: 9, needId: need.json<Rec>().id });
    const action = await h.request('link_worker', 'POST', `/api/goals/${goal.json<Rec>().id}/actions`, {
      description: 'Go to the Tuesday lunch club',
      who: 'Isla, with the link worker the first time',
      dueOn: '2026-02-01',
      confidence: 6,
    });
    expect(action.statusCode).toBe(201);
    expect(action.json()).toMatchObject({ status: 'planned', confidence: 6, goalId: goal.json<Rec>().id });

    const plan = await h.request('scheme_manager', 'GET', `/api/referrals/${referralId}/care-plan`);
    expect(plan.statusCode).toBe(200);
    const p = plan.json<Plan>();
    expect(p.needs.map((n) => n.need)).toEqual(['loneliness']);
    expect(p.goals).toHaveLength(1);
    expect(p.goals[0]?.actions.map((a) => a.description)).toEqual(['Go to the Tuesday lunch club']);

    const events = await h.db.db
      .selectFrom('audit_event')
      .select(['entity', 'action'])
      .where('request_id', 'in', [
        need.headers['x-request-id'] as string,
        goal.headers['x-request-id'] as string,
        action.headers['x-request-id'] as string,
        plan.headers['x-request-id'] as string,
      ])
      .orderBy('id')
      .execute();
    expect(events.map((e) => `${e.entity}:${e.action}`)).toEqual([
      'care_need:create',
      'care_goal:create',
      'care_action:create',
      'care_plan:read',
    ]);
  });

  it('names each rule broken', async () => {
    const referralId = await activeReferral();
    const other = await activeReferral();
    const otherNeed = (
      await h.request('link_worker', 'POST', `/api/referrals/${other}/needs`, { need: 'housing' })
    ).json<Rec>();
    const goal = await h.request('link_worker', 'POST', `/api/referrals/${referralId}/goals`, {
      description: 'g'.repeat(501),
      importance: 11,
      status: 'dreaming',
      agreedOn: '2025-10-01',
    });
    expect(goal.statusCode).toBe(400);
    expect(rulesOf(goal.json<ErrorBody>())).toEqual([
      'description:max_length',
      'importance:range',
      'status:unknown_code',
      'agreedOn:not_before_referral',
    ]);
    const wrongNeed = await h.request('link_worker', 'POST', `/api/referrals/${referralId}/goals`, {
      description: 'Find a flat',
      needId: otherNeed.id,
    });
    expect(rulesOf(wrongNeed.json<ErrorBody>())).toEqual(['needId:exists']);
    const need = await h.request('link_worker', 'POST', `/api/referrals/${referralId}/needs`, {
      need: 'boredom',
    });
    expect(rulesOf(need.json<ErrorBody>())).toEqual(['need:unknown_code']);
    const ok = (
      await h.request('link_worker', 'POST', `/api/referrals/${referralId}/goals`, {
        description: 'Walk more',
      })
    ).json<Rec>();
    const action = await h.request('link_worker', 'POST', `/api/goals/${ok.id}/actions`, {
      description: ' ',
      confidence: 0,
      status: 'someday',
    });
    expect(rulesOf(action.json<ErrorBody>())).toEqual([
      'description:required',
      'status:unknown_code',
      'confidence:range',
    ]);
  });

  it('changes needs, goals and actions with optimistic concurrency, checking the merged record', async () => {
    const referralId = await activeReferral();
    const need = (
      await h.request('link_worker', 'POST', `/api/referrals/${referralId}/needs`, { need: 'money_debt' })
    ).json<Rec>();
    const needChanged = await h.request('link_worker', 'PATCH', `/api/needs/${need.id}`, {
      version: 1,
      description: 'Rent arrears',
    });
    expect(needChanged.json()).toMatchObject({ version: 2, need: 'money_debt', description: 'Rent arrears' });

    const goal = (
      await h.request('link_worker', 'POST', `/api/referrals/${referralId}/goals`, {
        description: 'Clear the arrears',
        agreedOn: '2025-11-05',
      })
    ).json<Goal>();
    const achieved = await h.request('link_worker', 'PATCH', `/api/goals/${goal.id}`, {
      version: goal.version,
      status: 'achieved',
      achievedOn: '2025-12-01',
      needId: need.id,
    });
    expect(achieved.statusCode).toBe(200);
    expect(achieved.json<Goal>()).toMatchObject({
      version: 2,
      status: 'achieved',
      achievedOn: '2025-12-01',
      needId: need.id,
    });
    const early = await h.request('link_worker', 'PATCH', `/api/goals/${goal.id}`, {
      version: 2,
      achievedOn: '2025-11-04',
    });
    expect(rulesOf(early.json<ErrorBody>())).toEqual(['achievedOn:not_before_agreed']);
    const stale = await h.request('scheme_manager', 'PATCH', `/api/goals/${goal.id}`, {
      version: 1,
      importance: 3,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('stale_version');

    const action = (
      await h.request('link_worker', 'POST', `/api/goals/${goal.id}/actions`, {
        description: 'Call the advice line',
      })
    ).json<Rec>();
    const done = await h.request('link_worker', 'PATCH', `/api/actions/${action.id}`, {
      version: action.version,
      status: 'done',
      confidence: 10,
    });
    expect(done.json()).toMatchObject({
      version: 2,
      status: 'done',
      confidence: 10,
      description: 'Call the advice line',
    });
    const staleAction = await h.request('link_worker', 'PATCH', `/api/actions/${action.id}`, {
      version: 1,
      who: 'x',
    });
    expect(staleAction.statusCode).toBe(409);
  });

  it('hides plans outside your caseload or schemes, and refuses roles without casework', async () => {
    const referralId = await activeReferral();
    const goal = (
      await h.request('link_worker', 'POST', `/api/referrals/${referralId}/goals`, { description: 'Mine' })
    ).json<Rec>();
    const { outside: o } = await makeFixtures(h);
    const outside = { id: o.extra['goalId']!, referral_id: o.referralId };
    expect(
      (await h.request('scheme_manager', 'GET', `/api/referrals/${outside.referral_id}/care-plan`))
        .statusCode,
    ).toBe(404);
    const action = await h.request('link_worker', 'POST', `/api/goals/${outside.id}/actions`, {
      description: 'x',
    });
    expect(action.statusCode).toBe(404);
    expect(action.json<ErrorBody>().error.message).toBe('No goal with that id that you may see');
    expect(
      (
        await h.request('link_worker', 'PATCH', `/api/goals/${outside.id}`, {
          version: 1,
          status: 'achieved',
        })
      ).statusCode,
    ).toBe(404);
    expect((await h.request('researcher', 'GET', `/api/referrals/${referralId}/care-plan`)).statusCode).toBe(
      403,
    );
    expect(
      (await h.request('admin', 'POST', `/api/goals/${goal.id}/actions`, { description: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (
        await h.request('link_worker', 'PATCH', '/api/actions/00000000-0000-4000-8000-000000000001', {
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
  });
});
