import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/access/policy.js';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';

type ServiceRes = { id: string; name: string; needs: string[]; active: boolean; area: string | null };
type ServiceList = { items: ServiceRes[]; total: number; page: number; pageSize: number };
type ErrorBody = { error: { code: string; details?: { issues?: { path: string; rule: string }[] } } };

describe.each(TEST_ENGINES)('[%s] services directory API', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(engine, { scale: 150 });
  });
  afterAll(async () => {
    await h.close();
  });

  const auditCount = async (): Promise<number> =>
    (
      await h.db.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('finds services meeting a need, by name, paginated, for every role, without audit events', async () => {
    const before = await auditCount();
    for (const role of ROLES) {
      const res = await h.request(role, 'GET', '/api/services?need=loneliness');
      expect(res.statusCode, role).toBe(200);
      const body = res.json<ServiceList>();
      expect(body.total).toBeGreaterThan(0);
      expect(body.items.every((s) => s.needs.includes('loneliness') && s.active)).toBe(true);
      const names = body.items.map((s) => s.name);
      expect([...names].sort()).toEqual(names);
    }
    expect(await auditCount()).toBe(before);

    const page1 = (await h.request('researcher', 'GET', '/api/services?pageSize=2')).json<ServiceList>();
    const page2 = (
      await h.request('researcher', 'GET', '/api/services?pageSize=2&page=2')
    ).json<ServiceList>();
    expect(page1).toMatchObject({ page: 1, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page2.total).toBe(page1.total);
    expect(page2.items.map((s) => s.id)).not.toContain(page1.items[0]?.id);
  });

  it('searches words in the name, organisation, description or area; wildcards are literal', async () => {
    const any = (await h.request('link_worker', 'GET', '/api/services?pageSize=1')).json<ServiceList>();
    const word = any.items[0]!.name.split(' ')[0]!.toUpperCase();
    const found = (
      await h.request('link_worker', 'GET', `/api/services?q=${encodeURIComponent(word)}`)
    ).json<ServiceList>();
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBeLessThanOrEqual(any.total);
    const percent = (await h.request('link_worker', 'GET', '/api/services?q=%25')).json<ServiceList>();
    expect(percent.total).toBe(0);
  });

  it('refuses an unknown need code', async () => {
    const res = await h.request('link_worker', 'GET', '/api/services?need=boredom');
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details?.issues?.map((i) => `${i.path}:${i.rule}`)).toEqual([
      'need:unknown_code',
    ]);
  });

  it('reads one entry (inactive ones too, but they are not listed); an unknown id is not found', async () => {
    const first = (await h.request('admin', 'GET', '/api/services?pageSize=1')).json<ServiceList>().items[0]!;
    await h.db.db
      .updateTable('community_service')
      .set({ active: false })
      .where('id', '=', first.id)
      .execute();
    const read = await h.request('regional_lead', 'GET', `/api/services/${first.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<ServiceRes>()).toMatchObject({ id: first.id, active: false });
    const listed = (await h.request('admin', 'GET', '/api/services?pageSize=200')).json<ServiceList>();
    expect(listed.items.map((s) => s.id)).not.toContain(first.id);
    const missing = await h.request('admin', 'GET', '/api/services/00000000-0000-4000-8000-000000000001');
    expect(missing.statusCode).toBe(404);
    expect((await h.request(null, 'GET', '/api/services')).statusCode).toBe(401);
  });
});
