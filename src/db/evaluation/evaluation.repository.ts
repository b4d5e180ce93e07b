// Evaluation aggregates, computed in SQL (issue #8: grouping, percentiles and joins in the engine,
// never by loading rows into JavaScript). Each metric is defined in docs/metrics.md; the inclusion
// rules here are that document's, and the domain mirrors (intensity bands, age bands, ethnic
// groups) live in src/domain/evaluation/metrics.ts. Runs unchanged on PGlite and PostgreSQL 15+.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { QUALITY_COUNT_KEYS, type QualityCounts } from '../../domain/evaluation/data-quality.js';
import {
  DEFAULT_INTENSITY_BANDS,
  type Dimension,
  type IntensityBands,
} from '../../domain/evaluation/metrics.js';
import type { Database } from '../database.js';

/** Periods and local dates are read in UK time, whatever the server's time zone. */
export const ZONE = `'Europe/London'`;

export interface EvaluationFilters {
  /** First day of referrals included (YYYY-MM-DD, UK time). */
  readonly from: string;
  /** Last day of referrals included (inclusive). */
  readonly to: string;
  readonly schemeIds?: readonly string[];
  readonly regionIds?: readonly string[];
  readonly models?: readonly string[];
}

/** One measure of one validated instrument, with what its change needs (from the registry). */
export interface MeasureMeta {
  readonly instrumentId: string;
  readonly measure: string;
  /** 1 when higher is better, -1 when lower is better. */
  readonly sign: 1 | -1;
  readonly mid: number | null;
  /** Reliability coefficient (SEM = SD_baseline·√(1-r)) or a published SEM in points. */
  readonly reliability: { readonly kind: 'coefficient' | 'sem'; readonly value: number } | null;
}

/** A row's group keys: null in a key means "all" (a margin or the total). */
export interface GroupKeys {
  readonly g1: string | null;
  readonly g2: string | null;
}

/** Age in whole years on the referral date (UK time), held in the facts. */
const AGE = 'x.age_years';

/** The SQL for one dimension over the facts CTE `x` (a closed list: no caller text reaches SQL). */
function dimensionSql(d: Dimension): string {
  switch (d) {
    case 'scheme':
      return 'x.scheme_id::text';
    case 'model':
      return `coalesce(x.delivery_model, 'unknown')`;
    case 'region':
      return 'x.region_id::text';
    case 'pcn':
      return `coalesce(x.network_org_id::text, 'unknown')`;
    case 'link_worker':
      return `coalesce(x.link_worker_id::text, 'unassigned')`;
    // Periods are held in the facts (periodSql below), computed once per referral.
    case 'month':
      return 'x.referred_month';
    case 'quarter':
      return 'x.referred_quarter';
    case 'year':
      return 'x.referred_year';
    case 'priority_group':
      return `coalesce(x.priority_group, 'none')`;
    case 'route':
      return 'x.route';
    case 'intensity_band':
      return 'x.intensity_band';
    case 'age_band':
      return `CASE WHEN ${AGE} < 18 THEN '0-17' WHEN ${AGE} < 25 THEN '18-24' WHEN ${AGE} < 35 THEN '25-34'
        WHEN ${AGE} < 45 THEN '35-44' WHEN ${AGE} < 55 THEN '45-54' WHEN ${AGE} < 65 THEN '55-64'
        WHEN ${AGE} < 75 THEN '65-74' WHEN ${AGE} < 85 THEN '75-84' ELSE '85+' END`;
    case 'sex':
      return `coalesce(x.sex, 'not_recorded')`;
    // High-level groups of the UK Core ethnic category codes (England A-S, Z; Scotland 1A-6Z).
    case 'ethnic_group':
      return `CASE WHEN x.ethnicity_code IS NULL THEN 'not_recorded'
        WHEN upper(x.ethnicity_code) IN ('A','B','C') OR x.ethnicity_code LIKE '1%' THEN 'white'
        WHEN upper(x.ethnicity_code) IN ('D','E','F','G') OR x.ethnicity_code LIKE '2%' THEN 'mixed'
        WHEN upper(x.ethnicity_code) IN ('H','J','K','L') OR x.ethnicity_code LIKE '3%' THEN 'asian'
        WHEN upper(x.ethnicity_code) IN ('M','N','P') OR x.ethnicity_code LIKE '4%' OR x.ethnicity_code LIKE '5%' THEN 'black'
        WHEN upper(x.ethnicity_code) IN ('R','S') OR x.ethnicity_code LIKE '6%' THEN 'other'
        ELSE 'not_stated' END`;
    case 'deprivation_quintile':
      return `coalesce(ceil(x.deprivation_decile / 2.0)::int::text, 'not_recorded')`;
  }
}

/**
 * The referral's month, NHS financial quarter and financial year from its UK local time `ts`
 * (facts.repository.ts stores them). NHS financial years run April to March: 2025-26 Q1 is
 * April-June 2025.
 */
export function periodSql(ts: string): { month: string; quarter: string; year: string } {
  return {
    month: `to_char(${ts}, 'YYYY-MM')`,
    quarter: `${financialYear(ts)} || ' Q' || (((extract(month FROM ${ts})::int + 8) % 12) / 3 + 1)::text`,
    year: financialYear(ts),
  };
}

function financialYear(ts: string): string {
  const start = `(extract(year FROM ${ts})::int - CASE WHEN extract(month FROM ${ts}) < 4 THEN 1 ELSE 0 END)`;
  return `(${start}::text || '-' || lpad(((${start} + 1) % 100)::text, 2, '0'))`;
}

/**
 * The session settings every analytic statement runs with (SET LOCAL: this transaction only).
 * - JIT off: PostgreSQL's estimates for grouped CTEs are far too high, which switches JIT on, and
 *   compiling cost ~1 s per report on this machine (945 ms of a 1.15 s activity report at 20,000
 *   referrals); hash joins and aggregates gain nothing from it. PGlite has no JIT.
 * - work_mem 64MB: the percentiles (ordered-set aggregates) and the grouping sort over 1,000,000
 *   referrals then sort in memory instead of spilling ~70 MB to disk (EXPLAIN ANALYZE: external
 *   merge at the default 4MB). Memory is taken only as far as the data needs it.
 */
export async function analyticSettings(trx: Kysely<Database>): Promise<void> {
  await sql`SET LOCAL jit = off`.execute(trx);
  await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
}

/** Runs one analytic statement in its own transaction with `analyticSettings`. */
async function analytic<T>(db: Kysely<Database>, query: RawBuilder<T>): Promise<{ rows: T[] }> {
  return db.transaction().execute(async (trx) => {
    await analyticSettings(trx);
    return query.execute(trx);
  });
}

function inList(values: readonly string[]): RawBuilder<unknown> {
  return sql`(${sql.join(values.map((v) => sql`${v}`))})`;
}

/**
 * The referrals a report covers, one row each, from the evaluation facts (facts.repository.ts: the
 * caller refreshes them first), with the columns every dimension reads: `accepted` and the
 * intensity band besides the facts.
 */
function factsCte(f: EvaluationFilters, bands: IntensityBands): RawBuilder<unknown> {
  const empty = (xs?: readonly string[]): boolean => xs !== undefined && xs.length === 0;
  const zone = sql.raw(ZONE);
  const where =
    empty(f.schemeIds) || empty(f.regionIds) || empty(f.models)
      ? sql`false` // a scope with nothing in it: keep the shape, select nothing
      : sql`rf.referred_at >= (${f.from}::date::timestamp AT TIME ZONE ${zone})
        AND rf.referred_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE ${zone})
        ${f.schemeIds === undefined ? sql`` : sql`AND rf.scheme_id IN ${inList(f.schemeIds)}`}
        ${f.regionIds === undefined ? sql`` : sql`AND rf.region_id IN ${inList(f.regionIds)}`}
        ${f.models === undefined ? sql`` : sql`AND rf.delivery_model IN ${inList(f.models)}`}`;
  // Not materialised: a report that reads `f` twice scans the facts twice rather than copying them.
  return sql`f AS NOT MATERIALIZED (
      SELECT rf.*, rf.referral_id AS id,
        (rf.status IN ('active', 'discharged', 'did_not_engage')) AS accepted,
        ${intensitySql(bands)} AS intensity_band
      FROM referral_fact rf
      WHERE ${where}
    )`;
}

/** The intensity band of a referral's attended contacts (docs/metrics.md; bands configurable). */
function intensitySql(bands: IntensityBands): RawBuilder<unknown> {
  return sql`CASE WHEN rf.attended = 0 THEN 'none'
    WHEN rf.attended <= ${bands.lightMax}::int THEN 'light'
    WHEN rf.attended <= ${bands.shortMax}::int THEN 'short' ELSE 'extended' END`;
}

/** `instrument_id` lists (text[]) that include one of the validated instruments. */
function anyValidated(column: string, validated: readonly string[]): RawBuilder<unknown> {
  return sql`(${sql.raw(column)} && ${sql.val([...validated])}::text[])`;
}

/**
 * Group columns g1, g2 over `x`; the outer SELECT list; and the GROUPING SETS giving the groups,
 * both margins and the total (a total row exists even when nothing matches).
 */
function grouping(by: readonly Dimension[]): {
  select: RawBuilder<unknown>;
  keys: RawBuilder<unknown>;
} {
  const [d1, d2] = by;
  const g1 = d1 === undefined ? 'NULL::text' : dimensionSql(d1);
  const g2 = d2 === undefined ? 'NULL::text' : dimensionSql(d2);
  return {
    select: sql.raw(`${g1} AS g1, ${g2} AS g2`),
    keys: sql.raw(d1 === undefined ? 'NULL::text AS g1, NULL::text AS g2' : 'g1, g2'),
  };
}

/** The grouping sets of `by` as lists of keys (the groups, the margins, the total). */
function setsOf(by: readonly Dimension[]): readonly (readonly string[])[] {
  return by.length === 0 ? [[]] : by.length === 1 ? [['g1', 'g2'], []] : [['g1', 'g2'], ['g1'], ['g2'], []];
}

/** Keys of a row of a grouped summary: g1, g2 and which grouping set it belongs to. */
function setKeys(by: readonly Dimension[]): string {
  return by.length === 0 ? 'NULL::text AS g1, NULL::text AS g2, 3 AS gs' : 'g1, g2, GROUPING(g1, g2) AS gs';
}

/** GROUP BY the grouping sets of `by`, each with `extra` keys added. */
function groupBySets(by: readonly Dimension[], extra: readonly string[] = []): RawBuilder<unknown> {
  return sql.raw(
    `GROUP BY GROUPING SETS (${setsOf(by)
      .map((set) => `(${[...set, ...extra].join(', ')})`)
      .join(', ')})`,
  );
}

/**
 * Counts and sums for every group, margin and total in two steps. PostgreSQL cannot split an
 * aggregate over GROUPING SETS between parallel workers, so the referrals are first summed per
 * finest group (and per value of `keys`) in one parallel pass, `base`; the margins and the total
 * are then sums of those few rows, which is exact for counts and sums.
 */
function summed(columns: readonly string[]): RawBuilder<unknown> {
  return sql.raw(columns.map((c) => `coalesce(sum("${c}"), 0)::int AS "${c}"`).join(',\n      '));
}

/**
 * percentile_cont(p) per grouping set, from a frequency table `freq` (gs, g1, g2, v, n) of whole
 * numbers v: PostgreSQL's own rule (linear interpolation between the order statistics at floor and
 * ceil of p·(N-1), counting from 0), so the result is what percentile_cont over the referrals
 * gives, without sorting them.
 */
export function percentilesFrom(name: string, freq: string, ps: readonly number[]): RawBuilder<unknown> {
  const columns = ps.map((p, i) => {
    const h = `(${p}::float8 * (total - 1))`;
    const lo = `min(v) FILTER (WHERE upto > floor(${h}))`;
    const hi = `min(v) FILTER (WHERE upto > ceil(${h}))`;
    return `(${lo} + (max(${h}) - floor(max(${h}))) * (${hi} - ${lo}))::float8 AS p${i}`;
  });
  return sql.raw(`${name} AS (
      SELECT gs, g1, g2, ${columns.join(', ')}
      FROM (
        SELECT gs, g1, g2, v, n, sum(n) OVER (PARTITION BY gs, g1, g2 ORDER BY v) AS upto,
          sum(n) OVER (PARTITION BY gs, g1, g2) AS total
        FROM ${freq} WHERE n > 0
      ) c
      GROUP BY gs, g1, g2
    )`);
}

/**
 * Joins a percentiles CTE to the summary `s` on its grouping set and keys, as equalities a hash
 * join can use (IS NOT DISTINCT FROM cannot, and a nested loop re-ran the percentiles per group).
 */
function joinSet(name: string): RawBuilder<unknown> {
  const same = (k: string): string =>
    `coalesce(${name}.${k}, '') = coalesce(s.${k}, '') AND (${name}.${k} IS NULL) = (s.${k} IS NULL)`;
  return sql.raw(`LEFT JOIN ${name} ON ${name}.gs = s.gs AND ${same('g1')} AND ${same('g2')}`);
}

/** Referral-episode activity counts and distributions for one group (docs/metrics.md, activity). */
export interface ActivityRow extends GroupKeys {
  readonly received: number;
  readonly accepted: number;
  readonly declined: number;
  readonly waiting: number;
  readonly active: number;
  readonly discharged: number;
  readonly didNotEngage: number;
  readonly rereferrals: number;
  readonly waitN: number;
  readonly waitMedianDays: number | null;
  readonly waitP90Days: number | null;
  readonly contacts: number;
  readonly contactMinutes: number;
  readonly contactsMedian: number | null;
  readonly bandNone: number;
  readonly bandLight: number;
  readonly bandShort: number;
  readonly bandExtended: number;
  readonly signposts: number;
  readonly signpostsAttended: number;
  readonly signpostsAttendanceKnown: number;
  readonly dischargedWithOutcomes: number;
}

/** The activity figures that are counts or sums (the rest are percentiles). */
const ACTIVITY_SUMS = [
  'received',
  'accepted',
  'declined',
  'waiting',
  'active',
  'discharged',
  'didNotEngage',
  'rereferrals',
  'waitN',
  'contacts',
  'contactMinutes',
  'bandNone',
  'bandLight',
  'bandShort',
  'bandExtended',
  'signposts',
  'signpostsAttended',
  'signpostsAttendanceKnown',
  'dischargedWithOutcomes',
] as const;

/**
 * The activity metrics for each group, each margin and the total, in one statement. `validated`
 * lists the validated instruments that count towards outcome completion.
 */
export async function activityMetrics(
  db: Kysely<Database>,
  filters: EvaluationFilters,
  by: readonly Dimension[],
  bands: IntensityBands,
  validated: readonly string[],
): Promise<ActivityRow[]> {
  const g = grouping(by);
  const result = await analytic(
    db,
    sql<ActivityRow>`
    WITH ${factsCte(filters, bands)},
    y AS NOT MATERIALIZED (
      SELECT x.*, ${anyValidated('x.outcome_instruments', validated)} AS has_outcomes, ${g.select}
      FROM f x
    ),
    base AS (
      SELECT g1, g2, wait_days,
        count(*) AS "received",
        count(*) FILTER (WHERE accepted) AS "accepted",
        count(*) FILTER (WHERE status = 'declined') AS "declined",
        count(*) FILTER (WHERE status = 'waiting') AS "waiting",
        count(*) FILTER (WHERE status = 'active') AS "active",
        count(*) FILTER (WHERE status = 'discharged') AS "discharged",
        count(*) FILTER (WHERE status = 'did_not_engage') AS "didNotEngage",
        count(*) FILTER (WHERE rereferral) AS "rereferrals",
        count(wait_days) AS "waitN",
        sum(attended) FILTER (WHERE accepted) AS "contacts",
        sum(attended_minutes) FILTER (WHERE accepted) AS "contactMinutes",
        count(*) FILTER (WHERE accepted AND intensity_band = 'none') AS "bandNone",
        count(*) FILTER (WHERE accepted AND intensity_band = 'light') AS "bandLight",
        count(*) FILTER (WHERE accepted AND intensity_band = 'short') AS "bandShort",
        count(*) FILTER (WHERE accepted AND intensity_band = 'extended') AS "bandExtended",
        sum(signposts) FILTER (WHERE accepted) AS "signposts",
        sum(signposts_attended) FILTER (WHERE accepted) AS "signpostsAttended",
        sum(signposts_known) FILTER (WHERE accepted) AS "signpostsAttendanceKnown",
        count(*) FILTER (WHERE status = 'discharged' AND has_outcomes) AS "dischargedWithOutcomes"
      FROM y
      GROUP BY g1, g2, wait_days
    ),
    contact_base AS (
      SELECT g1, g2, attended, count(*) FILTER (WHERE accepted) AS "accepted"
      FROM y
      GROUP BY g1, g2, attended
    ),
    s AS (
      SELECT ${sql.raw(setKeys(by))}, ${summed(ACTIVITY_SUMS)}
      FROM base ${groupBySets(by)}
    ),
    wait_freq AS (
      SELECT ${sql.raw(setKeys(by))}, wait_days AS v, sum("received") AS n
      FROM base WHERE wait_days IS NOT NULL ${groupBySets(by, ['wait_days'])}
    ),
    contact_freq AS (
      SELECT ${sql.raw(setKeys(by))}, attended AS v, sum("accepted") AS n
      FROM contact_base ${groupBySets(by, ['attended'])}
    ),
    ${percentilesFrom('wait_p', 'wait_freq', [0.5, 0.9])},
    ${percentilesFrom('contact_p', 'contact_freq', [0.5])}
    SELECT s.*, wait_p.p0 AS "waitMedianDays", wait_p.p1 AS "waitP90Days", contact_p.p0 AS "contactsMedian"
    FROM s ${joinSet('wait_p')} ${joinSet('contact_p')}
    ORDER BY s.g1 NULLS LAST, s.g2 NULLS LAST`,
  );
  return result.rows;
}

/** Received, discharged and discharged with outcomes: the denominators of outcomes and equity. */
export interface CompletionRow extends GroupKeys {
  readonly received: number;
  readonly discharged: number;
  readonly dischargedWithOutcomes: number;
}

/** The counts outcomes and equity reports need besides their pairs, without the activity joins. */
export async function completionMetrics(
  db: Kysely<Database>,
  filters: EvaluationFilters,
  by: readonly Dimension[],
  bands: IntensityBands,
  validated: readonly string[],
): Promise<CompletionRow[]> {
  const g = grouping(by);
  const result = await analytic(
    db,
    sql<CompletionRow>`
    WITH ${factsCte(filters, bands)},
    y AS (
      SELECT x.*, ${anyValidated('x.outcome_instruments', validated)} AS has_outcomes, ${g.select}
      FROM f x
    ),
    base AS (
      SELECT g1, g2, count(*) AS "received",
        count(*) FILTER (WHERE status = 'discharged') AS "discharged",
        count(*) FILTER (WHERE status = 'discharged' AND has_outcomes) AS "dischargedWithOutcomes"
      FROM y GROUP BY g1, g2
    )
    SELECT ${sql.raw(setKeys(by))}, ${summed(['received', 'discharged', 'dischargedWithOutcomes'])}
    FROM base ${groupBySets(by)}`,
  );
  return result.rows;
}

/** Pre/post change of one measure in one group (docs/metrics.md, outcomes). */
export interface ChangeRow extends GroupKeys {
  readonly instrumentId: string;
  readonly measure: string;
  readonly n: number;
  readonly meanBaseline: number;
  readonly meanFollowUp: number;
  readonly meanDifference: number;
  readonly sdDifference: number | null;
  readonly sdBaseline: number | null;
  readonly midImproved: number | null;
  readonly midDeteriorated: number | null;
  readonly reliableImproved: number | null;
  readonly reliableDeteriorated: number | null;
}

function metaValues(meta: readonly MeasureMeta[]): RawBuilder<unknown> {
  const rows = meta.map(
    (m) =>
      sql`(${m.instrumentId}::text, ${m.measure}::text, ${m.sign}::int, ${m.mid}::float8,
        ${m.reliability?.kind ?? null}::text, ${m.reliability?.value ?? null}::float8)`,
  );
  return sql`meta (instrument_id, measure, sign, mid, rel_kind, rel_value) AS (VALUES ${sql.join(rows)})`;
}

/**
 * The pairs behind pre/post change (outcome_pair: for each referral and instrument, the earliest
 * scored baseline and the latest scored non-baseline response on or after it; one pair per measure
 * scored in both), kept for the measures in `meta`, as `x`: one row per referral and measure.
 * Shared by the change and the equity queries.
 */
function pairsCte(meta: readonly MeasureMeta[], groups: RawBuilder<unknown>): RawBuilder<unknown> {
  // Only the columns the change needs travel on (the windows and sorts after this carry them).
  return sql`${metaValues(meta.length > 0 ? meta : [{ instrumentId: '', measure: '', sign: 1, mid: null, reliability: null }])},
    x AS (
      SELECT x.id, ${groups}, p.instrument_id, p.measure, p.baseline AS v0, p.follow_up AS v1,
        (p.follow_up - p.baseline) AS d, meta.sign, meta.mid, meta.rel_kind, meta.rel_value
      FROM outcome_pair p
      JOIN f x ON x.id = p.referral_id
      JOIN meta ON meta.instrument_id = p.instrument_id AND meta.measure = p.measure
    )`;
}

/**
 * Pre/post change per group (and per total) and instrument measure. The reliable change threshold
 * is 1.96·√2·SEM with SEM = SD_baseline·√(1 - r) over the same group's baselines, or a published
 * SEM (Jacobson & Truax 1991; reliable-change.ts); MID attainment counts |change| within 1e-9 of
 * the MID as reaching it (MID_TOLERANCE in reliable-change.ts).
 */
export async function changeMetrics(
  db: Kysely<Database>,
  filters: EvaluationFilters,
  by: readonly Dimension[],
  bands: IntensityBands,
  meta: readonly MeasureMeta[],
): Promise<ChangeRow[]> {
  const g = grouping(by);
  // Every grouping set needs its own baseline SD for the reliable-change threshold. One pass: a
  // window per set computes each row's threshold for that set, and each output row counts against
  // the threshold of the set it belongs to (picked by GROUPING()).
  const sets = setsOf(by);
  const threshold = (i: number, keys: readonly string[]): string =>
    `1.96 * sqrt(2) * CASE WHEN rel_kind = 'sem' THEN rel_value WHEN rel_kind = 'coefficient'
      THEN stddev_samp(v0) OVER (PARTITION BY ${['instrument_id', 'measure', ...keys].join(', ')}) * sqrt(1 - rel_value) END AS t${i}`;
  const thresholds = sql.raw(sets.map((keys, i) => threshold(i, keys)).join(',\n'));
  // GROUPING(g1, g2): 0 for (g1, g2), 1 for (g1), 2 for (g2), 3 for the total.
  const setIndex = (keys: readonly string[]): number =>
    (keys.includes('g1') ? 0 : 2) + (keys.includes('g2') ? 0 : 1);
  const pick = (cmp: '>' | '<'): RawBuilder<unknown> =>
    by.length === 0
      ? sql.raw(`count(*) FILTER (WHERE sign * d ${cmp} ${cmp === '>' ? '' : '-'}t0)`)
      : sql.raw(
          `CASE GROUPING(g1, g2) ${sets
            .map(
              (keys, i) =>
                `WHEN ${setIndex(keys)} THEN count(*) FILTER (WHERE sign * d ${cmp} ${cmp === '>' ? '' : '-'}t${i})`,
            )
            .join(' ')} END`,
        );
  const anyThreshold = sql.raw(sets.map((_, i) => `max(t${i})`).join(', '));
  const result = await analytic(
    db,
    sql<ChangeRow>`
    WITH ${factsCte(filters, bands)},
    ${pairsCte(meta, g.select)},
    w AS (SELECT x.*, ${thresholds} FROM x)
    SELECT ${g.keys}, instrument_id AS "instrumentId", measure,
      count(*)::int AS "n",
      avg(v0)::float8 AS "meanBaseline", avg(v1)::float8 AS "meanFollowUp", avg(d)::float8 AS "meanDifference",
      stddev_samp(d)::float8 AS "sdDifference", stddev_samp(v0)::float8 AS "sdBaseline",
      CASE WHEN max(mid) IS NULL THEN NULL ELSE count(*) FILTER (WHERE sign * d >= mid - 1e-9) END::int AS "midImproved",
      CASE WHEN max(mid) IS NULL THEN NULL ELSE count(*) FILTER (WHERE sign * d <= -(mid - 1e-9)) END::int AS "midDeteriorated",
      CASE WHEN coalesce(greatest(${anyThreshold}), 0) = 0 THEN NULL ELSE ${pick('>')} END::int AS "reliableImproved",
      CASE WHEN coalesce(greatest(${anyThreshold}), 0) = 0 THEN NULL ELSE ${pick('<')} END::int AS "reliableDeteriorated"
    FROM w
    ${groupBySets(by, ['instrument_id', 'measure'])}
    ORDER BY instrument_id, measure`,
  );
  return result.rows;
}

/** Who is referred and who improves (equity), per group. */
export interface ImprovementRow extends GroupKeys {
  readonly received: number;
  /** Referrals with a pair on at least one measure that has a MID. */
  readonly paired: number;
  /** Of those, referrals reaching the MID in the better direction on at least one such measure. */
  readonly improved: number;
}

/** Equity in one statement: referrals received, paired and improved, per group, margin and total. */
export async function improvementMetrics(
  db: Kysely<Database>,
  filters: EvaluationFilters,
  by: readonly Dimension[],
  bands: IntensityBands,
  meta: readonly MeasureMeta[],
): Promise<ImprovementRow[]> {
  const g = grouping(by);
  const result = await analytic(
    db,
    sql<ImprovementRow>`
    WITH ${factsCte(filters, bands)},
    ${pairsCte(
      meta.filter((m) => m.mid !== null),
      sql`NULL::text AS g1`,
    )},
    per AS (SELECT id AS referral_id, bool_or(sign * d >= mid - 1e-9) AS improved FROM x GROUP BY id),
    z AS (
      SELECT f.*, (per.referral_id IS NOT NULL) AS paired, coalesce(per.improved, false) AS improved
      FROM f LEFT JOIN per ON per.referral_id = f.id
    ),
    y AS (SELECT ${g.select}, x.paired, x.improved FROM z x),
    base AS (
      SELECT g1, g2, count(*) AS "received", count(*) FILTER (WHERE paired) AS "paired",
        count(*) FILTER (WHERE improved) AS "improved"
      FROM y GROUP BY g1, g2
    )
    SELECT ${sql.raw(setKeys(by))}, ${summed(['received', 'paired', 'improved'])}
    FROM base ${groupBySets(by)}`,
  );
  return result.rows;
}

/** Labels for group keys that are ids (schemes, regions, PCNs/HSCPs, link workers). */
export async function dimensionLabels(
  db: Kysely<Database>,
  dimension: Dimension,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const ids = keys.filter((k) => /^[0-9a-f-]{36}$/i.test(k));
  if (ids.length === 0) return new Map();
  let rows: { id: string; name: string }[] = [];
  if (dimension === 'scheme') {
    rows = await db.selectFrom('scheme').select(['id', 'name']).where('id', 'in', ids).execute();
  } else if (dimension === 'region' || dimension === 'pcn') {
    rows = await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', ids).execute();
  } else if (dimension === 'link_worker') {
    rows = await db
      .selectFrom('staff')
      .select(['id', 'display_name as name'])
      .where('id', 'in', ids)
      .execute();
  }
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Data-quality counts per scheme (docs/metrics.md, data quality), as the scorecard reads them. */
export interface QualityRow extends GroupKeys, QualityCounts {}

/**
 * Completeness of the PRSB mandatory (M) and required (R) fields Linkwork holds (docs/data-model.md),
 * validity, timeliness (recorded within 7 days of the event), internal consistency and outcome-tool
 * coverage, per scheme and in total, over referrals received in the window.
 */
export async function qualityMetrics(
  db: Kysely<Database>,
  filters: EvaluationFilters,
  validated: readonly string[],
): Promise<QualityRow[]> {
  const g = grouping(['scheme']);
  const result = await analytic(
    db,
    sql<QualityRow>`
    WITH ${factsCte(filters, DEFAULT_INTENSITY_BANDS)},
    y AS (
      SELECT x.*, ${anyValidated('x.baseline_instruments', validated)} AS has_baseline, ${g.select}
      FROM f x
    ),
    base AS (
      SELECT g1, g2,
        count(*) AS "referrals",
        count(*) FILTER (WHERE accepted) AS "accepted",
        count(*) FILTER (WHERE status IN ('discharged', 'did_not_engage')) AS "closedEngaged",
        sum(contacts) AS "contacts",
        sum(signposts) AS "signposts",
        count(*) FILTER (WHERE has_identifier) AS "identifier",
        count(*) FILTER (WHERE sex IS NOT NULL) AS "sex",
        count(*) FILTER (WHERE ethnicity_code IS NOT NULL) AS "ethnicity",
        count(*) FILTER (WHERE has_postcode) AS "postcode",
        count(*) FILTER (WHERE has_gp_practice) AS "gpPractice",
        count(*) FILTER (WHERE has_referrer_name) AS "referrerName",
        count(*) FILTER (WHERE has_referrer_role) AS "referrerRole",
        count(*) FILTER (WHERE has_method) AS "method",
        count(*) FILTER (WHERE has_reason) AS "reason",
        count(*) FILTER (WHERE has_needs) AS "needs",
        count(*) FILTER (WHERE has_consent) AS "consent",
        count(*) FILTER (WHERE accepted AND link_worker_id IS NOT NULL) AS "linkWorker",
        count(*) FILTER (WHERE status IN ('discharged', 'did_not_engage') AND has_discharge_reason) AS "dischargeReason",
        sum(contact_location) AS "contactLocation",
        sum(contact_staff) AS "contactStaff",
        sum(contact_duration) AS "contactDuration",
        sum(signposts_reason) AS "signpostReason",
        count(*) FILTER (WHERE age_years BETWEEN 0 AND 110) AS "validAge",
        sum(contact_valid_duration) AS "validDuration",
        sum(contact_duration) AS "durationRecorded",
        count(*) FILTER (WHERE has_postcode AND deprivation_decile IS NOT NULL) AS "validDeprivation",
        count(*) FILTER (WHERE has_postcode) AS "postcodeRecorded",
        count(*) FILTER (WHERE recorded_on_time) AS "referralsOnTime",
        sum(contacts_on_time) AS "contactsOnTime",
        count(*) FILTER (WHERE contact_after_close OR contact_before_referral OR follow_up_before_baseline) AS "inconsistent",
        count(*) FILTER (WHERE accepted AND has_baseline) AS "baselineCoverage"
      FROM y
      GROUP BY g1, g2
    )
    SELECT ${sql.raw(setKeys(['scheme']))}, ${summed(QUALITY_COUNT_KEYS)}
    FROM base
    ${groupBySets(['scheme'])}`,
  );
  return result.rows;
}
