// Serves the web app (the Vite build in dist/web) from the API's own origin: hashed assets under
// /assets/ with a long cache, and index.html for every other GET path that is not the API, the
// OpenAPI docs, /health or a file, so the app's history router can own its URLs (the SPA fallback).
// Without a build (API-only tests, `tsc` without Vite) nothing is registered and the API works alone.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths that never fall back to the app: the API, the docs, the health check. */
const NOT_THE_APP = /^\/(api|docs|health)(\/|$|\?)/;
/** The last path segment names a file (has an extension): a missing file is a 404, not the app. */
const LOOKS_LIKE_A_FILE = /\/[^/?]*\.[^/?]*(\?|$)/;

/**
 * The page's security headers. The app loads only its own scripts and styles and talks only to its
 * own origin; inline scripts and framing are refused.
 */
export const APP_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-cache',
};

/** True when `webDir` holds a build of the web app. */
export function hasWebBuild(webDir: string | undefined): webDir is string {
  return webDir !== undefined && existsSync(join(webDir, 'index.html'));
}

/** Registers the web app's routes; returns false (registering nothing) when there is no build. */
export async function registerSpaRoutes(app: FastifyInstance, webDir: string | undefined): Promise<boolean> {
  if (!hasWebBuild(webDir)) return false;
  const assets = join(webDir, 'assets');
  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
      dotfiles: 'deny',
    });
  } else {
    await app.register(fastifyStatic, { root: webDir, serve: false });
  }
  const sendApp = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (NOT_THE_APP.test(request.url) || LOOKS_LIKE_A_FILE.test(request.url)) {
      reply.callNotFound();
      return reply;
    }
    return reply.headers(APP_HEADERS).sendFile('index.html', webDir, { cacheControl: false });
  };
  app.get('/', { schema: { hide: true } }, sendApp);
  app.get('/*', { schema: { hide: true } }, sendApp);
  return true;
}
