import {
  addAction,
  addGoal,
  addNeed,
  changeAction,
  changeGoal,
  changeNeed,
  getCarePlan,
} from '../../services/casework/care-plan.service.js';
import type { DbHandle } from '../../services/context.js';
import { createUnder } from '../contacts/create-under.js';
import { defineRoute, IdParams, type App } from '../kit.js';
import { presentAction, presentCarePlan, presentGoal, presentNeed } from './care-plan.presenter.js';
import {
  ActionCreateSchema,
  ActionSchema,
  ActionUpdateSchema,
  CarePlanSchema,
  GoalCreateSchema,
  GoalSchema,
  GoalUpdateSchema,
  NeedCreateSchema,
  NeedSchema,
  NeedUpdateSchema,
} from './care-plan.schema.js';

export function registerCarePlanRoutes(app: App, db: DbHandle): void {
  const tags = ['care plan'];
  const common = { resource: 'care_plan', personal: true, tags, params: IdParams } as const;

  defineRoute(app, db, {
    ...common,
    method: 'GET',
    url: '/api/referrals/:id/care-plan',
    action: 'read',
    summary: "A referral's care and support plan: needs, and goals with their actions",
    response: CarePlanSchema,
    handler: async ({ params, ctx, authorize }) =>
      presentCarePlan(await getCarePlan(db.db, ctx, params.id, authorize)),
  });

  defineRoute(app, db, {
    ...common,
    method: 'POST',
    url: '/api/referrals/:id/needs',
    action: 'create',
    summary: 'Add a need to the care plan',
    body: NeedCreateSchema,
    response: NeedSchema,
    handler: async ({ params, body, ctx, session, authorize }) =>
      presentNeed(
        await addNeed(db.db, ctx, params.id, body, createUnder(session.actor, 'care_plan', authorize)),
      ),
  });

  defineRoute(app, db, {
    ...common,
    method: 'PATCH',
    url: '/api/needs/:id',
    action: 'update',
    summary: 'Change a need (send the version you read; stale is a 409)',
    body: NeedUpdateSchema,
    response: NeedSchema,
    handler: async ({ params, body, ctx, authorize }) =>
      presentNeed(await changeNeed(db.db, ctx, params.id, body, authorize)),
  });

  defineRoute(app, db, {
    ...common,
    method: 'POST',
    url: '/api/referrals/:id/goals',
    action: 'create',
    summary: 'Agree a goal (optionally for one of the plan’s needs)',
    body: GoalCreateSchema,
    response: GoalSchema,
    handler: async ({ params, body, ctx, session, authorize }) =>
      presentGoal(
        await addGoal(db.db, ctx, params.id, body, createUnder(session.actor, 'care_plan', authorize)),
      ),
  });

  defineRoute(app, db, {
    ...common,
    method: 'PATCH',
    url: '/api/goals/:id',
    action: 'update',
    summary: 'Change a goal: status, review, achievement (send the version you read; stale is a 409)',
    body: GoalUpdateSchema,
    response: GoalSchema,
    handler: async ({ params, body, ctx, authorize }) =>
      presentGoal(await changeGoal(db.db, ctx, params.id, body, authorize)),
  });

  defineRoute(app, db, {
    ...common,
    method: 'POST',
    url: '/api/goals/:id/actions',
    action: 'create',
    summary: 'Add an action towards a goal',
    body: ActionCreateSchema,
    response: ActionSchema,
    handler: async ({ params, body, ctx, session, authorize }) =>
      presentAction(
        await addAction(
          db.db,
          ctx,
          params.id,
          body,
          createUnder(session.actor, 'care_plan', authorize, 'goal'),
        ),
      ),
  });

  defineRoute(app, db, {
    ...common,
    method: 'PATCH',
    url: '/api/actions/:id',
    action: 'update',
    summary: 'Change an action: status, due date, confidence (send the version you read; stale is a 409)',
    body: ActionUpdateSchema,
    response: ActionSchema,
    handler: async ({ params, body, ctx, authorize }) =>
      presentAction(await changeAction(db.db, ctx, params.id, body, authorize)),
  });
}
