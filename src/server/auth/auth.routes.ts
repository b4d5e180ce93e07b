// Sign in, sign out, the current session (with its CSRF token) and password change.
import '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword, signIn, signOut } from '../../services/accounts/auth.service.js';
import type { DbHandle } from '../../services/context.js';
import { ErrorResponseSchema } from '../errors.js';
import { requireSession, SESSION_COOKIE } from '../kit.js';
import { LoginBodySchema, PasswordChangeBodySchema, SessionResponseSchema } from './auth.schema.js';

export function authRoutes(db: DbHandle, opts: { loginPerMinute: number }): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    await app.register(rateLimit, { global: false });
    const cookie = (secure: boolean, expires: Date) =>
      ({ httpOnly: true, sameSite: 'strict', secure, path: '/', expires }) as const;

    app.post(
      '/api/auth/login',
      {
        config: { rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in (sets an httpOnly session cookie; returns the CSRF token)',
          body: LoginBodySchema,
          response: { 200: SessionResponseSchema, '4XX': ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const signed = await signIn(db.db, request.body, { now: new Date(), requestId: request.id });
        void reply.setCookie(
          SESSION_COOKIE,
          signed.token,
          cookie(request.protocol === 'https', signed.expiresAt),
        );
        return {
          user: { ...signed.user, schemeIds: [...signed.user.schemeIds] },
          csrfToken: signed.csrfToken,
          expiresAt: signed.expiresAt.toISOString(),
        };
      },
    );

    app.get(
      '/api/auth/session',
      {
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and the CSRF token to send as x-csrf-token',
          response: { 200: SessionResponseSchema, '4XX': ErrorResponseSchema },
        },
      },
      async (request) => {
        const s = await requireSession(db, request);
        return {
          user: {
            id: s.actor.userId,
            username: s.username,
            displayName: s.displayName,
            role: s.actor.role,
            schemeIds: [...s.actor.schemeIds],
            staffId: s.actor.staffIds[0] ?? null,
            regionId: s.actor.regionId,
          },
          csrfToken: s.csrfToken,
          expiresAt: s.expiresAt.toISOString(),
        };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign out',
          response: { 204: z.null(), '4XX': ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const s = await requireSession(db, request);
        await signOut(db.db, s);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change your password (signs out your other sessions)',
          body: PasswordChangeBodySchema,
          response: { 204: z.null(), '4XX': ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const s = await requireSession(db, request);
        await changePassword(db.db, s, request.body);
        return reply.status(204).send(null);
      },
    );
  };
}
