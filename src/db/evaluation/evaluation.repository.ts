// Evaluation aggregates, computed in SQL (issue #8: grouping, percentiles and joins in the engine,
// never by loading rows into JavaScript). Each metric is defined in docs/metrics.md; the inclusion
// rules here are that document's, and the domain mirrors (intensity bands, age bands, ethnic
// groups) live in src/domain/evaluation/metrics.ts. Runs unchanged on PGlite and PostgreSQL 15+.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { QualityCounts } from '../../domain/evaluation/data-quality.js';
import {
  DEFAULT_INTENSITY_BANDS,
  type Dimension,
  type IntensityBands,
} from '../../domain/evaluation/metrics.js';
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
    WITH ${factsCte(filters, bands)},
    y AS (
      SELECT x.*, ${anyValidated('x.outcome_instruments', validated)} AS has_outcomes, ${g.select}
      FROM f x
    )
    SELECT ${g.keys},
      count(*)::int AS "received",
      count(*) FILTER (WHERE accepted)::int AS "accepted",
      count(*) FILTER (WHERE status = 'declined')::int AS "declined",
      count(*) FILTER (WHERE status = 'waiting')::int AS "waiting",
      count(*) FILTER (WHERE status = 'active')::int AS "active",
      count(*) FILTER (WHERE status = 'discharged')::int AS "discharged",
      count(*) FILTER (WHERE status = 'did_not_engage')::int AS "didNotEngage",
      count(*) FILTER (WHERE rereferral)::int AS "rereferrals",
      count(wait_days)::int AS "waitN",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_days) AS "waitMedianDays",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_days) AS "waitP90Days",
      coalesce(sum(attended) FILTER (WHERE accepted), 0)::int AS "contacts",
      coalesce(sum(attended_minutes) FILTER (WHERE accepted), 0)::int AS "contactMinutes",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY attended) FILTER (WHERE accepted) AS "contactsMedian",
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
  const result = await analytic(
    db,
    sql<CompletionRow>`
    WITH ${factsCte(filters, bands)},
    y AS (
      SELECT x.*, ${anyValidated('x.outcome_instruments', validated)} AS has_outcomes, ${g.select}
      FROM f x
    )
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
 * The pairs behind pre/post change (outcome_pair: for each referral and instrument, the earliest
 * scored baseline and the latest scored non-baseline response on or after it; one pair per measure
 * scored in both), kept for the measures in `meta`, as `x`: one row per referral and measure.
 * Shared by the change and the equity queries.
 */
function pairsCte(meta: readonly MeasureMeta[]): RawBuilder<unknown> {
  return sql`${metaValues(meta.length > 0 ? meta : [{ instrumentId: '', measure: '', sign: 1, mid: null, reliability: null }])},
    x AS (
      SELECT f.*, p.instrument_id, p.measure, p.baseline AS v0, p.follow_up AS v1,
        (p.follow_up - p.baseline) AS d, meta.sign, meta.mid, meta.rel_kind, meta.rel_value
      FROM outcome_pair p
      JOIN f ON f.id = p.referral_id
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
    WITH ${factsCte(filters, bands)},
    ${pairsCte(meta)},
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
  const result = await analytic(
    db,
    sql<ImprovementRow>`
    WITH ${factsCte(filters, bands)},
    ${pairsCte(meta.filter((m) => m.mid !== null))},
    per AS (SELECT id AS referral_id, bool_or(sign * d >= mid - 1e-9) AS improved FROM x GROUP BY id),
    z AS (
      SELECT f.*, (per.referral_id IS NOT NULL) AS paired, coalesce(per.improved, false) AS improved
      FROM f LEFT JOIN per ON per.referral_id = f.id
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
  const result = await analytic(
    db,
    sql<QualityRow>`
    WITH ${factsCte(filters, DEFAULT_INTENSITY_BANDS)},
    y AS (
      SELECT x.*, ${anyValidated('x.baseline_instruments', validated)} AS has_baseline, ${g.select}
      FROM f x
    )
    SELECT ${g.keys},
      count(*)::int AS "referrals",
      count(*) FILTER (WHERE accepted)::int AS "accepted",
      count(*) FILTER (WHERE status IN ('discharged', 'did_not_engage'))::int AS "closedEngaged",
      coalesce(sum(contacts), 0)::int AS "contacts",
      coalesce(sum(signposts), 0)::int AS "signposts",
      count(*) FILTER (WHERE has_identifier)::int AS "identifier",
      count(*) FILTER (WHERE sex IS NOT NULL)::int AS "sex",
      count(*) FILTER (WHERE ethnicity_code IS NOT NULL)::int AS "ethnicity",
      count(*) FILTER (WHERE has_postcode)::int AS "postcode",
      count(*) FILTER (WHERE has_gp_practice)::int AS "gpPractice",
      count(*) FILTER (WHERE has_referrer_name)::int AS "referrerName",
      count(*) FILTER (WHERE has_referrer_role)::int AS "referrerRole",
      count(*) FILTER (WHERE has_method)::int AS "method",
      count(*) FILTER (WHERE has_reason)::int AS "reason",
      count(*) FILTER (WHERE has_needs)::int AS "needs",
      count(*) FILTER (WHERE has_consent)::int AS "consent",
      count(*) FILTER (WHERE accepted AND link_worker_id IS NOT NULL)::int AS "linkWorker",
      count(*) FILTER (WHERE status IN ('discharged', 'did_not_engage') AND has_discharge_reason)::int AS "dischargeReason",
      coalesce(sum(contact_location), 0)::int AS "contactLocation",
      coalesce(sum(contact_staff), 0)::int AS "contactStaff",
      coalesce(sum(contact_duration), 0)::int AS "contactDuration",
      coalesce(sum(signposts_reason), 0)::int AS "signpostReason",
      count(*) FILTER (WHERE age_years BETWEEN 0 AND 110)::int AS "validAge",
      coalesce(sum(contact_valid_duration), 0)::int AS "validDuration",
      coalesce(sum(contact_duration), 0)::int AS "durationRecorded",
      count(*) FILTER (WHERE has_postcode AND deprivation_decile IS NOT NULL)::int AS "validDeprivation",
      count(*) FILTER (WHERE has_postcode)::int AS "postcodeRecorded",
      count(*) FILTER (WHERE recorded_on_time)::int AS "referralsOnTime",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY recorded_days) AS "referralRecordingMedianDays",
      coalesce(sum(contacts_on_time), 0)::int AS "contactsOnTime",
      count(*) FILTER (WHERE contact_after_close)::int AS "contactAfterClose",
      count(*) FILTER (WHERE contact_before_referral)::int AS "contactBeforeReferral",
      count(*) FILTER (WHERE follow_up_before_baseline)::int AS "followUpBeforeBaseline",
      count(*) FILTER (WHERE contact_after_close OR contact_before_referral OR follow_up_before_baseline)::int AS "inconsistent",
      count(*) FILTER (WHERE accepted AND has_baseline)::int AS "baselineCoverage"
    FROM y
    ${g.groupBy}`,
  );
  return result.rows;
}
