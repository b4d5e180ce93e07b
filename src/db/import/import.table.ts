import type { Generated, GeneratedTimestamp, Timestamp } from '../columns.js';

/** One import of a file (or a set of files) through a mapping profile, with its checkpoint. */
export interface ImportRunTable {
  id: Generated<string>;
  /** sha256 of profile hash, file hash, source system and scheme: the same import has the same key. */
  run_key: string;
  profile_name: string;
  profile_hash: string;
  source_system: string;
  scheme_id: string | null;
  file_names: string;
  file_hash: string;
  batch_size: number;
  status: Generated<'running' | 'completed' | 'abandoned'>;
  /** The sheet (in profile order) and the data rows of it committed: resume starts after them. */
  checkpoint_sheet: Generated<number>;
  checkpoint_row: Generated<number>;
  rows_committed: Generated<number>;
  results_path: string | null;
  /** Bytes of the results file that belong to committed batches (the rest is cut on resume). */
  results_bytes: Generated<number>;
  created_rows: Generated<number>;
  updated_rows: Generated<number>;
  unchanged_rows: Generated<number>;
  rejected_rows: Generated<number>;
  blank_rows: Generated<number>;
  review_people: Generated<number>;
  started_by: string | null;
  started_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
}

/** A person an import created who may be someone already recorded (never merged automatically). */
export interface PersonMatchReviewTable {
  id: Generated<string>;
  person_id: string;
  candidate_id: string;
  import_run_id: string | null;
  reason: string;
  status: Generated<'open' | 'same_person' | 'different_people'>;
  created_at: GeneratedTimestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
}

/** Another system's id for a person Linkwork already held (found by an import's matching rules). */
export interface PersonSourceAliasTable {
  source_system: string;
  source_record_id: string;
  person_id: string;
  created_at: GeneratedTimestamp;
}
