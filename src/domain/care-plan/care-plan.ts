/**
 * The care and support plan: PRSB Social Prescribing Information Standard v1.1 section 19 (needs,
 * goals with their importance to the person, and the actions towards each goal with the person's
 * confidence). Goal and action statuses are the simplified SNOMED care-planning context lists
 * (ref_goal_status, ref_action_status); importance and confidence are 1-10 scales.
 */
import { LIMITS } from '../limits.js';
import {
  checkCode,
  checkDate,
  checkInteger,
  checkText,
  IssueList,
  result,
  type CodeLookup,
  type Validated,
} from '../validation.js';

/** Importance of a goal and confidence in an action: 1 (not at all) to 10 (completely). */
export const SCALE_1_TO_10 = { min: 1, max: 10 } as const;

export interface CareNeedInput {
  /** ref_need. */
  readonly need: string;
  readonly description?: string | null;
}

export interface CareNeedRecord {
  readonly need: string;
  readonly description: string | null;
}

/** Validates a need in the plan: a code from ref_need, and a description of at most 500 characters. */
export function validateCareNeed(input: CareNeedInput, codes: CodeLookup): Validated<CareNeedRecord> {
  const issues = new IssueList();
  const need = checkCode(issues, codes, 'need', 'need', input.need, { required: true });
  const description = checkText(issues, 'description', input.description, { max: LIMITS.carePlanText });
  return result(issues, { need: need ?? '', description });
}

export interface GoalInput {
  readonly description: string;
  /** A need of the same plan (the caller checks it). */
  readonly needId?: string | null;
  readonly importance?: number | null;
  /** ref_goal_status; default `agreed`. */
  readonly status?: string | null;
  readonly agreedOn?: string | null;
  readonly reviewOn?: string | null;
  readonly achievedOn?: string | null;
}

export interface GoalRecord {
  readonly description: string;
  readonly needId: string | null;
  readonly importance: number | null;
  readonly status: string;
  readonly agreedOn: string | null;
  readonly reviewOn: string | null;
  readonly achievedOn: string | null;
}

/**
 * Validates a goal. Rules: a description (required, at most 500 characters); importance a whole
 * number 1-10; a status from ref_goal_status; dates YYYY-MM-DD, where `agreedOn` and `achievedOn`
 * are not after `today`, `agreedOn` is not before the referral day (`not_before_referral`), and
 * `reviewOn` and `achievedOn` are not before `agreedOn` (`not_before_agreed`). Days are UTC.
 */
export function validateGoal(
  input: GoalInput,
  codes: CodeLookup,
  today: string,
  referral: { readonly referredAt: Date },
): Validated<GoalRecord> {
  const issues = new IssueList();
  const description = checkText(issues, 'description', input.description, {
    required: true,
    max: LIMITS.carePlanText,
  });
  const importance = checkInteger(issues, 'importance', input.importance, SCALE_1_TO_10);
  const status = checkCode(issues, codes, 'status', 'goal_status', input.status) ?? 'agreed';
  const agreedOn = checkDate(issues, 'agreedOn', input.agreedOn, { notAfter: today });
  const reviewOn = checkDate(issues, 'reviewOn', input.reviewOn, {});
  const achievedOn = checkDate(issues, 'achievedOn', input.achievedOn, { notAfter: today });
  const referredOn = referral.referredAt.toISOString().slice(0, 10);
  if (agreedOn !== null && agreedOn < referredOn) {
    issues.add('agreedOn', 'not_before_referral', `must not be before the referral was made (${referredOn})`);
  }
  for (const [path, day] of [
    ['reviewOn', reviewOn],
    ['achievedOn', achievedOn],
  ] as const) {
    if (agreedOn !== null && day !== null && day < agreedOn) {
      issues.add(path, 'not_before_agreed', `must not be before the goal was agreed (${agreedOn})`);
    }
  }
  return result(issues, {
    description: description ?? '',
    needId: input.needId ?? null,
    importance,
    status,
    agreedOn,
    reviewOn,
    achievedOn,
  });
}

export interface ActionInput {
  readonly description: string;
  /** Who will do it (the person, the link worker, a service): free text. */
  readonly who?: string | null;
  readonly dueOn?: string | null;
  /** ref_action_status; default `planned`. */
  readonly status?: string | null;
  readonly confidence?: number | null;
}

export interface ActionRecord {
  readonly description: string;
  readonly who: string | null;
  readonly dueOn: string | null;
  readonly status: string;
  readonly confidence: number | null;
}

/**
 * Validates an action towards a goal: a description (required, at most 500 characters), `who` at
 * most 150 characters, `dueOn` a date (it may be in the future), a status from ref_action_status
 * and confidence a whole number 1-10.
 */
export function validateAction(input: ActionInput, codes: CodeLookup): Validated<ActionRecord> {
  const issues = new IssueList();
  const description = checkText(issues, 'description', input.description, {
    required: true,
    max: LIMITS.carePlanText,
  });
  const who = checkText(issues, 'who', input.who, { max: LIMITS.shortText });
  const dueOn = checkDate(issues, 'dueOn', input.dueOn, {});
  const status = checkCode(issues, codes, 'status', 'action_status', input.status) ?? 'planned';
  const confidence = checkInteger(issues, 'confidence', input.confidence, SCALE_1_TO_10);
  return result(issues, { description: description ?? '', who, dueOn, status, confidence });
}
