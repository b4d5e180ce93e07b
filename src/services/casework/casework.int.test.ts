// The casework services on a real database: the rules that reject bad people, referrals and contacts
// name the field and the rule, and nothing is written when they do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import type { RequestContext } from '../audit/audit.service.js';
import { loadDemo } from '../demo/demo.service.js';
import { createContact } from './contacts.service.js';
import { createPerson } from './people.service.js';
import { createReferral } from './referrals.service.js';

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
const allow = (): void => undefined;

describe.each(TEST_ENGINES)('[%s] casework services', (engine) => {
  let db: TestDb;
  let schemeId: string;
  let ctx: RequestContext;
  beforeAll(async () => {
    db = await openTestDb(engine);
    await loadDemo(db, { scale: 50, seed: 3, today: '2025-12-31' });
    // A Greater Manchester scheme: adults, GP practice and self-referrals among its routes.
    schemeId = (
      await db.db
        .selectFrom('scheme as s')
        .innerJoin('organisation as o', 'o.id', 's.region_id')
        .select('s.id')
        .where('o.name', '=', 'Greater Manchester')
        .executeTakeFirstOrThrow()
    ).id;
    ctx = {
      actor: {
        userId: '00000000-0000-4000-8000-00000000eeee',
        role: 'scheme_manager',
        schemeIds: [schemeId],
        staffIds: [],
        regionId: null,
      },
      username: 'test',
      requestId: 'test',
      now: new Date('2026-01-15T12:00:00Z'),
    };
  });
  afterAll(async () => {
    await db.close();
  });

  it('records a person, a referral with needs and a contact', async () => {
    const person = await createPerson(
      db.db,
      ctx,
      {
        schemeId,
        givenName: 'Test',
        familyName: 'Person',
        dateOfBirth: '1970-05-05',
        nhsNumber: '9434765919',
        postcode: 'm1 1ae',
      },
      () => true,
    );
    expect(person).toMatchObject({ nhsNumber: '9434765919', postcode: 'M1 1AE', version: 1 });
    const referral = await createReferral(db.db, ctx, {
      personId: person.id,
      schemeId,
      referredAt: '2026-01-02T09:00:00Z',
      route: 'gp_practice',
      needs: ['loneliness'],
    });
    expect(referral).toMatchObject({ status: 'waiting', route: 'gp_practice', needs: ['loneliness'] });
    const { contact } = await createContact(
      db.db,
      ctx,
      referral.id,
      { contactAt: '2026-01-05T10:00:00Z', mode: 'telephone', durationMinutes: 20 },
      allow,
    );
    expect(contact).toMatchObject({ mode: 'telephone', outcome: 'attended' });
  });

  it('rejects an invalid NHS number, a future date of birth and an unknown code, naming each field', async () => {
    const e = await rejection(
      createPerson(
        db.db,
        ctx,
        {
          schemeId,
          givenName: 'A',
          familyName: 'B',
          dateOfBirth: '2027-01-01',
          nhsNumber: '9434765918',
          sex: 'M',
        },
        () => true,
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
      createPerson(
        db.db,
        ctx,
        { schemeId, givenName: 'A', familyName: 'B', dateOfBirth: '1980-01-01', nhsNumber: '9434765919' },
        () => true,
      ),
    );
    expect(e).toMatchObject({ code: 'conflict' });
    expect(fieldRules(e)).toEqual(['nhsNumber:unique']);
  });

  it('rejects an over-long reason, an unknown route and a missing person', async () => {
    const missingPerson = '00000000-0000-4000-8000-000000000000';
    const e = await rejection(
      createReferral(db.db, ctx, {
        personId: missingPerson,
        schemeId,
        referredAt: '2026-01-02T09:00:00Z',
        route: 'x',
        reason: 'r'.repeat(151),
      }),
    );
    expect(fieldRules(e)).toEqual(['route:unknown_code', 'reason:max_length']);
    const missing = await rejection(
      createReferral(db.db, ctx, {
        personId: missingPerson,
        schemeId,
        referredAt: '2026-01-02T09:00:00Z',
        route: 'gp_practice',
      }),
    );
    expect(fieldRules(missing)).toEqual(['personId:exists']);
  });

  it('rejects a contact before its referral, writing nothing', async () => {
    const referral = await db.db
      .selectFrom('referral')
      .select(['id', 'referred_at'])
      .executeTakeFirstOrThrow();
    const before = new Date(referral.referred_at.getTime() - 86_400_000).toISOString();
    const count = async () =>
      (
        await db.db
          .selectFrom('contact')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const n = await count();
    const e = await rejection(
      createContact(db.db, ctx, referral.id, { contactAt: before, mode: 'telephone' }, allow),
    );
    expect(fieldRules(e)).toEqual(['contactAt:not_before_referral']);
    expect(await count()).toBe(n);
  });
});
