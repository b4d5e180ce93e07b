// The evaluation facts (migration 2026_11_25_1100_create_evaluation_facts): one `referral_fact` row
// per referral and one `outcome_pair` row per referral, instrument and measure, rebuilt here for
// every referral a write has noted in `referral_fact_stale`. Reports call `refreshFacts` first, so
// they always read facts as fresh as the record. The rules are docs/metrics.md's; the reports that
// read the facts are in evaluation.repository.ts.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { analyticSettings, periodSql, ZONE as UK_ZONE } from './evaluation.repository.js';

/** UK time: periods and local dates are read in it, whatever the server's time zone. */
const ZONE = sql.raw(UK_ZONE);

/** The referral's month, quarter and financial year (UK time), as the reports group them. */
const PERIOD = (() => {
  const p = periodSql(`(r.referred_at AT TIME ZONE ${UK_ZONE})`);
  return { month: sql.raw(p.month), quarter: sql.raw(p.quarter), year: sql.raw(p.year) };
})();

/** The advisory lock that lets one refresh run at a time (any number fixed for this purpose). */
const FACTS_LOCK = 872_411_306;

export interface RefreshResult {
  /** Referrals whose facts were rebuilt (or removed, for a referral that no longer exists). */
  readonly referrals: number;
}

/**
 * Rebuilds the facts of every referral noted stale, in one transaction. A second refresh waits for
 * the first and then finds nothing left. Notes written while it runs (by transactions it cannot
 * see) have later sequence numbers, or stay invisible to its final DELETE, so they wait for the
 * next refresh: nothing is missed.
 */
export async function refreshFacts(db: Kysely<Database>): Promise<RefreshResult> {
  // Most reports find nothing noted: one cheap read, no transaction, no lock.
  const any = await sql<{ stale: boolean }>`
    SELECT EXISTS (SELECT 1 FROM referral_fact_stale) AS stale`.execute(db);
  if (any.rows[0]?.stale !== true) return { referrals: 0 };
  return db.transaction().execute(async (trx) => {
    await analyticSettings(trx);
    await sql`SELECT pg_advisory_xact_lock(${FACTS_LOCK}::bigint)`.execute(trx);
    const top = await sql<{
      upto: string | null;
    }>`SELECT max(seq)::text AS upto FROM referral_fact_stale`.execute(trx);
    const upto = top.rows[0]?.upto ?? null;
    if (upto === null) return { referrals: 0 };

    await sql`CREATE TEMP TABLE fact_ids ON COMMIT DROP AS
      SELECT DISTINCT referral_id AS id FROM referral_fact_stale WHERE seq <= ${upto}::bigint`.execute(trx);
    await sql`ALTER TABLE fact_ids ADD PRIMARY KEY (id)`.execute(trx);
    await sql`ANALYZE fact_ids`.execute(trx);
    const ids = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fact_ids`.execute(trx);
    await sql`DELETE FROM referral_fact WHERE referral_id IN (SELECT id FROM fact_ids)`.execute(trx);
    await sql`DELETE FROM outcome_pair WHERE referral_id IN (SELECT id FROM fact_ids)`.execute(trx);
    await insertReferralFacts(trx);
    await insertOutcomePairs(trx);
    await sql`DELETE FROM referral_fact_stale WHERE seq <= ${upto}::bigint`.execute(trx);
    return { referrals: ids.rows[0]?.n ?? 0 };
  });
}

/** How many referrals have facts waiting to be rebuilt (for a notice before a long refresh). */
export async function staleFactCount(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(DISTINCT referral_id)::int AS n FROM referral_fact_stale`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** Notes every referral stale (a full rebuild at the next refresh): after a rule changes. */
export async function markAllFactsStale(db: Kysely<Database>): Promise<void> {
  await sql`INSERT INTO referral_fact_stale (referral_id) SELECT id FROM referral`.execute(db);
}

/**
 * One row per referral in `fact_ids`: the scheme's region, and the delivery model and PCN/HSCP of
 * the scheme description in force on the referral date (a referral before the first description
 * takes the first one); the person's characteristics; and its contacts, signposts and
 * questionnaires summed up as docs/metrics.md defines them.
 */
async function insertReferralFacts(db: Kysely<Database>): Promise<void> {
  await sql`
    INSERT INTO referral_fact
    WITH sv AS (
      SELECT v.scheme_id,
        CASE WHEN v.valid_from = min(v.valid_from) OVER (PARTITION BY v.scheme_id)
          THEN '-infinity'::date ELSE v.valid_from END AS vf,
        coalesce(v.valid_to, 'infinity'::date) AS vt,
        v.delivery_model, v.network_org_id
      FROM scheme_version v
      WHERE v.scheme_id IN (SELECT r.scheme_id FROM referral r JOIN fact_ids i ON i.id = r.id)
    ),
    -- Contacts: attended ones for activity (count, minutes, the first); every one for data quality.
    con AS (
      SELECT c.referral_id,
        count(*) FILTER (WHERE c.outcome = 'attended') AS attended,
        coalesce(sum(c.duration_minutes) FILTER (WHERE c.outcome = 'attended'), 0) AS attended_minutes,
        min(c.contact_at) FILTER (WHERE c.outcome = 'attended') AS first_attended_at,
        count(*) AS n,
        count(*) FILTER (WHERE c.location_type IS NOT NULL) AS location,
        count(*) FILTER (WHERE c.staff_id IS NOT NULL) AS staff,
        count(*) FILTER (WHERE c.duration_minutes IS NOT NULL) AS duration,
        count(*) FILTER (WHERE c.duration_minutes BETWEEN 1 AND 480) AS valid_duration,
        count(*) FILTER (WHERE c.recorded_at - c.contact_at <= interval '7 days') AS on_time,
        min(c.contact_at) AS first_at,
        max(c.contact_at) AS last_at
      FROM contact c JOIN fact_ids i ON i.id = c.referral_id
      GROUP BY c.referral_id
    ),
    sig AS (
      SELECT s.referral_id, count(*) AS n,
        count(*) FILTER (WHERE s.attendance = 'attended') AS attended,
        count(*) FILTER (WHERE s.attendance IN ('attended', 'did_not_attend')) AS known,
        count(*) FILTER (WHERE s.reason_need IS NOT NULL) AS reason
      FROM signpost s JOIN fact_ids i ON i.id = s.referral_id
      GROUP BY s.referral_id
    ),
    -- Per instrument, over scored responses: a baseline, and a baseline on or before a follow-up.
    qi AS (
      SELECT q.referral_id, q.instrument_id,
        min(q.administered_on) FILTER (WHERE q.timepoint = 'baseline') AS first_baseline,
        max(q.administered_on) FILTER (WHERE q.timepoint <> 'baseline') AS last_follow_up
      FROM questionnaire_response q JOIN fact_ids i ON i.id = q.referral_id
      WHERE q.score_status = 'scored'
      GROUP BY q.referral_id, q.instrument_id
    ),
    qr AS (
      SELECT referral_id,
        coalesce(array_agg(instrument_id ORDER BY instrument_id) FILTER (WHERE first_baseline IS NOT NULL), '{}') AS baseline_instruments,
        coalesce(array_agg(instrument_id ORDER BY instrument_id) FILTER (WHERE first_baseline <= last_follow_up), '{}') AS outcome_instruments
      FROM qi GROUP BY referral_id
    ),
    -- Over every response, scored or not: a follow-up recorded before the first baseline.
    qc AS (
      SELECT q.referral_id,
        min(q.administered_on) FILTER (WHERE q.timepoint = 'baseline') AS first_baseline,
        min(q.administered_on) FILTER (WHERE q.timepoint <> 'baseline') AS first_follow_up
      FROM questionnaire_response q JOIN fact_ids i ON i.id = q.referral_id
      GROUP BY q.referral_id
    )
    SELECT r.id, r.scheme_id, r.person_id, r.status, r.referred_at, (r.referred_at AT TIME ZONE ${ZONE}),
      ${PERIOD.month}, ${PERIOD.quarter}, ${PERIOD.year},
      r.closed_at, r.route, r.priority_group, r.link_worker_id, (r.previous_referral_id IS NOT NULL),
      s.region_id, sv.delivery_model, sv.network_org_id,
      p.date_of_birth, date_part('year', age((r.referred_at AT TIME ZONE ${ZONE})::date, p.date_of_birth)),
      p.sex, p.ethnicity_code, p.deprivation_decile,
      (p.nhs_number IS NOT NULL OR p.chi_number IS NOT NULL), (p.postcode IS NOT NULL),
      (p.registered_practice_id IS NOT NULL), (r.referrer_name IS NOT NULL), (r.referrer_role IS NOT NULL),
      (r.method IS NOT NULL), (r.reason IS NOT NULL), (r.consent_to_share IS NOT NULL),
      (r.discharge_reason IS NOT NULL),
      EXISTS (SELECT 1 FROM referral_need n WHERE n.referral_id = r.id),
      (r.recorded_at AT TIME ZONE ${ZONE})::date - (r.referred_at AT TIME ZONE ${ZONE})::date,
      (r.recorded_at - r.referred_at <= interval '7 days'),
      coalesce(con.attended, 0), coalesce(con.attended_minutes, 0),
      -- Whole days between the UK dates, as NHS waiting times count them.
      CASE WHEN con.first_attended_at >= r.referred_at
        THEN (con.first_attended_at AT TIME ZONE ${ZONE})::date - (r.referred_at AT TIME ZONE ${ZONE})::date END,
      coalesce(con.n, 0), coalesce(con.location, 0), coalesce(con.staff, 0), coalesce(con.duration, 0),
      coalesce(con.valid_duration, 0), coalesce(con.on_time, 0),
      coalesce(con.last_at > r.closed_at, false), coalesce(con.first_at < r.referred_at, false),
      coalesce(sig.n, 0), coalesce(sig.attended, 0), coalesce(sig.known, 0), coalesce(sig.reason, 0),
      coalesce(qr.outcome_instruments, '{}'), coalesce(qr.baseline_instruments, '{}'),
      coalesce(qc.first_follow_up < qc.first_baseline, false)
    FROM referral r
    JOIN fact_ids i ON i.id = r.id
    JOIN scheme s ON s.id = r.scheme_id
    JOIN person p ON p.id = r.person_id
    LEFT JOIN sv ON sv.scheme_id = r.scheme_id
      AND (r.referred_at AT TIME ZONE ${ZONE})::date BETWEEN sv.vf AND sv.vt
    LEFT JOIN con ON con.referral_id = r.id
    LEFT JOIN sig ON sig.referral_id = r.id
    LEFT JOIN qr ON qr.referral_id = r.id
    LEFT JOIN qc ON qc.referral_id = r.id`.execute(db);
}

/**
 * The pairs behind pre/post change: for each referral and instrument, the earliest scored baseline
 * and the latest scored non-baseline response on or after it; one pair per measure scored in both.
 * Reports keep the validated instruments' measures (with their MID and reliability) at read time.
 */
async function insertOutcomePairs(db: Kysely<Database>): Promise<void> {
  await sql`
    INSERT INTO outcome_pair (referral_id, instrument_id, measure, baseline, follow_up)
    WITH resp AS (
      SELECT q.id, q.referral_id, q.instrument_id, q.timepoint, q.administered_on
      FROM questionnaire_response q JOIN fact_ids i ON i.id = q.referral_id
      WHERE q.score_status = 'scored'
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
    )
    SELECT b.referral_id, b.instrument_id, sb.measure, sb.value::float8, sf.value::float8
    FROM base b
    JOIN fu ON fu.referral_id = b.referral_id AND fu.instrument_id = b.instrument_id
    JOIN questionnaire_score sb ON sb.response_id = b.id
    JOIN questionnaire_score sf ON sf.response_id = fu.id AND sf.measure = sb.measure`.execute(db);
}
