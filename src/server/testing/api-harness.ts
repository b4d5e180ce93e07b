// In-process HTTP test harness: a real database on one engine with a small demo data set, the real
// app (inject), and one signed-in user per role, each with a CSRF token.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Role } from '../../domain/access/policy.js';
import type { Engine } from '../../db/connect.js';
import { openTestDb, type TestDb } from '../../db/testing/test-db.js';
import { createUser } from '../../services/accounts/auth.service.js';
import { loadDemo } from '../../services/demo/demo.service.js';
import { buildApp } from '../app.js';
import { testConfig } from '../config.js';

export const PASSWORD = 'correct horse battery staple';

export interface Signed {
  readonly cookie: string;
  readonly csrf: string;
  readonly userId: string;
}

export interface Harness {
  readonly db: TestDb;
  readonly app: FastifyInstance;
  /** A scheme the role users belong to, and one in another region they do not. */
  readonly schemeId: string;
  readonly otherSchemeId: string;
  readonly regionId: string;
  /** The link worker's staff id (in `schemeId`). */
  readonly staffId: string;
  readonly users: Readonly<Record<Role, Signed>>;
  request(
    as: Role | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openHarness(engine: Engine, opts: { scale?: number } = {}): Promise<Harness> {
  const db = await openTestDb(engine);
  await loadDemo(db, { scale: opts.scale ?? 400, seed: 11, today: '2025-12-31' });
  const app = await buildApp({
    config: testConfig({
      loginPerMinute: 10_000,
      logLevel: (process.env['LINKWORK_TEST_LOG'] ?? 'silent') as 'silent',
    }),
    db,
  });
  // The Lothian Model 4 scheme (busy, adults only, GP referrals only) and a Greater Manchester one.
  const pick = async (region: string) => {
    const r = await sql<{ scheme_id: string; region_id: string; staff_id: string }>`
      SELECT s.id AS scheme_id, s.region_id, st.id AS staff_id
      FROM scheme s JOIN organisation o ON o.id = s.region_id
      JOIN staff st ON st.scheme_id = s.id AND st.role = 'link_worker'
      WHERE o.name = ${region} ORDER BY (SELECT count(*) FROM referral f WHERE f.scheme_id = s.id) DESC, s.id, st.id LIMIT 1`.execute(
      db.db,
    );
    const row = r.rows[0];
    if (row === undefined) throw new Error(`no scheme in ${region}`);
    return row;
  };
  const home = await pick('Lothian');
  const other = await pick('Greater Manchester');
  const make = async (role: Role): Promise<Signed> => {
    const user = await createUser(db.db, {
      username: `${role.replace('_', '.')}@test`,
      displayName: `Test ${role}`,
      role,
      password: PASSWORD,
      schemeIds: role === 'link_worker' || role === 'scheme_manager' ? [home.scheme_id] : [],
      staffId: role === 'link_worker' ? home.staff_id : null,
      regionId: role === 'regional_lead' ? home.region_id : null,
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${role}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'lw_session');
    if (cookie === undefined) throw new Error('no session cookie');
    return {
      cookie: `lw_session=${cookie.value}`,
      csrf: res.json<{ csrfToken: string }>().csrfToken,
      userId: user.id,
    };
  };
  const users = {
    link_worker: await make('link_worker'),
    scheme_manager: await make('scheme_manager'),
    regional_lead: await make('regional_lead'),
    researcher: await make('researcher'),
    admin: await make('admin'),
  };
  return {
    db,
    app,
    schemeId: home.scheme_id,
    otherSchemeId: other.scheme_id,
    regionId: home.region_id,
    staffId: home.staff_id,
    users,
    request: (as, method, url, body) => {
      const signed = as === null ? null : users[as];
      return app.inject({
        method,
        url,
        headers: signed === null ? {} : { cookie: signed.cookie, 'x-csrf-token': signed.csrf },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
    },
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
