// Outcome questionnaires on a referral: the instruments on offer, and responses scored on write by
// the domain engine (scored or incomplete are stored with the rules version; invalid answers are a
// 400 naming answers[i]), listed with each follow-up's change from baseline. The referral decides
// access; every read and write of responses is audited, writes in the same transaction.
import type { Kysely } from 'kysely';
import type { RecordFacts } from '../../domain/access/policy.js';
import { DomainError, validationError } from '../../domain/errors.js';
import { changesFromBaseline, type MeasureChange } from '../../domain/questionnaires/change.js';
import {
  findMeasure,
  measuresOf,
  type InstrumentDefinition,
  type RaisedAlert,
} from '../../domain/questionnaires/instrument.js';
import { BUILT_IN_INSTRUMENTS, findBuiltInInstrument } from '../../domain/questionnaires/registry.js';
import {
  assessResponse,
  type AssessedResponse,
  type ResponseInput,
} from '../../domain/questionnaires/response.js';
import { withCurrentCodes } from '../../domain/records/current-codes.js';
import { findStaffById } from '../../db/accounts/staff.repository.js';
import type { ReferralRow } from '../../db/casework/referral.repository.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import {
  findQuestionnaireResponseById,
  findQuestionnaireResponsesByReferral,
  insertQuestionnaireResponse,
  updateQuestionnaireResponse,
  type NewQuestionnaireResponse,
  type QuestionnaireResponseRow,
  type QuestionnaireScoreRow,
} from '../../db/questionnaires/questionnaire.repository.js';
import { audit, type RequestContext } from '../audit/audit.service.js';
import { loadCodeLookup } from '../reference/reference.service.js';
import { loadOnReferral, loadReferral } from './referrals.service.js';

/** The instruments responses may be recorded with (the built-ins; bespoke ones are not stored yet). */
export function listInstruments(): readonly InstrumentDefinition[] {
  return BUILT_IN_INSTRUMENTS;
}

/** Finds an instrument responses may be recorded with. */
export const findInstrument = findBuiltInInstrument;

export interface Score {
  readonly measure: string;
  readonly value: number;
  readonly band: string | null;
}

/** A stored questionnaire response as services hand it out (never a database row). */
export interface QuestionnaireResponse {
  readonly id: string;
  readonly version: number;
  readonly referralId: string;
  readonly instrumentId: string;
  readonly instrumentVersion: string;
  readonly rulesVersion: string | null;
  readonly timepoint: string;
  readonly administeredOn: string;
  readonly administeredBy: string | null;
  readonly answers: readonly (number | null)[];
  readonly scoreStatus: 'scored' | 'incomplete' | 'invalid' | null;
  /** In the instrument's measure order. */
  readonly scores: readonly Score[];
  readonly recordedAt: Date;
  readonly updatedAt: Date;
}

/** A response with its change from baseline (follow-ups only; null for baselines). */
export type ResponseWithChange = QuestionnaireResponse & {
  readonly changes: readonly MeasureChange[] | null;
};

/** A response just written, with what scoring found (missing items, alerts to follow up). */
export type WrittenResponse = QuestionnaireResponse & {
  readonly missingItems: readonly number[];
  readonly alerts: readonly RaisedAlert[];
  /** Why an incomplete response has no scores. */
  readonly message: string | null;
};

function orderScores(instrumentId: string, scores: readonly QuestionnaireScoreRow[]): Score[] {
  const definition = findInstrument(instrumentId);
  const order = definition === undefined ? [] : measuresOf(definition).map((m) => m.id);
  const rank = (measure: string): number => {
    const i = order.indexOf(measure);
    return i === -1 ? order.length : i;
  };
  return [...scores]
    .sort((a, b) => rank(a.measure) - rank(b.measure) || a.measure.localeCompare(b.measure))
    .map((s) => ({ measure: s.measure, value: s.value, band: s.band }));
}

export function questionnaireResponseFromRow(
  r: QuestionnaireResponseRow,
  scores: readonly QuestionnaireScoreRow[],
): QuestionnaireResponse {
  return {
    id: r.id,
    version: r.version,
    referralId: r.referral_id,
    instrumentId: r.instrument_id,
    instrumentVersion: r.instrument_version,
    rulesVersion: r.rules_version,
    timepoint: r.timepoint,
    administeredOn: r.administered_on,
    administeredBy: r.administered_by,
    answers: r.answers,
    scoreStatus: r.score_status,
    scores: orderScores(
      r.instrument_id,
      scores.filter((s) => s.response_id === r.id),
    ),
    recordedAt: r.recorded_at,
    updatedAt: r.updated_at,
  };
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const notFound = (): DomainError =>
  new DomainError('not_found', 'No questionnaire response with that id that you may see');
const stale = (current?: number): DomainError =>
  new DomainError(
    'stale_version',
    'Someone else changed this questionnaire response first: reload and try again',
    current === undefined ? undefined : { currentVersion: current },
  );

const measureOf = (instrumentId: string, measure: string) => {
  const definition = findInstrument(instrumentId);
  return definition === undefined ? undefined : findMeasure(definition, measure);
};

/** Adds each follow-up's change from baseline (computed over all of the referral's responses). */
function withChanges(responses: readonly QuestionnaireResponse[]): ResponseWithChange[] {
  const changes = changesFromBaseline(responses, measureOf);
  return responses.map((r) => ({ ...r, changes: changes.get(r.id) ?? null }));
}

async function referralResponses(db: Kysely<Database>, referralId: string): Promise<QuestionnaireResponse[]> {
  const { rows, scores } = await findQuestionnaireResponsesByReferral(db, referralId);
  return rows.map((r) => questionnaireResponseFromRow(r, scores));
}

/** A referral's responses, oldest first, with scores and change from baseline; audits each. */
export async function listResponses(
  db: Kysely<Database>,
  ctx: RequestContext,
  referralId: string,
  authorize: (facts: RecordFacts) => void,
): Promise<ResponseWithChange[]> {
  const referral = await loadReferral(db, referralId, authorize);
  const responses = await referralResponses(db, referralId);
  await audit(
    db,
    ctx,
    responses.map((r) => ({
      action: 'list' as const,
      entity: 'questionnaire_response',
      entityId: r.id,
      schemeId: referral.scheme_id,
      detail: { referralId },
    })),
  );
  return withChanges(responses);
}

async function loadResponse(
  db: Kysely<Database>,
  id: string,
  authorize: (facts: RecordFacts) => void,
): Promise<{ row: QuestionnaireResponseRow; referral: ReferralRow }> {
  return loadOnReferral(db, findQuestionnaireResponseById, id, 'questionnaire response', authorize);
}

/** One response with its scores and, for a follow-up, its change from baseline. */
export async function getResponse(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  authorize: (facts: RecordFacts) => void,
): Promise<ResponseWithChange> {
  const { row, referral } = await loadResponse(db, id, authorize);
  await audit(db, ctx, [
    { action: 'read', entity: 'questionnaire_response', entityId: id, schemeId: referral.scheme_id },
  ]);
  const all = withChanges(await referralResponses(db, row.referral_id));
  const found = all.find((r) => r.id === id);
  if (found === undefined) throw notFound();
  return found;
}

function assessed(
  input: ResponseInput,
  codes: Parameters<typeof assessResponse>[1],
  ctx: RequestContext,
  referral: ReferralRow,
): AssessedResponse {
  const v = assessResponse(
    input,
    codes,
    isoDay(ctx.now),
    { referredAt: referral.referred_at },
    findInstrument,
  );
  if (v.kind === 'invalid') throw validationError(v.issues);
  return v.value;
}

function toStore(a: AssessedResponse): Omit<NewQuestionnaireResponse, 'referralId' | 'administeredBy'> {
  const r = a.result;
  return {
    instrumentId: a.definition.id,
    instrumentVersion: a.definition.version,
    timepoint: a.timepoint,
    administeredOn: a.administeredOn,
    answers: [...a.answers],
    scoreStatus: r.kind,
    rulesVersion: r.rulesVersion,
    scores:
      r.kind === 'scored'
        ? r.scores.map((s) => ({ measure: s.measure, value: s.value, band: s.band ?? null }))
        : [],
  };
}

function written(
  out: { row: QuestionnaireResponseRow; scores: QuestionnaireScoreRow[] },
  a: AssessedResponse,
): WrittenResponse {
  const r = a.result;
  return {
    ...questionnaireResponseFromRow(out.row, out.scores),
    missingItems: r.missingItems,
    alerts: r.alerts,
    message: r.kind === 'incomplete' ? r.message : null,
  };
}

/** The acting user's staff record in the referral's scheme, if any (who administered it). */
async function actingStaff(
  db: Kysely<Database>,
  ctx: RequestContext,
  schemeId: string,
): Promise<string | null> {
  for (const staffId of ctx.actor.staffIds) {
    if ((await findStaffById(db, staffId))?.scheme_id === schemeId) return staffId;
  }
  return null;
}

/**
 * Records a questionnaire administered on a referral, scored now: `scored` with one score per
 * measure, or `incomplete` (stored without scores, the missing items returned). Administered by the
 * acting user's staff record in the referral's scheme, if they have one.
 */
export async function recordResponse(
  db: Kysely<Database>,
  ctx: RequestContext,
  referralId: string,
  input: ResponseInput,
  authorize: (facts: RecordFacts) => void,
): Promise<WrittenResponse> {
  const referral = await loadReferral(db, referralId, authorize);
  const a = assessed(input, await loadCodeLookup(db), ctx, referral);
  return db
    .transaction()
    .execute(async (trx) => {
      const out = await insertQuestionnaireResponse(trx, {
        ...toStore(a),
        referralId,
        administeredBy: await actingStaff(trx, ctx, referral.scheme_id),
      });
      await audit(trx, ctx, [
        {
          action: 'create',
          entity: 'questionnaire_response',
          entityId: out.row.id,
          schemeId: referral.scheme_id,
          detail: { instrumentId: a.definition.id, scoreStatus: a.result.kind },
        },
      ]);
      return written(out, a);
    })
    .catch(translateDbError);
}

export interface UpdateResponseInput {
  readonly version: number;
  readonly timepoint?: string;
  readonly administeredOn?: string;
  readonly answers?: readonly (number | null)[];
}

/**
 * Corrects a response (answers, time point, date) if `version` is current, and scores it again with
 * the instrument's current rules (the stored scores and rules version are replaced).
 */
export async function changeResponse(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: UpdateResponseInput,
  authorize: (facts: RecordFacts) => void,
): Promise<WrittenResponse> {
  const { row: existing, referral } = await loadResponse(db, id, authorize);
  if (input.version !== existing.version) throw stale(existing.version);
  const codes = withCurrentCodes(await loadCodeLookup(db), [['timepoint', existing.timepoint]]);
  const a = assessed(
    {
      instrumentId: existing.instrument_id,
      timepoint: input.timepoint ?? existing.timepoint,
      administeredOn: input.administeredOn ?? existing.administered_on,
      answers: input.answers ?? existing.answers,
    },
    codes,
    ctx,
    referral,
  );
  return db
    .transaction()
    .execute(async (trx) => {
      const out = await updateQuestionnaireResponse(trx, id, input.version, toStore(a));
      if (out === undefined) throw stale();
      await audit(trx, ctx, [
        {
          action: 'update',
          entity: 'questionnaire_response',
          entityId: id,
          schemeId: referral.scheme_id,
          detail: { instrumentId: a.definition.id, scoreStatus: a.result.kind },
        },
      ]);
      return written(out, a);
    })
    .catch(translateDbError);
}
