import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';

type ErrorBody = {
  error: { code: string; message: string; details?: { issues?: { path: string; rule: string }[] } };
};
type ContactRes = {
  id: string;
  version: number;
  referralId: string;
  contactAt: string;
  outcome: string;
  staffId: string | null;
  notes: string | null;
  warnings: { code: string; message: string }[];
};
const rulesOf = (body: ErrorBody): string[] =>
  (body.error.details?.issues ?? []).map((i) => `${i.path}:${i.rule}`);

describe.each(TEST_ENGINES)('[%s] contacts API', (engine) => {
  let h: Harness;
  let personId: string;

  /** A new active referral of the test person, assigned to the test link worker. */
  const activeReferral = async (): Promise<{ id: string; version: number }> => {
    const created = await h.request('link_worker', 'POST', '/api/referrals', {
      personId,
      schemeId: h.schemeId,
      referredAt: '2025-11-01T09:00:00Z',
      route: 'gp_practice',
      referrerRole: 'gp',
    });
    expect(created.statusCode).toBe(201);
    const ref = created.json<{ id: string; version: number }>();
    const active = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'active',
      at: '2025-11-02T09:00:00Z',
    });
    expect(active.statusCode).toBe(200);
    return active.json<{ id: string; version: number }>();
  };
  const record = (referralId: string, body: Record<string, unknown> = {}) =>
    h.request('link_worker', 'POST', `/api/referrals/${referralId}/contacts`, {
      contactAt: '2025-11-10T10:00:00Z',
      mode: 'face_to_face',
      durationMinutes: 45,
      locationType: 'gp_practice',
      ...body,
    });
  const setCap = async (cap: number | null, mode: 'warn' | 'block', keepsAtRisk: boolean | null) => {
    await h.db.db
      .updateTable('scheme_version')
      .set({ session_cap: cap, session_cap_mode: mode, keeps_at_risk: keepsAtRisk })
      .where('scheme_id', '=', h.schemeId)
      .where('valid_to', 'is', null)
      .execute();
  };

  beforeAll(async () => {
    h = await openHarness(engine, { scale: 150 });
    const person = await h.request('link_worker', 'POST', '/api/people', {
      schemeId: h.schemeId,
      givenName: 'Ailsa',
      familyName: 'Contacttest',
      dateOfBirth: '1958-07-09',
      allowPossibleDuplicate: true,
    });
    expect(person.statusCode).toBe(201);
    personId = person.json<{ id: string }>().id;
    await setCap(null, 'warn', null);
  });
  afterAll(async () => {
    await h.close();
  });

  it('records, lists (paginated, oldest first) and reads contacts, auditing each read and write', async () => {
    const ref = await activeReferral();
    const first = await record(ref.id, { contactAt: '2025-11-12T10:00:00Z', notes: 'Second session' });
    const second = await record(ref.id, { contactAt: '2025-11-05T10:00:00Z', outcome: 'did_not_attend' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    const c = first.json<ContactRes>();
    expect(c).toMatchObject({
      referralId: ref.id,
      version: 1,
      outcome: 'attended',
      staffId: h.staffId,
      notes: 'Second session',
      warnings: [],
    });

    const page1 = await h.request('link_worker', 'GET', `/api/referrals/${ref.id}/contacts?pageSize=1`);
    expect(page1.statusCode).toBe(200);
    const body = page1.json<{ items: ContactRes[]; total: number; page: number; pageSize: number }>();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(body.items.map((i) => i.contactAt)).toEqual(['2025-11-05T10:00:00.000Z']);
    const page2 = await h.request(
      'link_worker',
      'GET',
      `/api/referrals/${ref.id}/contacts?page=2&pageSize=1`,
    );
    expect(page2.json<{ items: ContactRes[] }>().items.map((i) => i.id)).toEqual([c.id]);

    const read = await h.request('scheme_manager', 'GET', `/api/contacts/${c.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('warnings');

    const events = await h.db.db
      .selectFrom('audit_event')
      .select(['action', 'role'])
      .where('entity', '=', 'contact')
      .where('entity_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => `${e.role}:${e.action}`)).toEqual([
      'link_worker:create',
      'link_worker:list',
      'scheme_manager:read',
    ]);
  });

  it('refuses a contact before the referral or in the future, naming the rule', async () => {
    const ref = await activeReferral();
    const before = await record(ref.id, { contactAt: '2025-10-31T23:59:00Z' });
    expect(before.statusCode).toBe(400);
    expect(rulesOf(before.json<ErrorBody>())).toEqual(['contactAt:not_before_referral']);
    const future = await record(ref.id, { contactAt: '2099-01-01T10:00:00Z', mode: 'pigeon' });
    expect(rulesOf(future.json<ErrorBody>())).toEqual(['contactAt:not_in_future', 'mode:unknown_code']);
    const notStaff = await record(ref.id, { staffId: '00000000-0000-4000-8000-000000000001' });
    expect(rulesOf(notStaff.json<ErrorBody>())).toEqual(['staffId:scheme_staff']);
  });

  it('allows follow-up contacts after discharge', async () => {
    const ref = await activeReferral();
    const discharged = await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'discharged',
      dischargeReason: 'goals_met',
      at: '2025-11-20T10:00:00Z',
    });
    expect(discharged.statusCode).toBe(200);
    const followUp = await record(ref.id, { contactAt: '2025-12-15T10:00:00Z', mode: 'telephone' });
    expect(followUp.statusCode).toBe(201);
  });

  it('applies the session cap: warns in warn mode, blocks in block mode unless kept at risk', async () => {
    const ref = await activeReferral();
    await setCap(2, 'warn', false);
    try {
      expect((await record(ref.id)).json<ContactRes>().warnings).toEqual([]);
      expect((await record(ref.id)).json<ContactRes>().warnings).toEqual([]);
      const over = await record(ref.id);
      expect(over.statusCode).toBe(201);
      expect(over.json<ContactRes>().warnings).toEqual([
        { code: 'session_cap', message: 'the scheme offers up to 2 sessions and 2 have taken place' },
      ]);

      await setCap(2, 'block', false);
      const blocked = await record(ref.id, { atRisk: true });
      expect(blocked.statusCode).toBe(422);
      expect(blocked.json<ErrorBody>().error.code).toBe('policy_violation');
      expect(rulesOf(blocked.json<ErrorBody>())).toEqual(['outcome:policy_session_cap']);
      // A missed session does not count towards the cap.
      const missed = await record(ref.id, { outcome: 'did_not_attend' });
      expect(missed.statusCode).toBe(201);
      // Correcting it to attended is checked against the cap too.
      const m = missed.json<ContactRes>();
      const corrected = await h.request('link_worker', 'PATCH', `/api/contacts/${m.id}`, {
        version: m.version,
        outcome: 'attended',
      });
      expect(rulesOf(corrected.json<ErrorBody>())).toEqual(['outcome:policy_session_cap']);

      await setCap(2, 'block', true);
      expect((await record(ref.id)).statusCode).toBe(422);
      const atRisk = await record(ref.id, { atRisk: true });
      expect(atRisk.statusCode).toBe(201);
      expect(atRisk.json<ContactRes>().warnings.map((w) => w.code)).toEqual(['session_cap']);
    } finally {
      await setCap(null, 'warn', null);
    }
  });

  it('lets only one of two simultaneous sessions through at a blocking cap', async () => {
    const ref = await activeReferral();
    await setCap(1, 'block', false);
    try {
      const both = await Promise.all([record(ref.id), record(ref.id)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    } finally {
      await setCap(null, 'warn', null);
    }
  });

  it('corrects a contact with optimistic concurrency and checks the rules again', async () => {
    const ref = await activeReferral();
    const c = (await record(ref.id)).json<ContactRes>();
    const changed = await h.request('link_worker', 'PATCH', `/api/contacts/${c.id}`, {
      version: c.version,
      notes: 'Talked about the walking group',
      durationMinutes: 30,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<ContactRes>()).toMatchObject({
      version: 2,
      notes: 'Talked about the walking group',
      contactAt: c.contactAt,
      warnings: [],
    });
    const stale = await h.request('scheme_manager', 'PATCH', `/api/contacts/${c.id}`, {
      version: c.version,
      notes: 'Overwrite',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('stale_version');
    const early = await h.request('link_worker', 'PATCH', `/api/contacts/${c.id}`, {
      version: 2,
      contactAt: '2025-10-01T10:00:00Z',
      durationMinutes: 2000,
    });
    expect(rulesOf(early.json<ErrorBody>())).toEqual([
      'contactAt:not_before_referral',
      'durationMinutes:range',
    ]);
  });

  it('hides contacts of referrals outside your caseload or schemes, and refuses roles without casework', async () => {
    const ref = await activeReferral();
    const c = (await record(ref.id)).json<ContactRes>();
    const outside = await h.db.db
      .selectFrom('referral')
      .select('id')
      .where('scheme_id', '=', h.otherSchemeId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // An active referral in the scheme that is not the test link worker's (accepted by the manager).
    const waiting = (
      await h.request('scheme_manager', 'POST', '/api/referrals', {
        personId,
        schemeId: h.schemeId,
        referredAt: '2025-11-01T09:00:00Z',
        route: 'gp_practice',
      })
    ).json<{ id: string; version: number }>();
    const colleagues = (
      await h.request('scheme_manager', 'POST', `/api/referrals/${waiting.id}/status`, {
        version: waiting.version,
        status: 'active',
      })
    ).json<{ id: string; linkWorkerId: string | null }>();
    expect(colleagues.linkWorkerId).toBeNull();
    for (const id of [outside.id, colleagues.id]) {
      expect((await h.request('link_worker', 'GET', `/api/referrals/${id}/contacts`)).statusCode).toBe(404);
      const post = await record(id);
      expect(post.statusCode).toBe(404);
      expect(post.json<ErrorBody>().error.message).toBe('No referral with that id that you may see');
    }
    // The scheme manager sees the whole scheme (a colleague's referral) but not another scheme.
    expect(
      (await h.request('scheme_manager', 'GET', `/api/referrals/${colleagues.id}/contacts`)).statusCode,
    ).toBe(200);
    expect(
      (await h.request('scheme_manager', 'GET', `/api/referrals/${outside.id}/contacts`)).statusCode,
    ).toBe(404);
    expect((await h.request('researcher', 'GET', `/api/contacts/${c.id}`)).statusCode).toBe(403);
    expect((await h.request('admin', 'GET', `/api/referrals/${ref.id}/contacts`)).statusCode).toBe(403);
    expect(
      (await h.request('link_worker', 'GET', '/api/contacts/00000000-0000-4000-8000-000000000001'))
        .statusCode,
    ).toBe(404);
  });
});
