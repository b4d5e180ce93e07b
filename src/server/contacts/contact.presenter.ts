// The only way a contact leaves the server: these fields, and no others.
import type { CaseworkWarning, Contact } from '../../services/casework/contacts.service.js';
import type { ContactRes } from './contact.schema.js';

export function presentContact(c: Contact): ContactRes {
  return {
    id: c.id,
    version: c.version,
    referralId: c.referralId,
    contactAt: c.contactAt.toISOString(),
    mode: c.mode,
    durationMinutes: c.durationMinutes,
    locationType: c.locationType,
    outcome: c.outcome,
    staffId: c.staffId,
    contactType: c.contactType,
    notes: c.notes,
    recordedAt: c.recordedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function presentWritten(w: { contact: Contact; warnings: readonly CaseworkWarning[] }) {
  return {
    ...presentContact(w.contact),
    warnings: w.warnings.map((x) => ({ code: x.code, message: x.message })),
  };
}
