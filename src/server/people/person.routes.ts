import { authorizeAny } from '../../domain/access/policy.js';
import { changePerson, createPerson, getPerson, listPeople } from '../../services/casework/people.service.js';
import type { DbHandle } from '../../services/context.js';
import { defineRoute, IdParams, type App } from '../kit.js';
import { presentPerson } from './person.presenter.js';
import {
  PersonCreateSchema,
  PersonListSchema,
  PersonSchema,
  PersonSearchSchema,
  PersonUpdateSchema,
} from './person.schema.js';

export function registerPersonRoutes(app: App, db: DbHandle): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/people',
    resource: 'person',
    action: 'list',
    personal: true,
    summary: 'Search people by name, NHS or CHI number, date of birth (only those you may see)',
    tags: ['people'],
    querystring: PersonSearchSchema,
    response: PersonListSchema,
    handler: async ({ query, ctx, scope }) => {
      const { page, pageSize, ...search } = query;
      const result = await listPeople(db.db, ctx, scope, search, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: result.items.map(presentPerson), total: result.total, page, pageSize };
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/people/:id',
    resource: 'person',
    action: 'read',
    personal: true,
    summary: 'Read one person',
    tags: ['people'],
    params: IdParams,
    response: PersonSchema,
    handler: async ({ params, ctx, authorize }) =>
      presentPerson(await getPerson(db.db, ctx, params.id, authorize)),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/people',
    resource: 'person',
    action: 'create',
    personal: true,
    summary: 'Record a person, held by one of your schemes (duplicates are reported, not created)',
    tags: ['people'],
    body: PersonCreateSchema,
    response: PersonSchema,
    handler: async ({ body, ctx, authorize, session }) => {
      authorize({ schemeId: body.schemeId, waiting: true });
      const canSee = (facts: Parameters<typeof authorizeAny>[3]): boolean =>
        authorizeAny(session.actor, 'person', 'read', facts).kind === 'allow';
      return presentPerson(await createPerson(db.db, ctx, body, canSee));
    },
  });

  defineRoute(app, db, {
    method: 'PUT',
    url: '/api/people/:id',
    resource: 'person',
    action: 'update',
    personal: true,
    summary: 'Replace a person’s details (send the version you read; a stale version is a 409)',
    tags: ['people'],
    params: IdParams,
    body: PersonUpdateSchema,
    response: PersonSchema,
    handler: async ({ params, body, ctx, authorize }) =>
      presentPerson(await changePerson(db.db, ctx, params.id, body, authorize)),
  });
}
