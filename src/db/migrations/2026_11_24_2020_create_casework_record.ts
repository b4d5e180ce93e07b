// The common social prescribing record, aligned to the PRSB Social Prescribing Information Standard
// v1.1 (docs/data-model.md maps each PRSB section to these tables): people, referrals to the link
// worker, contacts, the community-services directory, signposts and onward referrals, the care and
// support plan (needs, goals, actions), risks, and questionnaire responses with their scores.
//
// Every mutable record carries `version` (optimistic concurrency), `recorded_at` (timeliness: when it
// was written, as opposed to when the event happened) and `source_system` + `source_record_id`
// (idempotent import from other systems).
import type { Kysely } from 'kysely';
import { runSteps } from './steps.js';

const TRACKING = `
  source_system text CHECK (char_length(source_system) <= 50),
  source_record_id text CHECK (char_length(source_record_id) <= 100),
  synthetic boolean NOT NULL DEFAULT false,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((source_system IS NULL) = (source_record_id IS NULL))`;

const sourceIndex = (table: string): string =>
  `CREATE UNIQUE INDEX ${table}_source_idx ON ${table} (source_system, source_record_id) WHERE source_system IS NOT NULL`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSteps(db, [
    // PRSB 1 Person demographics + 2 GP practice.
    `CREATE TABLE person (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      nhs_number text CHECK (nhs_number ~ '^[0-9]{10}$'),
      chi_number text CHECK (chi_number ~ '^[0-9]{10}$'),
      given_name text NOT NULL CHECK (char_length(given_name) BETWEEN 1 AND 100),
      family_name text NOT NULL CHECK (char_length(family_name) BETWEEN 1 AND 100),
      date_of_birth date NOT NULL,
      sex text REFERENCES ref_sex (code),
      gender text REFERENCES ref_gender (code),
      ethnicity_nation text,
      ethnicity_code text,
      postcode text CHECK (postcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$'),
      deprivation_index text REFERENCES ref_deprivation_index (code),
      deprivation_decile smallint CHECK (deprivation_decile BETWEEN 1 AND 10),
      registered_practice_id uuid REFERENCES organisation (id),
      phone text CHECK (char_length(phone) <= 30),
      email text CHECK (char_length(email) <= 255),
      ${TRACKING},
      FOREIGN KEY (ethnicity_nation, ethnicity_code) REFERENCES ref_ethnicity (nation, code),
      CHECK ((ethnicity_nation IS NULL) = (ethnicity_code IS NULL)),
      CHECK ((deprivation_index IS NULL) = (deprivation_decile IS NULL))
    )`,
    'CREATE UNIQUE INDEX person_nhs_number_idx ON person (nhs_number) WHERE nhs_number IS NOT NULL',
    'CREATE UNIQUE INDEX person_chi_number_idx ON person (chi_number) WHERE chi_number IS NOT NULL',
    'CREATE INDEX person_name_dob_idx ON person (lower(family_name), date_of_birth)',
    sourceIndex('person'),
    // PRSB 7 Referral details (a referral to the link-worker service) and its episode outcome.
    `CREATE TABLE referral (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person (id),
      scheme_id uuid NOT NULL REFERENCES scheme (id),
      referred_at timestamptz NOT NULL,
      route text NOT NULL REFERENCES ref_referral_route (code),
      referrer_role text REFERENCES ref_referrer_role (code),
      referrer_name text CHECK (char_length(referrer_name) <= 70),
      referrer_org_id uuid REFERENCES organisation (id),
      referrer_org_text text CHECK (char_length(referrer_org_text) <= 150),
      method text REFERENCES ref_referral_method (code),
      reason text CHECK (char_length(reason) <= 150),
      priority_group text REFERENCES ref_priority_group (code),
      status text NOT NULL DEFAULT 'waiting' REFERENCES ref_referral_status (code),
      snomed_code text CHECK (snomed_code IN ('871731000000106', '871711000000103')),
      link_worker_id uuid REFERENCES staff (id),
      previous_referral_id uuid REFERENCES referral (id),
      accepted_at timestamptz,
      closed_at timestamptz,
      discharge_reason text REFERENCES ref_discharge_reason (code),
      consent_to_share boolean,
      ${TRACKING},
      CHECK (previous_referral_id IS NULL OR previous_referral_id <> id),
      CHECK (accepted_at IS NULL OR accepted_at >= referred_at),
      CHECK (closed_at IS NULL OR closed_at >= referred_at),
      CHECK ((status IN ('waiting', 'active')) = (closed_at IS NULL))
    )`,
    'CREATE INDEX referral_scheme_referred_idx ON referral (scheme_id, referred_at)',
    'CREATE INDEX referral_person_idx ON referral (person_id)',
    'CREATE INDEX referral_link_worker_idx ON referral (link_worker_id) WHERE link_worker_id IS NOT NULL',
    sourceIndex('referral'),
    `CREATE TABLE referral_need (
      referral_id uuid NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
      need text NOT NULL REFERENCES ref_need (code),
      PRIMARY KEY (referral_id, need)
    )`,
    // PRSB 8 Contacts with professionals (link-worker sessions).
    `CREATE TABLE contact (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referral_id uuid NOT NULL REFERENCES referral (id),
      contact_at timestamptz NOT NULL,
      mode text NOT NULL REFERENCES ref_contact_mode (code),
      duration_minutes smallint CHECK (duration_minutes BETWEEN 0 AND 1440),
      location_type text REFERENCES ref_location_type (code),
      outcome text NOT NULL DEFAULT 'attended' REFERENCES ref_contact_outcome (code),
      staff_id uuid REFERENCES staff (id),
      contact_type text CHECK (char_length(contact_type) <= 150),
      notes text CHECK (char_length(notes) <= 2000),
      ${TRACKING}
    )`,
    'CREATE INDEX contact_referral_idx ON contact (referral_id, contact_at)',
    sourceIndex('contact'),
    // The community-services directory used for signposting (loaded from ORUK/HSDS or by hand).
    `CREATE TABLE community_service (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
      organisation_name text CHECK (char_length(organisation_name) <= 200),
      description text CHECK (char_length(description) <= 4000),
      url text CHECK (char_length(url) <= 500),
      email text CHECK (char_length(email) <= 200),
      phone text CHECK (char_length(phone) <= 30),
      postcode text CHECK (char_length(postcode) <= 8),
      area text CHECK (char_length(area) <= 200),
      needs text[] NOT NULL DEFAULT '{}',
      taxonomy_terms text[] NOT NULL DEFAULT '{}',
      min_age smallint CHECK (min_age BETWEEN 0 AND 120),
      max_age smallint CHECK (max_age BETWEEN 0 AND 120),
      active boolean NOT NULL DEFAULT true,
      ${TRACKING}
    )`,
    sourceIndex('community_service'),
    // PRSB 14 Signpost details, and closed-loop onward referrals to a service.
    `CREATE TABLE signpost (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referral_id uuid NOT NULL REFERENCES referral (id),
      kind text NOT NULL DEFAULT 'signpost' REFERENCES ref_signpost_kind (code),
      service_id uuid REFERENCES community_service (id),
      service_name text CHECK (char_length(service_name) <= 150),
      signposted_on date NOT NULL,
      reason_need text REFERENCES ref_need (code),
      reason_text text CHECK (char_length(reason_text) <= 150),
      attendance text NOT NULL DEFAULT 'not_known' REFERENCES ref_attendance (code),
      response text CHECK (response IN ('pending', 'accepted', 'declined')),
      staff_id uuid REFERENCES staff (id),
      ${TRACKING},
      CHECK (service_id IS NOT NULL OR service_name IS NOT NULL)
    )`,
    'CREATE INDEX signpost_referral_idx ON signpost (referral_id)',
    sourceIndex('signpost'),
    // PRSB 19 Care and support plan: needs, goals and actions.
    `CREATE TABLE care_need (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referral_id uuid NOT NULL REFERENCES referral (id),
      need text NOT NULL REFERENCES ref_need (code),
      description text CHECK (char_length(description) <= 500),
      ${TRACKING}
    )`,
    'CREATE INDEX care_need_referral_idx ON care_need (referral_id)',
    `CREATE TABLE care_goal (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referral_id uuid NOT NULL REFERENCES referral (id),
      need_id uuid REFERENCES care_need (id),
      description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 500),
      importance smallint CHECK (importance BETWEEN 1 AND 10),
      status text NOT NULL DEFAULT 'agreed' REFERENCES ref_goal_status (code),
      agreed_on date,
      review_on date,
      achieved_on date,
      ${TRACKING}
    )`,
    'CREATE INDEX care_goal_referral_idx ON care_goal (referral_id)',
    `CREATE TABLE care_action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      goal_id uuid NOT NULL REFERENCES care_goal (id),
      description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 500),
      who text CHECK (char_length(who) <= 150),
      due_on date,
      status text NOT NULL DEFAULT 'planned' REFERENCES ref_action_status (code),
      confidence smallint CHECK (confidence BETWEEN 1 AND 10),
      ${TRACKING}
    )`,
    'CREATE INDEX care_action_goal_idx ON care_action (goal_id)',
    // PRSB 17 Risks (and 5 Safeguarding flags): "no known risks" must be recordable.
    `CREATE TABLE risk (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referral_id uuid NOT NULL REFERENCES referral (id),
      kind text NOT NULL REFERENCES ref_risk_kind (code),
      description text CHECK (char_length(description) <= 500),
      recorded_on date NOT NULL,
      resolved_on date,
      ${TRACKING}
    )`,
    'CREATE INDEX risk_referral_idx ON risk (referral_id)',
    // PRSB 16 Assessments: a questionnaire administered at a time point, its item answers, and the
    // scores derived by the domain library with the version of the scoring rules used.
    `CREATE TABLE questionnaire_response (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referral_id uuid NOT NULL REFERENCES referral (id),
      instrument_id text NOT NULL CHECK (instrument_id ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
      instrument_version text NOT NULL CHECK (char_length(instrument_version) BETWEEN 1 AND 30),
      timepoint text NOT NULL REFERENCES ref_timepoint (code),
      administered_on date NOT NULL,
      administered_by uuid REFERENCES staff (id),
      answers jsonb NOT NULL,
      score_status text CHECK (score_status IN ('scored', 'incomplete', 'invalid')),
      rules_version text CHECK (char_length(rules_version) <= 100),
      ${TRACKING},
      CHECK (jsonb_typeof(answers) = 'array')
    )`,
    'CREATE INDEX questionnaire_response_referral_idx ON questionnaire_response (referral_id, instrument_id, timepoint)',
    sourceIndex('questionnaire_response'),
    `CREATE TABLE questionnaire_score (
      response_id uuid NOT NULL REFERENCES questionnaire_response (id) ON DELETE CASCADE,
      measure text NOT NULL CHECK (char_length(measure) BETWEEN 1 AND 64),
      value numeric NOT NULL,
      band text CHECK (char_length(band) <= 100),
      PRIMARY KEY (response_id, measure)
    )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSteps(
    db,
    [
      'person',
      'referral',
      'referral_need',
      'contact',
      'community_service',
      'signpost',
      'care_need',
      'care_goal',
      'care_action',
      'risk',
      'questionnaire_response',
      'questionnaire_score',
    ]
      .reverse()
      .map((t) => `DROP TABLE ${t}`),
  );
}
