import {
  createSignpost,
  getSignpost,
  listSignposts,
  updateSignpost,
} from '../../services/casework/signposts.service.js';
import type { DbHandle } from '../../services/context.js';
import { createUnder } from '../contacts/create-under.js';
import { defineRoute, IdParams, PageQuery, pageOf, type App } from '../kit.js';
import { presentSignpost } from './signpost.presenter.js';
import {
  SignpostCreateSchema,
  SignpostListSchema,
  SignpostSchema,
  SignpostUpdateSchema,
} from './signpost.schema.js';

export function registerSignpostRoutes(app: App, db: DbHandle): void {
  const tags = ['signposts'];
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/referrals/:id/signposts',
    resource: 'signpost',
    action: 'list',
    personal: true,
    summary: "A referral's signposts and onward referrals, oldest first",
    tags,
    params: IdParams,
    querystring: PageQuery,
    response: SignpostListSchema,
    handler: async ({ params, query, ctx, authorize }) => {
      const r = await listSignposts(db.db, ctx, params.id, authorize, pageOf(query));
      return {
        referralId: params.id,
        items: r.items.map(presentSignpost),
        total: r.total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/referrals/:id/signposts',
    resource: 'signpost',
    action: 'create',
    personal: true,
    summary: 'Signpost the person to a service, or refer them on (closed loop: the response is recorded)',
    tags,
    params: IdParams,
    body: SignpostCreateSchema,
    response: SignpostSchema,
    handler: async ({ params, body, ctx, session, authorize }) =>
      presentSignpost(
        await createSignpost(db.db, ctx, params.id, body, createUnder(session.actor, 'signpost', authorize)),
      ),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/signposts/:id',
    resource: 'signpost',
    action: 'read',
    personal: true,
    summary: 'Read one signpost or onward referral',
    tags,
    params: IdParams,
    response: SignpostSchema,
    handler: async ({ params, ctx, authorize }) =>
      presentSignpost(await getSignpost(db.db, ctx, params.id, authorize)),
  });

  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/signposts/:id',
    resource: 'signpost',
    action: 'update',
    personal: true,
    summary:
      "Record attendance, and the service's response to an onward referral (send the version you read; stale is a 409)",
    tags,
    params: IdParams,
    body: SignpostUpdateSchema,
    response: SignpostSchema,
    handler: async ({ params, body, ctx, authorize }) =>
      presentSignpost(await updateSignpost(db.db, ctx, params.id, body, authorize)),
  });
}
