/**
 * A contact (session) between a link worker and a person: PRSB Social Prescribing Information
 * Standard v1.1 section 8 "Contacts with professionals" (../shared/standards/standards.md 1.4).
 */
import { LIMITS } from '../limits.js';
import {
  checkCode,
  checkDateTime,
  checkInteger,
  checkText,
  IssueList,
  result,
  type CodeLookup,
  type Validated,
} from '../validation.js';

export interface ContactInput {
  readonly referralId: string;
  readonly contactAt: string;
  readonly mode: string;
  readonly durationMinutes?: number | null;
  readonly locationType?: string | null;
  readonly outcome?: string | null;
  readonly staffId?: string | null;
  readonly contactType?: string | null;
  readonly notes?: string | null;
}

export interface ContactRecord {
  readonly referralId: string;
  readonly contactAt: Date;
  readonly mode: string;
  readonly durationMinutes: number | null;
  readonly locationType: string | null;
  readonly outcome: string;
  readonly staffId: string | null;
  readonly contactType: string | null;
  readonly notes: string | null;
}

/**
 * Validates a contact against its referral: it may not be in the future or before the referral was
 * made (rule `not_before_referral`). Contacts after discharge are allowed (a follow-up call) and are
 * reported by the data-quality scorecard instead.
 */
export function validateContact(
  input: ContactInput,
  codes: CodeLookup,
  now: Date,
  referral: { readonly referredAt: Date },
): Validated<ContactRecord> {
  const issues = new IssueList();
  const contactAt = checkDateTime(issues, 'contactAt', input.contactAt, { required: true, notAfter: now });
  if (contactAt !== null && contactAt < referral.referredAt) {
    issues.add(
      'contactAt',
      'not_before_referral',
      `must not be before the referral was made (${referral.referredAt.toISOString()})`,
    );
  }
  const mode = checkCode(issues, codes, 'mode', 'contact_mode', input.mode, { required: true });
  const durationMinutes = checkInteger(issues, 'durationMinutes', input.durationMinutes, {
    min: 0,
    max: LIMITS.contactMinutesMax,
  });
  const locationType = checkCode(issues, codes, 'locationType', 'location_type', input.locationType);
  const outcome = checkCode(issues, codes, 'outcome', 'contact_outcome', input.outcome);
  const contactType = checkText(issues, 'contactType', input.contactType, { max: LIMITS.shortText });
  const notes = checkText(issues, 'notes', input.notes, { max: LIMITS.noteText });
  return result(issues, {
    referralId: input.referralId,
    contactAt: contactAt ?? new Date(0),
    mode: mode ?? '',
    durationMinutes,
    locationType,
    outcome: outcome ?? 'attended',
    staffId: input.staffId ?? null,
    contactType,
    notes,
  });
}
