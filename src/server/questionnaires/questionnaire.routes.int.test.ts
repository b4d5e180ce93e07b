import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/access/policy.js';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';
import { makeFixtures } from '../testing/fixtures.js';

type ErrorBody = {
  error: { code: string; message: string; details?: { issues?: { path: string; rule: string }[] } };
};
type Instrument = {
  id: string;
  items: { number: number; label: string; wording: string | null; scale: { min: number; max: number } }[];
  measures: { id: string; direction: string; mid: { points: number } | null; bands: unknown[] }[];
  licence: { note: string; wordingShipped: boolean };
};
type Score = { measure: string; value: number; band: string | null };
type Change = { measure: string; baselineResponseId: string; change: number; interpretation: string | null };
type Written = {
  id: string;
  version: number;
  instrumentId: string;
  rulesVersion: string;
  scoreStatus: string;
  scores: Score[];
  missingItems: number[];
  alerts: { code: string; item: number }[];
  message: string | null;
  administeredBy: string | null;
};
type Listed = Written & { changes: Change[] | null; timepoint: string };
const rulesOf = (body: ErrorBody): string[] =>
  (body.error.details?.issues ?? []).map((i) => `${i.path}:${i.rule}`);

describe.each(TEST_ENGINES)('[%s] questionnaires API', (engine) => {
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
    ).json<{ id: string; version: number }>();
    await h.request('link_worker', 'POST', `/api/referrals/${ref.id}/status`, {
      version: ref.version,
      status: 'active',
      at: '2025-11-02T09:00:00Z',
    });
    return ref.id;
  };
  const administer = (referralId: string, body: Record<string, unknown>) =>
    h.request('link_worker', 'POST', `/api/referrals/${referralId}/questionnaires`, {
      instrumentId: 'swemwbs',
      timepoint: 'baseline',
      administeredOn: '2025-11-05',
      ...body,
    });
  const count = async (table: 'questionnaire_response' | 'questionnaire_score'): Promise<number> =>
    (
      await h.db.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    h = await openHarness(engine, { scale: 150 });
    const person = await h.request('link_worker', 'POST', '/api/people', {
      schemeId: h.schemeId,
      givenName: 'Callum',
      familyName: 'Questionnairetest',
      dateOfBirth: '1966-08-09',
      allowPossibleDuplicate: true,
    });
    personId = person.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists the built-in instruments to every role, with wording only where licensed', async () => {
    for (const role of ROLES) {
      expect((await h.request(role, 'GET', '/api/instruments')).statusCode, role).toBe(200);
    }
    const items = (await h.request('researcher', 'GET', '/api/instruments')).json<{ items: Instrument[] }>()
      .items;
    expect(items.map((i) => i.id)).toEqual([
      'ons4',
      'wemwbs',
      'swemwbs',
      'ucla3',
      'ons-loneliness',
      'phq9',
      'gad7',
    ]);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get('ons4')?.items.every((i) => i.wording !== null)).toBe(true);
    for (const i of items.filter((x) => !x.licence.wordingShipped)) {
      expect(
        i.items.every((item) => item.wording === null),
        i.id,
      ).toBe(true);
    }
    const swemwbs = byId.get('swemwbs')!;
    expect(swemwbs.items[0]).toMatchObject({ number: 1, label: 'Optimistic', scale: { min: 1, max: 5 } });
    expect(swemwbs.measures.map((m) => [m.id, m.direction, m.mid?.points ?? null])).toEqual([
      ['raw', 'higher_is_better', null],
      ['metric', 'higher_is_better', 1.03],
    ]);
    expect(swemwbs.licence.note).toMatch(/registration/);
  });

  it('scores on write and stores one score row per measure with the rules version', async () => {
    const referralId = await activeReferral();
    const before = await count('questionnaire_score');
    const res = await administer(referralId, { instrumentId: 'SWEMWBS', answers: [3, 3, 3, 3, 3, 3, 3] });
    expect(res.statusCode).toBe(201);
    expect(res.json<Written>()).toMatchObject({
      instrumentId: 'swemwbs',
      scoreStatus: 'scored',
      rulesVersion: 'swemwbs-1.0/rasch-2009',
      scores: [
        { measure: 'raw', value: 21, band: null },
        { measure: 'metric', value: 19.25, band: null },
      ],
      missingItems: [],
      alerts: [],
      message: null,
      administeredBy: h.staffId,
    });
    expect(await count('questionnaire_score')).toBe(before + 2);
  });

  it('refuses unscorable answers naming answers[i] and the rule, storing nothing; unknown instruments too', async () => {
    const referralId = await activeReferral();
    const before = await count('questionnaire_response');
    const bad = await administer(referralId, { answers: [3, 6, 2.5, 3, 3, 3, 3, 4] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.code).toBe('validation_failed');
    expect(rulesOf(bad.json<ErrorBody>())).toEqual([
      'answers[1]:out_of_range',
      'answers[2]:integer',
      'answers[7]:unexpected_answer',
    ]);
    const unknown = await administer(referralId, { instrumentId: 'eq5d', answers: [1] });
    expect(rulesOf(unknown.json<ErrorBody>())).toEqual(['instrumentId:unknown_code']);
    const when = await administer(referralId, {
      timepoint: 'halfway',
      administeredOn: '2025-10-01',
      answers: [3, 3, 3, 3, 3, 3, 3],
    });
    expect(rulesOf(when.json<ErrorBody>())).toEqual([
      'timepoint:unknown_code',
      'administeredOn:not_before_referral',
    ]);
    expect(await count('questionnaire_response')).toBe(before);
  });

  it('stores a partial questionnaire as incomplete, without scores, and returns the missing items', async () => {
    const referralId = await activeReferral();
    const before = await count('questionnaire_score');
    const res = await administer(referralId, { answers: [3, null, 3, 3] });
    expect(res.statusCode).toBe(201);
    const w = res.json<Written>();
    expect(w).toMatchObject({ scoreStatus: 'incomplete', scores: [], missingItems: [2, 5, 6, 7] });
    expect(w.message).toMatch(/all 7 items/);
    expect(await count('questionnaire_score')).toBe(before);
    const stored = await h.db.db
      .selectFrom('questionnaire_response')
      .select(['score_status', 'rules_version', 'answers'])
      .where('id', '=', w.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      score_status: 'incomplete',
      rules_version: 'swemwbs-1.0/rasch-2009',
      answers: [3, null, 3, 3],
    });
  });

  it('returns safety alerts raised by the answers (PHQ-9 item 9)', async () => {
    const referralId = await activeReferral();
    const res = await administer(referralId, { instrumentId: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 2] });
    expect(res.statusCode).toBe(201);
    expect(res.json<Written>().alerts.map((a) => a.item)).toEqual([9]);
  });

  it('lists responses with each follow-up’s change from baseline, read against the MID', async () => {
    const referralId = await activeReferral();
    const baseline = (await administer(referralId, { answers: [3, 3, 3, 3, 3, 3, 3] })).json<Written>();
    const review = (
      await administer(referralId, {
        timepoint: 'review',
        administeredOn: '2025-12-01',
        answers: [3, 4, 3, 4, 3, 4, 3],
      })
    ).json<Written>();
    await administer(referralId, {
      instrumentId: 'ons4',
      timepoint: 'review',
      administeredOn: '2025-12-01',
      answers: [5, 5, 5, 5],
    });
    const list = await h.request('link_worker', 'GET', `/api/referrals/${referralId}/questionnaires`);
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: Listed[] }>().items;
    expect(items.map((i) => `${i.instrumentId}:${i.timepoint}`)).toEqual([
      'swemwbs:baseline',
      'swemwbs:review',
      'ons4:review',
    ]);
    expect(items[0]?.changes).toBeNull();
    expect(items[1]?.changes).toEqual([
      {
        measure: 'raw',
        baselineResponseId: baseline.id,
        baselineValue: 21,
        value: 24,
        change: 3,
        direction: 'higher_is_better',
        interpretation: null,
      },
      {
        measure: 'metric',
        baselineResponseId: baseline.id,
        baselineValue: 19.25,
        value: 21.54,
        change: 2.29,
        direction: 'higher_is_better',
        interpretation: 'improved',
      },
    ]);
    expect(items[2]?.changes).toEqual([]);
    const one = await h.request('scheme_manager', 'GET', `/api/questionnaires/${review.id}`);
    expect(one.json<Listed>().changes?.map((c) => c.change)).toEqual([3, 2.29]);
    const audited = await h.db.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity', '=', 'questionnaire_response')
      .where('entity_id', '=', review.id)
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['create', 'list', 'read']);
  });

  it('corrects a response, scoring it again and replacing its scores, with optimistic concurrency', async () => {
    const referralId = await activeReferral();
    const w = (await administer(referralId, { answers: [3, null, 3, 3, 3, 3, 3] })).json<Written>();
    expect(w.scoreStatus).toBe('incomplete');
    const fixed = await h.request('link_worker', 'PATCH', `/api/questionnaires/${w.id}`, {
      version: w.version,
      answers: [3, 2, 3, 3, 3, 3, 3],
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json<Written>()).toMatchObject({
      version: 2,
      scoreStatus: 'scored',
      scores: [
        { measure: 'raw', value: 20 },
        { measure: 'metric', value: 18.59 },
      ],
    });
    const again = await h.request('link_worker', 'PATCH', `/api/questionnaires/${w.id}`, {
      version: 2,
      answers: [5, 5, 5, 5, 5, 5, 5],
    });
    expect(again.json<Written>().scores.map((s) => s.value)).toEqual([35, 35]);
    const rows = await h.db.db
      .selectFrom('questionnaire_score')
      .select('measure')
      .where('response_id', '=', w.id)
      .execute();
    expect(rows).toHaveLength(2);
    const stale = await h.request('scheme_manager', 'PATCH', `/api/questionnaires/${w.id}`, {
      version: 2,
      timepoint: 'review',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('stale_version');
    const invalid = await h.request('link_worker', 'PATCH', `/api/questionnaires/${w.id}`, {
      version: 3,
      answers: [9],
    });
    expect(rulesOf(invalid.json<ErrorBody>())).toEqual(['answers[0]:out_of_range']);
  });

  it('hides questionnaires outside your schemes, and refuses roles without casework', async () => {
    const { outside } = await makeFixtures(h);
    const id = outside.extra['questionnaireId']!;
    expect((await h.request('scheme_manager', 'GET', `/api/questionnaires/${id}`)).statusCode).toBe(404);
    expect(
      (await h.request('link_worker', 'GET', `/api/referrals/${outside.referralId}/questionnaires`))
        .statusCode,
    ).toBe(404);
    const post = await administer(outside.referralId, { answers: [3, 3, 3, 3, 3, 3, 3] });
    expect(post.statusCode).toBe(404);
    const referralId = await activeReferral();
    expect(
      (await h.request('researcher', 'GET', `/api/referrals/${referralId}/questionnaires`)).statusCode,
    ).toBe(403);
  });
});
