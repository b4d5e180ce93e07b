// `npm run bench -- evaluation`: each evaluation report (SQL aggregates + statistics + disclosure
// control, exactly as the API runs it) against ONE hand-written SQL query computing the same
// figures, timed in the same run on the same database (issue #8: ratio <= 1.5; on server
// PostgreSQL each report < 1 s at 1,000,000 referrals). The hand-written queries are written for
// one fixed grouping each, with no query builder, no generic dimensions and no post-processing:
// the engine's own limit for that question. Each is written twice: from the casework tables (the
// cost of the question asked of the record itself) and from the evaluation facts the report reads
// (the like-for-like limit); the time to build the facts after the load is printed too.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DemoOptions } from '../demo/demo.service.js';
import { analyticSettings } from '../../db/evaluation/evaluation.repository.js';
import { refreshFacts } from '../../db/evaluation/facts.repository.js';
import { loadDemo } from '../demo/demo.service.js';
import { protectReport } from '../evaluation/disclosure.service.js';
import { MEASURE_META, runReport } from '../evaluation/evaluation.service.js';
import type { BenchTarget } from './bench-db.js';

export interface EvaluationBenchRow {
  readonly engine: string;
  readonly referrals: number;
  readonly report: string;
  readonly reportSeconds: number;
  readonly handSqlSeconds: number;
  readonly ratio: number;
  /** The same figures by hand from the evaluation facts the report reads (the engine's limit there). */
  readonly factsSqlSeconds: number;
  /** report time / hand-written query over the facts. */
  readonly factsRatio: number;
  /** Building every referral's facts from nothing after the load (once per engine). */
  readonly factBuildSeconds: number;
  /** The report's total referrals equals the hand-written query's (a check that both computed the same). */
  readonly totalsAgree: boolean;
}

const ZONE = sql.raw(`'Europe/London'`);

/** The facts every hand-written query starts from: referrals in the window with their model in force. */
const handFacts = (from: string, to: string) => sql`
  sv AS (
    SELECT v.scheme_id,
      CASE WHEN v.valid_from = min(v.valid_from) OVER (PARTITION BY v.scheme_id) THEN '-infinity'::date ELSE v.valid_from END AS vf,
      coalesce(v.valid_to, 'infinity'::date) AS vt, v.delivery_model
    FROM scheme_version v
  ),
  f AS (
    SELECT r.*, sv.delivery_model
    FROM referral r
    LEFT JOIN sv ON sv.scheme_id = r.scheme_id AND (r.referred_at AT TIME ZONE ${ZONE})::date BETWEEN sv.vf AND sv.vt
    WHERE r.referred_at >= (${from}::date::timestamp AT TIME ZONE ${ZONE})
      AND r.referred_at < ((${to}::date + 1)::timestamp AT TIME ZONE ${ZONE})
  )`;

/**
 * The reliable-change threshold of each pair `p` for its model and for the total (each needs the
 * baseline SD of its own set), shared by both hand-written outcomes queries.
 */
const THRESHOLDS = sql.raw(`t AS (
          SELECT p.*,
            1.96 * sqrt(2) * CASE WHEN kind = 'sem' THEN rel ELSE stddev_samp(v0) OVER (PARTITION BY model, instrument_id, measure) * sqrt(1 - rel) END AS thr_g,
            1.96 * sqrt(2) * CASE WHEN kind = 'sem' THEN rel ELSE stddev_samp(v0) OVER (PARTITION BY instrument_id, measure) * sqrt(1 - rel) END AS thr_t
          FROM p
        )`);

/** Pre/post change by model and in total from `t`, as the outcomes report computes it. */
const CHANGE_BY_MODEL =
  sql.raw(`SELECT 'change' AS part, model, instrument_id, measure, count(*)::int AS n, avg(v0), avg(v0 + d), avg(d),
          stddev_samp(d), count(*) FILTER (WHERE sign * d >= mid - 1e-9), count(*) FILTER (WHERE sign * d <= -(mid - 1e-9)),
          CASE WHEN GROUPING(model) = 0 THEN count(*) FILTER (WHERE sign * d > thr_g) ELSE count(*) FILTER (WHERE sign * d > thr_t) END,
          CASE WHEN GROUPING(model) = 0 THEN count(*) FILTER (WHERE sign * d < -thr_g) ELSE count(*) FILTER (WHERE sign * d < -thr_t) END
        FROM t GROUP BY GROUPING SETS ((model, instrument_id, measure), (instrument_id, measure))`);

interface Case {
  readonly name: string;
  readonly params: { set: string; by: string[] };
  /** From the casework tables, as if there were no facts. */
  readonly hand: (db: Kysely<Database>, from: string, to: string) => Promise<number>;
  /** From the evaluation facts (referral_fact, outcome_pair), which the report reads. */
  readonly facts: (db: Kysely<Database>, from: string, to: string) => Promise<number>;
}

/** The referrals in the window, from the facts. */
const factWindow = (from: string, to: string) => sql`
  f AS (
    SELECT * FROM referral_fact
    WHERE referred_at >= (${from}::date::timestamp AT TIME ZONE ${ZONE})
      AND referred_at < ((${to}::date + 1)::timestamp AT TIME ZONE ${ZONE})
  )`;

const VALIDATED = () =>
  sql`ARRAY[${sql.join([...new Set(MEASURE_META.map((x) => x.instrumentId))])}]::text[]`;

const measureValues = (withReliability: boolean) =>
  sql`m (instrument_id, measure, sign, mid, kind, rel) AS (VALUES ${sql.join(
    MEASURE_META.filter((x) => withReliability || x.mid !== null).map(
      (x) =>
        sql`(${x.instrumentId}::text, ${x.measure}::text, ${x.sign}::int, ${x.mid}::float8, ${x.reliability?.kind ?? null}::text, ${x.reliability?.value ?? null}::float8)`,
    ),
  )})`;

const CASES: readonly Case[] = [
  {
    name: 'activity by model',
    params: { set: 'activity', by: ['model'] },
    hand: async (db, from, to) => {
      const r = await sql<{ model: string | null; received: number }>`
        WITH ${handFacts(from, to)},
        c AS (
          SELECT c.referral_id, count(*) AS n, sum(c.duration_minutes) AS minutes, min(c.contact_at) AS first_at
          FROM contact c JOIN f ON f.id = c.referral_id WHERE c.outcome = 'attended' GROUP BY c.referral_id
        ),
        s AS (
          SELECT s.referral_id, count(*) AS n, count(*) FILTER (WHERE s.attendance = 'attended') AS att,
            count(*) FILTER (WHERE s.attendance <> 'not_known') AS known
          FROM signpost s JOIN f ON f.id = s.referral_id GROUP BY s.referral_id
        ),
        o AS (
          SELECT DISTINCT q.referral_id FROM questionnaire_response q JOIN f ON f.id = q.referral_id
          WHERE q.score_status = 'scored' AND q.instrument_id IN ('ons4', 'wemwbs', 'swemwbs', 'ucla3', 'ons-loneliness', 'phq9', 'gad7')
          GROUP BY q.referral_id, q.instrument_id
          HAVING min(q.administered_on) FILTER (WHERE q.timepoint = 'baseline') <= max(q.administered_on) FILTER (WHERE q.timepoint <> 'baseline')
        )
        SELECT f.delivery_model AS model, count(*)::int AS received,
          count(*) FILTER (WHERE f.status = 'declined') AS declined,
          count(*) FILTER (WHERE f.status IN ('active', 'discharged', 'did_not_engage')) AS accepted,
          count(*) FILTER (WHERE f.status = 'did_not_engage') AS dne,
          count(*) FILTER (WHERE f.previous_referral_id IS NOT NULL) AS rereferrals,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY (c.first_at AT TIME ZONE ${ZONE})::date - (f.referred_at AT TIME ZONE ${ZONE})::date) FILTER (WHERE c.first_at >= f.referred_at) AS wait_median,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY (c.first_at AT TIME ZONE ${ZONE})::date - (f.referred_at AT TIME ZONE ${ZONE})::date) FILTER (WHERE c.first_at >= f.referred_at) AS wait_p90,
          sum(c.n) AS contacts, sum(c.minutes) AS minutes,
          count(*) FILTER (WHERE c.n = 1) AS light, count(*) FILTER (WHERE c.n BETWEEN 2 AND 6) AS short,
          count(*) FILTER (WHERE c.n > 6) AS extended,
          sum(s.n) AS signposts, sum(s.att) AS attended, sum(s.known) AS known,
          count(*) FILTER (WHERE f.status = 'discharged' AND o.referral_id IS NOT NULL) AS completed
        FROM f LEFT JOIN c ON c.referral_id = f.id LEFT JOIN s ON s.referral_id = f.id LEFT JOIN o ON o.referral_id = f.id
        GROUP BY ROLLUP (f.delivery_model)`.execute(db);
      return r.rows.find((x) => x.model === null)?.received ?? 0;
    },
    facts: async (db, from, to) => {
      const r = await sql<{ model: string | null; received: number }>`
        WITH ${factWindow(from, to)}
        SELECT delivery_model AS model, count(*)::int AS received,
          count(*) FILTER (WHERE status = 'declined') AS declined,
          count(*) FILTER (WHERE status IN ('active', 'discharged', 'did_not_engage')) AS accepted,
          count(*) FILTER (WHERE status = 'did_not_engage') AS dne,
          count(*) FILTER (WHERE rereferral) AS rereferrals,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_days) AS wait_median,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_days) AS wait_p90,
          sum(attended), sum(attended_minutes),
          percentile_cont(0.5) WITHIN GROUP (ORDER BY attended) FILTER (WHERE status IN ('active', 'discharged', 'did_not_engage')),
          count(*) FILTER (WHERE attended = 1) AS light, count(*) FILTER (WHERE attended BETWEEN 2 AND 6) AS short,
          count(*) FILTER (WHERE attended > 6) AS extended,
          sum(signposts), sum(signposts_attended), sum(signposts_known),
          count(*) FILTER (WHERE status = 'discharged' AND outcome_instruments && ${VALIDATED()}) AS completed
        FROM f GROUP BY ROLLUP (delivery_model)`.execute(db);
      return r.rows.find((x) => x.model === null)?.received ?? 0;
    },
  },
  {
    name: 'outcomes by model',
    params: { set: 'outcomes', by: ['model'] },
    hand: async (db, from, to) => {
      // Completion and change in one statement; reliable change needs each row's own baseline SD,
      // so both the group's and the total's thresholds are computed by window and the right one
      // picked per row.
      const r = await sql<{ part: string; model: string | null; n: number }>`
        WITH ${handFacts(from, to)},
        ${measureValues(true)},
        q AS (
          SELECT q.* FROM questionnaire_response q JOIN f ON f.id = q.referral_id
          WHERE q.score_status = 'scored' AND q.instrument_id IN (${sql.join([...new Set(MEASURE_META.map((x) => x.instrumentId))])})
        ),
        b AS (
          SELECT DISTINCT ON (referral_id, instrument_id) referral_id, instrument_id, id, administered_on
          FROM q WHERE timepoint = 'baseline' ORDER BY referral_id, instrument_id, administered_on, id
        ),
        l AS (
          SELECT DISTINCT ON (q.referral_id, q.instrument_id) q.referral_id, q.instrument_id, q.id, q.administered_on
          FROM q JOIN b ON b.referral_id = q.referral_id AND b.instrument_id = q.instrument_id
          WHERE q.timepoint <> 'baseline' AND q.administered_on >= b.administered_on
          ORDER BY q.referral_id, q.instrument_id, q.administered_on DESC, q.id DESC
        ),
        p AS (
          SELECT f.delivery_model AS model, b.instrument_id, s0.measure, s0.value AS v0, s1.value - s0.value AS d,
            m.sign, m.mid, m.kind, m.rel
          FROM b JOIN l ON l.referral_id = b.referral_id AND l.instrument_id = b.instrument_id
          JOIN questionnaire_score s0 ON s0.response_id = b.id
          JOIN questionnaire_score s1 ON s1.response_id = l.id AND s1.measure = s0.measure
          JOIN m ON m.instrument_id = b.instrument_id AND m.measure = s0.measure
          JOIN f ON f.id = b.referral_id
        ),
        ${THRESHOLDS},
        done AS (
          SELECT DISTINCT b.referral_id FROM b JOIN l ON l.referral_id = b.referral_id AND l.instrument_id = b.instrument_id
        )
        ${CHANGE_BY_MODEL}
        UNION ALL
        SELECT 'completion', f.delivery_model, NULL, NULL, count(*) FILTER (WHERE f.status = 'discharged')::int,
          count(*) FILTER (WHERE f.status = 'discharged' AND done.referral_id IS NOT NULL), NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM f LEFT JOIN done ON done.referral_id = f.id
        GROUP BY ROLLUP (f.delivery_model)`.execute(db);
      return r.rows.find((x) => x.part === 'completion' && x.model === null)?.n ?? 0;
    },
    facts: async (db, from, to) => {
      const r = await sql<{ part: string; model: string | null; n: number }>`
        WITH ${factWindow(from, to)}, ${measureValues(true)},
        p AS (
          SELECT f.delivery_model AS model, o.instrument_id, o.measure, o.baseline AS v0, o.follow_up - o.baseline AS d,
            m.sign, m.mid, m.kind, m.rel
          FROM outcome_pair o JOIN f ON f.referral_id = o.referral_id
          JOIN m ON m.instrument_id = o.instrument_id AND m.measure = o.measure
        ),
        ${THRESHOLDS}
        ${CHANGE_BY_MODEL}
        UNION ALL
        SELECT 'completion', delivery_model, NULL, NULL, count(*) FILTER (WHERE status = 'discharged')::int,
          count(*) FILTER (WHERE status = 'discharged' AND outcome_instruments && ${VALIDATED()}), NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM f GROUP BY ROLLUP (delivery_model)`.execute(db);
      return r.rows.find((x) => x.part === 'completion' && x.model === null)?.n ?? 0;
    },
  },
  {
    name: 'data-quality by scheme',
    params: { set: 'data-quality', by: [] },
    hand: async (db, from, to) => {
      const r = await sql<{ scheme_id: string | null; n: number }>`
        WITH ${handFacts(from, to)},
        c AS (
          SELECT c.referral_id, count(*) AS n, count(c.location_type) AS loc, count(c.staff_id) AS staff,
            count(c.duration_minutes) AS dur, count(*) FILTER (WHERE c.duration_minutes BETWEEN 1 AND 480) AS valid_dur,
            count(*) FILTER (WHERE c.recorded_at - c.contact_at <= interval '7 days') AS on_time,
            bool_or(c.contact_at > f.closed_at) AS after_close, bool_or(c.contact_at < f.referred_at) AS before_ref
          FROM contact c JOIN f ON f.id = c.referral_id GROUP BY c.referral_id
        ),
        s AS (
          SELECT s.referral_id, count(*) AS n, count(s.reason_need) AS reason
          FROM signpost s JOIN f ON f.id = s.referral_id GROUP BY s.referral_id
        ),
        q AS (
          SELECT q.referral_id,
            bool_or(q.timepoint = 'baseline' AND q.score_status = 'scored'
              AND q.instrument_id IN (${sql.join([...new Set(MEASURE_META.map((x) => x.instrumentId))])})) AS has_baseline,
            min(q.administered_on) FILTER (WHERE q.timepoint = 'baseline') AS b,
            min(q.administered_on) FILTER (WHERE q.timepoint <> 'baseline') AS fu
          FROM questionnaire_response q JOIN f ON f.id = q.referral_id GROUP BY q.referral_id
        )
        SELECT f.scheme_id, count(*)::int AS n,
          count(*) FILTER (WHERE f.status IN ('active', 'discharged', 'did_not_engage')) AS accepted,
          count(*) FILTER (WHERE f.status IN ('discharged', 'did_not_engage')) AS closed,
          sum(c.n) AS contacts, sum(s.n) AS signposts,
          count(*) FILTER (WHERE p.nhs_number IS NOT NULL OR p.chi_number IS NOT NULL), count(p.sex),
          count(p.ethnicity_code), count(p.postcode), count(p.registered_practice_id), count(f.referrer_name),
          count(f.referrer_role), count(f.method), count(f.reason),
          count(*) FILTER (WHERE EXISTS (SELECT 1 FROM referral_need n WHERE n.referral_id = f.id)),
          count(f.consent_to_share),
          count(f.link_worker_id) FILTER (WHERE f.status IN ('active', 'discharged', 'did_not_engage')),
          count(f.discharge_reason) FILTER (WHERE f.status IN ('discharged', 'did_not_engage')),
          sum(c.loc), sum(c.staff), sum(c.dur), sum(s.reason),
          count(*) FILTER (WHERE date_part('year', age((f.referred_at AT TIME ZONE ${ZONE})::date, p.date_of_birth)) BETWEEN 0 AND 110),
          sum(c.valid_dur), count(*) FILTER (WHERE p.postcode IS NOT NULL AND p.deprivation_decile IS NOT NULL),
          count(*) FILTER (WHERE f.recorded_at - f.referred_at <= interval '7 days'),
          sum(c.on_time),
          count(*) FILTER (WHERE c.after_close OR c.before_ref OR q.fu < q.b),
          count(*) FILTER (WHERE q.has_baseline AND f.status IN ('active', 'discharged', 'did_not_engage'))
        FROM f JOIN person p ON p.id = f.person_id LEFT JOIN c ON c.referral_id = f.id
        LEFT JOIN s ON s.referral_id = f.id LEFT JOIN q ON q.referral_id = f.id
        GROUP BY ROLLUP (f.scheme_id)`.execute(db);
      return r.rows.find((x) => x.scheme_id === null)?.n ?? 0;
    },
    facts: async (db, from, to) => {
      const r = await sql<{ scheme_id: string | null; n: number }>`
        WITH ${factWindow(from, to)}
        SELECT scheme_id, count(*)::int AS n,
          count(*) FILTER (WHERE status IN ('active', 'discharged', 'did_not_engage')) AS accepted,
          count(*) FILTER (WHERE status IN ('discharged', 'did_not_engage')) AS closed,
          sum(contacts), sum(signposts), count(*) FILTER (WHERE has_identifier), count(sex), count(ethnicity_code),
          count(*) FILTER (WHERE has_postcode), count(*) FILTER (WHERE has_gp_practice),
          count(*) FILTER (WHERE has_referrer_name), count(*) FILTER (WHERE has_referrer_role),
          count(*) FILTER (WHERE has_method), count(*) FILTER (WHERE has_reason), count(*) FILTER (WHERE has_needs),
          count(*) FILTER (WHERE has_consent),
          count(link_worker_id) FILTER (WHERE status IN ('active', 'discharged', 'did_not_engage')),
          count(*) FILTER (WHERE has_discharge_reason AND status IN ('discharged', 'did_not_engage')),
          sum(contact_location), sum(contact_staff), sum(contact_duration), sum(signposts_reason),
          count(*) FILTER (WHERE age_years BETWEEN 0 AND 110),
          sum(contact_valid_duration), count(*) FILTER (WHERE has_postcode AND deprivation_decile IS NOT NULL),
          count(*) FILTER (WHERE recorded_on_time),
          sum(contacts_on_time),
          count(*) FILTER (WHERE contact_after_close OR contact_before_referral OR follow_up_before_baseline),
          count(*) FILTER (WHERE baseline_instruments && ${VALIDATED()} AND status IN ('active', 'discharged', 'did_not_engage'))
        FROM f GROUP BY ROLLUP (scheme_id)`.execute(db);
      return r.rows.find((x) => x.scheme_id === null)?.n ?? 0;
    },
  },
  {
    name: 'equity by age band',
    params: { set: 'equity', by: ['age_band'] },
    hand: async (db, from, to) => {
      const r = await sql<{ band: string | null; n: number }>`
        WITH ${handFacts(from, to)},
        ${measureValues(false)},
        q AS (
          SELECT q.* FROM questionnaire_response q JOIN f ON f.id = q.referral_id
          WHERE q.score_status = 'scored' AND q.instrument_id IN (${sql.join([...new Set(MEASURE_META.map((x) => x.instrumentId))])})
        ),
        b AS (
          SELECT DISTINCT ON (referral_id, instrument_id) referral_id, instrument_id, id, administered_on
          FROM q WHERE timepoint = 'baseline' ORDER BY referral_id, instrument_id, administered_on, id
        ),
        l AS (
          SELECT DISTINCT ON (q.referral_id, q.instrument_id) q.referral_id, q.instrument_id, q.id
          FROM q JOIN b ON b.referral_id = q.referral_id AND b.instrument_id = q.instrument_id
          WHERE q.timepoint <> 'baseline' AND q.administered_on >= b.administered_on
          ORDER BY q.referral_id, q.instrument_id, q.administered_on DESC, q.id DESC
        ),
        per AS (
          SELECT b.referral_id, bool_or(m.sign * (s1.value - s0.value) >= m.mid - 1e-9) AS improved
          FROM b JOIN l ON l.referral_id = b.referral_id AND l.instrument_id = b.instrument_id
          JOIN questionnaire_score s0 ON s0.response_id = b.id
          JOIN questionnaire_score s1 ON s1.response_id = l.id AND s1.measure = s0.measure
          JOIN m ON m.instrument_id = b.instrument_id AND m.measure = s0.measure
          GROUP BY b.referral_id
        ),
        x AS (
          SELECT date_part('year', age((f.referred_at AT TIME ZONE ${ZONE})::date, p.date_of_birth)) AS a,
            per.referral_id IS NOT NULL AS paired, coalesce(per.improved, false) AS improved
          FROM f JOIN person p ON p.id = f.person_id LEFT JOIN per ON per.referral_id = f.id
        )
        SELECT CASE WHEN a < 18 THEN '0-17' WHEN a < 25 THEN '18-24' WHEN a < 35 THEN '25-34' WHEN a < 45 THEN '35-44'
          WHEN a < 55 THEN '45-54' WHEN a < 65 THEN '55-64' WHEN a < 75 THEN '65-74' WHEN a < 85 THEN '75-84' ELSE '85+' END AS band,
          count(*)::int AS n, count(*) FILTER (WHERE paired) AS paired, count(*) FILTER (WHERE improved) AS improved
        FROM x GROUP BY ROLLUP (1)`.execute(db);
      return r.rows.find((x) => x.band === null)?.n ?? 0;
    },
    facts: async (db, from, to) => {
      const r = await sql<{ band: string | null; n: number }>`
        WITH ${factWindow(from, to)}, ${measureValues(false)},
        per AS (
          SELECT o.referral_id, bool_or(m.sign * (o.follow_up - o.baseline) >= m.mid - 1e-9) AS improved
          FROM outcome_pair o JOIN f ON f.referral_id = o.referral_id
          JOIN m ON m.instrument_id = o.instrument_id AND m.measure = o.measure
          GROUP BY o.referral_id
        ),
        x AS (
          SELECT f.age_years AS a,
            per.referral_id IS NOT NULL AS paired, coalesce(per.improved, false) AS improved
          FROM f LEFT JOIN per ON per.referral_id = f.referral_id
        )
        SELECT CASE WHEN a < 18 THEN '0-17' WHEN a < 25 THEN '18-24' WHEN a < 35 THEN '25-34' WHEN a < 45 THEN '35-44'
          WHEN a < 55 THEN '45-54' WHEN a < 65 THEN '55-64' WHEN a < 75 THEN '65-74' WHEN a < 85 THEN '75-84' ELSE '85+' END AS band,
          count(*)::int AS n, count(*) FILTER (WHERE paired) AS paired, count(*) FILTER (WHERE improved) AS improved
        FROM x GROUP BY ROLLUP (1)`.execute(db);
      return r.rows.find((x) => x.band === null)?.n ?? 0;
    },
  },
];

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/**
 * Loads `demo` into a fresh database per target, then times each report and its hand-written
 * query, alternating, three times each after one warm-up of each; reports the medians.
 */
export async function benchEvaluation(
  targets: readonly BenchTarget[],
  demo: DemoOptions,
  log: (line: string) => void,
  progress?: (phase: string, done: number, total: number) => void,
  runs = 3,
): Promise<EvaluationBenchRow[]> {
  const out: EvaluationBenchRow[] = [];
  // The demo spans 2021 to its `today`: report over everything.
  const from = '2020-01-01';
  const to = demo.today;
  for (const target of targets) {
    const bench = await target.fresh('evaluation');
    try {
      log(`[${target.engine}] loading ${demo.scale} demo referrals`);
      await loadDemo(bench.handle, demo, (done, total) => progress?.(`[${target.engine}] load`, done, total));
      await sql`ANALYZE`.execute(bench.handle.db);
      // The facts every report reads, built from nothing for the whole load (what the first
      // report after a bulk load does); later writes rebuild only the referrals they touch.
      const build = await timed(() => refreshFacts(bench.handle.db));
      await sql`ANALYZE referral_fact`.execute(bench.handle.db);
      await sql`ANALYZE outcome_pair`.execute(bench.handle.db);
      log(
        `[${target.engine}] facts built for ${build.value.referrals} referrals in ${build.seconds.toFixed(3)} s`,
      );
      for (const c of CASES) {
        const report = () =>
          runReport(bench.handle, { ...c.params, from, to }, {}, 'benchmark').then((r) =>
            protectReport(r, 'nhs-england'),
          );
        // The same settings the reports use (evaluation.repository.ts `analyticSettings`).
        const hand = () =>
          bench.handle.db.transaction().execute(async (trx) => {
            await analyticSettings(trx);
            return c.hand(trx, from, to);
          });
        const factsSql = () =>
          bench.handle.db.transaction().execute(async (trx) => {
            await analyticSettings(trx);
            return c.facts(trx, from, to);
          });
        await report();
        await hand();
        await factsSql();
        const reportTimes: number[] = [];
        const handTimes: number[] = [];
        const factsTimes: number[] = [];
        let totalsAgree = true;
        for (let i = 0; i < runs; i++) {
          const r = await timed(report);
          const h = await timed(hand);
          const x = await timed(factsSql);
          reportTimes.push(r.seconds);
          handTimes.push(h.seconds);
          factsTimes.push(x.seconds);
          totalsAgree &&= x.value === h.value;
          const first = r.value.tables[0];
          const totalRow = first?.rows.find((x) => x.level === 'total') ?? first?.rows[0];
          const shown =
            totalRow?.cells['received']?.value ??
            totalRow?.cells['referrals']?.value ??
            totalRow?.cells['discharged']?.value;
          // Published totals are rounded to 5: agree within the rounding.
          if (shown !== null && shown !== undefined) {
            totalsAgree &&= Math.abs(shown - h.value) <= 2;
          }
        }
        const row: EvaluationBenchRow = {
          engine: target.engine,
          referrals: demo.scale,
          report: c.name,
          reportSeconds: median(reportTimes),
          handSqlSeconds: median(handTimes),
          ratio: median(reportTimes) / median(handTimes),
          factsSqlSeconds: median(factsTimes),
          factsRatio: median(reportTimes) / median(factsTimes),
          factBuildSeconds: build.seconds,
          totalsAgree,
        };
        log(
          `[${target.engine}] ${c.name}: report ${row.reportSeconds.toFixed(3)} s; hand-written SQL from the casework tables ${row.handSqlSeconds.toFixed(3)} s (ratio ${row.ratio.toFixed(2)}), from the facts ${row.factsSqlSeconds.toFixed(3)} s (ratio ${row.factsRatio.toFixed(2)})`,
        );
        out.push(row);
      }
    } finally {
      await bench.dispose();
    }
  }
  return out;
}
