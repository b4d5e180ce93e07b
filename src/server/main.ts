// `npm start`: load config, open the database (PGlite in ./data unless DATABASE_URL is set),
// migrate, load the demo into an empty database, and listen. The only place that listens.
import { openDb } from '../db/connect.js';
import { migrateToLatestOrThrow } from '../db/migrate.js';
import { demoOptions, isEmpty, loadDemo } from '../services/demo/demo.service.js';
import { ensureDemoAccounts } from '../services/demo/demo-users.js';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const handle = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const log = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  log(`Linkwork: database ${handle.description}`);
  const migrated = await migrateToLatestOrThrow(handle.db);
  for (const r of migrated.results ?? []) log(`  migration ${r.migrationName}: ${r.status}`);
  if (config.loadDemo && (await isEmpty(handle))) {
    log(`Loading the synthetic demo data set (${config.demoScale} referrals)...`);
    const result = await loadDemo(handle, demoOptions(config.demoScale), (done, total) => {
      process.stdout.write(`\r  ${done}/${total} referrals`);
    });
    log(`\n  ${result.totalRows} rows in ${result.seconds.toFixed(1)} s`);
  }
  // Demo accounts exist only alongside the synthetic demo data set (never on real data).
  const demoAccounts = config.loadDemo ? await ensureDemoAccounts(handle.db) : [];
  // dist/server/main.js serves the web app built into dist/web (npm run build:web).
  const webDir = fileURLToPath(new URL('../web/', import.meta.url));
  const app = await buildApp({ config, db: handle, webDir });
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    log(`\n${signal}: closing`);
    void app
      .close()
      .then(() => handle.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.on('SIGTERM', () => {
    shutdown('SIGTERM');
  });
  const address = await app.listen({ host: config.host, port: config.port });
  log(`Linkwork is running at ${address}  (health: ${address}/health, API docs: ${address}/docs)`);
  if (demoAccounts.length > 0) {
    log('Demo accounts (synthetic demo database only):');
    for (const a of demoAccounts) {
      log(`  ${a.username.padEnd(12)} ${a.role.padEnd(15)} password: ${a.password}`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
