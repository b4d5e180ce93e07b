import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';

export interface SessionWithUser {
  readonly tokenHash: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly staffId: string | null;
  readonly regionId: string | null;
  readonly active: boolean;
  readonly schemeIds: readonly string[];
}

export async function insertSession(
  db: Kysely<Database>,
  s: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('app_session')
    .values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, expires_at: s.expiresAt })
    .execute();
}

export async function findSessionWithUser(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('app_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.token_hash',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.staff_id',
      'u.region_id',
      'u.active',
      (eb) =>
        eb
          .selectFrom('user_scheme as us')
          .select((e) =>
            e.fn
              .coalesce(e.fn.agg<string[]>('array_agg', ['us.scheme_id']), sql<string[]>`'{}'::uuid[]`)
              .as('ids'),
          )
          .whereRef('us.user_id', '=', 'u.id')
          .as('scheme_ids'),
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        tokenHash: row.token_hash,
        csrfToken: row.csrf_token,
        expiresAt: row.expires_at,
        lastSeenAt: row.last_seen_at,
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        staffId: row.staff_id,
        regionId: row.region_id,
        active: row.active,
        schemeIds: row.scheme_ids ?? [],
      };
}

export async function touchSession(db: Kysely<Database>, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('app_session').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('app_session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteOtherSessions(
  db: Kysely<Database>,
  userId: string,
  keepHash: string | null,
): Promise<void> {
  let q = db.deleteFrom('app_session').where('user_id', '=', userId);
  if (keepHash !== null) q = q.where('token_hash', '<>', keepHash);
  await q.execute();
}
