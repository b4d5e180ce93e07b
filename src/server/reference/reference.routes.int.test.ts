import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/access/policy.js';
import { REFERENCE_LISTS } from '../../db/reference/reference.table.js';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';
import { ReferenceListsSchema } from './reference.schema.js';

describe.each(TEST_ENGINES)('[%s] reference lists API', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(engine, { scale: 50 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('gives every role every list, codes in display order with labels, and no audit event', async () => {
    const before = await h.db.db.selectFrom('audit_event').select('id').execute();
    for (const role of ROLES) {
      const res = await h.request(role, 'GET', '/api/reference');
      expect(res.statusCode, role).toBe(200);
      const { lists } = ReferenceListsSchema.parse(res.json());
      for (const name of REFERENCE_LISTS) expect(lists[name]?.length, name).toBeGreaterThan(0);
      expect(lists['ethnicity_england']?.length).toBeGreaterThan(0);
      expect(lists['ethnicity_scotland']?.length).toBeGreaterThan(0);
      const timepoints = lists['timepoint']?.map((c) => c.code);
      expect(timepoints).toContain('baseline');
      expect(timepoints).toContain('review');
      const sortOrder = await h.db.db
        .selectFrom('ref_contact_mode')
        .select('code')
        .orderBy('sort_order')
        .execute();
      expect(lists['contact_mode']?.map((c) => c.code)).toEqual(sortOrder.map((r) => r.code));
    }
    expect(await h.db.db.selectFrom('audit_event').select('id').execute()).toHaveLength(before.length);
  });

  it('marks retired codes inactive rather than leaving them out', async () => {
    await h.db.db
      .updateTable('ref_contact_mode')
      .set({ active: false })
      .where('code', '=', 'video')
      .execute();
    try {
      const { lists } = ReferenceListsSchema.parse(
        (await h.request('link_worker', 'GET', '/api/reference')).json(),
      );
      expect(lists['contact_mode']?.find((c) => c.code === 'video')).toMatchObject({ active: false });
    } finally {
      await h.db.db
        .updateTable('ref_contact_mode')
        .set({ active: true })
        .where('code', '=', 'video')
        .execute();
    }
  });

  it('needs a session', async () => {
    expect((await h.request(null, 'GET', '/api/reference')).statusCode).toBe(401);
  });
});
