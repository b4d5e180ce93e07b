// buildApp({ config, db }) assembles the HTTP application without listening, so tests drive it in
// process with inject() and main.ts is the only place that listens.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { DbHandle } from '../db/connect.js';
import type { Config } from './config.js';
import { errorBody, handleError } from './errors.js';
import { registerAdminRoutes } from './admin/admin.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { registerPersonRoutes } from './people/person.routes.js';
import { registerReferralRoutes } from './referrals/referral.routes.js';
import { registerSchemeRoutes } from './schemes/scheme.routes.js';
import { registerContactRoutes } from './contacts/contact.routes.js';
import { registerSignpostRoutes } from './signposts/signpost.routes.js';
import { registerDirectoryRoutes } from './directory/directory.routes.js';
import { registerCarePlanRoutes } from './care-plan/care-plan.routes.js';
import { registerQuestionnaireRoutes } from './questionnaires/questionnaire.routes.js';
import { registerReferenceRoutes } from './reference/reference.routes.js';
import { registerEvaluationRoutes } from './evaluation/evaluation.routes.js';
import { registerExportRoutes } from './harmonisation/export.routes.js';
import { registerSpaRoutes } from './spa/spa.routes.js';

export interface AppDeps {
  readonly config: Config;
  readonly db: DbHandle;
  /** The web app's build (dist/web) to serve at `/`; absent or missing: the API alone. */
  readonly webDir?: string;
}

export async function buildApp({ config, db, webDir }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('not_found', `No route for ${request.method} ${request.url}`)),
  );
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Linkwork API',
        description: 'Social prescribing link-worker casework, scheme mapping and evaluation',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(cookie);
  await app.register(healthRoutes(db));
  await app.register(authRoutes(db, { loginPerMinute: config.loginPerMinute }));
  await app.register((api) => {
    registerPersonRoutes(api, db);
    registerReferralRoutes(api, db);
    registerSchemeRoutes(api, db);
    registerContactRoutes(api, db);
    registerSignpostRoutes(api, db);
    registerDirectoryRoutes(api, db);
    registerCarePlanRoutes(api, db);
    registerQuestionnaireRoutes(api, db);
    registerAdminRoutes(api, db);
    registerReferenceRoutes(api, db);
    registerEvaluationRoutes(api, db);
    registerExportRoutes(api, db);
    return Promise.resolve();
  });
  await registerSpaRoutes(app, webDir);
  return app;
}
