/**
 * The episode of an imported referral: its status, when it was accepted and closed, and why it was
 * discharged. The API reaches these through the status rules one change at a time
 * (src/domain/referrals/referral.ts); an import receives the state a referral is in, so this checks
 * that the state is one those changes could have produced, with the same rules: a waiting or active
 * referral is not closed; a closed one has the date it closed; only a discharge has a reason (and
 * must have one); a referral declined or still waiting was never accepted; nothing happens before
 * the referral was made or in the future.
 */
import { snomedCodeFor, type ReferralStatus } from '../referrals/referral.js';
import { checkCode, checkDateTime, type CodeLookup, type IssueList } from '../validation.js';

export interface EpisodeInput {
  readonly status?: string | null;
  readonly acceptedAt?: string | null;
  readonly closedAt?: string | null;
  readonly dischargeReason?: string | null;
}

export interface EpisodeRecord {
  readonly status: ReferralStatus;
  readonly acceptedAt: Date | null;
  readonly closedAt: Date | null;
  readonly dischargeReason: string | null;
  /** The national SNOMED CT code the status carries (snomedCodeFor). */
  readonly snomedCode: string | null;
}

const OPEN: readonly string[] = ['waiting', 'active'];

/**
 * Checks an episode, adding issues (paths `status`, `acceptedAt`, `closedAt`, `dischargeReason`)
 * to `issues`. `referredAt` is null when the referral date itself was invalid. A missing status is
 * `waiting`.
 */
export function checkEpisode(
  issues: IssueList,
  input: EpisodeInput,
  referredAt: Date | null,
  codes: CodeLookup,
  now: Date,
): EpisodeRecord {
  const code = checkCode(issues, codes, 'status', 'referral_status', input.status ?? 'waiting');
  const status = (code ?? 'waiting') as ReferralStatus;
  const acceptedAt = checkDateTime(issues, 'acceptedAt', input.acceptedAt, { notAfter: now });
  const closedAt = checkDateTime(issues, 'closedAt', input.closedAt, { notAfter: now });
  for (const [path, at] of [
    ['acceptedAt', acceptedAt],
    ['closedAt', closedAt],
  ] as const) {
    if (at !== null && referredAt !== null && at < referredAt) {
      issues.add(path, 'not_before_referral', 'must not be before the referral was made');
    }
  }
  let dischargeReason: string | null = null;
  if (code !== null) {
    if (OPEN.includes(status) && closedAt !== null) {
      issues.add('closedAt', 'open_referral', `must be empty while the referral is ${status}`);
    }
    if (!OPEN.includes(status) && (input.closedAt ?? '') === '') {
      issues.add('closedAt', 'required', `is required for a referral that is ${status}`);
    }
    if ((status === 'waiting' || status === 'declined') && acceptedAt !== null) {
      issues.add('acceptedAt', 'not_accepted', `must be empty: a ${status} referral was never accepted`);
    }
    if (status === 'discharged') {
      dischargeReason = checkCode(
        issues,
        codes,
        'dischargeReason',
        'discharge_reason',
        input.dischargeReason,
        {
          required: true,
        },
      );
    } else if ((input.dischargeReason ?? '') !== '') {
      issues.add('dischargeReason', 'discharged_only', 'only a discharged referral has a discharge reason');
    }
  }
  return {
    status,
    acceptedAt,
    closedAt,
    dischargeReason,
    snomedCode: snomedCodeFor(status, acceptedAt !== null),
  };
}
