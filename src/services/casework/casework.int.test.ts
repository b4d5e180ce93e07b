import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import { loadDemo } from '../demo/demo.service.js';
import { recordContact, recordPerson, referPerson, type Clock } from './casework.service.js';

const clock: Clock = { now: () => new Date('2026-01-15T12:00:00Z') };
const fieldRules = (e: unknown): string[] =>
  ((e as { details?: { issues?: { path: string; rule: string }[] } }).details?.issues ?? []).map(
    (i) => `${i.path}:${i.rule}`,
  );
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe.each(TEST_ENGINES)('[%s] casework writes', (engine) => {
  let db: TestDb;
  let schemeId: string;
  beforeAll(async () => {
    db = await openTestDb(engine);
    await loadDemo(db, { scale: 50, seed: 3, today: '2025-12-31' });
    schemeId = (await db.db.selectFrom('scheme').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await db.close();
  });

  it('records a person, a referral with needs and a contact', async () => {
    const person = await recordPerson(
      db.db,
      {
        givenName: 'Test',
        familyName: 'Person',
        dateOfBirth: '1970-05-05',
        nhsNumber: '9434765919',
        postcode: 'm1 1ae',
      },
      { clock },
    );
    expect(person).toMatchObject({ nhs_number: '9434765919', postcode: 'M1 1AE', version: 1 });
    const referral = await referPerson(
      db.db,
      {
        personId: person.id,
        schemeId,
        referredAt: '2026-01-02T09:00:00Z',
        route: 'gp_practice',
        needs: ['loneliness'],
      },
      { clock },
    );
    expect(referral).toMatchObject({ status: 'waiting', route: 'gp_practice' });
    const needs = await db.db
      .selectFrom('referral_need')
      .select('need')
      .where('referral_id', '=', referral.id)
      .execute();
    expect(needs).toEqual([{ need: 'loneliness' }]);
    const contact = await recordContact(
      db.db,
      { referralId: referral.id, contactAt: '2026-01-05T10:00:00Z', mode: 'telephone', durationMinutes: 20 },
      { clock },
    );
    expect(contact).toMatchObject({ mode: 'telephone', outcome: 'attended' });
  });

  it('rejects an invalid NHS number, a future date of birth and an unknown code, naming each field', async () => {
    const e = await rejection(
      recordPerson(
        db.db,
        { givenName: 'A', familyName: 'B', dateOfBirth: '2027-01-01', nhsNumber: '9434765918', sex: 'M' },
        { clock },
      ),
    );
    expect(e).toMatchObject({ code: 'validation_failed' });
    expect(fieldRules(e)).toEqual([
      'dateOfBirth:not_in_future',
      'nhsNumber:nhs_number_check_digit',
      'sex:unknown_code',
    ]);
  });

  it('rejects a duplicate NHS number as a conflict on that field', async () => {
    const e = await rejection(
      recordPerson(
        db.db,
        { givenName: 'A', familyName: 'B', dateOfBirth: '1980-01-01', nhsNumber: '9434765919' },
        { clock },
      ),
    );
    expect(e).toMatchObject({ code: 'conflict' });
    expect(fieldRules(e)).toEqual(['nhs_number:unique']);
  });

  it('rejects an over-long reason, an unknown route and a missing person', async () => {
    const e = await rejection(
      referPerson(
        db.db,
        {
          personId: '00000000-0000-4000-8000-000000000000',
          schemeId,
          referredAt: '2026-01-02T09:00:00Z',
          route: 'x',
          reason: 'r'.repeat(151),
        },
        { clock },
      ),
    );
    expect(fieldRules(e)).toEqual(['route:unknown_code', 'reason:max_length']);
    const missing = await rejection(
      referPerson(
        db.db,
        {
          personId: '00000000-0000-4000-8000-000000000000',
          schemeId,
          referredAt: '2026-01-02T09:00:00Z',
          route: 'gp_practice',
        },
        { clock },
      ),
    );
    expect(fieldRules(missing)).toEqual(['personId:exists']);
  });

  it('rejects a contact before its referral and one on an unknown referral', async () => {
    const referral = await db.db
      .selectFrom('referral')
      .select(['id', 'referred_at'])
      .executeTakeFirstOrThrow();
    const before = new Date(referral.referred_at.getTime() - 86_400_000).toISOString();
    const e = await rejection(
      recordContact(db.db, { referralId: referral.id, contactAt: before, mode: 'telephone' }, { clock }),
    );
    expect(fieldRules(e)).toEqual(['contactAt:not_before_referral']);
    const unknown = await rejection(
      recordContact(
        db.db,
        { referralId: 'not-a-uuid', contactAt: '2026-01-01T10:00:00Z', mode: 'telephone' },
        { clock },
      ),
    );
    expect(unknown).toMatchObject({ code: 'validation_failed' });
  });
});
