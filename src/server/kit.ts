// The route kit: every API route is declared with its resource and action from the policy table,
// its zod schemas (validation, TypeScript types and OpenAPI in one), and a handler that receives the
// signed-in actor. The kit resolves the session (401), checks CSRF on state-changing requests (403),
// asks the policy table (403, deny by default), and records the route in ROUTES so that tests can be
// generated for every role x route pair.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { z } from 'zod';
import {
  authorizeAny,
  scopeFor,
  type Action,
  type RecordFacts,
  type Resource,
  type Scope,
} from '../domain/access/policy.js';
import { DomainError } from '../domain/errors.js';
import { resolveSession, type Session } from '../services/accounts/auth.service.js';
import type { RequestContext } from '../services/audit/audit.service.js';
import type { DbHandle } from '../services/context.js';
import { ErrorResponseSchema } from './errors.js';

export type App = FastifyInstance;

export const SESSION_COOKIE = 'lw_session';
export const CSRF_HEADER = 'x-csrf-token';

/** What tests need to know about every route. */
export interface RouteMeta {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly resource: Resource;
  readonly action: Action;
  /** True when the route reads or writes personal data (it must leave an audit event). */
  readonly personal: boolean;
}

export const ROUTES: RouteMeta[] = [];

export interface HandlerContext<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly session: Session;
  readonly ctx: RequestContext;
  readonly scope: Scope;
  readonly db: DbHandle;
  /**
   * Throws unless one of the records' facts is in the actor's scope for this route: forbidden for a
   * create, not_found otherwise (the record's existence is not revealed).
   */
  readonly authorize: (facts: RecordFacts | readonly RecordFacts[]) => void;
  readonly reply: FastifyReply;
}

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteSpec<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  R extends Schema,
> {
  readonly method: RouteMeta['method'];
  readonly url: string;
  readonly resource: Resource;
  readonly action: Action;
  readonly personal: boolean;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly querystring?: Q;
  readonly body?: B;
  readonly response: R;
  /** Success status (default 200; 201 for create). */
  readonly status?: number;
  /**
   * The handler sends the reply itself (HTML, PDF, CSV) through `reply`: no response schema is
   * applied to the success status and the handler's result is ignored.
   */
  readonly raw?: boolean;
  readonly handler: (h: HandlerContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<z.infer<R>>;
}

const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Resolves the session from the cookie; 401 without one; 403 when a state-changing request lacks the CSRF token. */
export async function requireSession(db: DbHandle, request: FastifyRequest): Promise<Session> {
  const token = request.cookies[SESSION_COOKIE];
  const session = token === undefined ? null : await resolveSession(db.db, token, new Date());
  if (session === null) throw new DomainError('unauthenticated', 'Sign in to continue');
  if (STATE_CHANGING.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
    throw new DomainError('forbidden', `The ${CSRF_HEADER} header is missing or does not match your session`);
  }
  return session;
}

export function defineRoute<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  R extends Schema,
>(app: App, db: DbHandle, spec: RouteSpec<P, Q, B, R>): void {
  // buildApp may run more than once in a process (tests): register each route once.
  if (!ROUTES.some((r) => r.method === spec.method && r.url === spec.url)) {
    ROUTES.push({
      method: spec.method,
      url: spec.url,
      resource: spec.resource,
      action: spec.action,
      personal: spec.personal,
    });
  }
  const status = spec.status ?? (spec.action === 'create' ? 201 : 200);
  app.route({
    method: spec.method,
    url: spec.url,
    schema: {
      summary: spec.summary,
      tags: [...spec.tags],
      ...(spec.params === undefined ? {} : { params: spec.params }),
      ...(spec.querystring === undefined ? {} : { querystring: spec.querystring }),
      ...(spec.body === undefined ? {} : { body: spec.body }),
      response:
        spec.raw === true
          ? { '4XX': ErrorResponseSchema }
          : { [status]: spec.response, '4XX': ErrorResponseSchema },
    },
    handler: async (request, reply) => {
      const session = await requireSession(db, request);
      const scope = scopeFor(session.actor.role, spec.resource, spec.action);
      if (scope === null) {
        throw new DomainError(
          'forbidden',
          `Your role (${session.actor.role}) may not ${spec.action} ${spec.resource} records`,
        );
      }
      const result = await spec.handler({
        params: request.params as Infer<P>,
        query: request.query as Infer<Q>,
        body: request.body as Infer<B>,
        session,
        scope,
        db,
        reply,
        ctx: { actor: session.actor, username: session.username, requestId: request.id, now: new Date() },
        authorize: (facts) => {
          const list = Array.isArray(facts) ? (facts as readonly RecordFacts[]) : [facts as RecordFacts];
          if (authorizeAny(session.actor, spec.resource, spec.action, list).kind !== 'allow') {
            // Creating outside your scope is refused openly; for existing records, say nothing of them.
            throw spec.action === 'create'
              ? new DomainError('forbidden', `You may not create ${spec.resource} records there`)
              : new DomainError('not_found', `No ${spec.resource} with that id that you may see`);
          }
        },
      });
      if (spec.raw === true) return reply;
      return reply.status(status).send(result);
    },
  });
}

/** Common query schema for paginated lists (defined with the shared schemas, so the web app can import it). */
export { PageQuery } from './common/page.schema.js';

export function pageOf(q: { page: number; pageSize: number }): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

export const Uuid = z.uuid();
export const IdParams = z.object({ id: Uuid });
