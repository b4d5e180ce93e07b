// API benchmark: the real server in a child process on 127.0.0.1 (PGlite or PostgreSQL, with the
// demo data set), loaded by autocannon from this process: a list route and a create route, each as a
// ratio of requests/s to a trivial route (/ping, no database) measured in the same run.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchDatabase, dropBenchDatabase } from '../../services/bench/bench-db.js';
import { DEMO_PASSWORD } from '../../services/demo/demo-users.js';

export interface ApiBenchRow {
  readonly engine: string;
  readonly route: string;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly ratioToTrivial: number;
  readonly errors: number;
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'server', 'main.js')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LINKWORK_LOG_LEVEL: 'warn' },
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
  let port = 38_000;
  for (const engine of engines) {
    const work = await mkdtemp(join(tmpdir(), 'linkwork-api-bench-'));
    const env: Record<string, string> = {
      LINKWORK_DEMO: 'true',
      LINKWORK_DEMO_SCALE: String(opts.scale),
      LINKWORK_LOGIN_PER_MINUTE: '1000',
    };
    if (engine === 'postgres') {
      if (adminUrl === undefined) {
        throw new Error('the postgres API benchmark needs DATABASE_URL (an admin URL)');
      }
      env['DATABASE_URL'] = await createBenchDatabase(adminUrl, 'api');
    } else {
      env['LINKWORK_DATA_DIR'] = join(work, 'data');
    }
    log(`${engine}: starting the server with ${opts.scale} demo referrals...`);
    const server = await startServer(env, ++port);
    try {
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'manager', password: DEMO_PASSWORD }),
      });
      const session = (await login.json()) as { csrfToken: string; user: { schemeIds: string[] } };
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
      for (const [route, o] of cases) {
        const r = await run(o);
        rows.push({
          engine,
          route,
          requestsPerSecond: r.requests.average,
          p99Ms: r.latency.p99,
          ratioToTrivial: r.requests.average / trivial.requests.average,
          errors: r.errors + r.non2xx,
        });
      }
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      if (engine === 'postgres' && adminUrl !== undefined) await dropBenchDatabase(adminUrl, 'api');
      await rm(work, { recursive: true, force: true });
    }
  }
  return rows;
}
