// The real application for browser tests: a fresh in-memory PGlite, migrated, with a small synthetic
// demo data set and the demo accounts, served by buildApp with the web build (dist/web) on
// 127.0.0.1 at a free port.
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openDb, type DbHandle } from '../../db/connect.js';
import { migrateToLatestOrThrow } from '../../db/migrate.js';
import { buildApp } from '../../server/app.js';
import { testConfig } from '../../server/config.js';
import { demoOptions, loadDemo } from '../../services/demo/demo.service.js';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../services/demo/demo-users.js';

export const WEB_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));
export { DEMO_PASSWORD };

export interface RunningApp {
  readonly url: string;
  readonly db: DbHandle;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Starts the app on a fresh demo database with `scale` referrals: enough for the demo link worker to
 * have a caseload, small enough to start in a few seconds.
 */
export async function startApp(scale = 1000): Promise<RunningApp> {
  if (!existsSync(`${WEB_DIR}index.html`)) {
    throw new Error(`No web build in ${WEB_DIR}: run npm run build:web (npm run test:e2e does)`);
  }
  const db = await openDb({});
  await migrateToLatestOrThrow(db.db);
  await loadDemo(db, demoOptions(scale));
  await ensureDemoAccounts(db.db);
  const app = await buildApp({ config: testConfig({ loginPerMinute: 1000 }), db, webDir: WEB_DIR });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    app,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
