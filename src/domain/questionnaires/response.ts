/**
 * A questionnaire administered on a referral (PRSB Social Prescribing Information Standard v1.1
 * section 16 "Assessments"), checked and scored on the way in with the one scoring engine
 * (instrument.ts). A partial questionnaire is a normal record (`incomplete`, stored without scores);
 * answers that cannot be scored are an input error naming `answers[i]`.
 */
import type { FieldIssue } from '../errors.js';
import { checkCode, checkDate, IssueList, result, type CodeLookup, type Validated } from '../validation.js';
import { scoreInstrument, type InstrumentDefinition, type ScoreResult } from './instrument.js';

export interface ResponseInput {
  readonly instrumentId: string;
  /** ref_timepoint: baseline, review, discharge, follow_up. */
  readonly timepoint: string;
  readonly administeredOn: string;
  /** Answers in item order; null marks an unanswered item. */
  readonly answers: readonly (number | null)[];
}

/** A scoring result that can be stored: scored, or incomplete with the missing items. */
export type StorableResult = Extract<ScoreResult, { kind: 'scored' | 'incomplete' }>;

export interface AssessedResponse {
  readonly definition: InstrumentDefinition;
  readonly timepoint: string;
  readonly administeredOn: string;
  readonly answers: readonly (number | null)[];
  readonly result: StorableResult;
}

/**
 * Checks a questionnaire response and scores it. Rules: `instrumentId` names an instrument `find`
 * knows (`unknown_code`); `timepoint` is in ref_timepoint; `administeredOn` is a date not after
 * `today` nor before the referral day (`not_before_referral`, UTC days); every answer is a whole
 * number on its item's scale and there are no more answers than items (the engine's rules
 * `integer`, `out_of_range`, `unexpected_answer`, each on `answers[i]`, 0-based).
 */
export function assessResponse(
  input: ResponseInput,
  codes: CodeLookup,
  today: string,
  referral: { readonly referredAt: Date },
  find: (instrumentId: string) => InstrumentDefinition | undefined,
): Validated<AssessedResponse> {
  const issues = new IssueList();
  const definition = find(input.instrumentId);
  if (definition === undefined) {
    issues.add('instrumentId', 'unknown_code', `"${input.instrumentId}" is not a known instrument`);
  }
  const timepoint = checkCode(issues, codes, 'timepoint', 'timepoint', input.timepoint, { required: true });
  const administeredOn = checkDate(issues, 'administeredOn', input.administeredOn, {
    required: true,
    notAfter: today,
  });
  const referredOn = referral.referredAt.toISOString().slice(0, 10);
  if (administeredOn !== null && administeredOn < referredOn) {
    issues.add(
      'administeredOn',
      'not_before_referral',
      `must not be before the referral was made (${referredOn})`,
    );
  }
  if (definition === undefined) return { kind: 'invalid', issues: issues.issues };
  const scored = scoreInstrument(definition, input.answers);
  if (scored.kind === 'invalid') {
    const answerIssues: FieldIssue[] = scored.issues.map((i) => ({
      path: `answers[${i.position - 1}]`,
      rule: i.rule,
      message: i.message,
    }));
    return { kind: 'invalid', issues: [...issues.issues, ...answerIssues] };
  }
  return result(issues, {
    definition,
    timepoint: timepoint ?? '',
    administeredOn: administeredOn ?? '',
    answers: input.answers,
    result: scored,
  });
}
