// Evaluation aggregates, computed in SQL (issue #8: grouping, percentiles and joins in the engine,
// never by loading rows into JavaScript). Each metric is defined in docs/metrics.md; the inclusion
// rules here are that document's, and the domain mirrors (intensity bands, age bands, ethnic
// groups) live in src/domain/evaluation/metrics.ts. Runs unchanged on PGlite and PostgreSQL 15+.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { QualityCounts } from '../../domain/evaluation/data-quality.js';
import type { Dimension, IntensityBands } from '../../domain/evaluation/metrics.js';
import type { Database } from '../database.js';

/** Periods and local dates are read in UK time, whatever the server's time zone. */
const ZONE = `'Europe/London'`;

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

const AGE = `date_part('year', age((x.referred_local)::date, x.date_of_birth))`;

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
    case 'month':
      return `to_char(x.referred_local, 'YYYY-MM')`;
    // NHS financial years run April to March: 2025-26 Q1 is April-June 2025.
    case 'quarter':
      return `${financialYear('x.referred_local')} || ' Q' || (((extract(month FROM x.referred_local)::int + 8) % 12) / 3 + 1)::text`;
    case 'year':
      return financialYear('x.referred_local');
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

function financialYear(ts: string): string {
  const start = `(extract(year FROM ${ts})::int - CASE WHEN extract(month FROM ${ts}) < 4 THEN 1 ELSE 0 END)`;
  return `(${start}::text || '-' || lpad(((${start} + 1) % 100)::text, 2, '0'))`;
}

/**
 * Runs one analytic statement in its own transaction with JIT compilation off. PostgreSQL's
 * estimates for joins of pre-aggregated CTEs are far too high, which switches JIT on, and compiling
 * costs ~1 s per report on this machine (measured: 945 ms of a 1.15 s activity report at 20,000
 * referrals); the queries themselves are hash joins and aggregates that JIT does not speed up.
 * PGlite has no JIT; the setting is harmless there.
 */
async function analytic<T>(db: Kysely<Database>, query: RawBuilder<T>): Promise<{ rows: T[] }> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return query.execute(trx);
  });
}

function inList(values: readonly string[]): RawBuilder<unknown> {
  return sql`(${sql.join(values.map((v) => sql`${v}`))})`;
}

/**
 * The referrals a report covers, one row each, with the facts every dimension needs: the scheme's
 * region, and the delivery model and PCN/HSCP of the scheme description in force on the referral
 * date (a referral before the first description takes the first one).
 */
function factsCte(
  f: EvaluationFilters,
  { quality = false }: { quality?: boolean } = {},
): RawBuilder<unknown> {
  const empty = (xs?: readonly string[]): boolean => xs !== undefined && xs.length === 0;
  if (empty(f.schemeIds) || empty(f.regionIds) || empty(f.models)) {
    // A scope with nothing in it: keep the shape, select nothing.
    return sql`sv AS (SELECT NULL::uuid AS scheme_id), f AS (SELECT NULL::uuid AS id, NULL::uuid AS person_id,
      NULL::uuid AS scheme_id, NULL::text AS status, NULL::timestamptz AS referred_at,
      NULL::timestamptz AS accepted_at, NULL::timestamptz AS closed_at, NULL::text AS route,
      NULL::text AS priority_group, NULL::uuid AS link_worker_id, NULL::uuid AS previous_referral_id,
      NULL::timestamp AS referred_local, NULL::uuid AS region_id, NULL::text AS delivery_model,
      NULL::uuid AS network_org_id, NULL::date AS date_of_birth, NULL::text AS sex,
      NULL::text AS ethnicity_code, NULL::int AS deprivation_decile, NULL::text AS referrer_name,
      NULL::text AS referrer_role, NULL::text AS method, NULL::text AS reason, NULL::boolean AS consent_to_share,
      NULL::text AS discharge_reason, NULL::timestamptz AS recorded_at, NULL::text AS nhs_number,
      NULL::text AS chi_number, NULL::text AS postcode, NULL::uuid AS registered_practice_id WHERE false)`;
  }
  const zone = sql.raw(ZONE);
  return sql`sv AS (
      SELECT v.scheme_id,
        CASE WHEN v.valid_from = min(v.valid_from) OVER (PARTITION BY v.scheme_id)
          THEN '-infinity'::date ELSE v.valid_from END AS vf,
        coalesce(v.valid_to, 'infinity'::date) AS vt,
        v.delivery_model, v.network_org_id
      FROM scheme_version v
    ),
    f AS (
      SELECT r.id, r.person_id, r.scheme_id, r.status, r.referred_at, r.accepted_at, r.closed_at, r.route,
        r.priority_group, r.link_worker_id, r.previous_referral_id,
        (r.referred_at AT TIME ZONE ${zone}) AS referred_local,
        s.region_id, sv.delivery_model, sv.network_org_id,
        p.date_of_birth, p.sex, p.ethnicity_code, p.deprivation_decile
        ${
          quality
            ? sql`, r.referrer_name, r.referrer_role, r.method, r.reason, r.consent_to_share, r.discharge_reason,
                r.recorded_at, p.nhs_number, p.chi_number, p.postcode, p.registered_practice_id`
            : sql``
        }
      FROM referral r
      JOIN scheme s ON s.id = r.scheme_id
      JOIN person p ON p.id = r.person_id
      LEFT JOIN sv ON sv.scheme_id = r.scheme_id
        AND (r.referred_at AT TIME ZONE ${zone})::date BETWEEN sv.vf AND sv.vt
      WHERE r.referred_at >= (${f.from}::date::timestamp AT TIME ZONE ${zone})
        AND r.referred_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE ${zone})
        ${f.schemeIds === undefined ? sql`` : sql`AND r.scheme_id IN ${inList(f.schemeIds)}`}
        ${f.regionIds === undefined ? sql`` : sql`AND s.region_id IN ${inList(f.regionIds)}`}
        ${f.models === undefined ? sql`` : sql`AND sv.delivery_model IN ${inList(f.models)}`}
    )`;
}

/** Attended contacts per referral (count, minutes, first), and the intensity band. */
function contactCte(): RawBuilder<unknown> {
  return sql`con AS (
      SELECT c.referral_id, count(*) AS n, coalesce(sum(c.duration_minutes), 0) AS minutes,
        min(c.contact_at) AS first_at
      FROM contact c JOIN f ON f.id = c.referral_id
      WHERE c.outcome = 'attended'
      GROUP BY c.referral_id
    )`;
}

function intensitySql(bands: IntensityBands): RawBuilder<unknown> {
  return sql`CASE WHEN coalesce(con.n, 0) = 0 THEN 'none'
    WHEN con.n <= ${bands.lightMax}::int THEN 'light'
    WHEN con.n <= ${bands.shortMax}::int THEN 'short' ELSE 'extended' END`;
}

/**
 * Group columns g1, g2 over `x`; the outer SELECT list; and the GROUPING SETS giving the groups,
 * both margins and the total (a total row exists even when nothing matches).
 */
function grouping(by: readonly Dimension[]): {
  select: RawBuilder<unknown>;
  keys: RawBuilder<unknown>;
  groupBy: RawBuilder<unknown>;
} {
  const [d1, d2] = by;
  const g1 = d1 === undefined ? 'NULL::text' : dimensionSql(d1);
  const g2 = d2 === undefined ? 'NULL::text' : dimensionSql(d2);
  const sets = d1 === undefined ? '()' : d2 === undefined ? '(g1, g2), ()' : '(g1, g2), (g1), (g2), ()';
  return {
    select: sql.raw(`${g1} AS g1, ${g2} AS g2`),
    keys: sql.raw(d1 === undefined ? 'NULL::text AS g1, NULL::text AS g2' : 'g1, g2'),
    groupBy: sql.raw(`GROUP BY GROUPING SETS (${sets})`),
  };
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
    WITH ${factsCte(filters)},
    ${contactCte()},
    sig AS (
      SELECT s.referral_id, count(*) AS n,
        count(*) FILTER (WHERE s.attendance = 'attended') AS attended,
        count(*) FILTER (WHERE s.attendance IN ('attended', 'did_not_attend')) AS known
      FROM signpost s JOIN f ON f.id = s.referral_id
      GROUP BY s.referral_id
    ),
    oc AS (
      SELECT DISTINCT q.referral_id
      FROM questionnaire_response q JOIN f ON f.id = q.referral_id
      WHERE q.score_status = 'scored' AND q.instrument_id IN ${inList(validated.length > 0 ? validated : [''])}
      GROUP BY q.referral_id, q.instrument_id
      HAVING min(q.administered_on) FILTER (WHERE q.timepoint = 'baseline')
        <= max(q.administered_on) FILTER (WHERE q.timepoint <> 'baseline')
    ),
    x AS (
      SELECT f.*,
        (f.status IN ('active', 'discharged', 'did_not_engage')) AS accepted,
        coalesce(con.n, 0) AS contacts, coalesce(con.minutes, 0) AS minutes,
        CASE WHEN con.first_at >= f.referred_at
          THEN extract(epoch FROM (con.first_at - f.referred_at)) / 86400.0 END AS wait_days,
        coalesce(sig.n, 0) AS signposts, coalesce(sig.attended, 0) AS signposts_attended,
        coalesce(sig.known, 0) AS signposts_known,
        (oc.referral_id IS NOT NULL) AS has_outcomes,
        ${intensitySql(bands)} AS intensity_band
      FROM f
      LEFT JOIN con ON con.referral_id = f.id
      LEFT JOIN sig ON sig.referral_id = f.id
      LEFT JOIN oc ON oc.referral_id = f.id
    ),
    y AS (SELECT x.*, ${g.select} FROM x)
    SELECT ${g.keys},
      count(*)::int AS "received",
      count(*) FILTER (WHERE accepted)::int AS "accepted",
      count(*) FILTER (WHERE status = 'declined')::int AS "declined",
      count(*) FILTER (WHERE status = 'waiting')::int AS "waiting",
      count(*) FILTER (WHERE status = 'active')::int AS "active",
      count(*) FILTER (WHERE status = 'discharged')::int AS "discharged",
      count(*) FILTER (WHERE status = 'did_not_engage')::int AS "didNotEngage",
      count(*) FILTER (WHERE previous_referral_id IS NOT NULL)::int AS "rereferrals",
      count(wait_days)::int AS "waitN",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_days) AS "waitMedianDays",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_days) AS "waitP90Days",
      coalesce(sum(contacts) FILTER (WHERE accepted), 0)::int AS "contacts",
      coalesce(sum(minutes) FILTER (WHERE accepted), 0)::int AS "contactMinutes",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY contacts) FILTER (WHERE accepted) AS "contactsMedian",
      count(*) FILTER (WHERE accepted AND intensity_band = 'none')::int AS "bandNone",
      count(*) FILTER (WHERE accepted AND intensity_band = 'light')::int AS "bandLight",
      count(*) FILTER (WHERE accepted AND intensity_band = 'short')::int AS "bandShort",
      count(*) FILTER (WHERE accepted AND intensity_band = 'extended')::int AS "bandExtended",
      coalesce(sum(signposts) FILTER (WHERE accepted), 0)::int AS "signposts",
      coalesce(sum(signposts_attended) FILTER (WHERE accepted), 0)::int AS "signpostsAttended",
      coalesce(sum(signposts_known) FILTER (WHERE accepted), 0)::int AS "signpostsAttendanceKnown",
      count(*) FILTER (WHERE status = 'discharged' AND has_outcomes)::int AS "dischargedWithOutcomes"
    FROM y
    ${g.groupBy}
    ORDER BY g1 NULLS LAST, g2 NULLS LAST`,
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
  const withContacts = by.includes('intensity_band');
  const result = await analytic(
    db,
    sql<CompletionRow>`
    WITH ${factsCte(filters)},
    ${withContacts ? sql`${contactCte()},` : sql``}
    oc AS (
      SELECT DISTINCT q.referral_id
      FROM questionnaire_response q JOIN f ON f.id = q.referral_id
      WHERE q.score_status = 'scored' AND q.instrument_id IN ${inList(validated.length > 0 ? validated : [''])}
      GROUP BY q.referral_id, q.instrument_id
      HAVING min(q.administered_on) FILTER (WHERE q.timepoint = 'baseline')
        <= max(q.administered_on) FILTER (WHERE q.timepoint <> 'baseline')
    ),
    x AS (
      SELECT f.*, (oc.referral_id IS NOT NULL) AS has_outcomes
        ${withContacts ? sql`, ${intensitySql(bands)} AS intensity_band` : sql``}
      FROM f LEFT JOIN oc ON oc.referral_id = f.id
      ${withContacts ? sql`LEFT JOIN con ON con.referral_id = f.id` : sql``}
    ),
    y AS (SELECT x.*, ${g.select} FROM x)
    SELECT ${g.keys},
      count(*)::int AS "received",
      count(*) FILTER (WHERE status = 'discharged')::int AS "discharged",
      count(*) FILTER (WHERE status = 'discharged' AND has_outcomes)::int AS "dischargedWithOutcomes"
    FROM y
    ${g.groupBy}`,
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
 * The pairs behind pre/post change: for each referral and validated instrument, the earliest scored
 * baseline and the latest scored non-baseline response on or after it; one pair per measure scored
 * in both. Shared by the change and the equity queries.
 */
function pairsCtes(
  meta: readonly MeasureMeta[],
  withContacts: boolean,
  bands: IntensityBands,
): RawBuilder<unknown> {
  const instruments = [...new Set(meta.map((m) => m.instrumentId))];
  return sql`${withContacts ? sql`${contactCte()},` : sql``}
    resp AS (
      SELECT q.id, q.referral_id, q.instrument_id, q.timepoint, q.administered_on
      FROM questionnaire_response q JOIN f ON f.id = q.referral_id
      WHERE q.score_status = 'scored' AND q.instrument_id IN ${inList(instruments.length > 0 ? instruments : [''])}
    ),
    base AS (
      SELECT DISTINCT ON (referral_id, instrument_id) referral_id, instrument_id, id, administered_on
      FROM resp WHERE timepoint = 'baseline'
      ORDER BY referral_id, instrument_id, administered_on, id
    ),
    fu AS (
      SELECT DISTINCT ON (r.referral_id, r.instrument_id) r.referral_id, r.instrument_id, r.id
      FROM resp r JOIN base b ON b.referral_id = r.referral_id AND b.instrument_id = r.instrument_id
      WHERE r.timepoint <> 'baseline' AND r.administered_on >= b.administered_on
      ORDER BY r.referral_id, r.instrument_id, r.administered_on DESC, r.id DESC
    ),
    ${metaValues(meta.length > 0 ? meta : [{ instrumentId: '', measure: '', sign: 1, mid: null, reliability: null }])},
    pairs AS (
      SELECT b.referral_id, b.instrument_id, sb.measure, sb.value AS v0, sf.value AS v1,
        (sf.value - sb.value) AS d, meta.sign, meta.mid, meta.rel_kind, meta.rel_value
      FROM base b
      JOIN fu ON fu.referral_id = b.referral_id AND fu.instrument_id = b.instrument_id
      JOIN questionnaire_score sb ON sb.response_id = b.id
      JOIN questionnaire_score sf ON sf.response_id = fu.id AND sf.measure = sb.measure
      JOIN meta ON meta.instrument_id = b.instrument_id AND meta.measure = sb.measure
    ),
    x AS (
      SELECT f.*, pairs.instrument_id, pairs.measure, pairs.v0, pairs.v1, pairs.d, pairs.sign, pairs.mid,
        pairs.rel_kind, pairs.rel_value
        ${withContacts ? sql`, ${intensitySql(bands)} AS intensity_band` : sql``}
      FROM pairs JOIN f ON f.id = pairs.referral_id
      ${withContacts ? sql`LEFT JOIN con ON con.referral_id = f.id` : sql``}
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
  const sets: readonly (readonly ('g1' | 'g2')[])[] =
    by.length === 0 ? [[]] : by.length === 1 ? [['g1', 'g2'], []] : [['g1', 'g2'], ['g1'], ['g2'], []];
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
    WITH ${factsCte(filters)},
    ${pairsCtes(meta, by.includes('intensity_band'), bands)},
    y AS (SELECT x.*, ${g.select} FROM x),
    w AS (SELECT y.*, ${thresholds} FROM y)
    SELECT ${g.keys}, instrument_id AS "instrumentId", measure,
      count(*)::int AS "n",
      avg(v0)::float8 AS "meanBaseline", avg(v1)::float8 AS "meanFollowUp", avg(d)::float8 AS "meanDifference",
      stddev_samp(d)::float8 AS "sdDifference", stddev_samp(v0)::float8 AS "sdBaseline",
      CASE WHEN max(mid) IS NULL THEN NULL ELSE count(*) FILTER (WHERE sign * d >= mid - 1e-9) END::int AS "midImproved",
      CASE WHEN max(mid) IS NULL THEN NULL ELSE count(*) FILTER (WHERE sign * d <= -(mid - 1e-9)) END::int AS "midDeteriorated",
      CASE WHEN coalesce(greatest(${anyThreshold}), 0) = 0 THEN NULL ELSE ${pick('>')} END::int AS "reliableImproved",
      CASE WHEN coalesce(greatest(${anyThreshold}), 0) = 0 THEN NULL ELSE ${pick('<')} END::int AS "reliableDeteriorated"
    FROM w
    ${by.length === 0 ? sql`GROUP BY instrument_id, measure` : sql.raw(`GROUP BY instrument_id, measure, GROUPING SETS (${by.length === 1 ? '(g1, g2), ()' : '(g1, g2), (g1), (g2), ()'})`)}
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
  const withContacts = by.includes('intensity_band');
  const result = await analytic(
    db,
    sql<ImprovementRow>`
    WITH ${factsCte(filters)},
    ${pairsCtes(
      meta.filter((m) => m.mid !== null),
      withContacts,
      bands,
    )},
    per AS (SELECT id AS referral_id, bool_or(sign * d >= mid - 1e-9) AS improved FROM x GROUP BY id),
    z AS (
      SELECT f.*, (per.referral_id IS NOT NULL) AS paired, coalesce(per.improved, false) AS improved
        ${withContacts ? sql`, ${intensitySql(bands)} AS intensity_band` : sql``}
      FROM f LEFT JOIN per ON per.referral_id = f.id
      ${withContacts ? sql`LEFT JOIN con ON con.referral_id = f.id` : sql``}
    ),
    y AS (SELECT ${g.select}, x.paired, x.improved FROM z x)
    SELECT ${g.keys}, count(*)::int AS "received", count(*) FILTER (WHERE paired)::int AS "paired",
      count(*) FILTER (WHERE improved)::int AS "improved"
    FROM y ${g.groupBy}`,
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
  const instruments = inList(validated.length > 0 ? validated : ['']);
  const result = await analytic(
    db,
    sql<QualityRow>`
    WITH ${factsCte(filters, { quality: true })},
    c AS (
      SELECT c.referral_id,
        count(*) AS n,
        count(*) FILTER (WHERE c.location_type IS NOT NULL) AS location,
        count(*) FILTER (WHERE c.staff_id IS NOT NULL) AS staff,
        count(*) FILTER (WHERE c.duration_minutes IS NOT NULL) AS duration,
        count(*) FILTER (WHERE c.duration_minutes BETWEEN 1 AND 480) AS valid_duration,
        count(*) FILTER (WHERE c.recorded_at - c.contact_at <= interval '7 days') AS on_time,
        bool_or(c.contact_at > f.closed_at) AS after_close,
        bool_or(c.contact_at < f.referred_at) AS before_referral
      FROM contact c JOIN f ON f.id = c.referral_id
      GROUP BY c.referral_id
    ),
    s AS (
      SELECT s.referral_id, count(*) AS n, count(*) FILTER (WHERE s.reason_need IS NOT NULL) AS reason
      FROM signpost s JOIN f ON f.id = s.referral_id GROUP BY s.referral_id
    ),
    q AS (
      SELECT q.referral_id,
        bool_or(q.timepoint = 'baseline' AND q.score_status = 'scored' AND q.instrument_id IN ${instruments}) AS has_baseline,
        min(q.administered_on) FILTER (WHERE q.timepoint = 'baseline') AS first_baseline,
        min(q.administered_on) FILTER (WHERE q.timepoint <> 'baseline') AS first_follow_up
      FROM questionnaire_response q JOIN f ON f.id = q.referral_id GROUP BY q.referral_id
    ),
    x AS (
      SELECT f.*,
        EXISTS (SELECT 1 FROM referral_need n WHERE n.referral_id = f.id) AS has_needs,
        date_part('year', age((f.referred_local)::date, f.date_of_birth)) AS age_years,
        f.status IN ('active', 'discharged', 'did_not_engage') AS accepted,
        c.n AS contacts, c.location, c.staff, c.duration, c.valid_duration, c.on_time,
        coalesce(c.after_close, false) AS after_close, coalesce(c.before_referral, false) AS before_referral,
        s.n AS signposts, s.reason AS signpost_reason,
        coalesce(q.has_baseline, false) AS has_baseline,
        coalesce(q.first_follow_up < q.first_baseline, false) AS follow_up_first
      FROM f
      LEFT JOIN c ON c.referral_id = f.id
      LEFT JOIN s ON s.referral_id = f.id
      LEFT JOIN q ON q.referral_id = f.id
    ),
    y AS (SELECT x.*, ${g.select} FROM x)
    SELECT ${g.keys},
      count(*)::int AS "referrals",
      count(*) FILTER (WHERE accepted)::int AS "accepted",
      count(*) FILTER (WHERE status IN ('discharged', 'did_not_engage'))::int AS "closedEngaged",
      coalesce(sum(contacts), 0)::int AS "contacts",
      coalesce(sum(signposts), 0)::int AS "signposts",
      count(*) FILTER (WHERE nhs_number IS NOT NULL OR chi_number IS NOT NULL)::int AS "identifier",
      count(*) FILTER (WHERE sex IS NOT NULL)::int AS "sex",
      count(*) FILTER (WHERE ethnicity_code IS NOT NULL)::int AS "ethnicity",
      count(*) FILTER (WHERE postcode IS NOT NULL)::int AS "postcode",
      count(*) FILTER (WHERE registered_practice_id IS NOT NULL)::int AS "gpPractice",
      count(*) FILTER (WHERE referrer_name IS NOT NULL)::int AS "referrerName",
      count(*) FILTER (WHERE referrer_role IS NOT NULL)::int AS "referrerRole",
      count(*) FILTER (WHERE method IS NOT NULL)::int AS "method",
      count(*) FILTER (WHERE reason IS NOT NULL)::int AS "reason",
      count(*) FILTER (WHERE has_needs)::int AS "needs",
      count(*) FILTER (WHERE consent_to_share IS NOT NULL)::int AS "consent",
      count(*) FILTER (WHERE accepted AND link_worker_id IS NOT NULL)::int AS "linkWorker",
      count(*) FILTER (WHERE status IN ('discharged', 'did_not_engage') AND discharge_reason IS NOT NULL)::int AS "dischargeReason",
      coalesce(sum(location), 0)::int AS "contactLocation",
      coalesce(sum(staff), 0)::int AS "contactStaff",
      coalesce(sum(duration), 0)::int AS "contactDuration",
      coalesce(sum(signpost_reason), 0)::int AS "signpostReason",
      count(*) FILTER (WHERE age_years BETWEEN 0 AND 110)::int AS "validAge",
      coalesce(sum(valid_duration), 0)::int AS "validDuration",
      coalesce(sum(duration), 0)::int AS "durationRecorded",
      count(*) FILTER (WHERE postcode IS NOT NULL AND deprivation_decile IS NOT NULL)::int AS "validDeprivation",
      count(*) FILTER (WHERE postcode IS NOT NULL)::int AS "postcodeRecorded",
      count(*) FILTER (WHERE recorded_at - referred_at <= interval '7 days')::int AS "referralsOnTime",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (recorded_at - referred_at)) / 86400.0) AS "referralRecordingMedianDays",
      coalesce(sum(on_time), 0)::int AS "contactsOnTime",
      count(*) FILTER (WHERE after_close)::int AS "contactAfterClose",
      count(*) FILTER (WHERE before_referral)::int AS "contactBeforeReferral",
      count(*) FILTER (WHERE follow_up_first)::int AS "followUpBeforeBaseline",
      count(*) FILTER (WHERE after_close OR before_referral OR follow_up_first)::int AS "inconsistent",
      count(*) FILTER (WHERE accepted AND has_baseline)::int AS "baselineCoverage"
    FROM y
    ${g.groupBy}`,
  );
  return result.rows;
}
