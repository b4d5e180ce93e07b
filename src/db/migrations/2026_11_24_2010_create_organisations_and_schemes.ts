// Organisations of every kind in the study, schemes (link-worker services) with versioned
// descriptions (TIDieR + structured variation attributes, filled in by scheme mapping), link-worker
// staff and user accounts.
import type { Kysely } from 'kysely';
import { lit, runSteps } from './steps.js';

type Row = readonly [code: string, label: string];
const SCHEME_LISTS: ReadonlyArray<readonly [table: string, rows: readonly Row[]]> = [
  [
    // Exclusion criteria reported in the study (section 4.5).
    'ref_exclusion_criterion',
    [
      ['under_psychiatric_care', 'Currently receiving support from psychiatric services'],
      ['behavioural_issues', 'Known behavioural issues'],
      ['suicidal_ideation', 'Suicidal ideation'],
      ['acute_psychosis', 'Acute psychosis'],
      ['current_crisis', 'In current or very recent crisis'],
      ['housebound', 'Housebound'],
    ],
  ],
  [
    // Outcome tools reported in the study (Table 3 and section 4.6).
    'ref_outcome_tool',
    [
      ['ons4', 'ONS4 personal well-being'],
      ['wemwbs', 'WEMWBS'],
      ['swemwbs', 'SWEMWBS'],
      ['wellbeing_star', 'Well-being Star'],
      ['pam', 'Patient Activation Measure'],
      ['recovery_outcomes_web', 'Recovery Outcomes Web'],
      ['bespoke_tool', 'Bespoke well-being tool'],
      ['service_user_survey', 'Service user survey'],
      ['case_studies', 'Qualitative case studies'],
    ],
  ],
  [
    // What schemes record (study Table 3).
    'ref_data_item',
    [
      ['referral_numbers', 'Number of referrals'],
      ['referral_dates', 'Referral dates'],
      ['age', 'Age'],
      ['gender', 'Gender'],
      ['ethnicity', 'Ethnicity'],
      ['referral_reason', 'Reason for referral'],
      ['referral_source', 'Source of referral'],
      ['appointment_mode', 'Nature of appointments (face to face, telephone)'],
      ['appointment_length', 'Length of appointments'],
      ['encounters', 'Number of encounters'],
      ['signposting', 'Where people were signposted'],
      ['caseload_status', 'Numbers waiting, active and discharged'],
      ['waiting_times', 'Waiting times'],
      ['equalities_monitoring', 'Equalities monitoring data'],
      ['outcomes', 'Outcome measures'],
      ['financial_gains', 'Financial gains'],
      ['feedback', 'Service user feedback'],
    ],
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const steps: string[] = [];
  for (const [table, rows] of SCHEME_LISTS) {
    steps.push(`CREATE TABLE ${table} (
      code text PRIMARY KEY, label text NOT NULL, system text, system_code text,
      sort_order integer NOT NULL, active boolean NOT NULL DEFAULT true
    )`);
    steps.push(
      `INSERT INTO ${table} (code, label, sort_order) VALUES ${rows
        .map(([code, label], i) => `(${lit(code)}, ${lit(label)}, ${i + 1})`)
        .join(', ')}`,
    );
  }
  steps.push(
    `CREATE TABLE organisation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL REFERENCES ref_org_kind (code),
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
      ods_code text UNIQUE CHECK (ods_code ~ '^[A-Z0-9]{3,10}$'),
      parent_id uuid REFERENCES organisation (id),
      nation text NOT NULL REFERENCES ref_nation (code),
      synthetic boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK (parent_id IS NULL OR parent_id <> id)
    )`,
    'CREATE INDEX organisation_parent_idx ON organisation (parent_id)',
    'CREATE INDEX organisation_kind_idx ON organisation (kind)',
    `CREATE TABLE scheme (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
      region_id uuid NOT NULL REFERENCES organisation (id),
      nation text NOT NULL REFERENCES ref_nation (code),
      started_on date,
      ended_on date,
      synthetic boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on)
    )`,
    'CREATE INDEX scheme_region_idx ON scheme (region_id)',
    // One row per description of a scheme over time: the TIDieR items, who contributed ("voice"),
    // when it was checked with the service, the organisational facts that decide the delivery model,
    // and the structured variation attributes that scheme mapping compares and casework enforces.
    `CREATE TABLE scheme_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      scheme_id uuid NOT NULL REFERENCES scheme (id),
      version_no integer NOT NULL CHECK (version_no >= 1),
      valid_from date NOT NULL,
      valid_to date,
      voice text CHECK (char_length(voice) <= 500),
      checked_on date,
      tidier jsonb NOT NULL DEFAULT '{}'::jsonb,
      operator_org_id uuid REFERENCES organisation (id),
      employer_org_id uuid REFERENCES organisation (id),
      manager_org_id uuid REFERENCES organisation (id),
      commissioner_org_id uuid REFERENCES organisation (id),
      network_org_id uuid REFERENCES organisation (id),
      delivery_model text REFERENCES ref_delivery_model (code),
      delivery_model_reason text,
      age_range text CHECK (age_range IN ('adults', 'all_ages', 'children')),
      min_age smallint CHECK (min_age BETWEEN 0 AND 120),
      max_age smallint CHECK (max_age BETWEEN 0 AND 120),
      accepted_routes text[] NOT NULL DEFAULT '{}',
      priority_groups text[] NOT NULL DEFAULT '{}',
      specialism text CHECK (specialism IN ('generic', 'specialist')),
      session_cap smallint CHECK (session_cap >= 1),
      session_cap_mode text NOT NULL DEFAULT 'warn' CHECK (session_cap_mode IN ('warn', 'block')),
      keeps_at_risk boolean,
      rereferral_policy text CHECK (rereferral_policy IN ('allowed', 'after_interval', 'not_allowed')),
      rereferral_min_days integer CHECK (rereferral_min_days >= 0),
      accompanies_first_meeting text CHECK (accompanies_first_meeting IN ('routinely', 'if_needed', 'last_resort', 'no')),
      home_visits boolean,
      exclusion_criteria text[] NOT NULL DEFAULT '{}',
      exclusion_notes text CHECK (char_length(exclusion_notes) <= 2000),
      data_systems text[] NOT NULL DEFAULT '{}',
      data_recorded text[] NOT NULL DEFAULT '{}',
      outcome_tools text[] NOT NULL DEFAULT '{}',
      outcome_tool_consistency text CHECK (outcome_tool_consistency IN ('none', 'sporadic', 'occasional', 'systematic')),
      funding_sources text[] NOT NULL DEFAULT '{}',
      recorded_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (scheme_id, version_no),
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)
    )`,
    // The PCNs, HSCPs or practices a scheme version serves (the unit the study counts models by).
    `CREATE TABLE scheme_version_coverage (
      scheme_version_id uuid NOT NULL REFERENCES scheme_version (id) ON DELETE CASCADE,
      org_id uuid NOT NULL REFERENCES organisation (id),
      PRIMARY KEY (scheme_version_id, org_id)
    )`,
    'CREATE INDEX scheme_version_coverage_org_idx ON scheme_version_coverage (org_id)',
    `CREATE TABLE staff (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      scheme_id uuid NOT NULL REFERENCES scheme (id),
      display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
      role text NOT NULL REFERENCES ref_staff_role (code),
      employer_org_id uuid REFERENCES organisation (id),
      active boolean NOT NULL DEFAULT true,
      synthetic boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`,
    'CREATE INDEX staff_scheme_idx ON staff (scheme_id)',
    `CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._@-]{3,100}$'),
      display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
      role text NOT NULL CHECK (role IN ('link_worker', 'scheme_manager', 'regional_lead', 'researcher', 'admin')),
      password_hash text,
      staff_id uuid REFERENCES staff (id),
      region_id uuid REFERENCES organisation (id),
      active boolean NOT NULL DEFAULT true,
      failed_login_count integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      password_changed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`,
    `CREATE TABLE user_scheme (
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      scheme_id uuid NOT NULL REFERENCES scheme (id),
      PRIMARY KEY (user_id, scheme_id)
    )`,
  );
  await runSteps(db, steps);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSteps(db, [
    'DROP TABLE user_scheme',
    'DROP TABLE app_user',
    'DROP TABLE staff',
    'DROP TABLE scheme_version_coverage',
    'DROP TABLE scheme_version',
    'DROP TABLE scheme',
    'DROP TABLE organisation',
    ...SCHEME_LISTS.map(([table]) => `DROP TABLE ${table}`).reverse(),
  ]);
}
