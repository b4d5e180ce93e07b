/**
 * Signposts and onward referrals: PRSB Social Prescribing Information Standard v1.1 section 14
 * "Signpost details" (../shared/standards/standards.md 1.5). A signpost gives the person a service's
 * name and contact details; an onward referral is closed-loop, so it also records the service's
 * response (pending, accepted, declined). Either kind names a directory entry or a service by name.
 */
import { LIMITS } from '../limits.js';
import {
  checkCode,
  checkDate,
  checkText,
  IssueList,
  result,
  type CodeLookup,
  type Validated,
} from '../validation.js';

/** The responses a service may give to an onward referral (the database CHECK agrees). */
export const SIGNPOST_RESPONSES = ['pending', 'accepted', 'declined'] as const;
export type SignpostResponse = (typeof SIGNPOST_RESPONSES)[number];

/** The kind that carries a response (ref_signpost_kind). */
export const ONWARD_REFERRAL = 'onward_referral';

export interface SignpostInput {
  readonly referralId: string;
  /** ref_signpost_kind; default `signpost`. */
  readonly kind?: string | null;
  /** A community_service id (the caller checks it exists); or give `serviceName`. */
  readonly serviceId?: string | null;
  readonly serviceName?: string | null;
  readonly signpostedOn: string;
  /** ref_need: the need the service meets. */
  readonly reasonNeed?: string | null;
  readonly reasonText?: string | null;
  /** ref_attendance; default `not_known`. */
  readonly attendance?: string | null;
  /** Onward referrals only; default `pending` for them. */
  readonly response?: string | null;
  readonly staffId?: string | null;
}

export interface SignpostRecord {
  readonly referralId: string;
  readonly kind: string;
  readonly serviceId: string | null;
  readonly serviceName: string | null;
  readonly signpostedOn: string;
  readonly reasonNeed: string | null;
  readonly reasonText: string | null;
  readonly attendance: string;
  readonly response: SignpostResponse | null;
  readonly staffId: string | null;
}

const isResponse = (value: string): value is SignpostResponse =>
  (SIGNPOST_RESPONSES as readonly string[]).includes(value);

/**
 * Validates a signpost or onward referral against its referral. Rules: `kind`, `reasonNeed` and
 * `attendance` are codes from their lists; a service is named by `serviceId` or `serviceName`
 * (rule `required` on `serviceId`); `signpostedOn` is a date, not after `today` and not before the
 * day the referral was made (`not_before_referral`); `response` is for onward referrals only
 * (`onward_referral_only`) and one of SIGNPOST_RESPONSES. Days are UTC calendar days.
 */
export function validateSignpost(
  input: SignpostInput,
  codes: CodeLookup,
  today: string,
  referral: { readonly referredAt: Date },
): Validated<SignpostRecord> {
  const issues = new IssueList();
  const kind = checkCode(issues, codes, 'kind', 'signpost_kind', input.kind) ?? 'signpost';
  const serviceName = checkText(issues, 'serviceName', input.serviceName, { max: LIMITS.shortText });
  const serviceId = input.serviceId ?? null;
  if (serviceId === null && serviceName === null) {
    issues.add('serviceId', 'required', 'name a directory service (serviceId) or give serviceName');
  }
  const signpostedOn = checkDate(issues, 'signpostedOn', input.signpostedOn, {
    required: true,
    notAfter: today,
  });
  const referredOn = referral.referredAt.toISOString().slice(0, 10);
  if (signpostedOn !== null && signpostedOn < referredOn) {
    issues.add(
      'signpostedOn',
      'not_before_referral',
      `must not be before the referral was made (${referredOn})`,
    );
  }
  const reasonNeed = checkCode(issues, codes, 'reasonNeed', 'need', input.reasonNeed);
  const reasonText = checkText(issues, 'reasonText', input.reasonText, { max: LIMITS.shortText });
  const attendance = checkCode(issues, codes, 'attendance', 'attendance', input.attendance) ?? 'not_known';
  const onward = kind === ONWARD_REFERRAL;
  let response: SignpostResponse | null = onward ? 'pending' : null;
  const given = input.response ?? null;
  if (given !== null) {
    if (!onward) {
      issues.add('response', 'onward_referral_only', 'only an onward referral records a response');
    } else if (isResponse(given)) {
      response = given;
    } else {
      issues.add('response', 'unknown_code', `must be one of ${SIGNPOST_RESPONSES.join(', ')}`);
    }
  }
  return result(issues, {
    referralId: input.referralId,
    kind,
    serviceId,
    serviceName,
    signpostedOn: signpostedOn ?? '',
    reasonNeed,
    reasonText,
    attendance,
    response,
    staffId: input.staffId ?? null,
  });
}
