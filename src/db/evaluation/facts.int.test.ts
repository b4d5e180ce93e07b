// The evaluation facts follow every kind of write: after each change to a referral, its person,
// scheme, scheme description, needs, contacts, signposts, questionnaires or scores, the refreshed
// facts are exactly what a rebuild from nothing gives, and a report reads the change. On each engine.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_ENGINES, type TestDb } from '../testing/test-db.js';
import { evalBuilder } from './testing/eval-fixtures.js';
import { markAllFactsStale, refreshFacts } from './facts.repository.js';

describe.each(TEST_ENGINES)('[%s] evaluation facts', (engine) => {
  let db: TestDb;

  const snapshot = async (): Promise<{ facts: unknown[]; pairs: unknown[] }> => {
    const facts = await sql<Record<string, unknown>>`
      SELECT * FROM referral_fact ORDER BY referral_id`.execute(db.db);
    const pairs = await sql<Record<string, unknown>>`
      SELECT referral_id, instrument_id, measure, baseline::text AS baseline, follow_up::text AS follow_up
      FROM outcome_pair ORDER BY referral_id, instrument_id, measure`.execute(db.db);
    return { facts: facts.rows, pairs: pairs.rows };
  };

  /** Refreshes what is stale, then checks the facts equal a rebuild of every referral. */
  const refreshedEqualsRebuilt = async (): Promise<{ facts: unknown[]; pairs: unknown[] }> => {
    await refreshFacts(db.db);
    const incremental = await snapshot();
    await markAllFactsStale(db.db);
    await refreshFacts(db.db);
    expect(await snapshot()).toEqual(incremental);
    return incremental;
  };

  const fact = async (referralId: string): Promise<Record<string, unknown>> => {
    await refreshFacts(db.db);
    const result = await sql<Record<string, unknown>>`
      SELECT * FROM referral_fact WHERE referral_id = ${referralId}`.execute(db.db);
    const row = result.rows[0];
    if (row === undefined) throw new Error(`no facts for ${referralId}`);
    return row;
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('notes referrals recorded by every kind of write, and rebuilds them as a full rebuild would', async () => {
    const b = evalBuilder(db.db);
    const region = await b.region('East');
    const scheme = await b.scheme('Scheme E', region, [{ from: '2024-01-01', model: '1' }]);
    const person = await b.person({ sex: 'female' });
    const r1 = await b.referral({
      schemeId: scheme,
      personId: person,
      at: '2025-05-01T10:00:00Z',
      status: 'active',
    });
    const r2 = await b.referral({ schemeId: scheme, at: '2025-09-01T10:00:00Z' });

    expect((await refreshFacts(db.db)).referrals).toBeGreaterThanOrEqual(2);
    expect((await refreshFacts(db.db)).referrals).toBe(0);
    expect(await fact(r1)).toMatchObject({
      status: 'active',
      attended: 0,
      delivery_model: '1',
      sex: 'female',
    });

    // Contacts: inserted, updated, deleted.
    const c1 = await b.contact(r1, '2025-05-03T10:00:00Z', { minutes: 40 });
    await b.contact(r1, '2025-05-10T10:00:00Z', { minutes: 20 });
    expect(await fact(r1)).toMatchObject({ attended: 2, attended_minutes: 60, contacts: 2, wait_days: 2 });
    await db.db.updateTable('contact').set({ outcome: 'did_not_attend' }).where('id', '=', c1).execute();
    expect(await fact(r1)).toMatchObject({ attended: 1, attended_minutes: 20, contacts: 2, wait_days: 9 });
    await db.db.deleteFrom('contact').where('id', '=', c1).execute();
    expect(await fact(r1)).toMatchObject({ attended: 1, contacts: 1 });

    // Signposts and needs.
    await b.signpost(r1, '2025-05-10', 'attended');
    await db.db.insertInto('referral_need').values({ referral_id: r1, need: 'loneliness' }).execute();
    expect(await fact(r1)).toMatchObject({ signposts: 1, signposts_attended: 1, has_needs: true });
    await db.db.deleteFrom('referral_need').where('referral_id', '=', r1).execute();
    expect(await fact(r1)).toMatchObject({ has_needs: false });

    // Questionnaires and their scores: a pair appears, and follows a corrected score.
    const q0 = await b.questionnaire(r1, 'swemwbs', 'baseline', '2025-05-03', { metric: 20 });
    await b.questionnaire(r1, 'swemwbs', 'review', '2025-08-01', { metric: 23 });
    expect(await fact(r1)).toMatchObject({
      outcome_instruments: ['swemwbs'],
      baseline_instruments: ['swemwbs'],
    });
    await db.db
      .updateTable('questionnaire_score')
      .set({ value: 21.5 })
      .where('response_id', '=', q0)
      .execute();
    await refreshFacts(db.db);
    const pair = await sql<{ baseline: string; follow_up: string }>`
      SELECT baseline::text AS baseline, follow_up::text AS follow_up FROM outcome_pair
      WHERE referral_id = ${r1} AND measure = 'metric'`.execute(db.db);
    expect(pair.rows).toEqual([{ baseline: '21.5', follow_up: '23' }]);

    // The referral itself, its person, its scheme's region and its scheme's descriptions.
    await db.db
      .updateTable('referral')
      .set({ status: 'discharged', closed_at: new Date('2025-08-02T10:00:00Z') })
      .where('id', '=', r1)
      .execute();
    await db.db.updateTable('person').set({ sex: 'male' }).where('id', '=', person).execute();
    expect(await fact(r1)).toMatchObject({ status: 'discharged', sex: 'male' });
    const west = await b.region('West');
    await db.db.updateTable('scheme').set({ region_id: west }).where('id', '=', scheme).execute();
    expect(await fact(r2)).toMatchObject({ region_id: west });
    // A new description from 1 August 2025 (Model 3): r2 (September) takes it, r1 (May) does not.
    await db.db
      .updateTable('scheme_version')
      .set({ valid_to: '2025-07-31' })
      .where('scheme_id', '=', scheme)
      .execute();
    await db.db
      .insertInto('scheme_version')
      .values({
        scheme_id: scheme,
        version_no: 2,
        valid_from: '2025-08-01',
        delivery_model: '3',
        tidier: JSON.stringify({}),
      })
      .execute();
    expect(await fact(r1)).toMatchObject({ delivery_model: '1' });
    expect(await fact(r2)).toMatchObject({ delivery_model: '3' });

    await refreshedEqualsRebuilt();
  });

  it('a refresh with nothing noted does nothing, and a rolled-back write leaves no note', async () => {
    await refreshFacts(db.db);
    const before = await snapshot();
    await db.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('referral').set({ reason: 'Rolled back' }).execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const stale = await sql<{ n: number }>`SELECT count(*)::int AS n FROM referral_fact_stale`.execute(db.db);
    expect(stale.rows[0]?.n).toBe(0);
    expect(await refreshFacts(db.db)).toEqual({ referrals: 0 });
    expect(await snapshot()).toEqual(before);
  });
});
