// The care and support plan of a referral: needs, goals (optionally for one of the needs) and the
// actions towards each goal. The referral decides access to all of it; every read and write is
// audited, writes in the same transaction.
import type { Kysely } from 'kysely';
import type { RecordFacts } from '../../domain/access/policy.js';
import {
  validateAction,
  validateCareNeed,
  validateGoal,
  type ActionInput,
  type ActionRecord,
  type CareNeedInput,
  type CareNeedRecord,
  type GoalInput,
  type GoalRecord,
} from '../../domain/care-plan/care-plan.js';
import { DomainError, validationError } from '../../domain/errors.js';
import { withCurrentCodes } from '../../domain/records/current-codes.js';
import type { Validated } from '../../domain/validation.js';
import {
  findCareActionById,
  findCareGoalById,
  findCareNeedById,
  findCarePlan,
  insertCareAction,
  insertCareGoal,
  insertCareNeed,
  updateCareActionRow,
  updateCareGoalRow,
  updateCareNeedRow,
  type CareActionRow,
  type CareGoalRow,
  type CareNeedRow,
} from '../../db/casework/care-plan.repository.js';
import type { ReferralRow } from '../../db/casework/referral.repository.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import { audit, type RequestContext } from '../audit/audit.service.js';
import { loadCodeLookup } from '../reference/reference.service.js';
import { loadReferral } from './referrals.service.js';

interface Tracked {
  readonly id: string;
  readonly version: number;
  readonly recordedAt: Date;
  readonly updatedAt: Date;
}

export interface CareNeed extends CareNeedRecord, Tracked {
  readonly referralId: string;
}
export interface CareGoal extends GoalRecord, Tracked {
  readonly referralId: string;
}
export interface CareAction extends ActionRecord, Tracked {
  readonly goalId: string;
}
export interface CarePlan {
  readonly referralId: string;
  readonly needs: readonly CareNeed[];
  readonly goals: readonly (CareGoal & { readonly actions: readonly CareAction[] })[];
}

const tracked = (r: { id: string; version: number; recorded_at: Date; updated_at: Date }): Tracked => ({
  id: r.id,
  version: r.version,
  recordedAt: r.recorded_at,
  updatedAt: r.updated_at,
});

export function careNeedFromRow(r: CareNeedRow): CareNeed {
  return { ...tracked(r), referralId: r.referral_id, need: r.need, description: r.description };
}

export function careGoalFromRow(r: CareGoalRow): CareGoal {
  return {
    ...tracked(r),
    referralId: r.referral_id,
    needId: r.need_id,
    description: r.description,
    importance: r.importance,
    status: r.status,
    agreedOn: r.agreed_on,
    reviewOn: r.review_on,
    achievedOn: r.achieved_on,
  };
}

export function careActionFromRow(r: CareActionRow): CareAction {
  return {
    ...tracked(r),
    goalId: r.goal_id,
    description: r.description,
    who: r.who,
    dueOn: r.due_on,
    status: r.status,
    confidence: r.confidence,
  };
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const notFound = (what: string): DomainError =>
  new DomainError('not_found', `No ${what} with that id that you may see`);
const stale = (what: string, current?: number): DomainError =>
  new DomainError(
    'stale_version',
    `Someone else changed this ${what} first: reload and try again`,
    current === undefined ? undefined : { currentVersion: current },
  );
const valid = <T>(v: Validated<T>): T => {
  if (v.kind === 'invalid') throw validationError(v.issues);
  return v.value;
};

/** The whole plan: needs, and goals each with their actions. One audit event for the plan. */
export async function getCarePlan(
  db: Kysely<Database>,
  ctx: RequestContext,
  referralId: string,
  authorize: (facts: RecordFacts) => void,
): Promise<CarePlan> {
  const referral = await loadReferral(db, referralId, authorize);
  const plan = await findCarePlan(db, referralId);
  await audit(db, ctx, [
    {
      action: 'read',
      entity: 'care_plan',
      entityId: referralId,
      schemeId: referral.scheme_id,
      detail: { needs: plan.needs.length, goals: plan.goals.length, actions: plan.actions.length },
    },
  ]);
  const actions = plan.actions.map(careActionFromRow);
  return {
    referralId,
    needs: plan.needs.map(careNeedFromRow),
    goals: plan.goals.map((g) => ({
      ...careGoalFromRow(g),
      actions: actions.filter((a) => a.goalId === g.id),
    })),
  };
}

/** Writes one care-plan record and its audit event in one transaction. */
function write<T extends { id: string }>(
  db: Kysely<Database>,
  ctx: RequestContext,
  target: { action: 'create' | 'update'; entity: string; schemeId: string },
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db
    .transaction()
    .execute(async (trx) => {
      const out = await work(trx);
      await audit(trx, ctx, [{ ...target, entityId: out.id }]);
      return out;
    })
    .catch(translateDbError);
}

export async function addNeed(
  db: Kysely<Database>,
  ctx: RequestContext,
  referralId: string,
  input: CareNeedInput,
  authorize: (facts: RecordFacts) => void,
): Promise<CareNeed> {
  const referral = await loadReferral(db, referralId, authorize);
  const record = valid(validateCareNeed(input, await loadCodeLookup(db)));
  return write(
    db,
    ctx,
    { action: 'create', entity: 'care_need', schemeId: referral.scheme_id },
    async (trx) => careNeedFromRow(await insertCareNeed(trx, referralId, record)),
  );
}

export async function changeNeed(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: Partial<CareNeedInput> & { readonly version: number },
  authorize: (facts: RecordFacts) => void,
): Promise<CareNeed> {
  const existing = await findCareNeedById(db, id).catch(translateDbError);
  if (existing === undefined) throw notFound('need');
  const referral = await loadReferral(db, existing.referral_id, authorize);
  if (input.version !== existing.version) throw stale('need', existing.version);
  const codes = withCurrentCodes(await loadCodeLookup(db), [['need', existing.need]]);
  const record = valid(
    validateCareNeed(
      {
        need: input.need ?? existing.need,
        description: input.description === undefined ? existing.description : input.description,
      },
      codes,
    ),
  );
  return write(
    db,
    ctx,
    { action: 'update', entity: 'care_need', schemeId: referral.scheme_id },
    async (trx) => {
      const row = await updateCareNeedRow(trx, id, input.version, record);
      if (row === undefined) throw stale('need');
      return careNeedFromRow(row);
    },
  );
}

/** A goal's need must be a need of the same plan (rule `exists`, without saying whose it is). */
async function checkNeed(db: Kysely<Database>, referralId: string, needId: string | null): Promise<void> {
  if (needId === null) return;
  const need = await findCareNeedById(db, needId).catch(translateDbError);
  if (need?.referral_id !== referralId) {
    throw validationError([{ path: 'needId', rule: 'exists', message: 'no such need in this care plan' }]);
  }
}

export async function addGoal(
  db: Kysely<Database>,
  ctx: RequestContext,
  referralId: string,
  input: GoalInput,
  authorize: (facts: RecordFacts) => void,
): Promise<CareGoal> {
  const referral = await loadReferral(db, referralId, authorize);
  const record = valid(
    validateGoal(input, await loadCodeLookup(db), isoDay(ctx.now), { referredAt: referral.referred_at }),
  );
  await checkNeed(db, referralId, record.needId);
  return write(
    db,
    ctx,
    { action: 'create', entity: 'care_goal', schemeId: referral.scheme_id },
    async (trx) => careGoalFromRow(await insertCareGoal(trx, referralId, record)),
  );
}

async function loadGoal(
  db: Kysely<Database>,
  id: string,
  authorize: (facts: RecordFacts) => void,
): Promise<{ goal: CareGoalRow; referral: ReferralRow }> {
  const goal = await findCareGoalById(db, id).catch(translateDbError);
  if (goal === undefined) throw notFound('goal');
  return { goal, referral: await loadReferral(db, goal.referral_id, authorize) };
}

/** Changes a goal if `version` is current; the merged goal is checked again. */
export async function changeGoal(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: Partial<GoalInput> & { readonly version: number },
  authorize: (facts: RecordFacts) => void,
): Promise<CareGoal> {
  const { goal: existing, referral } = await loadGoal(db, id, authorize);
  if (input.version !== existing.version) throw stale('goal', existing.version);
  const codes = withCurrentCodes(await loadCodeLookup(db), [['goal_status', existing.status]]);
  const pick = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
  const record = valid(
    validateGoal(
      {
        description: input.description ?? existing.description,
        needId: pick(input.needId, existing.need_id),
        importance: pick(input.importance, existing.importance),
        status: pick(input.status, existing.status),
        agreedOn: pick(input.agreedOn, existing.agreed_on),
        reviewOn: pick(input.reviewOn, existing.review_on),
        achievedOn: pick(input.achievedOn, existing.achieved_on),
      },
      codes,
      isoDay(ctx.now),
      { referredAt: referral.referred_at },
    ),
  );
  if (record.needId !== existing.need_id) await checkNeed(db, existing.referral_id, record.needId);
  return write(
    db,
    ctx,
    { action: 'update', entity: 'care_goal', schemeId: referral.scheme_id },
    async (trx) => {
      const row = await updateCareGoalRow(trx, id, input.version, record);
      if (row === undefined) throw stale('goal');
      return careGoalFromRow(row);
    },
  );
}

/** Adds an action to a goal (the goal's referral decides access). */
export async function addAction(
  db: Kysely<Database>,
  ctx: RequestContext,
  goalId: string,
  input: ActionInput,
  authorize: (facts: RecordFacts) => void,
): Promise<CareAction> {
  const { referral } = await loadGoal(db, goalId, authorize);
  const record = valid(validateAction(input, await loadCodeLookup(db)));
  return write(
    db,
    ctx,
    { action: 'create', entity: 'care_action', schemeId: referral.scheme_id },
    async (trx) => careActionFromRow(await insertCareAction(trx, goalId, record)),
  );
}

/** Changes an action if `version` is current; the merged action is checked again. */
export async function changeAction(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: Partial<ActionInput> & { readonly version: number },
  authorize: (facts: RecordFacts) => void,
): Promise<CareAction> {
  const existing = await findCareActionById(db, id).catch(translateDbError);
  if (existing === undefined) throw notFound('action');
  const referral = await loadReferral(db, existing.referral_id, authorize);
  if (input.version !== existing.version) throw stale('action', existing.version);
  const codes = withCurrentCodes(await loadCodeLookup(db), [['action_status', existing.status]]);
  const pick = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
  const record = valid(
    validateAction(
      {
        description: input.description ?? existing.description,
        who: pick(input.who, existing.who),
        dueOn: pick(input.dueOn, existing.due_on),
        status: pick(input.status, existing.status),
        confidence: pick(input.confidence, existing.confidence),
      },
      codes,
    ),
  );
  return write(
    db,
    ctx,
    { action: 'update', entity: 'care_action', schemeId: referral.scheme_id },
    async (trx) => {
      const row = await updateCareActionRow(trx, id, input.version, record);
      if (row === undefined) throw stale('action');
      return careActionFromRow(row);
    },
  );
}
