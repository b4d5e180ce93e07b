// Administration: accounts and the audit trail (read-only: nothing in the API alters it).
import { z } from 'zod';
import {
  addAccount,
  changeAccount,
  listAccounts,
  type Account,
} from '../../services/accounts/users.service.js';
import { queryAudit } from '../../services/audit/audit.service.js';
import type { DbHandle } from '../../services/context.js';
import { defineRoute, IdParams, type App } from '../kit.js';
import {
  AccountCreateSchema,
  AccountSchema,
  AccountUpdateSchema,
  AuditListSchema,
  AuditQuerySchema,
} from './admin.schema.js';

function presentAccount(a: Account): z.infer<typeof AccountSchema> {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    schemeIds: [...a.schemeIds],
    staffId: a.staffId,
    regionId: a.regionId,
    active: a.active,
    version: a.version,
    lockedUntil: a.lockedUntil === null ? null : a.lockedUntil.toISOString(),
  };
}

export function registerAdminRoutes(app: App, db: DbHandle): void {
  const tags = ['administration'];
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/users',
    resource: 'user',
    action: 'list',
    personal: false,
    summary: 'List accounts',
    tags,
    response: z.object({ items: z.array(AccountSchema) }),
    handler: async ({ ctx }) => ({ items: (await listAccounts(db.db, ctx)).map(presentAccount) }),
  });
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/users',
    resource: 'user',
    action: 'create',
    personal: false,
    summary: 'Create an account (argon2id password hash)',
    tags,
    body: AccountCreateSchema,
    response: AccountSchema,
    handler: async ({ body, ctx }) => presentAccount(await addAccount(db.db, ctx, body)),
  });
  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/users/:id',
    resource: 'user',
    action: 'update',
    personal: false,
    summary:
      'Change an account: role, schemes, link-worker record, active (role change or deactivation signs it out)',
    tags,
    params: IdParams,
    body: AccountUpdateSchema,
    response: AccountSchema,
    handler: async ({ params, body, ctx }) =>
      presentAccount(await changeAccount(db.db, ctx, params.id, body)),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/audit',
    resource: 'audit',
    action: 'list',
    personal: false,
    summary: 'Query the audit trail (who did what to which record, when, in which request)',
    tags,
    querystring: AuditQuerySchema,
    response: AuditListSchema,
    handler: async ({ query }) => {
      const { page, pageSize, from, to, ...rest } = query;
      const r = await queryAudit(
        db.db,
        {
          ...rest,
          from: from === undefined ? undefined : new Date(from),
          to: to === undefined ? undefined : new Date(to),
        },
        { limit: pageSize, offset: (page - 1) * pageSize },
      );
      return {
        items: r.items.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
        total: r.total,
        page,
        pageSize,
      };
    },
  });
}
