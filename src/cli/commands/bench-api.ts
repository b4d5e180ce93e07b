// API benchmark: the real server in a child process on 127.0.0.1 (PGlite or PostgreSQL, with the
// demo data set), loaded by autocannon from this process: a list route and a create route, each as a
// ratio of requests/s to a trivial route (/ping, no database) measured in the same run, and to the
// engine's own limit for the same work: the same SQL written by hand and run straight against the
// same database from this process, with the same concurrency and duration, once the server has
// stopped (services/bench/api-reference.ts).
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../db/connect.js';
import {
  handCreatePerson,
  handListPage,
  runLoops,
  type BenchActor,
  type LoopResult,
} from '../../services/bench/api-reference.js';
import { createBenchDatabase, dropBenchDatabase } from '../../services/bench/bench-db.js';
import { DEMO_PASSWORD } from '../../services/demo/demo-users.js';

export interface ApiBenchRow {
  readonly engine: string;
  readonly route: string;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly ratioToTrivial: number;
  readonly errors: number;
  /** The same work as hand-written SQL straight against the engine (absent for /ping). */
  readonly engineLimit?: LoopResult;
  /** requests/s of the route / requests/s of the hand-written SQL. */
  readonly ratioToEngine?: number;
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  // The database comes from `env` alone: an inherited DATABASE_URL (the admin URL the postgres run
  // needs) would silently turn the PGlite run into a PostgreSQL one on the admin database.
  const inherited: Record<string, string | undefined> = { ...process.env };
  delete inherited['DATABASE_URL'];
  delete inherited['LINKWORK_DATA_DIR'];
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'server', 'main.js')], {
    env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1', LINKWORK_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('is running at')) resolve();
    });
    child.on('exit', (code) => {
      reject(new Error(`server exited with ${code}: ${out.slice(-500)}`));
    });
  });
  return child;
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => {
      if (err !== null && err !== undefined) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(result);
    });
  });
}

export async function benchApi(
  engines: readonly string[],
  adminUrl: string | undefined,
  opts: { scale: number; seconds: number; connections: number },
  log: (line: string) => void,
): Promise<ApiBenchRow[]> {
  const rows: ApiBenchRow[] = [];
  if (engines.includes('postgres') && adminUrl === undefined) {
    throw new Error('the postgres API benchmark needs DATABASE_URL (an admin URL)');
  }
  let port = 38_000;
  for (const engine of engines) {
    const work = await mkdtemp(join(tmpdir(), 'linkwork-api-bench-'));
    const env: Record<string, string> = {
      LINKWORK_DEMO: 'true',
      LINKWORK_DEMO_SCALE: String(opts.scale),
      LINKWORK_LOGIN_PER_MINUTE: '1000',
    };
    if (engine === 'postgres' && adminUrl !== undefined) {
      env['DATABASE_URL'] = await createBenchDatabase(adminUrl, 'api');
    } else {
      env['LINKWORK_DATA_DIR'] = join(work, 'data');
    }
    log(`${engine}: starting the server with ${opts.scale} demo referrals...`);
    const server = await startServer(env, ++port);
    let stopped = false;
    const stop = async (): Promise<void> => {
      if (stopped) return;
      stopped = true;
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    };
    try {
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'manager', password: DEMO_PASSWORD }),
      });
      const session = (await login.json()) as {
        csrfToken: string;
        user: { id: string; username: string; role: string; schemeIds: string[] };
      };
      const actor: BenchActor = {
        userId: session.user.id,
        username: session.user.username,
        role: session.user.role,
        schemeIds: session.user.schemeIds,
      };
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const headers = { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
      const schemeId = session.user.schemeIds[0] ?? '';
      const common = { connections: opts.connections, duration: opts.seconds, headers };
      const trivial = await run({ ...common, url: `${base}/ping` });
      let n = 0;
      const cases: [string, autocannon.Options][] = [
        ['GET /api/referrals (list, 50 per page)', { ...common, url: `${base}/api/referrals?pageSize=50` }],
        [
          'POST /api/people (create)',
          {
            ...common,
            url: `${base}/api/people`,
            method: 'POST',
            requests: [
              {
                setupRequest: (req) => ({
                  ...req,
                  body: JSON.stringify({
                    schemeId,
                    givenName: 'Bench',
                    familyName: `Person${++n}`,
                    dateOfBirth: '1970-01-01',
                    allowPossibleDuplicate: true,
                  }),
                }),
              },
            ],
          },
        ],
      ];
      rows.push({
        engine,
        route: 'GET /ping (trivial)',
        requestsPerSecond: trivial.requests.average,
        p99Ms: trivial.latency.p99,
        ratioToTrivial: 1,
        errors: trivial.errors + trivial.non2xx,
      });
      const measured: autocannon.Result[] = [];
      for (const [, o] of cases) measured.push(await run(o));
      // The engine's own limit: the same work by hand, on the same database, once the server is
      // gone (a PGlite data directory has one owner at a time).
      await stop();
      const direct = await openDb(
        engine === 'postgres' ? { databaseUrl: env['DATABASE_URL'] } : { dataDir: env['LINKWORK_DATA_DIR'] },
      );
      const limits: LoopResult[] = [];
      try {
        const loop = { connections: opts.connections, seconds: opts.seconds };
        limits.push(await runLoops(handListPage(direct.db, actor), loop));
        limits.push(await runLoops(handCreatePerson(direct.db, actor, schemeId), loop));
      } finally {
        await direct.close();
      }
      cases.forEach(([route], i) => {
        const r = measured[i];
        const limit = limits[i];
        if (r === undefined || limit === undefined) return;
        rows.push({
          engine,
          route,
          requestsPerSecond: r.requests.average,
          p99Ms: r.latency.p99,
          ratioToTrivial: r.requests.average / trivial.requests.average,
          errors: r.errors + r.non2xx,
          engineLimit: limit,
          ratioToEngine: r.requests.average / limit.requestsPerSecond,
        });
      });
    } finally {
      await stop();
      if (engine === 'postgres' && adminUrl !== undefined) await dropBenchDatabase(adminUrl, 'api');
      await rm(work, { recursive: true, force: true });
    }
  }
  return rows;
}
