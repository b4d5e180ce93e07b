// Evaluation facts (docs/metrics.md "How reports are computed"): one row per referral holding what
// every report needs (its dimensions, and its contacts, signposts and questionnaires summed up), and
// one row per referral, instrument and measure holding the pre/post pair. Reports aggregate these
// instead of joining the casework tables, which keeps each report well under a second at 1,000,000
// referrals on server PostgreSQL (issue #8).
//
// They are a cache, never a source: statement-level triggers (one INSERT per statement, however many
// rows it wrote) note in `referral_fact_stale` every referral whose facts a write may have changed,
// and `refreshFacts()` (src/db/evaluation/facts.repository.ts) rebuilds those rows before a report
// reads them. A referral is noted when it, its person, its scheme, a scheme description, or one of its
// needs, contacts, signposts, questionnaires or scores is inserted, updated or deleted (COPY too).
import type { Kysely } from 'kysely';
import { runSteps } from './steps.js';

/** How a changed row of each table leads to the referrals whose facts it feeds (`t` = the rows). */
const MARKS: readonly { table: string; kind: string; referrals: string }[] = [
  { table: 'referral', kind: 'referral', referrals: 'SELECT t.id FROM ROWS t' },
  { table: 'referral_need', kind: 'child', referrals: 'SELECT t.referral_id FROM ROWS t' },
  { table: 'contact', kind: 'child', referrals: 'SELECT t.referral_id FROM ROWS t' },
  { table: 'signpost', kind: 'child', referrals: 'SELECT t.referral_id FROM ROWS t' },
  { table: 'questionnaire_response', kind: 'child', referrals: 'SELECT t.referral_id FROM ROWS t' },
  {
    table: 'questionnaire_score',
    kind: 'score',
    referrals: 'SELECT q.referral_id FROM ROWS t JOIN questionnaire_response q ON q.id = t.response_id',
  },
  {
    table: 'person',
    kind: 'person',
    referrals: 'SELECT r.id FROM ROWS t JOIN referral r ON r.person_id = t.id',
  },
  {
    table: 'scheme',
    kind: 'scheme',
    referrals: 'SELECT r.id FROM ROWS t JOIN referral r ON r.scheme_id = t.id',
  },
  {
    table: 'scheme_version',
    kind: 'scheme_version',
    referrals: 'SELECT r.id FROM ROWS t JOIN referral r ON r.scheme_id = t.scheme_id',
  },
];

const KINDS = [...new Map(MARKS.map((m) => [m.kind, m.referrals])).entries()];

/** One trigger function per kind: the rows a statement wrote arrive as transition tables. */
function markFunction(kind: string, referrals: string): string {
  const from = (rows: string): string => referrals.replace('ROWS', rows);
  return `CREATE FUNCTION referral_fact_mark_${kind}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'DELETE' THEN
        INSERT INTO referral_fact_stale (referral_id) SELECT DISTINCT s.id FROM (${from('new_rows')}) AS s (id);
      END IF;
      IF TG_OP <> 'INSERT' THEN
        INSERT INTO referral_fact_stale (referral_id) SELECT DISTINCT s.id FROM (${from('old_rows')}) AS s (id);
      END IF;
      RETURN NULL;
    END $$`;
}

/** A trigger may have transition tables for one event only: three per table. */
function markTriggers(table: string, kind: string): string[] {
  const fn = `referral_fact_mark_${kind}()`;
  return [
    `CREATE TRIGGER ${table}_fact_insert AFTER INSERT ON ${table}
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
    `CREATE TRIGGER ${table}_fact_update AFTER UPDATE ON ${table}
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
    `CREATE TRIGGER ${table}_fact_delete AFTER DELETE ON ${table}
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSteps(db, [
    // No foreign keys: the facts are rebuilt from the record, and a referral's row goes with it.
    `CREATE TABLE referral_fact (
      referral_id uuid PRIMARY KEY,
      scheme_id uuid NOT NULL,
      person_id uuid NOT NULL,
      status text NOT NULL,
      referred_at timestamptz NOT NULL,
      referred_local timestamp NOT NULL,
      referred_month text NOT NULL,
      referred_quarter text NOT NULL,
      referred_year text NOT NULL,
      closed_at timestamptz,
      route text NOT NULL,
      priority_group text,
      link_worker_id uuid,
      rereferral boolean NOT NULL,
      region_id uuid NOT NULL,
      delivery_model text,
      network_org_id uuid,
      date_of_birth date,
      age_years smallint,
      sex text,
      ethnicity_code text,
      deprivation_decile smallint,
      has_identifier boolean NOT NULL,
      has_postcode boolean NOT NULL,
      has_gp_practice boolean NOT NULL,
      has_referrer_name boolean NOT NULL,
      has_referrer_role boolean NOT NULL,
      has_method boolean NOT NULL,
      has_reason boolean NOT NULL,
      has_consent boolean NOT NULL,
      has_discharge_reason boolean NOT NULL,
      has_needs boolean NOT NULL,
      recorded_days integer,
      recorded_on_time boolean,
      attended integer NOT NULL,
      attended_minutes integer NOT NULL,
      wait_days integer,
      contacts integer NOT NULL,
      contact_location integer NOT NULL,
      contact_staff integer NOT NULL,
      contact_duration integer NOT NULL,
      contact_valid_duration integer NOT NULL,
      contacts_on_time integer NOT NULL,
      contact_after_close boolean NOT NULL,
      contact_before_referral boolean NOT NULL,
      signposts integer NOT NULL,
      signposts_attended integer NOT NULL,
      signposts_known integer NOT NULL,
      signposts_reason integer NOT NULL,
      outcome_instruments text[] NOT NULL,
      baseline_instruments text[] NOT NULL,
      follow_up_before_baseline boolean NOT NULL
    )`,
    'CREATE INDEX referral_fact_referred_idx ON referral_fact (referred_at)',
    `CREATE TABLE outcome_pair (
      referral_id uuid NOT NULL,
      instrument_id text NOT NULL,
      measure text NOT NULL,
      -- Scores are stored exactly as numeric; the pair holds them as double precision, which the
      -- means, SDs and thresholds are computed in anyway (and far faster than numeric).
      baseline double precision NOT NULL,
      follow_up double precision NOT NULL,
      PRIMARY KEY (referral_id, instrument_id, measure)
    )`,
    // A referral may be noted many times; a refresh takes every note up to the newest it saw.
    `CREATE TABLE referral_fact_stale (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      referral_id uuid NOT NULL
    )`,
    ...KINDS.map(([kind, referrals]) => markFunction(kind, referrals)),
    ...MARKS.flatMap((m) => markTriggers(m.table, m.kind)),
    // Referrals recorded before this migration: built by the first report.
    'INSERT INTO referral_fact_stale (referral_id) SELECT id FROM referral',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSteps(db, [
    ...MARKS.flatMap((m) =>
      ['insert', 'update', 'delete'].map((op) => `DROP TRIGGER ${m.table}_fact_${op} ON ${m.table}`),
    ),
    ...KINDS.map(([kind]) => `DROP FUNCTION referral_fact_mark_${kind}()`),
    'DROP TABLE referral_fact_stale',
    'DROP TABLE outcome_pair',
    'DROP TABLE referral_fact',
  ]);
}
