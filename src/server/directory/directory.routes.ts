import { getService, searchServices } from '../../services/casework/directory.service.js';
import type { DbHandle } from '../../services/context.js';
import { defineRoute, IdParams, pageOf, type App } from '../kit.js';
import { presentService } from './directory.presenter.js';
import { ServiceListSchema, ServiceSchema, ServiceSearchSchema } from './directory.schema.js';

export function registerDirectoryRoutes(app: App, db: DbHandle): void {
  const tags = ['directory'];
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/services',
    resource: 'directory',
    action: 'list',
    personal: false,
    summary: 'Search the community-services directory by need and words (active services, by name)',
    tags,
    querystring: ServiceSearchSchema,
    response: ServiceListSchema,
    handler: async ({ query }) => {
      const { page, pageSize, ...search } = query;
      const r = await searchServices(db.db, search, pageOf({ page, pageSize }));
      return { items: r.items.map(presentService), total: r.total, page, pageSize };
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/services/:id',
    resource: 'directory',
    action: 'read',
    personal: false,
    summary: 'Read one directory entry',
    tags,
    params: IdParams,
    response: ServiceSchema,
    handler: async ({ params }) => presentService(await getService(db.db, params.id)),
  });
}
