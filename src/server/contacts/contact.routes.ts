import {
  createContact,
  getContact,
  listContacts,
  updateContact,
} from '../../services/casework/contacts.service.js';
import type { DbHandle } from '../../services/context.js';
import { defineRoute, IdParams, PageQuery, pageOf, type App } from '../kit.js';
import { createUnder } from './create-under.js';
import { presentContact, presentWritten } from './contact.presenter.js';
import {
  ContactCreateSchema,
  ContactListSchema,
  ContactSchema,
  ContactUpdateSchema,
  ContactWrittenSchema,
} from './contact.schema.js';

export function registerContactRoutes(app: App, db: DbHandle): void {
  const tags = ['contacts'];
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/referrals/:id/contacts',
    resource: 'contact',
    action: 'list',
    personal: true,
    summary: "A referral's contacts (sessions), oldest first",
    tags,
    params: IdParams,
    querystring: PageQuery,
    response: ContactListSchema,
    handler: async ({ params, query, ctx, authorize }) => {
      const r = await listContacts(db.db, ctx, params.id, authorize, pageOf(query));
      return {
        referralId: params.id,
        items: r.items.map(presentContact),
        total: r.total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/referrals/:id/contacts',
    resource: 'contact',
    action: 'create',
    personal: true,
    summary:
      "Record a contact on a referral; an attended session over the scheme's cap is refused (422) or recorded with a warning",
    tags,
    params: IdParams,
    body: ContactCreateSchema,
    response: ContactWrittenSchema,
    handler: async ({ params, body, ctx, session, authorize }) =>
      presentWritten(
        await createContact(db.db, ctx, params.id, body, createUnder(session.actor, 'contact', authorize)),
      ),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/contacts/:id',
    resource: 'contact',
    action: 'read',
    personal: true,
    summary: 'Read one contact',
    tags,
    params: IdParams,
    response: ContactSchema,
    handler: async ({ params, ctx, authorize }) =>
      presentContact(await getContact(db.db, ctx, params.id, authorize)),
  });

  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/contacts/:id',
    resource: 'contact',
    action: 'update',
    personal: true,
    summary: 'Correct a contact (send the version you read; stale is a 409); the contact rules apply again',
    tags,
    params: IdParams,
    body: ContactUpdateSchema,
    response: ContactWrittenSchema,
    handler: async ({ params, body, ctx, authorize }) =>
      presentWritten(await updateContact(db.db, ctx, params.id, body, authorize)),
  });
}
