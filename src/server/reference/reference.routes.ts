import type { DbHandle } from '../../services/context.js';
import { listReferenceCodes } from '../../services/reference/reference.service.js';
import { defineRoute, type App } from '../kit.js';
import { ReferenceListsSchema } from './reference.schema.js';

export function registerReferenceRoutes(app: App, db: DbHandle): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/reference',
    resource: 'reference',
    action: 'list',
    personal: false,
    summary: 'Every reference list (codes, labels, whether still offered) for forms and display',
    tags: ['reference'],
    response: ReferenceListsSchema,
    handler: async () => {
      const lists = await listReferenceCodes(db.db);
      return {
        lists: Object.fromEntries(
          Object.entries(lists).map(([name, rows]) => [
            name,
            rows.map((r) => ({ code: r.code, label: r.label, active: r.active })),
          ]),
        ),
      };
    },
  });
}
