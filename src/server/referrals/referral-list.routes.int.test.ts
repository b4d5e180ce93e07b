// GET /api/referrals against an oracle written independently in plain SQL: the page (newest first,
// then id), each row's person name and needs, the total, the scope of each role, the filters, a page
// past the end, and one audit event per referral shown, tagged with the request.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/access/policy.js';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';

interface Item {
  id: string;
  personId: string;
  schemeId: string;
  personName: string;
  needs: string[];
  status: string;
  linkWorkerId: string | null;
  referredAt: string;
}
interface Page {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}
interface Expected {
  id: string;
  person_name: string;
  needs: string[];
}

describe.each(TEST_ENGINES)('[%s] referral list', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(engine, { scale: 2500 });
  });
  afterAll(async () => {
    await h.close();
  });

  /** The oracle: what `role` may list, in order, from a hand-written query. */
  const expected = async (role: Role, where = sql`true`): Promise<Expected[]> => {
    const caseload = role === 'link_worker';
    const r = await sql<Expected>`
      SELECT r.id, p.given_name || ' ' || p.family_name AS person_name,
        ARRAY(SELECT n.need FROM referral_need n WHERE n.referral_id = r.id ORDER BY n.need) AS needs
      FROM referral r JOIN person p ON p.id = r.person_id
      WHERE r.scheme_id = ${h.schemeId}
        AND (${!caseload} OR r.link_worker_id = ${h.staffId} OR r.status = 'waiting')
        AND ${where}
      ORDER BY r.referred_at DESC, r.id`.execute(h.db.db);
    return r.rows;
  };
  const list = async (role: Role, query: string) => {
    const res = await h.request(role, 'GET', `/api/referrals${query}`);
    expect(res.statusCode).toBe(200);
    return { body: res.json<Page>(), requestId: String(res.headers['x-request-id']) };
  };
  const shown = (items: Item[]) =>
    items.map((i) => ({ id: i.id, person_name: i.personName, needs: i.needs }));

  it('pages through every referral a manager may see, newest first, with names, needs and the total', async () => {
    const all = await expected('scheme_manager');
    expect(all.length).toBeGreaterThan(25);
    const first = await list('scheme_manager', '?pageSize=10');
    expect(first.body.total).toBe(all.length);
    expect(first.body).toMatchObject({ page: 1, pageSize: 10 });
    expect(shown(first.body.items)).toEqual(all.slice(0, 10));
    const third = await list('scheme_manager', '?pageSize=10&page=3');
    expect(third.body.total).toBe(all.length);
    expect(shown(third.body.items)).toEqual(all.slice(20, 30));
    expect(first.body.items.some((i) => i.needs.length > 0)).toBe(true);
  });

  it('shows each referral exactly as reading it alone does (every field, timestamps included)', async () => {
    const { body } = await list('scheme_manager', '?pageSize=40');
    expect(body.items.some((i) => i.status !== 'waiting')).toBe(true);
    for (const { personName, ...item } of body.items) {
      const one = await h.request('scheme_manager', 'GET', `/api/referrals/${item.id}`);
      expect(one.statusCode).toBe(200);
      // The list sorts needs; a single read keeps the order they were recorded in.
      const alone = one.json<Item>();
      expect(item).toEqual({ ...alone, needs: [...alone.needs].sort() });
      expect(personName.length).toBeGreaterThan(2);
    }
  });

  it('gives a link worker only their caseload and the waiting list', async () => {
    const mine = await expected('link_worker');
    const res = await list('link_worker', '?pageSize=200');
    expect(res.body.total).toBe(mine.length);
    expect(shown(res.body.items)).toEqual(mine.slice(0, 200));
    expect(res.body.items.every((i) => i.linkWorkerId === h.staffId || i.status === 'waiting')).toBe(true);
    expect(res.body.total).toBeLessThan((await expected('scheme_manager')).length);
  });

  it('applies the filters to the page and to the total', async () => {
    // The least common status the scheme has (so the filter really narrows the list).
    const statuses = await sql<{ status: string }>`
      SELECT status FROM referral WHERE scheme_id = ${h.schemeId}
      GROUP BY status ORDER BY count(*), status LIMIT 1`.execute(h.db.db);
    const status = statuses.rows[0]?.status ?? 'none';
    const some = await expected('scheme_manager', sql`r.status = ${status}`);
    expect(some.length).toBeGreaterThan(0);
    expect(some.length).toBeLessThan((await expected('scheme_manager')).length);
    const res = await list('scheme_manager', `?status=${status}&schemeId=${h.schemeId}&pageSize=5`);
    expect(res.body.total).toBe(some.length);
    expect(shown(res.body.items)).toEqual(some.slice(0, 5));
    expect(res.body.items.every((i) => i.status === status)).toBe(true);
    const other = await list('scheme_manager', `?schemeId=${h.otherSchemeId}`);
    expect(other.body).toMatchObject({ items: [], total: 0 });
  });

  it('reports the total on a page past the end', async () => {
    const all = await expected('scheme_manager');
    const res = await list('scheme_manager', '?pageSize=50&page=1000');
    expect(res.body.items).toEqual([]);
    expect(res.body.total).toBe(all.length);
  });

  it('appends one list event per referral shown, for this request and user', async () => {
    const res = await list('scheme_manager', '?pageSize=7&page=2');
    const events = await h.db.db
      .selectFrom('audit_event')
      .select(['entity_id', 'entity', 'action', 'user_id', 'role', 'scheme_id'])
      .where('request_id', '=', res.requestId)
      .orderBy('id')
      .execute();
    expect(events).toEqual(
      res.body.items.map((i) => ({
        entity_id: i.id,
        entity: 'referral',
        action: 'list',
        user_id: h.users.scheme_manager.userId,
        role: 'scheme_manager',
        scheme_id: i.schemeId,
      })),
    );
  });
});
