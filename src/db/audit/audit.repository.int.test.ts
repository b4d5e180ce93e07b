// The audit trail's one INSERT: many events in one statement (a JSON parameter), details kept as
// jsonb, order kept, and the asynchronous commit for read events never leaking into a write.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_ENGINES, type TestDb } from '../testing/test-db.js';
import { insertAuditEvents, type NewAuditEvent } from './audit.repository.js';

const event = (i: number, over: Partial<NewAuditEvent> = {}): NewAuditEvent => ({
  userId: null,
  username: 'tester',
  role: 'scheme_manager',
  action: 'list',
  entity: 'referral',
  entityId: `r-${i}`,
  schemeId: null,
  requestId: 'req-1',
  ...over,
});

describe.each(TEST_ENGINES)('[%s] audit repository', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('appends many events in one statement, in order, with every column', async () => {
    const events = Array.from({ length: 60 }, (_, i) =>
      event(i, {
        requestId: 'req-many',
        schemeId: i === 0 ? '00000000-0000-4000-8000-000000000001' : null,
        userId: i === 0 ? '00000000-0000-4000-8000-000000000002' : null,
        ...(i === 1 ? { detail: { field: 'status', from: 'waiting', n: 2, ok: true, o: { a: [1] } } } : {}),
      }),
    );
    await insertAuditEvents(db.db, events, { asyncCommit: true });
    const rows = await db.db
      .selectFrom('audit_event')
      .selectAll()
      .where('request_id', '=', 'req-many')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.entity_id)).toEqual(events.map((e) => e.entityId));
    expect(rows[0]).toMatchObject({
      user_id: '00000000-0000-4000-8000-000000000002',
      username: 'tester',
      role: 'scheme_manager',
      action: 'list',
      entity: 'referral',
      scheme_id: '00000000-0000-4000-8000-000000000001',
      detail: null,
    });
    expect(rows[0]?.occurred_at).toBeInstanceOf(Date);
    expect(rows[1]?.detail).toEqual({ field: 'status', from: 'waiting', n: 2, ok: true, o: { a: [1] } });
    expect(rows[2]?.user_id).toBeNull();
  });

  it('keeps text exactly (quotes, backslashes, non-ASCII)', async () => {
    const odd = `O'Brien "x" \\ \u00e9\u2019 ${'z'.repeat(300)}`;
    await insertAuditEvents(db.db, [event(0, { requestId: 'req-odd', username: odd, entityId: null })]);
    const row = await db.db
      .selectFrom('audit_event')
      .select(['username', 'entity_id'])
      .where('request_id', '=', 'req-odd')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ username: odd, entity_id: null });
  });

  it('commits read events asynchronously without changing the session setting', async () => {
    await db.db.connection().execute(async (c) => {
      await insertAuditEvents(c, [event(0, { requestId: 'req-async' })], { asyncCommit: true });
      const after = await sql<{ v: string }>`SELECT current_setting('synchronous_commit') AS v`.execute(c);
      expect(after.rows[0]?.v).toBe('on');
    });
  });

  it('refuses an asynchronous commit inside a transaction (it would apply to the write)', async () => {
    await expect(
      db.db.transaction().execute((trx) => insertAuditEvents(trx, [event(0)], { asyncCommit: true })),
    ).rejects.toThrow(/outside a transaction/);
  });

  it('rolls back with the transaction it was written in', async () => {
    await expect(
      db.db.transaction().execute(async (trx) => {
        await insertAuditEvents(trx, [event(0, { requestId: 'req-rolled-back' })]);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const n = await db.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('request_id', '=', 'req-rolled-back')
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(0);
  });
});
