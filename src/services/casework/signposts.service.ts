// Signposts and onward referrals to community services on a referral: list, read, record, and
// record what happened next (attendance; the service's response to an onward referral). Access is
// decided by the referral; every read and write is audited, writes in the same transaction.
import type { Kysely } from 'kysely';
import type { RecordFacts } from '../../domain/access/policy.js';
import { DomainError, validationError } from '../../domain/errors.js';
import { withCurrentCodes } from '../../domain/records/current-codes.js';
import {
  validateSignpost,
  type SignpostInput,
  type SignpostRecord,
  type SignpostResponse,
} from '../../domain/signposts/signpost.js';
import { findStaffById } from '../../db/accounts/staff.repository.js';
import type { ReferralRow } from '../../db/casework/referral.repository.js';
import {
  findSignpostById,
  findSignpostsByReferral,
  insertSignpost,
  updateSignpostRow,
  type SignpostRow,
} from '../../db/casework/signpost.repository.js';
import type { Database } from '../../db/database.js';
import { findCommunityServiceById } from '../../db/directory/community-service.repository.js';
import { translateDbError } from '../../db/errors.js';
import { audit, type RequestContext } from '../audit/audit.service.js';
import { loadCodeLookup } from '../reference/reference.service.js';
import { loadOnReferral, loadReferral } from './referrals.service.js';

/** A signpost or onward referral as services hand it out (never a database row). */
export interface Signpost extends SignpostRecord {
  readonly id: string;
  readonly version: number;
  readonly recordedAt: Date;
  readonly updatedAt: Date;
}

export function signpostFromRow(r: SignpostRow): Signpost {
  return {
    id: r.id,
    version: r.version,
    referralId: r.referral_id,
    kind: r.kind,
    serviceId: r.service_id,
    serviceName: r.service_name,
    signpostedOn: r.signposted_on,
    reasonNeed: r.reason_need,
    reasonText: r.reason_text,
    attendance: r.attendance,
    response: r.response,
    staffId: r.staff_id,
    recordedAt: r.recorded_at,
    updatedAt: r.updated_at,
  };
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const stale = (current?: number): DomainError =>
  new DomainError(
    'stale_version',
    'Someone else changed this signpost first: reload and try again',
    current === undefined ? undefined : { currentVersion: current },
  );

/** The referral's signposts and onward referrals, oldest first, one page; audits each returned. */
export async function listSignposts(
  db: Kysely<Database>,
  ctx: RequestContext,
  referralId: string,
  authorize: (facts: RecordFacts) => void,
  page: { limit: number; offset: number },
): Promise<{ items: Signpost[]; total: number }> {
  const referral = await loadReferral(db, referralId, authorize);
  const { rows, total } = await findSignpostsByReferral(db, referralId, page);
  await audit(
    db,
    ctx,
    rows.map((r) => ({
      action: 'list' as const,
      entity: 'signpost',
      entityId: r.id,
      schemeId: referral.scheme_id,
      detail: { referralId },
    })),
  );
  return { items: rows.map(signpostFromRow), total };
}

async function loadSignpost(
  db: Kysely<Database>,
  id: string,
  authorize: (facts: RecordFacts) => void,
): Promise<{ row: SignpostRow; referral: ReferralRow }> {
  return loadOnReferral(db, findSignpostById, id, 'signpost', authorize);
}

export async function getSignpost(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  authorize: (facts: RecordFacts) => void,
): Promise<Signpost> {
  const { row, referral } = await loadSignpost(db, id, authorize);
  await audit(db, ctx, [{ action: 'read', entity: 'signpost', entityId: id, schemeId: referral.scheme_id }]);
  return signpostFromRow(row);
}

/** The acting user's staff record in the scheme, if any (who signposted). */
async function actingStaff(
  db: Kysely<Database>,
  ctx: RequestContext,
  schemeId: string,
): Promise<string | null> {
  for (const staffId of ctx.actor.staffIds) {
    if ((await findStaffById(db, staffId))?.scheme_id === schemeId) return staffId;
  }
  return null;
}

export type CreateSignpostInput = Omit<SignpostInput, 'referralId' | 'staffId'>;

/**
 * Records a signpost or onward referral. The service is a directory entry that exists and is active
 * (`serviceId`, rule `exists`) or is named in `serviceName`; the other rules are validateSignpost's.
 */
export async function createSignpost(
  db: Kysely<Database>,
  ctx: RequestContext,
  referralId: string,
  input: CreateSignpostInput,
  authorize: (facts: RecordFacts) => void,
): Promise<Signpost> {
  const referral = await loadReferral(db, referralId, authorize);
  const codes = await loadCodeLookup(db);
  const v = validateSignpost({ ...input, referralId }, codes, isoDay(ctx.now), {
    referredAt: referral.referred_at,
  });
  const issues = v.kind === 'invalid' ? [...v.issues] : [];
  const serviceId = input.serviceId ?? null;
  if (serviceId !== null) {
    const service = await findCommunityServiceById(db, serviceId).catch(translateDbError);
    if (service?.active !== true) {
      issues.push({ path: 'serviceId', rule: 'exists', message: 'no such service in the directory' });
    }
  }
  if (v.kind === 'invalid' || issues.length > 0) throw validationError(issues);
  const staffId = await actingStaff(db, ctx, referral.scheme_id);
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await insertSignpost(trx, { ...v.value, staffId });
      await audit(trx, ctx, [
        { action: 'create', entity: 'signpost', entityId: row.id, schemeId: referral.scheme_id },
      ]);
      return signpostFromRow(row);
    })
    .catch(translateDbError);
}

export interface UpdateSignpostInput {
  readonly version: number;
  /** ref_attendance. */
  readonly attendance?: string | null;
  /** Onward referrals only. */
  readonly response?: SignpostResponse | null;
}

/** Records what happened after a signpost (attendance, response) if `version` is current. */
export async function updateSignpost(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: UpdateSignpostInput,
  authorize: (facts: RecordFacts) => void,
): Promise<Signpost> {
  const { row: existing, referral } = await loadSignpost(db, id, authorize);
  if (input.version !== existing.version) throw stale(existing.version);
  const codes = withCurrentCodes(await loadCodeLookup(db), [
    ['signpost_kind', existing.kind],
    ['need', existing.reason_need],
    ['attendance', existing.attendance],
  ]);
  const v = validateSignpost(
    {
      referralId: existing.referral_id,
      kind: existing.kind,
      serviceId: existing.service_id,
      serviceName: existing.service_name,
      signpostedOn: existing.signposted_on,
      reasonNeed: existing.reason_need,
      reasonText: existing.reason_text,
      attendance: input.attendance === undefined ? existing.attendance : input.attendance,
      response: input.response === undefined ? existing.response : input.response,
      staffId: existing.staff_id,
    },
    codes,
    isoDay(ctx.now),
    { referredAt: referral.referred_at },
  );
  if (v.kind === 'invalid') throw validationError(v.issues);
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await updateSignpostRow(trx, id, input.version, v.value);
      if (row === undefined) throw stale();
      await audit(trx, ctx, [
        { action: 'update', entity: 'signpost', entityId: id, schemeId: referral.scheme_id },
      ]);
      return signpostFromRow(row);
    })
    .catch(translateDbError);
}
