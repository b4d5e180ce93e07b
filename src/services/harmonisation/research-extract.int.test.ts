// The research extract on a real database (both engines): the demo data set plus one person whose
// every free-text field holds a sentinel, referred twice. Nothing that identifies a person may reach
// the CSV; pseudonyms hold within an extract and differ across extracts; every extract is audited.
import { createHmac } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESEARCH_COLUMNS } from '../../domain/research/extract.js';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import type { RequestContext } from '../audit/audit.service.js';
import { addAction, addGoal, addNeed } from '../casework/care-plan.service.js';
import { createContact } from '../casework/contacts.service.js';
import { createPerson } from '../casework/people.service.js';
import { changeReferralStatus, createReferral } from '../casework/referrals.service.js';
import { createSignpost } from '../casework/signposts.service.js';
import { loadDemo } from '../demo/demo.service.js';
import { beginResearchExtract, type ResearchExtract } from './research-extract.service.js';

const allow = (): void => undefined;
const SENTINEL = 'SENTINEL';

async function readAll(extract: ResearchExtract): Promise<{ text: string; rows: Record<string, string>[] }> {
  let text = '';
  for await (const chunk of extract.csv) text += chunk;
  const rows = parse<Record<string, string>>(text, { columns: true });
  return { text, rows };
}

describe.each(TEST_ENGINES)('[%s] research extract service', (engine) => {
  let db: TestDb;
  let schemeId: string;
  let sentinelId: string;
  let sentinelNhs: string;
  let referralIds: string[];
  let ctx: RequestContext;

  beforeAll(async () => {
    db = await openTestDb(engine);
    await loadDemo(db, { scale: 300, seed: 9, today: '2025-12-31' });
    const picked = await sql<{ scheme_id: string; staff_id: string }>`
      SELECT s.id AS scheme_id, min(st.id::text) AS staff_id FROM scheme s
      JOIN organisation o ON o.id = s.region_id AND o.name = 'Greater Manchester'
      JOIN staff st ON st.scheme_id = s.id AND st.role = 'link_worker'
      GROUP BY s.id ORDER BY s.id LIMIT 1`.execute(db.db);
    const row = picked.rows[0];
    if (row === undefined) throw new Error('no scheme');
    schemeId = row.scheme_id;
    ctx = {
      actor: {
        userId: '00000000-0000-4000-8000-00000000aaaa',
        role: 'researcher',
        schemeIds: [schemeId],
        staffIds: [row.staff_id],
        regionId: null,
      },
      username: 'researcher-test',
      requestId: 'research-test',
      now: new Date('2026-01-15T12:00:00Z'),
    };
    // An NHS number (Modulus 11 valid, test range) that the demo did not use.
    const used = new Set(
      (
        await db.db.selectFrom('person').select('nhs_number').where('nhs_number', 'is not', null).execute()
      ).map((p) => p.nhs_number),
    );
    for (let n = 999_700_000; ; n++) {
      const nine = String(n);
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
      const check = 11 - (sum % 11);
      if (check === 10) continue;
      const candidate = `${nine}${check === 11 ? 0 : check}`;
      if (!used.has(candidate)) {
        sentinelNhs = candidate;
        break;
      }
    }
    const person = await createPerson(
      db.db,
      ctx,
      {
        schemeId,
        givenName: `${SENTINEL}given`,
        familyName: `${SENTINEL}family`,
        nhsNumber: sentinelNhs,
        dateOfBirth: '1951-07-19',
        postcode: 'M60 1QD',
        phone: '0161 496 0999',
        email: 'sentinel@example.invalid',
        allowPossibleDuplicate: true,
      },
      () => true,
    );
    sentinelId = person.id;
    referralIds = [];
    for (const referredAt of ['2025-06-01T09:00:00Z', '2025-11-01T09:00:00Z']) {
      const referral = await createReferral(db.db, ctx, {
        personId: sentinelId,
        schemeId,
        referredAt,
        route: 'gp_practice',
        referrerName: `${SENTINEL} referrer name`,
        referrerOrgText: `${SENTINEL} referrer organisation`,
        reason: `${SENTINEL} reason for referral`,
        linkWorkerId: row.staff_id,
        needs: ['loneliness'],
      });
      referralIds.push(referral.id);
      await changeReferralStatus(
        db.db,
        ctx,
        referral.id,
        { version: referral.version, status: 'active', at: referredAt.replace('T09', 'T10') },
        allow,
      );
      await createContact(
        db.db,
        ctx,
        referral.id,
        {
          contactAt: referredAt.replace('T09', 'T11'),
          mode: 'telephone',
          durationMinutes: 20,
          outcome: 'attended',
          contactType: `${SENTINEL} contact type`,
          notes: `${SENTINEL} session notes`,
        },
        allow,
      );
      await createSignpost(
        db.db,
        ctx,
        referral.id,
        {
          serviceName: `${SENTINEL} typed-in service`,
          signpostedOn: referredAt.slice(0, 10),
          reasonText: `${SENTINEL} signpost reason`,
        },
        allow,
      );
      const need = await addNeed(
        db.db,
        ctx,
        referral.id,
        { need: 'loneliness', description: `${SENTINEL} need` },
        allow,
      );
      const goal = await addGoal(
        db.db,
        ctx,
        referral.id,
        { description: `${SENTINEL} goal`, needId: need.id },
        allow,
      );
      await addAction(
        db.db,
        ctx,
        goal.id,
        { description: `${SENTINEL} action`, who: `${SENTINEL} who` },
        allow,
      );
    }
    await db.db
      .insertInto('risk')
      .values({
        referral_id: referralIds[0] ?? '',
        kind: 'safeguarding',
        description: `${SENTINEL} safeguarding concern`,
        recorded_on: '2025-06-02',
        source_system: null,
        source_record_id: null,
      })
      .execute();
  });
  afterAll(async () => {
    await db.close();
  });

  it('writes one row per referral under the fixed header, with no identifier, date of birth, postcode or free text', async () => {
    const { text, rows } = await readAll(await beginResearchExtract(db.db, { kind: 'user', ctx }, {}));
    const header = text.slice(0, text.indexOf('\r\n')).split(',');
    expect(header).toEqual([...RESEARCH_COLUMNS]);
    const total = await db.db
      .selectFrom('referral')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(rows).toHaveLength(total.n);

    expect(text).not.toContain(SENTINEL);
    const people = await db.db
      .selectFrom('person')
      .select([
        'id',
        'nhs_number',
        'chi_number',
        'given_name',
        'family_name',
        'date_of_birth',
        'postcode',
        'phone',
        'email',
      ])
      .execute();
    const cells = new Set(rows.flatMap((r) => Object.values(r)));
    const leaks: string[] = [];
    for (const p of people) {
      for (const v of [p.id, p.nhs_number, p.chi_number, p.postcode, p.phone, p.email]) {
        if (v !== null && text.includes(v)) leaks.push(v);
      }
      for (const v of [p.given_name, p.family_name, p.date_of_birth]) if (cells.has(v)) leaks.push(v);
    }
    expect(leaks).toEqual([]);
    // No full dates at all (dates of birth, referral or contact dates): months and day counts only.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // No Linkwork record id either (referral, contact ... ids): only the scheme id is a UUID.
    const uuids = new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []);
    const schemes = new Set((await db.db.selectFrom('scheme').select('id').execute()).map((s) => s.id));
    expect([...uuids].filter((u) => !schemes.has(u))).toEqual([]);
  });

  it('gives a person one pseudonym within an extract (the keyed hash of the NHS number) and new ones in the next', async () => {
    const first = await beginResearchExtract(db.db, { kind: 'user', ctx }, { schemeIds: [schemeId] });
    const a = await readAll(first);
    const expected = createHmac('sha256', Buffer.from(first.secret, 'hex'))
      .update(`person:nhs:${sentinelNhs}`)
      .digest('hex')
      .slice(0, 32);
    const sentinelRows = a.rows.filter((r) => r['person_pseudonym'] === expected);
    expect(sentinelRows).toHaveLength(2);
    // Two referrals of one person: one person pseudonym, two referral pseudonyms.
    expect(new Set(sentinelRows.map((r) => r['referral_pseudonym'])).size).toBe(2);
    expect(sentinelRows.map((r) => r['referral_month']).sort()).toEqual(['2025-06', '2025-11']);

    const second = await beginResearchExtract(db.db, { kind: 'user', ctx }, { schemeIds: [schemeId] });
    const b = await readAll(second);
    expect(second.secret).not.toBe(first.secret);
    expect(b.rows).toHaveLength(a.rows.length);
    const pseudonyms = (rows: Record<string, string>[]) =>
      new Set(rows.flatMap((r) => [r['person_pseudonym'], r['referral_pseudonym']]));
    const overlap = [...pseudonyms(a.rows)].filter((p) => pseudonyms(b.rows).has(p));
    expect(overlap).toEqual([]);
    expect(b.rows.filter((r) => r['person_pseudonym'] === expected)).toEqual([]);
  });

  it('filters by scheme and referral dates (UK days, inclusive)', async () => {
    const { rows } = await readAll(
      await beginResearchExtract(
        db.db,
        { kind: 'user', ctx },
        { schemeIds: [schemeId], from: '2025-06-01', to: '2025-06-01' },
      ),
    );
    const expected = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM referral WHERE scheme_id = ${schemeId}
      AND (referred_at AT TIME ZONE 'Europe/London')::date = '2025-06-01'`.execute(db.db);
    expect(rows).toHaveLength(expected.rows[0]?.n ?? -1);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(new Set(rows.map((r) => r['scheme_id']))).toEqual(new Set([schemeId]));
  });

  it('pages through referrals without losing or repeating any', async () => {
    const small = await readAll(await beginResearchExtract(db.db, { kind: 'user', ctx }, {}, 17));
    const big = await readAll(await beginResearchExtract(db.db, { kind: 'user', ctx }, {}));
    expect(small.rows).toHaveLength(big.rows.length);
    expect(new Set(small.rows.map((r) => r['referral_pseudonym'])).size).toBe(small.rows.length);
  });

  it('refuses bad filters naming the field', async () => {
    await expect(
      beginResearchExtract(db.db, { kind: 'user', ctx }, { from: '2025-12-01', to: '2025-01-01' }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'to' }] } });
    await expect(
      beginResearchExtract(db.db, { kind: 'user', ctx }, { from: '2025-02-30', to: 'soon' }),
    ).rejects.toMatchObject({ details: { issues: [{ path: 'from' }, { path: 'to' }] } });
    await expect(
      beginResearchExtract(
        db.db,
        { kind: 'user', ctx },
        {
          schemeIds: ['00000000-0000-4000-8000-000000000000', 'not-a-uuid'],
        },
      ),
    ).rejects.toMatchObject({
      details: { issues: [{ path: 'schemeIds.0', rule: 'exists' }, { path: 'schemeIds.1' }] },
    });
  });

  it('audits each extract when it starts and when it is complete, with its filter and row count', async () => {
    const who = { kind: 'user' as const, ctx: { ...ctx, requestId: 'audited-extract' } };
    const extract = await beginResearchExtract(db.db, who, { schemeIds: [schemeId], from: '2025-01-01' });
    const { rows } = await readAll(extract);
    const events = await db.db
      .selectFrom('audit_event')
      .select(['user_id', 'role', 'action', 'entity', 'entity_id', 'detail'])
      .where('request_id', '=', 'audited-extract')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        user_id: ctx.actor.userId,
        role: 'researcher',
        action: 'export',
        entity: 'research_extract',
        entity_id: extract.extractId,
        detail: { schemeIds: [schemeId], from: '2025-01-01', to: null, columns: RESEARCH_COLUMNS.length },
      },
      {
        user_id: ctx.actor.userId,
        role: 'researcher',
        action: 'export',
        entity: 'research_extract',
        entity_id: extract.extractId,
        detail: {
          schemeIds: [schemeId],
          from: '2025-01-01',
          to: null,
          columns: RESEARCH_COLUMNS.length,
          rows: rows.length,
          completed: true,
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(extract.secret);
  });
});
