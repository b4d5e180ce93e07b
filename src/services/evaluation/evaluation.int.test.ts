// Every evaluation metric on hand-built data with answers worked out by hand (docs/metrics.md),
// on each engine; pre/post change checked against the domain's array statistics on the same pairs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalBuilder } from '../../db/evaluation/testing/eval-fixtures.js';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import { cohensDz, midAttainment, pairedChange, reliableChange } from '../../domain/evaluation/index.js';
import { runReport, type EvaluationReport, type ReportRow } from './evaluation.service.js';

const WINDOW = { from: '2025-04-01', to: '2026-03-31' };

function row(report: EvaluationReport, label: string, table = 0): ReportRow {
  const found = report.tables[table]?.rows.find((r) => r.labels[0] === label);
  if (found === undefined) throw new Error(`no row ${label}`);
  return found;
}

describe.each(TEST_ENGINES)('[%s] evaluation metrics on a hand-built data set', (engine) => {
  let db: TestDb;
  const ids: Record<string, string> = {};
  // SWEMWBS metric scores of the twelve pairs in scheme C (baseline, follow-up).
  const PAIRS: readonly [number, number][] = [
    [17.43, 19.25],
    [19.25, 19.25],
    [15.75, 20.73],
    [20.73, 19.98],
    [18.59, 23.21],
    [14.08, 17.43],
    [21.54, 22.35],
    [19.98, 24.11],
    [16.88, 16.36],
    [22.35, 28.13],
    [13.33, 19.25],
    [17.98, 18.59],
  ];

  beforeAll(async () => {
    db = await openTestDb(engine);
    const b = evalBuilder(db.db);
    const north = await b.region('North');
    const south = await b.region('South');
    const pcn = await b.org('pcn', 'Riverside PCN', north);
    // Scheme A is Model 1 until 30 June 2025, then Model 3 (a VCSE takes it over).
    ids.a = await b.scheme('Scheme A', north, [
      { from: '2024-01-01', to: '2025-06-30', model: '1', networkId: pcn },
      { from: '2025-07-01', model: '3', networkId: pcn },
    ]);
    ids.b = await b.scheme('Scheme B', north, [{ from: '2025-01-01', model: '3' }]);
    ids.c = await b.scheme('Scheme C', south, [{ from: '2020-01-01', model: '2' }]);

    // a1: discharged; first attended contact 2 days after referral; one DNA; SWEMWBS pair.
    const a1 = await b.referral({
      schemeId: ids.a,
      at: '2025-05-01T10:00:00Z',
      status: 'discharged',
      closedAt: '2025-06-02T10:00:00Z',
    });
    await b.contact(a1, '2025-05-03T10:00:00Z', { minutes: 30 });
    await b.contact(a1, '2025-05-07T10:00:00Z', { outcome: 'did_not_attend', minutes: null });
    await b.contact(a1, '2025-05-10T10:00:00Z', { minutes: 30 });
    await b.signpost(a1, '2025-05-10', 'attended');
    await b.signpost(a1, '2025-05-10', 'not_known');
    // A DNA recorded after a1 was closed: not activity, but a contradiction in the record.
    await b.contact(a1, '2025-06-10T10:00:00Z', { outcome: 'did_not_attend', minutes: null });
    await b.questionnaire(a1, 'swemwbs', 'baseline', '2025-05-03', { metric: 20 });
    await b.questionnaire(a1, 'swemwbs', 'discharge', '2025-06-01', { metric: 24 });
    // a2: did not engage, no contacts.
    await b.referral({
      schemeId: ids.a,
      at: '2025-06-01T09:00:00Z',
      status: 'did_not_engage',
      closedAt: '2025-07-01T09:00:00Z',
    });
    // a3: declined (after the change to Model 3).
    await b.referral({
      schemeId: ids.a,
      at: '2025-08-01T09:00:00Z',
      status: 'declined',
      route: 'self_referral',
    });
    // a4: active, eight attended contacts of an hour, first 4 days after referral: extended.
    const a4 = await b.referral({ schemeId: ids.a, at: '2025-09-01T08:00:00Z', status: 'active' });
    for (let i = 0; i < 8; i++) {
      await b.contact(a4, `2025-09-${String(5 + i).padStart(2, '0')}T08:00:00Z`, { minutes: 60 });
    }
    // a5: outside the window.
    await b.referral({ schemeId: ids.a, at: '2026-04-02T09:00:00Z', status: 'waiting' });
    // b0 (before the window) and its re-referral b1: discharged, 3 contacts of 20 minutes, wait 10 days.
    const b0 = await b.referral({ schemeId: ids.b, at: '2025-01-10T09:00:00Z', status: 'discharged' });
    const b1 = await b.referral({
      schemeId: ids.b,
      at: '2025-04-10T09:00:00Z',
      status: 'discharged',
      previousId: b0,
      route: 'dwp',
    });
    await b.contact(b1, '2025-04-20T09:00:00Z', { minutes: 20 });
    await b.contact(b1, '2025-04-27T09:00:00Z', { minutes: 20 });
    await b.contact(b1, '2025-05-04T09:00:00Z', { minutes: 20 });
    // b1's follow-up predates its baseline: not a pair, and not outcome completion.
    await b.questionnaire(b1, 'swemwbs', 'review', '2025-04-25', { metric: 25 });
    await b.questionnaire(b1, 'swemwbs', 'baseline', '2025-05-01', { metric: 18 });
    // b2: 23:30 UTC on 30 June is 00:30 BST on 1 July: counted in July 2025.
    await b.referral({
      schemeId: ids.b,
      at: '2025-06-30T23:30:00Z',
      status: 'waiting',
      recordedAt: '2025-07-02T00:00:00Z',
      route: 'self_referral',
    });

    // Scheme C: twelve discharged referrals with SWEMWBS pairs; the latest follow-up counts.
    for (const [i, [v0, v1]] of PAIRS.entries()) {
      const r = await b.referral({
        schemeId: ids.c,
        at: `2025-10-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
        status: 'discharged',
      });
      await b.questionnaire(r, 'swemwbs', 'baseline', `2025-10-${String(i + 1).padStart(2, '0')}`, {
        metric: v0,
      });
      await b.questionnaire(r, 'swemwbs', 'review', '2025-11-20', { metric: v0 - 5 });
      await b.questionnaire(r, 'swemwbs', 'discharge', '2026-01-10', { metric: v1 });
      // A bespoke tool is not a validated instrument: never paired, never counted.
      await b.questionnaire(r, 'my-tool', 'baseline', '2025-10-01', { total: 1 });
      await b.questionnaire(r, 'my-tool', 'discharge', '2026-01-10', { total: 9 });
    }
  });
  afterAll(async () => {
    await db.close();
  });

  const run = (set: string, by: string[], filters = {}): Promise<EvaluationReport> =>
    runReport(db, { set, by, ...WINDOW }, filters, 'test');

  it('activity by delivery model uses the model in force on the referral date', async () => {
    const r = await run('activity', ['model'], { schemeIds: [ids.a!, ids.b!] });
    const m1 = row(r, 'Model 1').values;
    expect(m1).toMatchObject({
      received: 2,
      accepted: 2,
      declined: 0,
      waiting: 0,
      discharged: 1,
      didNotEngage: 1,
      rereferrals: 0,
      waitN: 1,
      waitMedianDays: 2,
      waitP90Days: 2,
      contactsPerPerson: 1,
      contactsMedian: 1,
      contactMinutes: 60,
      bandNone: 1,
      bandLight: 0,
      bandShort: 1,
      bandExtended: 0,
      signpostsPerPerson: 1,
      signpostsAttended: 1,
      signpostsAttendanceKnown: 1,
      signpostAttendanceRate: 1,
      dischargedWithOutcomes: 1,
      outcomeCompletion: 1,
      acceptedRate: 1,
      didNotEngageRate: 0.5,
    });
    const m3 = row(r, 'Model 3').values;
    expect(m3).toMatchObject({
      received: 4,
      accepted: 2,
      declined: 1,
      waiting: 1,
      active: 1,
      discharged: 1,
      didNotEngage: 0,
      rereferrals: 1,
      rereferralRate: 0.25,
      waitN: 2,
      waitMedianDays: 7,
      contactsPerPerson: 5.5,
      contactsMedian: 5.5,
      contactMinutes: 540,
      bandShort: 1,
      bandExtended: 1,
      bandNone: 0,
      signpostsPerPerson: 0,
      dischargedWithOutcomes: 0,
      outcomeCompletion: 0,
    });
    expect(m3.waitP90Days).toBeCloseTo(9.4, 9);
    const total = r.tables[0]!.rows.find((x) => x.level === 'total')!.values;
    expect(total).toMatchObject({ received: 6, accepted: 4, waitN: 3, waitMedianDays: 4 });
    expect(total.waitP90Days).toBeCloseTo(8.8, 9);
    expect(row(r, 'Model 1').warnings.map((w) => w.code)).toContain('small_group');
  });

  it('groups by month in UK time and by financial quarter', async () => {
    const r = await run('activity', ['month'], { schemeIds: [ids.a!, ids.b!] });
    const months = r.tables[0]!.rows.filter((x) => x.level === 'group').map((x) => [
      x.labels[0],
      x.values.received,
    ]);
    expect(months).toEqual([
      ['2025-04', 1],
      ['2025-05', 1],
      ['2025-06', 1],
      ['2025-07', 1],
      ['2025-08', 1],
      ['2025-09', 1],
    ]);
    const q = await run('activity', ['quarter'], { schemeIds: [ids.a!, ids.b!] });
    expect(
      q.tables[0]!.rows.filter((x) => x.level === 'group').map((x) => [x.labels[0], x.values.received]),
    ).toEqual([
      ['2025-26 Q1', 3],
      ['2025-26 Q2', 3],
    ]);
  });

  it('routes: received by scheme and route with margins', async () => {
    const r = await run('routes', ['scheme'], { schemeIds: [ids.a!, ids.b!] });
    const cells = r.tables[0]!.rows.map((x) => [x.labels[0], x.labels[1], x.level, x.values.received]);
    expect(cells).toEqual([
      ['Scheme A', 'gp_practice', 'group', 3],
      ['Scheme A', 'self_referral', 'group', 1],
      ['Scheme A', 'All', 'margin', 4],
      ['Scheme B', 'dwp', 'group', 1],
      ['Scheme B', 'self_referral', 'group', 1],
      ['Scheme B', 'All', 'margin', 2],
      ['All', 'dwp', 'margin', 1],
      ['All', 'gp_practice', 'margin', 3],
      ['All', 'self_referral', 'margin', 2],
      ['All', 'All', 'total', 6],
    ]);
  });

  it('pre/post change matches the domain statistics on the same pairs', async () => {
    const r = await run('outcomes', ['scheme'], { schemeIds: [ids.c!] });
    const completion = row(r, 'Scheme C', 0).values;
    expect(completion).toMatchObject({ discharged: 12, dischargedWithOutcomes: 12, outcomeCompletion: 1 });
    const change = r.tables[1]!.rows.find(
      (x) => x.labels[0] === 'Scheme C' && String(x.values.measure).includes('metric'),
    );
    expect(change).toBeDefined();
    const v = change!.values;
    const base = PAIRS.map((p) => p[0]);
    const follow = PAIRS.map((p) => p[1]);
    const t = pairedChange(base, follow);
    const dz = cohensDz(base, follow);
    const mid = midAttainment(base, follow, { direction: 'higher_is_better', mid: 1.03 });
    const rc = reliableChange(base, follow, {
      direction: 'higher_is_better',
      reliability: { kind: 'sem', value: 1.03 },
    });
    if (t.kind !== 'ok' || dz.kind !== 'ok' || mid.kind !== 'ok' || rc.kind !== 'ok') {
      throw new Error('reference failed');
    }
    expect(v.n).toBe(12);
    expect(v.meanBaseline).toBeCloseTo(t.meanBaseline, 9);
    expect(v.meanFollowUp).toBeCloseTo(t.meanFollowUp, 9);
    expect(v.meanChange).toBeCloseTo(t.meanDifference, 9);
    expect(v.ciLower).toBeCloseTo(t.ci.lower, 9);
    expect(v.ciUpper).toBeCloseTo(t.ci.upper, 9);
    expect(v.dz).toBeCloseTo(dz.estimate, 9);
    expect(v.midImproved).toBe(mid.improved.count);
    expect(v.reliableImproved).toBe(rc.improved.count);
    expect(v.reliableDeteriorated).toBe(rc.deteriorated.count);
    // One scheme: the total row is the same pairs, with the same thresholds.
    const totalRow = r.tables[1]!.rows.find(
      (x) => x.level === 'total' && String(x.values.measure).includes('metric'),
    );
    expect(totalRow?.values).toMatchObject({
      n: 12,
      reliableImproved: v.reliableImproved,
      midImproved: v.midImproved,
    });
    // The bespoke tool never appears.
    expect(r.tables[1]!.rows.some((x) => String(x.values.measure).includes('my-tool'))).toBe(false);
  });

  it('pre/post change by two dimensions has both margins and a total that add up', async () => {
    const r = await run('outcomes', ['scheme', 'quarter'], { schemeIds: [ids.a!, ids.b!, ids.c!] });
    const metric = r.tables[1]!.rows.filter((x) => String(x.values.measure).includes('metric'));
    const levels = metric.map((x) => [x.labels[0], x.labels[1], x.level, x.values.n]);
    expect(levels).toEqual([
      ['Scheme A', '2025-26 Q1', 'group', 1],
      ['Scheme A', 'All', 'margin', 1],
      ['Scheme C', '2025-26 Q3', 'group', 12],
      ['Scheme C', 'All', 'margin', 12],
      ['All', '2025-26 Q1', 'margin', 1],
      ['All', '2025-26 Q3', 'margin', 12],
      ['All', 'All', 'total', 13],
    ]);
    // Reliable change uses the published SEM for SWEMWBS, so every set counts the same way.
    const c = metric.find((x) => x.labels[0] === 'Scheme C' && x.level === 'group')!.values
      .reliableImproved as number;
    expect(metric.find((x) => x.level === 'total')!.values.reliableImproved).toBe(c + 1);
  });

  it('a follow-up before the baseline is not a pair', async () => {
    const r = await run('outcomes', [], { schemeIds: [ids.b!] });
    expect(r.tables[1]!.rows).toEqual([]);
    expect(r.tables[0]!.rows[0]!.values).toMatchObject({ discharged: 1, dischargedWithOutcomes: 0 });
  });

  it('equity: who is referred and who improves, by age band', async () => {
    const r = await run('equity', ['age_band'], { schemeIds: [ids.c!] });
    const g = row(r, '55-64').values;
    expect(g).toMatchObject({ received: 12, receivedShare: 1, paired: 12 });
    const base = PAIRS.map((p) => p[0]);
    const follow = PAIRS.map((p) => p[1]);
    const mid = midAttainment(base, follow, { direction: 'higher_is_better', mid: 1.03 });
    if (mid.kind !== 'ok') throw new Error('reference failed');
    expect(g.improved).toBe(mid.improved.count);
  });

  it('data-quality scorecard: each check, the domain scores and the league table', async () => {
    const r = await run('data-quality', [], { schemeIds: [ids.a!, ids.b!] });
    const t = r.tables[0]!;
    const b = row(r, 'Scheme B').values;
    expect(b).toMatchObject({
      referrals: 2,
      identifier: 0,
      sex: 1,
      ethnicity: 1,
      postcode: 1,
      referrerName: 1,
      referrerRole: 0,
      reason: 1,
      linkWorker: 0,
      contactLocation: 1,
      contactStaff: 0,
      contactDuration: 1,
      validDuration: 1,
      validAge: 1,
      referralsOnTime: 0.5,
      contactsOnTime: 0,
      consistent: 0.5,
      baselineCoverage: 1,
      timeliness: 0.25,
      consistency: 0.5,
      coverage: 1,
    });
    const a = row(r, 'Scheme A').values;
    expect(a).toMatchObject({ referrals: 4, consistent: 0.75, signpostReason: 0 });
    // League table: ranked by overall score, total last.
    expect(t.rows.map((x) => x.values.rank)).toEqual([1, 2, null]);
    const overall = t.rows.map((x) => x.values.overall as number);
    expect(overall[0]).toBeGreaterThanOrEqual(overall[1]!);
  });

  it('an empty scope gives empty groups and a zero total, not an error', async () => {
    const r = await run('activity', ['scheme'], { schemeIds: [] });
    expect(r.tables[0]!.rows.map((x) => [x.level, x.values.received])).toEqual([['total', 0]]);
  });

  it('rejects bad requests naming the field and rule', async () => {
    const error: unknown = await runReport(
      db,
      { set: 'nope', by: ['model', 'bogus'], from: '2025-13-01', to: '2025-01-01' },
      {},
      't',
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed' });
    const issues = (error as { details: { issues: { path: string; rule: string }[] } }).details.issues;
    expect(issues.map((i) => `${i.path}:${i.rule}`)).toEqual(['set:one_of', 'by.1:one_of', 'from:date']);
  });
});
