// The engine's own limit for the API benchmark's routes: the same work written by hand as plain
// SQL (no HTTP, no framework, no query builder, no validation, presenters or serialisation) and
// run straight against the engine with the same concurrency and duration, in the same run.
//
// - list: one page of 50 referrals of the user's schemes, newest first, with each person's name and
//   coded needs and the total, then one `list` audit event per referral shown (committed with
//   synchronous_commit off, as the API commits read events).
// - create: the duplicate check (same family name and date of birth), then the person, its scheme
//   link and its `create` audit event in one statement.
//
// Both are written the way a careful hand would write them for speed (the page as one JSON value,
// the audit events as one JSON parameter), so the ratio route / reference is what the application
// costs on top of the SQL it cannot avoid.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

export interface BenchActor {
  readonly userId: string;
  readonly username: string;
  readonly role: string;
  readonly schemeIds: readonly string[];
}

export interface LoopResult {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
}

/**
 * Runs `work` from `connections` concurrent loops for `seconds`, after `warmupSeconds` of the same
 * unmeasured (the database was just opened: caches are cold, while the server it is compared with
 * has been serving for a while); requests/s and p99 latency. A failing reference is a broken
 * benchmark, not a slow one: the first error stops every loop and is thrown.
 */
export async function runLoops(
  work: () => Promise<unknown>,
  opts: { readonly connections: number; readonly seconds: number; readonly warmupSeconds?: number },
): Promise<LoopResult> {
  const warmup = opts.warmupSeconds ?? 2;
  if (warmup > 0) await runLoops(work, { ...opts, seconds: warmup, warmupSeconds: 0 });
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  let failed = false;
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (!failed && performance.now() < end) {
        const t = performance.now();
        try {
          await work();
        } catch (error) {
          failed = true;
          throw error;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  return { requestsPerSecond: latencies.length / elapsed, p99Ms: p99 };
}

/** One list page and its audit events, by hand. */
export function handListPage(db: Kysely<Database>, actor: BenchActor, pageSize = 50) {
  const schemes = sql`ARRAY[${sql.join(actor.schemeIds.map((id) => sql`${id}::uuid`))}]`;
  return async (): Promise<void> => {
    const page = await sql<{ total: number; rows: { id: string; scheme_id: string }[] }>`
      SELECT (SELECT count(*) FROM referral WHERE scheme_id = ANY(${schemes})) AS total,
        coalesce(json_agg(page ORDER BY page.referred_at DESC, page.id), '[]') AS rows
      FROM (
        SELECT r.*, p.given_name, p.family_name,
          ARRAY(SELECT n.need FROM referral_need n WHERE n.referral_id = r.id ORDER BY n.need) AS needs
        FROM (
          SELECT id, version, person_id, scheme_id, referred_at, route, referrer_role, referrer_name,
            referrer_org_id, referrer_org_text, method, reason, priority_group, status, snomed_code,
            link_worker_id, previous_referral_id, accepted_at, closed_at, discharge_reason,
            consent_to_share, recorded_at
          FROM referral WHERE scheme_id = ANY(${schemes})
          ORDER BY referred_at DESC, id LIMIT ${pageSize}
        ) r JOIN person p ON p.id = r.person_id
      ) page`.execute(db);
    const rows = page.rows[0]?.rows ?? [];
    if (rows.length === 0) return;
    const events = JSON.stringify(rows.map((r) => ({ entity_id: r.id, scheme_id: r.scheme_id })));
    await sql`
      WITH cfg AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
      INSERT INTO audit_event (user_id, username, role, action, entity, entity_id, scheme_id, request_id)
      SELECT ${actor.userId}::uuid, ${actor.username}, ${actor.role}, 'list', 'referral', e.entity_id,
        e.scheme_id, ${randomUUID()}
      FROM json_to_recordset(${events}::json) AS e(entity_id text, scheme_id uuid) CROSS JOIN cfg`.execute(
      db,
    );
  };
}

/** One person recorded in a scheme, by hand (the same duplicate check first). */
export function handCreatePerson(db: Kysely<Database>, actor: BenchActor, schemeId: string) {
  let n = 0;
  return async (): Promise<void> => {
    const familyName = `Reference${++n}-${randomUUID().slice(0, 8)}`;
    await sql`
      SELECT id FROM person
      WHERE lower(family_name) = ${familyName.toLowerCase()} AND date_of_birth = '1970-01-01' LIMIT 10`.execute(
      db,
    );
    const id = randomUUID();
    await sql`
      WITH p AS (
        INSERT INTO person (id, given_name, family_name, date_of_birth)
        VALUES (${id}, 'Bench', ${familyName}, '1970-01-01') RETURNING *
      ), held AS (
        INSERT INTO person_scheme (person_id, scheme_id) SELECT p.id, ${schemeId}::uuid FROM p
      ), audited AS (
        INSERT INTO audit_event (user_id, username, role, action, entity, entity_id, scheme_id, request_id)
        VALUES (${actor.userId}::uuid, ${actor.username}, ${actor.role}, 'create', 'person', ${id},
          ${schemeId}::uuid, ${randomUUID()})
      )
      SELECT * FROM p`.execute(db);
  };
}
