import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database.js';
import type { AppUserTable, UserRole } from './account.table.js';

export type UserRow = Selectable<AppUserTable>;

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly passwordHash: string;
  readonly staffId: string | null;
  readonly regionId: string | null;
}

export function insertUser(db: Kysely<Database>, u: NewUser): Promise<UserRow> {
  return db
    .insertInto('app_user')
    .values({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: u.passwordHash,
      staff_id: u.staffId,
      region_id: u.regionId,
      password_changed_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserSchemeIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_scheme').select('scheme_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.scheme_id);
}

export async function replaceUserSchemes(
  db: Kysely<Database>,
  userId: string,
  schemeIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('user_scheme').where('user_id', '=', userId).execute();
  if (schemeIds.length > 0) {
    await db
      .insertInto('user_scheme')
      .values(schemeIds.map((scheme_id) => ({ user_id: userId, scheme_id })))
      .execute();
  }
}

/** Records a failed sign-in; locks the account until `lockUntil` when given. */
export async function recordLoginFailure(
  db: Kysely<Database>,
  userId: string,
  lockUntil: Date | null,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set((eb) => ({
      failed_login_count: lockUntil === null ? eb('failed_login_count', '+', 1) : 0,
      locked_until: lockUntil,
    }))
    .where('id', '=', userId)
    .execute();
}

export async function recordLoginSuccess(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ failed_login_count: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function updatePasswordHash(db: Kysely<Database>, userId: string, hash: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set((eb) => ({
      password_hash: hash,
      password_changed_at: new Date(),
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', userId)
    .execute();
}

export function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('app_user').selectAll().orderBy('username').execute();
}

/** Changes an account if `version` is current; undefined when stale. */
export function updateUserRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  set: Partial<{
    display_name: string;
    role: UserRole;
    active: boolean;
    staff_id: string | null;
    region_id: string | null;
  }>,
): Promise<UserRow | undefined> {
  return db
    .updateTable('app_user')
    .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
