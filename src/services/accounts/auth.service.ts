// Local accounts: argon2id password hashes, server-side sessions with a CSRF token, sign-in
// lockout after repeated failures, logout and password change.
import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ROLES, type Actor, type Role } from '../../domain/access/policy.js';
import { DomainError, validationError, type FieldIssue } from '../../domain/errors.js';
import {
  deleteOtherSessions,
  deleteSession,
  findSessionWithUser,
  insertSession,
  touchSession,
} from '../../db/accounts/session.repository.js';
import {
  findUserById,
  findUserByUsername,
  findUserSchemeIds,
  insertUser,
  recordLoginFailure,
  recordLoginSuccess,
  replaceUserSchemes,
  updatePasswordHash,
  type UserRow,
} from '../../db/accounts/user.repository.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import { auditAnonymous } from '../audit/audit.service.js';

/** Sign-in policy: lock for 15 minutes after 5 failures in a row; sessions idle out after 30 minutes, end after 10 hours. */
export const AUTH_POLICY = {
  maxFailures: 5,
  lockMinutes: 15,
  idleMinutes: 30,
  absoluteHours: 10,
  minPasswordLength: 12,
} as const;

// @node-rs/argon2's defaults are argon2id with the OWASP-recommended minimum (m = 19 MiB, t = 2, p = 1);
// the test suite checks the stored hash starts with $argon2id$v=19$m=19456,t=2,p=1.
const hashPassword = (password: string): Promise<string> => hash(password);
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');

export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly schemeIds: readonly string[];
  readonly staffId: string | null;
  readonly regionId: string | null;
  readonly active: boolean;
}

function checkPassword(issues: FieldIssue[], path: string, password: string): void {
  if (password.length < AUTH_POLICY.minPasswordLength) {
    issues.push({
      path,
      rule: 'min_length',
      message: `must be at least ${AUTH_POLICY.minPasswordLength} characters`,
    });
  }
  if (password.length > 200) {
    issues.push({ path, rule: 'max_length', message: 'must be at most 200 characters' });
  }
}

export interface NewUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly password: string;
  readonly schemeIds?: readonly string[];
  readonly staffId?: string | null;
  readonly regionId?: string | null;
}

/** Creates a local account (bootstrapped by `linkwork user create --role admin`). */
export async function createUser(db: Kysely<Database>, input: NewUserInput): Promise<UserSummary> {
  const issues: FieldIssue[] = [];
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._@-]{3,100}$/.test(username)) {
    issues.push({
      path: 'username',
      rule: 'username_format',
      message: 'must be 3-100 of a-z, 0-9 and . _ @ -',
    });
  }
  if (input.displayName.trim() === '') {
    issues.push({ path: 'displayName', rule: 'required', message: 'is required' });
  }
  if (!(ROLES as readonly string[]).includes(input.role)) {
    issues.push({ path: 'role', rule: 'unknown_code', message: `must be one of ${ROLES.join(', ')}` });
  }
  checkPassword(issues, 'password', input.password);
  if (issues.length > 0) throw validationError(issues);
  const passwordHash = await hashPassword(input.password);
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await insertUser(trx, {
        username,
        displayName: input.displayName.trim(),
        role: input.role as Role,
        passwordHash,
        staffId: input.staffId ?? null,
        regionId: input.regionId ?? null,
      });
      await replaceUserSchemes(trx, row.id, input.schemeIds ?? []);
      return summary(row, input.schemeIds ?? []);
    })
    .catch(translateDbError);
}

function summary(row: UserRow, schemeIds: readonly string[]): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    schemeIds,
    staffId: row.staff_id,
    regionId: row.region_id,
    active: row.active,
  };
}

export interface SignedIn {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly user: UserSummary;
}

const BAD_LOGIN = (): DomainError => new DomainError('unauthenticated', 'Incorrect username or password');

/** Signs in; repeated failures lock the account. Every attempt is audited. */
export async function signIn(
  db: Kysely<Database>,
  input: { username: string; password: string },
  ctx: { now: Date; requestId: string },
): Promise<SignedIn> {
  const username = input.username.trim().toLowerCase();
  const user = await findUserByUsername(db, username);
  if (user === undefined || !user.active || user.password_hash === null) {
    // Spend comparable time so that unknown usernames cannot be told apart by timing.
    await hashPassword(input.password);
    await auditAnonymous(db, {
      action: 'login_failed',
      username,
      userId: null,
      role: null,
      requestId: ctx.requestId,
    });
    throw BAD_LOGIN();
  }
  if (user.locked_until !== null && user.locked_until > ctx.now) {
    await auditAnonymous(db, {
      action: 'login_locked',
      username,
      userId: user.id,
      role: user.role,
      requestId: ctx.requestId,
    });
    throw new DomainError(
      'rate_limited',
      'Too many failed sign-ins: the account is locked for a few minutes',
      {
        lockedUntil: user.locked_until.toISOString(),
      },
    );
  }
  if (!(await verify(user.password_hash, input.password))) {
    const failures = user.failed_login_count + 1;
    const lock =
      failures >= AUTH_POLICY.maxFailures
        ? new Date(ctx.now.getTime() + AUTH_POLICY.lockMinutes * 60_000)
        : null;
    await recordLoginFailure(db, user.id, lock);
    await auditAnonymous(db, {
      action: 'login_failed',
      username,
      userId: user.id,
      role: user.role,
      requestId: ctx.requestId,
      detail: { failures, locked: lock !== null },
    });
    throw BAD_LOGIN();
  }
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(ctx.now.getTime() + AUTH_POLICY.absoluteHours * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await recordLoginSuccess(trx, user.id);
    await insertSession(trx, { tokenHash: sha256(token), userId: user.id, csrfToken, expiresAt });
    await auditAnonymous(trx, {
      action: 'login',
      username,
      userId: user.id,
      role: user.role,
      requestId: ctx.requestId,
    });
  });
  return { token, csrfToken, expiresAt, user: summary(user, await findUserSchemeIds(db, user.id)) };
}

export interface Session {
  readonly actor: Actor;
  readonly username: string;
  readonly displayName: string;
  readonly csrfToken: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
}

/** Resolves a session token to the acting user, or null when absent, expired or idle too long. */
/**
 * Resolved sessions are reused for SESSION_CACHE_MS so that each request does not pay a database
 * round trip for its session. Sign-out, password change and account changes made through Linkwork
 * clear the entries at once; a change made by another server process is seen within this time.
 */
export const SESSION_CACHE_MS = 2_000;
const SESSION_CACHE_MAX = 10_000;

interface CachedSession {
  readonly session: Session;
  readonly userId: string;
  readonly cachedAt: number;
  lastSeenAt: number;
}
const sessionCaches = new WeakMap<Kysely<Database>, Map<string, CachedSession>>();

function cacheOf(db: Kysely<Database>): Map<string, CachedSession> {
  let cache = sessionCaches.get(db);
  if (cache === undefined) {
    cache = new Map();
    sessionCaches.set(db, cache);
  }
  return cache;
}

/** Forgets cached sessions of a user (after a password, role or active change). */
export function forgetSessionsOf(db: Kysely<Database>, userId: string): void {
  const cache = cacheOf(db);
  for (const [hash, entry] of cache) if (entry.userId === userId) cache.delete(hash);
}

/** Resolves a session token to the acting user, or null when absent, expired or idle too long. */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<Session | null> {
  const tokenHash = sha256(token);
  const cache = cacheOf(db);
  const hit = cache.get(tokenHash);
  const t = now.getTime();
  if (hit !== undefined && t - hit.cachedAt < SESSION_CACHE_MS) {
    if (hit.session.expiresAt.getTime() > t && hit.lastSeenAt + AUTH_POLICY.idleMinutes * 60_000 > t) {
      return hit.session;
    }
    cache.delete(tokenHash);
  }
  const s = await findSessionWithUser(db, tokenHash);
  if (s === undefined) return null;
  const idleLimit = new Date(s.lastSeenAt.getTime() + AUTH_POLICY.idleMinutes * 60_000);
  if (!s.active || s.expiresAt <= now || idleLimit <= now) {
    await deleteSession(db, tokenHash);
    return null;
  }
  // Refresh the idle timer at most once a minute to keep reads cheap.
  let lastSeenAt = s.lastSeenAt.getTime();
  if (t - lastSeenAt > 60_000) {
    await touchSession(db, tokenHash, now);
    lastSeenAt = t;
  }
  const session: Session = {
    actor: {
      userId: s.userId,
      role: s.role as Role,
      schemeIds: s.schemeIds,
      staffIds: s.staffId === null ? [] : [s.staffId],
      regionId: s.regionId,
    },
    username: s.username,
    displayName: s.displayName,
    csrfToken: s.csrfToken,
    tokenHash,
    expiresAt: s.expiresAt,
  };
  if (cache.size >= SESSION_CACHE_MAX) cache.clear();
  cache.set(tokenHash, { session, userId: s.userId, cachedAt: t, lastSeenAt });
  return session;
}

export function signOut(db: Kysely<Database>, session: Session): Promise<void> {
  cacheOf(db).delete(session.tokenHash);
  return deleteSession(db, session.tokenHash);
}

/** Changes the password after checking the current one; signs out every other session. */
export async function changePassword(
  db: Kysely<Database>,
  session: Session,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(db, session.actor.userId);
  if (!user?.password_hash || !(await verify(user.password_hash, input.currentPassword))) {
    throw validationError([
      { path: 'currentPassword', rule: 'incorrect', message: 'is not your current password' },
    ]);
  }
  const issues: FieldIssue[] = [];
  checkPassword(issues, 'newPassword', input.newPassword);
  if (input.newPassword === input.currentPassword) {
    issues.push({ path: 'newPassword', rule: 'unchanged', message: 'must differ from the current password' });
  }
  if (issues.length > 0) throw validationError(issues);
  const newHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, user.id, newHash);
    await deleteOtherSessions(trx, user.id, session.tokenHash);
  });
  forgetSessionsOf(db, user.id);
}

export async function getUserSummary(db: Kysely<Database>, id: string): Promise<UserSummary | null> {
  const row = await findUserById(db, id);
  return row === undefined ? null : summary(row, await findUserSchemeIds(db, id));
}
