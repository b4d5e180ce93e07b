/**
 * A referral to the link-worker service: PRSB Social Prescribing Information Standard v1.1 section 7
 * "Referral details" (../shared/standards/standards.md section 1.3), with the episode's status.
 */
import { LIMITS } from '../limits.js';
import {
  checkCode,
  checkDateTime,
  checkText,
  IssueList,
  result,
  type CodeLookup,
  type Validated,
} from '../validation.js';

/** Referral statuses (the ref_referral_status list); the transitions below are the rules between them. */
export type ReferralStatus = 'waiting' | 'active' | 'discharged' | 'declined' | 'did_not_engage';

/**
 * Allowed status changes. A referral waits until the person accepts (active) or declines; someone
 * who cannot be reached or stops attending did not engage; an active episode ends in discharge.
 * Ended referrals are not reopened: a return to the service is a re-referral linked to this one.
 */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  waiting: ['active', 'declined', 'did_not_engage'],
  active: ['discharged', 'did_not_engage'],
  discharged: [],
  declined: [],
  did_not_engage: [],
};

/** True when a referral may move from `from` to `to`. */
export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

/** SNOMED CT 871731000000106 |Referral to social prescribing service|: recorded when the person accepts. */
export const SNOMED_REFERRAL_ACCEPTED = '871731000000106';
/** SNOMED CT 871711000000103 |Social prescribing declined|. */
export const SNOMED_REFERRAL_DECLINED = '871711000000103';

/**
 * The national SNOMED CT code a referral carries in a status (standards.md section 2.1): the
 * "referral accepted" code once the person has accepted (and after, whatever the ending), the
 * "declined" code when they declined, none while waiting or if they never engaged before accepting.
 */
export function snomedCodeFor(status: ReferralStatus, wasAccepted: boolean): string | null {
  switch (status) {
    case 'waiting':
      return null;
    case 'declined':
      return SNOMED_REFERRAL_DECLINED;
    case 'active':
    case 'discharged':
      return SNOMED_REFERRAL_ACCEPTED;
    case 'did_not_engage':
      return wasAccepted ? SNOMED_REFERRAL_ACCEPTED : null;
  }
}

export interface ReferralInput {
  readonly personId: string;
  readonly schemeId: string;
  readonly referredAt: string;
  readonly route: string;
  readonly referrerRole?: string | null;
  readonly referrerName?: string | null;
  readonly referrerOrgId?: string | null;
  readonly referrerOrgText?: string | null;
  readonly method?: string | null;
  readonly reason?: string | null;
  readonly priorityGroup?: string | null;
  readonly needs?: readonly string[];
  readonly linkWorkerId?: string | null;
  readonly previousReferralId?: string | null;
  readonly consentToShare?: boolean | null;
}

export interface ReferralRecord {
  readonly personId: string;
  readonly schemeId: string;
  readonly referredAt: Date;
  readonly route: string;
  readonly referrerRole: string | null;
  readonly referrerName: string | null;
  readonly referrerOrgId: string | null;
  readonly referrerOrgText: string | null;
  readonly method: string | null;
  readonly reason: string | null;
  readonly priorityGroup: string | null;
  readonly needs: readonly string[];
  readonly linkWorkerId: string | null;
  readonly previousReferralId: string | null;
  readonly consentToShare: boolean | null;
}

/**
 * Validates the fields of a new referral. `now` bounds the referral date. Rules that need other
 * records (the person exists, scheme policy, the earlier referral belongs to the same person) are
 * checked by the service.
 */
export function validateReferral(
  input: ReferralInput,
  codes: CodeLookup,
  now: Date,
): Validated<ReferralRecord> {
  const issues = new IssueList();
  const referredAt = checkDateTime(issues, 'referredAt', input.referredAt, { required: true, notAfter: now });
  const route = checkCode(issues, codes, 'route', 'referral_route', input.route, { required: true });
  const referrerRole = checkCode(issues, codes, 'referrerRole', 'referrer_role', input.referrerRole);
  const referrerName = checkText(issues, 'referrerName', input.referrerName, { max: LIMITS.referrerName });
  const referrerOrgText = checkText(issues, 'referrerOrgText', input.referrerOrgText, {
    max: LIMITS.referrerOrganisationText,
  });
  const method = checkCode(issues, codes, 'method', 'referral_method', input.method);
  const reason = checkText(issues, 'reason', input.reason, { max: LIMITS.referralReason });
  const priorityGroup = checkCode(issues, codes, 'priorityGroup', 'priority_group', input.priorityGroup);
  const needs: string[] = [];
  (input.needs ?? []).forEach((need, i) => {
    const code = checkCode(issues, codes, `needs[${i}]`, 'need', need, { required: true });
    if (code !== null && !needs.includes(code)) needs.push(code);
  });
  if (route === 'self_referral' && referrerRole !== null && referrerRole !== 'self') {
    issues.add('referrerRole', 'self_referral_role', 'must be "self" (or empty) for a self-referral');
  }
  return result(issues, {
    personId: input.personId,
    schemeId: input.schemeId,
    referredAt: referredAt ?? new Date(0),
    route: route ?? '',
    referrerRole: route === 'self_referral' ? 'self' : referrerRole,
    referrerName,
    referrerOrgId: input.referrerOrgId ?? null,
    referrerOrgText,
    method,
    reason,
    priorityGroup,
    needs,
    linkWorkerId: input.linkWorkerId ?? null,
    previousReferralId: input.previousReferralId ?? null,
    consentToShare: input.consentToShare ?? null,
  });
}
