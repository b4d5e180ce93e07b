// Imports from other systems through mapping profiles (docs/import.md): one `import_run` per import
// of a file (or set of files) through a profile, holding the checkpoint that a killed import resumes
// from; the ids other systems use for a person Linkwork already held (an import matched them, so
// the person's own source columns name another origin); and the queue of uncertain person matches
// that an import found but did not merge.
import type { Kysely } from 'kysely';
import { runSteps } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSteps(db, [
    `CREATE TABLE import_run (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      run_key text NOT NULL CHECK (run_key ~ '^[0-9a-f]{64}$'),
      profile_name text NOT NULL CHECK (char_length(profile_name) BETWEEN 1 AND 100),
      profile_hash text NOT NULL CHECK (profile_hash ~ '^[0-9a-f]{64}$'),
      source_system text NOT NULL CHECK (char_length(source_system) BETWEEN 1 AND 50),
      scheme_id uuid REFERENCES scheme (id),
      file_names text NOT NULL CHECK (char_length(file_names) BETWEEN 1 AND 2000),
      file_hash text NOT NULL CHECK (file_hash ~ '^[0-9a-f]{64}$'),
      batch_size integer NOT NULL CHECK (batch_size BETWEEN 1 AND 100000),
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'abandoned')),
      checkpoint_sheet integer NOT NULL DEFAULT 0 CHECK (checkpoint_sheet >= 0),
      checkpoint_row integer NOT NULL DEFAULT 0 CHECK (checkpoint_row >= 0),
      rows_committed integer NOT NULL DEFAULT 0 CHECK (rows_committed >= 0),
      results_path text CHECK (char_length(results_path) <= 1000),
      results_bytes bigint NOT NULL DEFAULT 0 CHECK (results_bytes >= 0),
      created_rows integer NOT NULL DEFAULT 0,
      updated_rows integer NOT NULL DEFAULT 0,
      unchanged_rows integer NOT NULL DEFAULT 0,
      rejected_rows integer NOT NULL DEFAULT 0,
      blank_rows integer NOT NULL DEFAULT 0,
      review_people integer NOT NULL DEFAULT 0,
      started_by text CHECK (char_length(started_by) <= 200),
      started_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      CHECK ((status = 'running') = (finished_at IS NULL))
    )`,
    // At most one unfinished run per profile, files, source system and scheme: a second process
    // starting the same import finds it (and resumes it) instead of starting another.
    "CREATE UNIQUE INDEX import_run_running_idx ON import_run (run_key) WHERE status = 'running'",
    'CREATE INDEX import_run_started_idx ON import_run (started_at)',
    `CREATE TABLE person_source_alias (
      source_system text NOT NULL CHECK (char_length(source_system) BETWEEN 1 AND 50),
      source_record_id text NOT NULL CHECK (char_length(source_record_id) BETWEEN 1 AND 100),
      person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source_system, source_record_id)
    )`,
    'CREATE INDEX person_source_alias_person_idx ON person_source_alias (person_id)',
    `CREATE TABLE person_match_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      import_run_id uuid REFERENCES import_run (id) ON DELETE SET NULL,
      reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 300),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'same_person', 'different_people')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      decided_by text CHECK (char_length(decided_by) <= 200),
      UNIQUE (person_id, candidate_id),
      CHECK (person_id <> candidate_id),
      CHECK ((status = 'open') = (decided_at IS NULL))
    )`,
    "CREATE INDEX person_match_review_open_idx ON person_match_review (created_at) WHERE status = 'open'",
    'CREATE INDEX person_match_review_candidate_idx ON person_match_review (candidate_id)',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSteps(db, [
    'DROP TABLE person_match_review',
    'DROP TABLE person_source_alias',
    'DROP TABLE import_run',
  ]);
}
