import type { Kysely, Selectable } from 'kysely';
import type { ActionRecord, CareNeedRecord, GoalRecord } from '../../domain/care-plan/care-plan.js';
import type { Database } from '../database.js';
import type { CareActionTable, CareGoalTable, CareNeedTable } from './casework.table.js';

export type CareNeedRow = Selectable<CareNeedTable>;
export type CareGoalRow = Selectable<CareGoalTable>;
export type CareActionRow = Selectable<CareActionTable>;

export function insertCareNeed(
  db: Kysely<Database>,
  referralId: string,
  n: CareNeedRecord,
): Promise<CareNeedRow> {
  return db
    .insertInto('care_need')
    .values({ referral_id: referralId, need: n.need, description: n.description })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCareNeedById(db: Kysely<Database>, id: string): Promise<CareNeedRow | undefined> {
  return db.selectFrom('care_need').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateCareNeedRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  n: CareNeedRecord,
): Promise<CareNeedRow | undefined> {
  return db
    .updateTable('care_need')
    .set((eb) => ({
      need: n.need,
      description: n.description,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function insertCareGoal(
  db: Kysely<Database>,
  referralId: string,
  g: GoalRecord,
): Promise<CareGoalRow> {
  return db
    .insertInto('care_goal')
    .values({
      referral_id: referralId,
      need_id: g.needId,
      description: g.description,
      importance: g.importance,
      status: g.status,
      agreed_on: g.agreedOn,
      review_on: g.reviewOn,
      achieved_on: g.achievedOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCareGoalById(db: Kysely<Database>, id: string): Promise<CareGoalRow | undefined> {
  return db.selectFrom('care_goal').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateCareGoalRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  g: GoalRecord,
): Promise<CareGoalRow | undefined> {
  return db
    .updateTable('care_goal')
    .set((eb) => ({
      need_id: g.needId,
      description: g.description,
      importance: g.importance,
      status: g.status,
      agreed_on: g.agreedOn,
      review_on: g.reviewOn,
      achieved_on: g.achievedOn,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function insertCareAction(
  db: Kysely<Database>,
  goalId: string,
  a: ActionRecord,
): Promise<CareActionRow> {
  return db
    .insertInto('care_action')
    .values({
      goal_id: goalId,
      description: a.description,
      who: a.who,
      due_on: a.dueOn,
      status: a.status,
      confidence: a.confidence,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An action with the referral its goal belongs to (the referral decides who may see it). */
export function findCareActionById(
  db: Kysely<Database>,
  id: string,
): Promise<(CareActionRow & { referral_id: string }) | undefined> {
  return db
    .selectFrom('care_action as a')
    .innerJoin('care_goal as g', 'g.id', 'a.goal_id')
    .selectAll('a')
    .select('g.referral_id')
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function updateCareActionRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  a: ActionRecord,
): Promise<CareActionRow | undefined> {
  return db
    .updateTable('care_action')
    .set((eb) => ({
      description: a.description,
      who: a.who,
      due_on: a.dueOn,
      status: a.status,
      confidence: a.confidence,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** The whole plan of a referral: needs, goals and their actions, each in the order recorded. */
export async function findCarePlan(
  db: Kysely<Database>,
  referralId: string,
): Promise<{ needs: CareNeedRow[]; goals: CareGoalRow[]; actions: CareActionRow[] }> {
  const needs = await db
    .selectFrom('care_need')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const goals = await db
    .selectFrom('care_goal')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const actions = await db
    .selectFrom('care_action as a')
    .innerJoin('care_goal as g', 'g.id', 'a.goal_id')
    .selectAll('a')
    .where('g.referral_id', '=', referralId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return { needs, goals, actions };
}
