// Read-only views of imports: the runs with their checkpoints and counts, and the review queue of
// people an import could not match with certainty. Both are for the people running imports (the CLI).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { listImportRuns, listOpenMatchReviews } from '../../db/import/import.repository.js';

export interface ImportRun {
  readonly id: string;
  readonly status: string;
  readonly profileName: string;
  readonly sourceSystem: string;
  readonly fileNames: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly checkpointSheet: number;
  readonly checkpointRow: number;
  readonly rowsCommitted: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly reviewPeople: number;
}

export async function listRuns(db: Kysely<Database>, limit: number): Promise<ImportRun[]> {
  return (await listImportRuns(db, limit)).map((r) => ({
    id: r.id,
    status: r.status,
    profileName: r.profile_name,
    sourceSystem: r.source_system,
    fileNames: r.file_names,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    checkpointSheet: r.checkpoint_sheet,
    checkpointRow: r.checkpoint_row,
    rowsCommitted: r.rows_committed,
    created: r.created_rows,
    updated: r.updated_rows,
    unchanged: r.unchanged_rows,
    rejected: r.rejected_rows,
    reviewPeople: r.review_people,
  }));
}

interface ReviewPerson {
  readonly id: string;
  readonly name: string;
  readonly dateOfBirth: string;
  readonly postcode: string | null;
}

export interface MatchReview {
  readonly id: string;
  /** The person the import created. */
  readonly person: ReviewPerson;
  /** The person already recorded who may be the same. */
  readonly candidate: ReviewPerson;
  readonly reason: string;
  readonly importRunId: string | null;
  readonly createdAt: Date;
}

/** Open review items, oldest first. */
export async function listMatchReviews(db: Kysely<Database>, limit: number): Promise<MatchReview[]> {
  return (await listOpenMatchReviews(db, limit)).map((r) => ({
    id: r.id,
    person: {
      id: r.person_id,
      name: `${r.person_given_name} ${r.person_family_name}`,
      dateOfBirth: r.person_date_of_birth,
      postcode: r.person_postcode,
    },
    candidate: {
      id: r.candidate_id,
      name: `${r.candidate_given_name} ${r.candidate_family_name}`,
      dateOfBirth: r.candidate_date_of_birth,
      postcode: r.candidate_postcode,
    },
    reason: r.reason,
    importRunId: r.import_run_id,
    createdAt: r.created_at,
  }));
}
