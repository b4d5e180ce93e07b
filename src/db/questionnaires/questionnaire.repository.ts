import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database.js';
import { provenanceColumns, type Provenance } from '../provenance.js';
import type { Answers, QuestionnaireResponseTable, QuestionnaireScoreTable } from './questionnaire.table.js';

export type QuestionnaireResponseRow = Selectable<QuestionnaireResponseTable>;
export type QuestionnaireScoreRow = Selectable<QuestionnaireScoreTable>;

/** A scored (or incomplete) response ready to store. */
export interface NewQuestionnaireResponse {
  readonly referralId: string;
  readonly instrumentId: string;
  readonly instrumentVersion: string;
  readonly timepoint: string;
  readonly administeredOn: string;
  readonly administeredBy: string | null;
  readonly answers: Answers;
  readonly scoreStatus: 'scored' | 'incomplete';
  readonly rulesVersion: string;
  readonly scores: readonly {
    readonly measure: string;
    readonly value: number;
    readonly band: string | null;
  }[];
}

async function insertScores(
  db: Kysely<Database>,
  responseId: string,
  scores: NewQuestionnaireResponse['scores'],
): Promise<QuestionnaireScoreRow[]> {
  if (scores.length === 0) return [];
  return db
    .insertInto('questionnaire_score')
    .values(
      scores.map((s) => ({ response_id: responseId, measure: s.measure, value: s.value, band: s.band })),
    )
    .returningAll()
    .execute();
}

/** Inserts a response and one score row per measure. Run inside a transaction. */
export async function insertQuestionnaireResponse(
  db: Kysely<Database>,
  r: NewQuestionnaireResponse,
  prov: Provenance = {},
): Promise<{ row: QuestionnaireResponseRow; scores: QuestionnaireScoreRow[] }> {
  const row = await db
    .insertInto('questionnaire_response')
    .values({
      referral_id: r.referralId,
      instrument_id: r.instrumentId,
      instrument_version: r.instrumentVersion,
      timepoint: r.timepoint,
      administered_on: r.administeredOn,
      administered_by: r.administeredBy,
      answers: JSON.stringify(r.answers),
      score_status: r.scoreStatus,
      rules_version: r.rulesVersion,
      ...provenanceColumns(prov),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, scores: await insertScores(db, row.id, r.scores) };
}

/**
 * Replaces a response (answers, time point, date, and the scores derived from them) if `version` is
 * current; undefined when stale. Run inside a transaction.
 */
export async function updateQuestionnaireResponse(
  db: Kysely<Database>,
  id: string,
  version: number,
  r: Omit<NewQuestionnaireResponse, 'referralId' | 'administeredBy'>,
): Promise<{ row: QuestionnaireResponseRow; scores: QuestionnaireScoreRow[] } | undefined> {
  const row = await db
    .updateTable('questionnaire_response')
    .set((eb) => ({
      instrument_id: r.instrumentId,
      instrument_version: r.instrumentVersion,
      timepoint: r.timepoint,
      administered_on: r.administeredOn,
      answers: JSON.stringify(r.answers),
      score_status: r.scoreStatus,
      rules_version: r.rulesVersion,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return undefined;
  await db.deleteFrom('questionnaire_score').where('response_id', '=', id).execute();
  return { row, scores: await insertScores(db, id, r.scores) };
}

export function findQuestionnaireResponseById(
  db: Kysely<Database>,
  id: string,
): Promise<QuestionnaireResponseRow | undefined> {
  return db.selectFrom('questionnaire_response').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A referral's responses, oldest first, each with its scores. */
export async function findQuestionnaireResponsesByReferral(
  db: Kysely<Database>,
  referralId: string,
): Promise<{ rows: QuestionnaireResponseRow[]; scores: QuestionnaireScoreRow[] }> {
  const rows = await db
    .selectFrom('questionnaire_response')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('administered_on')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return {
    rows,
    scores: await findScores(
      db,
      rows.map((r) => r.id),
    ),
  };
}

/** The scores of some responses, by response then measure. */
export function findScores(
  db: Kysely<Database>,
  responseIds: readonly string[],
): Promise<QuestionnaireScoreRow[]> {
  if (responseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('questionnaire_score')
    .selectAll()
    .where('response_id', 'in', [...responseIds])
    .execute();
}
