// The built CLI (`npm run build` first: dist/cli/main.js) imports template-shaped files in small
// batches; the test kills it with SIGKILL half-way, then runs it again. After the kill the database
// holds whole batches only (records == rows committed at the checkpoint); after the second run every
// row is in the database exactly once and in the results file exactly once; a third run changes
// nothing. On PGlite the database is a data directory; on PostgreSQL a database of its own.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../../db/connect.js';
import { migrateToLatestOrThrow } from '../../db/migrate.js';
import { adminUrl, withDatabase } from '../../db/testing/engines.js';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { loadDemo } from '../demo/demo.service.js';
import { writeTemplateData, type TemplateDataFiles } from './template-data.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const PROFILE = join(ROOT, 'profiles', 'linkwork-template.json');
const SOURCE = 'linkwork-template';
const BATCH = 250;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI; `killWhen` (polled) decides when to SIGKILL it. */
function cli(args: readonly string[], killWhen?: () => Promise<boolean>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, TZ: 'UTC' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timer: NodeJS.Timeout | undefined;
    if (killWhen !== undefined) {
      const poll = (): void => {
        void killWhen().then((kill) => {
          if (kill) child.kill('SIGKILL');
          else timer = setTimeout(poll, 25);
        });
      };
      poll();
    }
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

const lines = async (path: string): Promise<number> =>
  existsSync(path) ? (await readFile(path, 'utf8')).split('\n').length - 2 : 0;

describe.each(TEST_ENGINES)('[%s] killing an import half-way and running it again', (engine) => {
  let work: string;
  let data: TemplateDataFiles;
  let dbArgs: string[];
  let database: string | null = null;
  let scheme: string;

  /** Opens the database the CLI uses (PGlite: only while no CLI runs). */
  const open = (): Promise<DbHandle> =>
    engine === 'pglite'
      ? openDb({ dataDir: join(work, 'pglite') })
      : openDb({ databaseUrl: withDatabase(adminUrl(), database ?? ''), poolSize: 2 });

  const inDb = async <T>(f: (h: DbHandle) => Promise<T>): Promise<T> => {
    const h = await open();
    try {
      return await f(h);
    } finally {
      await h.close();
    }
  };

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Build first (npm run build): the test runs dist/cli/main.js');
    work = await mkdtemp(join(tmpdir(), 'linkwork-kill-'));
    if (engine === 'postgres') {
      database = `linkwork_test_kill_${Date.now()}`;
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
      dbArgs = ['--database-url', withDatabase(adminUrl(), database)];
    } else {
      dbArgs = ['--data-dir', join(work, 'pglite')];
    }
    const staff = await inDb(async (h) => {
      await migrateToLatestOrThrow(h.db);
      await loadDemo(h, { scale: 20, seed: 5, today: '2025-05-31' });
      const s = await h.db
        .selectFrom('scheme as s')
        .innerJoin('staff as t', 't.scheme_id', 's.id')
        .select(['s.id', 't.display_name'])
        .orderBy('s.id')
        .execute();
      const first = s[0]?.id ?? '';
      return { scheme: first, names: s.filter((x) => x.id === first).map((x) => x.display_name) };
    });
    scheme = staff.scheme;
    data = await writeTemplateData(work, {
      referrals: 2500,
      seed: 42,
      today: '2025-05-31',
      linkWorkers: staff.names,
    });
  }, 180_000);

  afterAll(async () => {
    if (database !== null) {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
    await rm(work, { recursive: true, force: true });
  });

  const records = (h: DbHandle) =>
    Promise.all(
      (['person', 'referral', 'contact'] as const).map(async (t) =>
        Number(
          (
            await sql<{
              n: number;
            }>`SELECT count(*)::int AS n FROM ${sql.table(t)} WHERE source_system = ${SOURCE}`.execute(h.db)
          ).rows[0]?.n,
        ),
      ),
    );
  const aliases = async (h: DbHandle): Promise<number> =>
    Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM person_source_alias WHERE source_system = ${SOURCE}`.execute(h.db)
      ).rows[0]?.n,
    );

  it('resumes where it stopped: nothing lost, nothing doubled, no half batch', async () => {
    const results = join(work, 'results.csv');
    const args = [
      ...dbArgs,
      'import',
      '--profile',
      PROFILE,
      '--scheme',
      scheme,
      '--batch-size',
      String(BATCH),
      '--results',
      results,
      data.people,
      data.referrals,
      data.contacts,
    ];
    const total = data.rows.people + data.rows.referrals + data.rows.contacts;

    // 1. Killed once the results file shows a few batches (some committed, one perhaps half-written).
    const killed = await cli(args, async () => (await lines(results)) >= 10 * BATCH);
    expect(killed.signal).toBe('SIGKILL');
    const afterKill = await inDb(async (h) => {
      const run = await h.db.selectFrom('import_run').selectAll().executeTakeFirstOrThrow();
      return { run, records: await records(h), aliases: await aliases(h) };
    });
    expect(afterKill.run.status).toBe('running');
    expect(afterKill.run.rows_committed).toBeGreaterThan(0);
    expect(afterKill.run.rows_committed).toBeLessThan(total);
    // Whole batches only: each committed row made exactly one record (or an alias), and no more.
    console.log(
      `[${engine}] killed after ${afterKill.run.rows_committed} of ${total} rows committed (sheet ${afterKill.run.checkpoint_sheet}, row ${afterKill.run.checkpoint_row}); results file ${(await stat(results)).size} bytes, ${afterKill.run.results_bytes} committed`,
    );
    const made = afterKill.records.reduce((a, b) => a + b, 0) + afterKill.aliases;
    expect(made).toBe(afterKill.run.rows_committed);
    expect((await stat(results)).size).toBeGreaterThanOrEqual(afterKill.run.results_bytes);

    // 2. Run again: it resumes after the checkpoint and finishes.
    const resumed = await cli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming run ${afterKill.run.id} after`);
    const end = await inDb(async (h) => ({
      run: await h.db
        .selectFrom('import_run')
        .selectAll()
        .where('id', '=', afterKill.run.id)
        .executeTakeFirstOrThrow(),
      records: await records(h),
      aliases: await aliases(h),
    }));
    expect(end.run).toMatchObject({ status: 'completed', rows_committed: total, rejected_rows: 0 });
    // Every row in the database once: people (created, or matched to someone recorded), referrals, contacts.
    expect(end.records[0]! + end.aliases).toBe(data.rows.people);
    expect(end.records.slice(1)).toEqual([data.rows.referrals, data.rows.contacts]);
    // And in the results file once, in order.
    const rows = parse<Record<string, string>>(await readFile(results, 'utf8'), { columns: true });
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => `${r.sheet}:${r.row}`)).size).toBe(total);
    expect(rows.filter((r) => r.status === 'rejected')).toEqual([]);

    // 3. A third run finds nothing to do.
    const again = await cli([
      ...dbArgs,
      'import',
      '--profile',
      PROFILE,
      '--scheme',
      scheme,
      '--json',
      '--results',
      join(work, 'again.csv'),
      data.people,
      data.referrals,
      data.contacts,
    ]);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout) as { counts: Record<string, number> };
    expect(summary.counts).toEqual({ created: 0, updated: 0, unchanged: total, rejected: 0, blank: 0 });
    expect(await inDb(records)).toEqual(end.records);
  }, 300_000);

  it('exits 1 when a row is rejected, 2 when the files do not fit the profile, and keeps nothing in a dry run', async () => {
    const referrals = join(work, 'bad-referrals.csv');
    await writeFile(
      referrals,
      'referral_id,person_id,scheme,referred_at,route\nR-bad-1,P-0,,2025-02-01,carrier_pigeon\nR-bad-2,P-0,,2025-02-01,gp_practice\n',
    );
    const profile = join(work, 'bad-profile.json');
    await writeFile(
      profile,
      JSON.stringify({
        name: 'cli-exit-test',
        title: 'Exit codes',
        sourceSystem: SOURCE,
        sheets: [
          {
            name: 'referrals',
            referral: {
              id: 'referral_id',
              fields: { person: 'person_id', scheme: 'scheme', referredAt: 'referred_at', route: 'route' },
            },
          },
        ],
      }),
    );
    const before = await inDb(records);
    const dry = await cli([
      ...dbArgs,
      'import',
      '--profile',
      profile,
      '--scheme',
      scheme,
      '--dry-run',
      referrals,
    ]);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('Would import: 1 created, 0 updated, 0 unchanged, 1 rejected');
    expect(await inDb(records)).toEqual(before);
    const results = join(work, 'bad-results.csv');
    const real = await cli([
      ...dbArgs,
      'import',
      '--profile',
      profile,
      '--scheme',
      scheme,
      '--results',
      results,
      referrals,
    ]);
    expect(real.code).toBe(1);
    expect(await readFile(results, 'utf8')).toContain('referral.route,route,unknown_code');
    const unfit = await cli([...dbArgs, 'import', '--profile', PROFILE, '--scheme', scheme, referrals]);
    expect(unfit.code).toBe(2);
    expect(unfit.stderr).toContain('[missing_column]');
  }, 120_000);
});
