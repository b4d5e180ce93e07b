import {
  changeResponse,
  getResponse,
  listInstruments,
  listResponses,
  recordResponse,
} from '../../services/casework/questionnaires.service.js';
import type { DbHandle } from '../../services/context.js';
import { createUnder } from '../contacts/create-under.js';
import { defineRoute, IdParams, type App } from '../kit.js';
import { presentInstrument, presentWithChange, presentWritten } from './questionnaire.presenter.js';
import {
  InstrumentListSchema,
  QuestionnaireCreateSchema,
  QuestionnaireListSchema,
  QuestionnaireUpdateSchema,
  QuestionnaireWithChangeSchema,
  QuestionnaireWrittenSchema,
} from './questionnaire.schema.js';

export function registerQuestionnaireRoutes(app: App, db: DbHandle): void {
  const tags = ['questionnaires'];
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/instruments',
    resource: 'instrument',
    action: 'list',
    personal: false,
    summary:
      'The outcome instruments: items and scales, measures with direction, bands and MID, licence (wording only where licensed)',
    tags,
    response: InstrumentListSchema,
    handler: () => Promise.resolve({ items: listInstruments().map(presentInstrument) }),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/referrals/:id/questionnaires',
    resource: 'questionnaire',
    action: 'list',
    personal: true,
    summary: "A referral's questionnaires with scores; each follow-up with its change from baseline",
    tags,
    params: IdParams,
    response: QuestionnaireListSchema,
    handler: async ({ params, ctx, authorize }) => ({
      referralId: params.id,
      items: (await listResponses(db.db, ctx, params.id, authorize)).map(presentWithChange),
    }),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/referrals/:id/questionnaires',
    resource: 'questionnaire',
    action: 'create',
    personal: true,
    summary:
      'Record a questionnaire, scored now (invalid answers are a 400 naming answers[i]; a partial one is stored as incomplete)',
    tags,
    params: IdParams,
    body: QuestionnaireCreateSchema,
    response: QuestionnaireWrittenSchema,
    handler: async ({ params, body, ctx, session, authorize }) =>
      presentWritten(
        await recordResponse(
          db.db,
          ctx,
          params.id,
          body,
          createUnder(session.actor, 'questionnaire', authorize),
        ),
      ),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/questionnaires/:id',
    resource: 'questionnaire',
    action: 'read',
    personal: true,
    summary: 'Read one questionnaire response with its scores (and change from baseline for a follow-up)',
    tags,
    params: IdParams,
    response: QuestionnaireWithChangeSchema,
    handler: async ({ params, ctx, authorize }) =>
      presentWithChange(await getResponse(db.db, ctx, params.id, authorize)),
  });

  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/questionnaires/:id',
    resource: 'questionnaire',
    action: 'update',
    personal: true,
    summary:
      'Correct a response (answers, time point, date) and score it again with the current rules (send the version you read)',
    tags,
    params: IdParams,
    body: QuestionnaireUpdateSchema,
    response: QuestionnaireWrittenSchema,
    handler: async ({ params, body, ctx, authorize }) =>
      presentWritten(await changeResponse(db.db, ctx, params.id, body, authorize)),
  });
}
