// Contacts (link-worker sessions) on a referral: list, read, record and correct, with the scheme's
// session cap (warn or block) applied to attended sessions. Everything recorded on a referral is
// authorised by that referral's facts. Every read and write is audited; writes in the same transaction.
import type { Kysely } from 'kysely';
import type { RecordFacts } from '../../domain/access/policy.js';
import { validateContact, type ContactInput, type ContactRecord } from '../../domain/contacts/contact.js';
import { DomainError, validationError } from '../../domain/errors.js';
import { withCurrentCodes } from '../../domain/records/current-codes.js';
import { checkSessionCap } from '../../domain/referrals/scheme-policy.js';
import type { CodeLookup } from '../../domain/validation.js';
import { findStaffById } from '../../db/accounts/staff.repository.js';
import {
  findContactById,
  findContactsByReferral,
  insertContact,
  lockReferralForContacts,
  updateContactRow,
  type ContactRow,
} from '../../db/casework/contact.repository.js';
import { countAttendedContacts, type ReferralRow } from '../../db/casework/referral.repository.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import { audit, type RequestContext } from '../audit/audit.service.js';
import { loadCodeLookup } from '../reference/reference.service.js';
import { loadOnReferral, loadReferral, schemePolicy } from './referrals.service.js';

/** A contact as services hand it out (never a database row). */
export interface Contact extends Omit<ContactRecord, 'referralId'> {
  readonly id: string;
  readonly version: number;
  readonly referralId: string;
  readonly recordedAt: Date;
  readonly updatedAt: Date;
}

/** Something the caller should know although the write went through (e.g. over the session cap). */
export interface CaseworkWarning {
  readonly code: 'session_cap';
  readonly message: string;
}

export function contactFromRow(r: ContactRow): Contact {
  return {
    id: r.id,
    version: r.version,
    referralId: r.referral_id,
    contactAt: r.contact_at,
    mode: r.mode,
    durationMinutes: r.duration_minutes,
    locationType: r.location_type,
    outcome: r.outcome,
    staffId: r.staff_id,
    contactType: r.contact_type,
    notes: r.notes,
    recordedAt: r.recorded_at,
    updatedAt: r.updated_at,
  };
}

const ATTENDED = 'attended';
/** `current` when known (a lost race knows only that the version moved on). */
const stale = (current?: number): DomainError =>
  new DomainError(
    'stale_version',
    'Someone else changed this contact first: reload and try again',
    current === undefined ? undefined : { currentVersion: current },
  );

/** The referral's contacts, oldest first, one page; audits each contact returned. */
export async function listContacts(
  db: Kysely<Database>,
  ctx: RequestContext,
  referralId: string,
  authorize: (facts: RecordFacts) => void,
  page: { limit: number; offset: number },
): Promise<{ items: Contact[]; total: number }> {
  const referral = await loadReferral(db, referralId, authorize);
  const { rows, total } = await findContactsByReferral(db, referralId, page);
  await audit(
    db,
    ctx,
    rows.map((r) => ({
      action: 'list' as const,
      entity: 'contact',
      entityId: r.id,
      schemeId: referral.scheme_id,
      detail: { referralId },
    })),
  );
  return { items: rows.map(contactFromRow), total };
}

async function loadContact(
  db: Kysely<Database>,
  id: string,
  authorize: (facts: RecordFacts) => void,
): Promise<{ row: ContactRow; referral: ReferralRow }> {
  return loadOnReferral(db, findContactById, id, 'contact', authorize);
}

export async function getContact(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  authorize: (facts: RecordFacts) => void,
): Promise<Contact> {
  const { row, referral } = await loadContact(db, id, authorize);
  await audit(db, ctx, [{ action: 'read', entity: 'contact', entityId: id, schemeId: referral.scheme_id }]);
  return contactFromRow(row);
}

/**
 * The staff member a contact is recorded against: the one given (who must work in the referral's
 * scheme), or by default the acting user's staff record in that scheme (none for a manager).
 */
async function contactStaff(
  db: Kysely<Database>,
  ctx: RequestContext,
  schemeId: string,
  given: string | null | undefined,
): Promise<string | null> {
  if (given !== undefined) {
    if (given === null) return null;
    const staff = await findStaffById(db, given).catch(translateDbError);
    if (staff?.scheme_id !== schemeId) {
      throw validationError([
        { path: 'staffId', rule: 'scheme_staff', message: 'must be staff of this scheme' },
      ]);
    }
    return given;
  }
  for (const staffId of ctx.actor.staffIds) {
    if ((await findStaffById(db, staffId))?.scheme_id === schemeId) return staffId;
  }
  return null;
}

/**
 * Applies the session cap of the scheme's policy in force on the session's day to one more attended
 * session (inside the write's transaction, after the referral is locked): a warning to pass on, or
 * policy_violation (rule `policy_session_cap`).
 */
async function sessionCapWarnings(
  trx: Kysely<Database>,
  referral: ReferralRow,
  contactAt: Date,
  atRisk: boolean,
): Promise<CaseworkWarning[]> {
  const decision = checkSessionCap(
    await schemePolicy(trx, referral.scheme_id, contactAt.toISOString().slice(0, 10)),
    await countAttendedContacts(trx, referral.id),
    atRisk,
  );
  switch (decision.kind) {
    case 'ok':
      return [];
    case 'warn':
      return [{ code: 'session_cap', message: decision.message }];
    case 'block':
      throw new DomainError(
        'policy_violation',
        `The scheme's policy does not allow this session: ${decision.message}`,
        {
          issues: [{ path: 'outcome', rule: 'policy_session_cap', message: decision.message }],
        },
      );
  }
}

export interface ContactFields {
  readonly contactAt: string;
  readonly mode: string;
  readonly durationMinutes?: number | null;
  readonly locationType?: string | null;
  readonly outcome?: string | null;
  readonly staffId?: string | null;
  readonly contactType?: string | null;
  readonly notes?: string | null;
  /** The link worker judges the person at risk: a scheme that keeps people at risk then only warns at the cap. */
  readonly atRisk?: boolean;
}

function validated(
  input: ContactInput,
  codes: CodeLookup,
  ctx: RequestContext,
  referral: ReferralRow,
): ContactRecord {
  const v = validateContact(input, codes, ctx.now, { referredAt: referral.referred_at });
  if (v.kind === 'invalid') throw validationError(v.issues);
  return v.value;
}

/**
 * Records a contact on a referral (follow-ups after discharge are allowed; contacts before the
 * referral are not). An attended session over the scheme's cap is refused (block) or recorded with
 * a warning (warn, or block with the person at risk in a scheme that keeps people at risk).
 */
export async function createContact(
  db: Kysely<Database>,
  ctx: RequestContext,
  referralId: string,
  input: ContactFields,
  authorize: (facts: RecordFacts) => void,
): Promise<{ contact: Contact; warnings: CaseworkWarning[] }> {
  const referral = await loadReferral(db, referralId, authorize);
  const codes = await loadCodeLookup(db);
  const record = validated({ ...input, referralId, staffId: null }, codes, ctx, referral);
  const staffId = await contactStaff(db, ctx, referral.scheme_id, input.staffId);
  return db
    .transaction()
    .execute(async (trx) => {
      await lockReferralForContacts(trx, referralId);
      const warnings =
        record.outcome === ATTENDED
          ? await sessionCapWarnings(trx, referral, record.contactAt, input.atRisk ?? false)
          : [];
      const row = await insertContact(trx, { ...record, staffId });
      await audit(trx, ctx, [
        { action: 'create', entity: 'contact', entityId: row.id, schemeId: referral.scheme_id },
      ]);
      return { contact: contactFromRow(row), warnings };
    })
    .catch(translateDbError);
}

export interface UpdateContactInput extends Partial<ContactFields> {
  readonly version: number;
}

/**
 * Corrects a contact if `version` is current (else stale_version). The merged contact is checked
 * again with the contact rules; a session that becomes attended is checked against the session cap.
 */
export async function updateContact(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: UpdateContactInput,
  authorize: (facts: RecordFacts) => void,
): Promise<{ contact: Contact; warnings: CaseworkWarning[] }> {
  const { row: existing, referral } = await loadContact(db, id, authorize);
  if (input.version !== existing.version) throw stale(existing.version);
  const codes = withCurrentCodes(await loadCodeLookup(db), [
    ['contact_mode', existing.mode],
    ['location_type', existing.location_type],
    ['contact_outcome', existing.outcome],
  ]);
  const pick = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
  const record = validated(
    {
      referralId: existing.referral_id,
      contactAt: input.contactAt ?? existing.contact_at.toISOString(),
      mode: input.mode ?? existing.mode,
      durationMinutes: pick(input.durationMinutes, existing.duration_minutes),
      locationType: pick(input.locationType, existing.location_type),
      outcome: pick(input.outcome, existing.outcome),
      contactType: pick(input.contactType, existing.contact_type),
      notes: pick(input.notes, existing.notes),
    },
    codes,
    ctx,
    referral,
  );
  const staffId =
    input.staffId === undefined
      ? existing.staff_id
      : await contactStaff(db, ctx, referral.scheme_id, input.staffId);
  return db
    .transaction()
    .execute(async (trx) => {
      await lockReferralForContacts(trx, referral.id);
      const becomesAttended = record.outcome === ATTENDED && existing.outcome !== ATTENDED;
      const warnings = becomesAttended
        ? await sessionCapWarnings(trx, referral, record.contactAt, input.atRisk ?? false)
        : [];
      const row = await updateContactRow(trx, id, input.version, { ...record, staffId });
      if (row === undefined) throw stale();
      await audit(trx, ctx, [
        { action: 'update', entity: 'contact', entityId: id, schemeId: referral.scheme_id },
      ]);
      return { contact: contactFromRow(row), warnings };
    })
    .catch(translateDbError);
}
