// Administration of accounts: list, create, change role/schemes/active. Audited.
import type { Kysely } from 'kysely';
import { ROLES, type Role } from '../../domain/access/policy.js';
import { DomainError, validationError } from '../../domain/errors.js';
import {
  findUserById,
  findUserSchemeIds,
  listUsers,
  replaceUserSchemes,
  updateUserRow,
} from '../../db/accounts/user.repository.js';
import { deleteOtherSessions } from '../../db/accounts/session.repository.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import { audit, type RequestContext } from '../audit/audit.service.js';
import { createUser, forgetSessionsOf, type NewUserInput, type UserSummary } from './auth.service.js';

export interface Account extends UserSummary {
  readonly version: number;
  readonly lockedUntil: Date | null;
}

export async function listAccounts(db: Kysely<Database>, ctx: RequestContext): Promise<Account[]> {
  const rows = await listUsers(db);
  const out: Account[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      schemeIds: await findUserSchemeIds(db, r.id),
      staffId: r.staff_id,
      regionId: r.region_id,
      active: r.active,
      version: r.version,
      lockedUntil: r.locked_until,
    });
  }
  await audit(db, ctx, [{ action: 'list', entity: 'user', entityId: null, schemeId: null }]);
  return out;
}

export async function addAccount(
  db: Kysely<Database>,
  ctx: RequestContext,
  input: NewUserInput,
): Promise<Account> {
  const created = await createUser(db, input);
  await audit(db, ctx, [{ action: 'create', entity: 'user', entityId: created.id, schemeId: null }]);
  return { ...created, version: 1, lockedUntil: null };
}

export interface AccountChange {
  readonly version: number;
  readonly displayName?: string | undefined;
  readonly role?: string | undefined;
  readonly active?: boolean | undefined;
  readonly schemeIds?: readonly string[] | undefined;
  readonly staffId?: string | null | undefined;
  readonly regionId?: string | null | undefined;
}

/** Changes an account; deactivating it or changing its role signs it out everywhere. */
export async function changeAccount(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: AccountChange,
): Promise<Account> {
  const existing = await findUserById(db, id).catch(translateDbError);
  if (existing === undefined) throw new DomainError('not_found', 'No user with that id');
  if (input.role !== undefined && !(ROLES as readonly string[]).includes(input.role)) {
    throw validationError([
      { path: 'role', rule: 'unknown_code', message: `must be one of ${ROLES.join(', ')}` },
    ]);
  }
  if (input.displayName?.trim() === '') {
    throw validationError([{ path: 'displayName', rule: 'required', message: 'is required' }]);
  }
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await updateUserRow(trx, id, input.version, {
        ...(input.displayName === undefined ? {} : { display_name: input.displayName.trim() }),
        ...(input.role === undefined ? {} : { role: input.role as Role }),
        ...(input.active === undefined ? {} : { active: input.active }),
        ...(input.staffId === undefined ? {} : { staff_id: input.staffId }),
        ...(input.regionId === undefined ? {} : { region_id: input.regionId }),
      });
      if (row === undefined) {
        throw new DomainError('stale_version', 'Someone else changed this account first', {
          currentVersion: existing.version,
        });
      }
      if (input.schemeIds !== undefined) await replaceUserSchemes(trx, id, input.schemeIds);
      if (input.active === false || (input.role !== undefined && input.role !== existing.role)) {
        await deleteOtherSessions(trx, id, null);
      }
      await audit(trx, ctx, [{ action: 'update', entity: 'user', entityId: id, schemeId: null }]);
      forgetSessionsOf(db, id);
      return {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        schemeIds: await findUserSchemeIds(trx, id),
        staffId: row.staff_id,
        regionId: row.region_id,
        active: row.active,
        version: row.version,
        lockedUntil: row.locked_until,
      };
    })
    .catch(translateDbError);
}
