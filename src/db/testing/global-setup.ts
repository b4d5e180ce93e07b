// Vitest global setup for the integration project: builds one migrated, empty template database per
// engine, so each test file starts from it in well under a second instead of running initdb and
// every migration (PGlite: ~3 s cold) again.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDb } from '../connect.js';
import { migrateToLatestOrThrow } from '../migrate.js';
import { adminUrl, POSTGRES_TEMPLATE, testEngines, withDatabase } from './engines.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engines = testEngines();
  const dir = await mkdtemp(join(tmpdir(), 'linkwork-test-'));
  project.provide('pgliteTemplatePath', '');
  project.provide('postgresTemplate', '');
  if (engines.includes('pglite')) {
    const handle = await openDb({});
    await migrateToLatestOrThrow(handle.db);
    const path = join(dir, 'pglite-template.tar');
    await writeFile(path, Buffer.from(await (await handle.dumpDataDir()).arrayBuffer()));
    await handle.close();
    project.provide('pgliteTemplatePath', path);
  }
  if (engines.includes('postgres')) {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE}`);
    await admin.end();
    const handle = await openDb({ databaseUrl: withDatabase(adminUrl(), POSTGRES_TEMPLATE), poolSize: 1 });
    try {
      await migrateToLatestOrThrow(handle.db);
    } finally {
      await handle.close();
    }
    project.provide('postgresTemplate', POSTGRES_TEMPLATE);
  }
  console.log(`[linkwork] integration engines: ${engines.join(', ')}`);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
