import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { AUTH_POLICY } from '../../services/accounts/auth.service.js';
import { buildApp } from '../app.js';
import { testConfig } from '../config.js';
import { openHarness, PASSWORD, type Harness } from '../testing/api-harness.js';

describe.each(TEST_ENGINES)('[%s] sign-in, sessions and CSRF', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(engine, { scale: 100 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('sets an httpOnly, SameSite=Strict cookie and returns the CSRF token', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin@test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lw_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(res.json<{ user: { role: string } }>().user.role).toBe('admin');
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    const app = await buildApp({ config: testConfig({ trustProxy: true }), db: h.db });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin@test', password: PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.cookies.find((c) => c.name === 'lw_session')?.secure).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('answers 401 without a session and 403 without the CSRF token', async () => {
    expect((await h.request(null, 'GET', '/api/people')).statusCode).toBe(401);
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { cookie: h.users.scheme_manager.cookie },
      payload: { schemeId: h.schemeId, givenName: 'A', familyName: 'B', dateOfBirth: '1970-01-01' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json<{ error: { code: string } }>().error.code).toBe('forbidden');
  });

  it('rejects a wrong password with one message and locks the account after repeated failures', async () => {
    const attempt = (password: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'researcher@test', password },
      });
    const unknownUser = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody@test', password: 'x' },
    });
    expect(unknownUser.statusCode).toBe(401);
    for (let i = 0; i < AUTH_POLICY.maxFailures; i++) {
      const res = await attempt('wrong password!');
      expect(res.statusCode).toBe(401);
      expect(res.json<{ error: { message: string } }>().error.message).toBe('Incorrect username or password');
    }
    const locked = await attempt(PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
  });

  it('changes a password (checking the current one) and signs out', async () => {
    const as = h.users.link_worker;
    const headers = { cookie: as.cookie, 'x-csrf-token': as.csrf };
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: 'nope', newPassword: 'a much longer password' },
    });
    expect(bad.statusCode).toBe(400);
    const short = await h.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(
      short.json<{ error: { details: { issues: { rule: string }[] } } }>().error.details.issues[0]?.rule,
    ).toBe('min_length');
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: PASSWORD, newPassword: 'a much longer password' },
    });
    expect(ok.statusCode).toBe(204);
    const session = await h.app.inject({ method: 'GET', url: '/api/auth/session', headers });
    expect(session.statusCode).toBe(200);
    const out = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(401);
  });

  it('stores argon2id hashes with the OWASP minimum parameters', async () => {
    const row = await h.db.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', 'admin@test')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('audits sign-ins and failures', async () => {
    const rows = await h.db.db
      .selectFrom('audit_event')
      .select(['action'])
      .where('entity', '=', 'session')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    expect(actions).toEqual(new Set(['login', 'login_failed', 'login_locked']));
  });
});
