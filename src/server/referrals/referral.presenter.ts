import type { CaseloadEntry, Referral, WaitingEntry } from '../../services/casework/referrals.service.js';
import type { ReferralRes } from './referral.schema.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function presentReferral(r: Referral): ReferralRes {
  return {
    id: r.id,
    version: r.version,
    personId: r.personId,
    schemeId: r.schemeId,
    referredAt: r.referredAt.toISOString(),
    route: r.route,
    referrerRole: r.referrerRole,
    referrerName: r.referrerName,
    referrerOrgId: r.referrerOrgId,
    referrerOrgText: r.referrerOrgText,
    method: r.method,
    reason: r.reason,
    priorityGroup: r.priorityGroup,
    needs: [...r.needs],
    status: r.status,
    snomedCode: r.snomedCode,
    linkWorkerId: r.linkWorkerId,
    previousReferralId: r.previousReferralId,
    acceptedAt: iso(r.acceptedAt),
    closedAt: iso(r.closedAt),
    dischargeReason: r.dischargeReason,
    consentToShare: r.consentToShare,
  };
}

export function presentWaiting(w: WaitingEntry) {
  return {
    referralId: w.referralId,
    personId: w.personId,
    personName: w.personName,
    dateOfBirth: w.dateOfBirth,
    referredAt: w.referredAt.toISOString(),
    daysWaiting: w.daysWaiting,
    route: w.route,
    priorityGroup: w.priorityGroup,
    linkWorkerId: w.linkWorkerId,
    version: w.version,
  };
}

export function presentCaseloadEntry(c: CaseloadEntry) {
  return {
    referralId: c.referralId,
    personId: c.personId,
    personName: c.personName,
    dateOfBirth: c.dateOfBirth,
    schemeId: c.schemeId,
    referredAt: c.referredAt.toISOString(),
    status: c.status,
    contacts: c.contacts,
    lastContactAt: iso(c.lastContactAt),
    version: c.version,
  };
}
