/**
 * A scheme's stated policy applied to a referral and to sessions (the variation attributes the study
 * found differ between schemes: age range, accepted referral routes, exclusion criteria, re-referral
 * rules and session caps; ../shared/seed sections 4.3-4.5).
 */
import type { FieldIssue } from '../errors.js';

export interface SchemePolicy {
  readonly ageRange: 'adults' | 'all_ages' | 'children' | null;
  readonly minAge: number | null;
  readonly maxAge: number | null;
  readonly acceptedRoutes: readonly string[];
  readonly exclusionCriteria: readonly string[];
  readonly sessionCap: number | null;
  readonly sessionCapMode: 'warn' | 'block';
  readonly keepsAtRisk: boolean | null;
  readonly rereferralPolicy: 'allowed' | 'after_interval' | 'not_allowed' | null;
  readonly rereferralMinDays: number | null;
}

export interface ReferralFacts {
  /** Whole years on the referral date. */
  readonly ageAtReferral: number;
  readonly route: string;
  /** Exclusion criteria (ref_exclusion_criterion codes) that apply to the person. */
  readonly exclusions: readonly string[];
  /** For a re-referral: when the earlier referral to this scheme closed (null if still open). */
  readonly previous: { readonly closedAt: Date | null } | null;
  readonly referredAt: Date;
}

const ADULT_AGE = 18;

/** The rules of `policy` that a referral breaks, each naming the field and the rule (empty when none). */
export function checkReferralPolicy(policy: SchemePolicy, r: ReferralFacts): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const min = policy.minAge ?? (policy.ageRange === 'adults' ? ADULT_AGE : null);
  const max = policy.maxAge ?? (policy.ageRange === 'children' ? ADULT_AGE - 1 : null);
  if (min !== null && r.ageAtReferral < min) {
    issues.push({
      path: 'personId',
      rule: 'policy_min_age',
      message: `the scheme accepts people aged ${min} and over`,
    });
  }
  if (max !== null && r.ageAtReferral > max) {
    issues.push({
      path: 'personId',
      rule: 'policy_max_age',
      message: `the scheme accepts people aged up to ${max}`,
    });
  }
  if (policy.acceptedRoutes.length > 0 && !policy.acceptedRoutes.includes(r.route)) {
    issues.push({
      path: 'route',
      rule: 'policy_route',
      message: `the scheme accepts referrals from: ${policy.acceptedRoutes.join(', ')}`,
    });
  }
  for (const e of r.exclusions) {
    if (policy.exclusionCriteria.includes(e)) {
      issues.push({ path: 'exclusions', rule: 'policy_exclusion', message: `the scheme excludes: ${e}` });
    }
  }
  if (r.previous !== null) {
    if (r.previous.closedAt === null) {
      issues.push({
        path: 'previousReferralId',
        rule: 'previous_open',
        message: 'the earlier referral is still open',
      });
    } else if (policy.rereferralPolicy === 'not_allowed') {
      issues.push({
        path: 'previousReferralId',
        rule: 'policy_rereferral',
        message: 'the scheme does not accept re-referrals',
      });
    } else if (policy.rereferralPolicy === 'after_interval' && policy.rereferralMinDays !== null) {
      const days = (r.referredAt.getTime() - r.previous.closedAt.getTime()) / 86_400_000;
      if (days < policy.rereferralMinDays) {
        issues.push({
          path: 'previousReferralId',
          rule: 'policy_rereferral_interval',
          message: `the scheme accepts a re-referral ${policy.rereferralMinDays} days after discharge`,
        });
      }
    }
  }
  return issues;
}

export type SessionCapDecision =
  | { readonly kind: 'ok' }
  | { readonly kind: 'warn'; readonly message: string }
  | { readonly kind: 'block'; readonly message: string };

/**
 * Whether one more attended session is within the scheme's cap. Over the cap, a scheme set to warn
 * lets it through with a warning; one set to block refuses it, unless the scheme keeps people at risk
 * and the link worker says the person is at risk (the study's "4-session model but would not
 * discharge a service user if deemed at risk").
 */
export function checkSessionCap(
  policy: SchemePolicy,
  attendedSoFar: number,
  atRisk: boolean,
): SessionCapDecision {
  if (policy.sessionCap === null || attendedSoFar < policy.sessionCap) return { kind: 'ok' };
  const message = `the scheme offers up to ${policy.sessionCap} sessions and ${attendedSoFar} have taken place`;
  if (policy.sessionCapMode === 'warn' || (atRisk && policy.keepsAtRisk === true)) {
    return { kind: 'warn', message };
  }
  return { kind: 'block', message };
}
