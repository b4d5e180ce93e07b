// Referrals to a link-worker scheme: list, read, create (scheme policy enforced), update with
// optimistic concurrency, status changes through the state machine, re-referral, the waiting list
// and a link worker's caseload. Every read and write of personal data is audited.
import type { Kysely } from 'kysely';
import type { RecordFacts, Scope } from '../../domain/access/policy.js';
import { DomainError, validationError } from '../../domain/errors.js';
import {
  canTransition,
  REFERRAL_TRANSITIONS,
  snomedCodeFor,
  validateReferral,
  type ReferralInput,
  type ReferralStatus,
} from '../../domain/referrals/referral.js';
import { checkReferralPolicy, type SchemePolicy } from '../../domain/referrals/scheme-policy.js';
import { ageOn, checkCode, checkText, IssueList } from '../../domain/validation.js';
import { LIMITS } from '../../domain/limits.js';
import {
  findCaseload,
  findReferralById,
  findReferralNeeds,
  findWaitingList,
  insertReferral,
  replaceReferralNeeds,
  searchReferrals,
  updateReferralRow,
  type ReferralFields,
  type ReferralFilter,
  type ReferralRow,
} from '../../db/casework/referral.repository.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import { findPersonById, linkPersonToScheme } from '../../db/people/person.repository.js';
import { findStaffById } from '../../db/accounts/staff.repository.js';
import { findCurrentSchemePolicy } from '../../db/schemes/scheme-policy.repository.js';
import { findSchemeById } from '../../db/schemes/scheme.repository.js';
import { audit, type RequestContext } from '../audit/audit.service.js';
import { loadCodeLookup } from '../reference/reference.service.js';

export interface Referral {
  readonly id: string;
  readonly version: number;
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
  readonly status: ReferralStatus;
  readonly snomedCode: string | null;
  readonly linkWorkerId: string | null;
  readonly previousReferralId: string | null;
  readonly acceptedAt: Date | null;
  readonly closedAt: Date | null;
  readonly dischargeReason: string | null;
  readonly consentToShare: boolean | null;
  readonly recordedAt: Date;
}

export function referralFromRow(r: ReferralFields, needs: readonly string[]): Referral {
  return {
    id: r.id,
    version: r.version,
    personId: r.person_id,
    schemeId: r.scheme_id,
    referredAt: r.referred_at,
    route: r.route,
    referrerRole: r.referrer_role,
    referrerName: r.referrer_name,
    referrerOrgId: r.referrer_org_id,
    referrerOrgText: r.referrer_org_text,
    method: r.method,
    reason: r.reason,
    priorityGroup: r.priority_group,
    needs,
    status: r.status as ReferralStatus,
    snomedCode: r.snomed_code,
    linkWorkerId: r.link_worker_id,
    previousReferralId: r.previous_referral_id,
    acceptedAt: r.accepted_at,
    closedAt: r.closed_at,
    dischargeReason: r.discharge_reason,
    consentToShare: r.consent_to_share,
    recordedAt: r.recorded_at,
  };
}

/** The facts that decide who may see or change a referral (and everything recorded on it). */
export function referralFacts(r: Pick<ReferralRow, 'scheme_id' | 'link_worker_id' | 'status'>): RecordFacts {
  return { schemeId: r.scheme_id, assignedTo: r.link_worker_id, waiting: r.status === 'waiting' };
}

const notFound = (): DomainError => new DomainError('not_found', 'No referral with that id that you may see');
const stale = (current: number): DomainError =>
  new DomainError('stale_version', 'Someone else changed this referral first: reload and try again', {
    currentVersion: current,
  });

/** Loads a referral the actor may act on (authorize throws otherwise). Not audited: callers audit. */
export async function loadReferral(
  db: Kysely<Database>,
  id: string,
  authorize: (facts: RecordFacts) => void,
): Promise<ReferralRow> {
  const row = await findReferralById(db, id).catch(translateDbError);
  if (row === undefined) throw notFound();
  authorize(referralFacts(row));
  return row;
}

/**
 * Loads a record kept on a referral (a contact, signpost, questionnaire response ...) with its
 * referral, which decides access: `authorize` throws when the referral is out of scope, and a
 * missing record is `not_found` named by `what`.
 */
export async function loadOnReferral<T extends { referral_id: string }>(
  db: Kysely<Database>,
  find: (db: Kysely<Database>, id: string) => Promise<T | undefined>,
  id: string,
  what: string,
  authorize: (facts: RecordFacts) => void,
): Promise<{ row: T; referral: ReferralRow }> {
  const row = await find(db, id).catch(translateDbError);
  if (row === undefined) throw new DomainError('not_found', `No ${what} with that id that you may see`);
  return { row, referral: await loadReferral(db, row.referral_id, authorize) };
}

export async function listReferrals(
  db: Kysely<Database>,
  ctx: RequestContext,
  scope: Scope,
  filter: ReferralFilter,
  page: { limit: number; offset: number },
): Promise<{ items: (Referral & { personName: string })[]; total: number }> {
  const { rows, total } = await searchReferrals(
    db,
    {
      kind: scope === 'caseload' ? 'caseload' : 'schemes',
      schemeIds: ctx.actor.schemeIds,
      staffIds: ctx.actor.staffIds,
    },
    filter,
    page,
  );
  await audit(
    db,
    ctx,
    rows.map((r) => ({ action: 'list' as const, entity: 'referral', entityId: r.id, schemeId: r.scheme_id })),
  );
  // Object.assign, not a spread: spreading a 23-field object is several times dearer (V8).
  const items = rows.map((r) =>
    Object.assign(referralFromRow(r, r.needs), { personName: `${r.given_name} ${r.family_name}` }),
  );
  return { items, total };
}

export async function getReferral(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  authorize: (facts: RecordFacts) => void,
): Promise<Referral> {
  const row = await loadReferral(db, id, authorize);
  await audit(db, ctx, [{ action: 'read', entity: 'referral', entityId: id, schemeId: row.scheme_id }]);
  return referralFromRow(row, await findReferralNeeds(db, id));
}

function policyOf(p: NonNullable<Awaited<ReturnType<typeof findCurrentSchemePolicy>>>): SchemePolicy {
  return {
    ageRange: p.age_range,
    minAge: p.min_age,
    maxAge: p.max_age,
    acceptedRoutes: p.accepted_routes,
    exclusionCriteria: p.exclusion_criteria,
    sessionCap: p.session_cap,
    sessionCapMode: p.session_cap_mode,
    keepsAtRisk: p.keeps_at_risk,
    rereferralPolicy: p.rereferral_policy,
    rereferralMinDays: p.rereferral_min_days,
  };
}

/** The policy of a scheme in force on `on` (default today; an open policy when the scheme has no description then). */
export async function schemePolicy(
  db: Kysely<Database>,
  schemeId: string,
  on?: string,
): Promise<SchemePolicy> {
  const p = await findCurrentSchemePolicy(db, schemeId, on);
  return p === undefined
    ? {
        ageRange: null,
        minAge: null,
        maxAge: null,
        acceptedRoutes: [],
        exclusionCriteria: [],
        sessionCap: null,
        sessionCapMode: 'warn',
        keepsAtRisk: null,
        rereferralPolicy: null,
        rereferralMinDays: null,
      }
    : policyOf(p);
}

export interface CreateReferralInput extends ReferralInput {
  /** Exclusion criteria (ref_exclusion_criterion) that apply to the person, checked against the scheme. */
  readonly exclusions?: readonly string[];
}

/** Records a referral: field rules, the records it refers to, then the scheme's policy (422). */
export async function createReferral(
  db: Kysely<Database>,
  ctx: RequestContext,
  input: CreateReferralInput,
): Promise<Referral> {
  const codes = await loadCodeLookup(db);
  const v = validateReferral(input, codes, ctx.now);
  const issues = new IssueList();
  (input.exclusions ?? []).forEach((e, i) =>
    checkCode(issues, codes, `exclusions[${i}]`, 'exclusion_criterion', e, { required: true }),
  );
  if (v.kind === 'invalid' || !issues.ok) {
    throw validationError([...(v.kind === 'invalid' ? v.issues : []), ...issues.issues]);
  }
  const r = v.value;
  return db
    .transaction()
    .execute(async (trx) => {
      const person = await findPersonById(trx, r.personId);
      if (person === undefined) {
        throw validationError([{ path: 'personId', rule: 'exists', message: 'no such person' }]);
      }
      if ((await findSchemeById(trx, r.schemeId)) === undefined) {
        throw validationError([{ path: 'schemeId', rule: 'exists', message: 'no such scheme' }]);
      }
      if (r.linkWorkerId !== null) {
        const staff = await findStaffById(trx, r.linkWorkerId);
        if (staff?.scheme_id !== r.schemeId) {
          throw validationError([
            { path: 'linkWorkerId', rule: 'scheme_staff', message: 'must be a link worker of this scheme' },
          ]);
        }
      }
      let previous: { closedAt: Date | null } | null = null;
      if (r.previousReferralId !== null) {
        const prev = await findReferralById(trx, r.previousReferralId);
        if (prev === undefined) {
          throw validationError([
            { path: 'previousReferralId', rule: 'exists', message: 'no such referral' },
          ]);
        }
        if (prev.person_id !== r.personId) {
          throw validationError([
            {
              path: 'previousReferralId',
              rule: 'same_person',
              message: 'must be a referral of the same person',
            },
          ]);
        }
        previous = { closedAt: prev.closed_at };
      }
      const broken = checkReferralPolicy(
        await schemePolicy(trx, r.schemeId, r.referredAt.toISOString().slice(0, 10)),
        {
          ageAtReferral: ageOn(person.date_of_birth, r.referredAt.toISOString().slice(0, 10)),
          route: r.route,
          exclusions: input.exclusions ?? [],
          previous,
          referredAt: r.referredAt,
        },
      );
      if (broken.length > 0) {
        throw new DomainError(
          'policy_violation',
          `The scheme's policy does not allow this referral: ${broken.map((b) => b.message).join('; ')}`,
          {
            issues: broken,
          },
        );
      }
      const row = await insertReferral(trx, r);
      await linkPersonToScheme(trx, r.personId, r.schemeId);
      await audit(trx, ctx, [
        { action: 'create', entity: 'referral', entityId: row.id, schemeId: r.schemeId },
      ]);
      return referralFromRow(row, r.needs);
    })
    .catch(translateDbError);
}

export interface UpdateReferralInput {
  readonly version: number;
  readonly referrerRole?: string | null;
  readonly referrerName?: string | null;
  readonly referrerOrgText?: string | null;
  readonly method?: string | null;
  readonly reason?: string | null;
  readonly priorityGroup?: string | null;
  readonly needs?: readonly string[];
  readonly linkWorkerId?: string | null;
  readonly consentToShare?: boolean | null;
}

/** Changes the details of a referral (not its status) if `version` is current. */
export async function updateReferral(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: UpdateReferralInput,
  authorize: (facts: RecordFacts) => void,
): Promise<Referral> {
  const existing = await loadReferral(db, id, authorize);
  const codes = await loadCodeLookup(db);
  const issues = new IssueList();
  const set: Parameters<typeof updateReferralRow>[3] = {};
  if (input.referrerRole !== undefined) {
    set.referrer_role = checkCode(issues, codes, 'referrerRole', 'referrer_role', input.referrerRole);
  }
  if (input.referrerName !== undefined) {
    set.referrer_name = checkText(issues, 'referrerName', input.referrerName, { max: LIMITS.referrerName });
  }
  if (input.referrerOrgText !== undefined) {
    set.referrer_org_text = checkText(issues, 'referrerOrgText', input.referrerOrgText, {
      max: LIMITS.referrerOrganisationText,
    });
  }
  if (input.method !== undefined) {
    set.method = checkCode(issues, codes, 'method', 'referral_method', input.method);
  }
  if (input.reason !== undefined) {
    set.reason = checkText(issues, 'reason', input.reason, { max: LIMITS.referralReason });
  }
  if (input.priorityGroup !== undefined) {
    set.priority_group = checkCode(issues, codes, 'priorityGroup', 'priority_group', input.priorityGroup);
  }
  if (input.consentToShare !== undefined) set.consent_to_share = input.consentToShare;
  const needs: string[] = [];
  (input.needs ?? []).forEach((n, i) => {
    const code = checkCode(issues, codes, `needs[${i}]`, 'need', n, { required: true });
    if (code !== null && !needs.includes(code)) needs.push(code);
  });
  if (input.linkWorkerId !== undefined) {
    if (input.linkWorkerId !== null) {
      const staff = await findStaffById(db, input.linkWorkerId).catch(translateDbError);
      if (staff?.scheme_id !== existing.scheme_id) {
        issues.add('linkWorkerId', 'scheme_staff', 'must be a link worker of this scheme');
      }
    }
    set.link_worker_id = input.linkWorkerId;
  }
  if (!issues.ok) throw validationError(issues.issues);
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await updateReferralRow(trx, id, input.version, set);
      if (row === undefined) throw stale(existing.version);
      if (input.needs !== undefined) await replaceReferralNeeds(trx, id, needs);
      await audit(trx, ctx, [
        { action: 'update', entity: 'referral', entityId: id, schemeId: row.scheme_id },
      ]);
      return referralFromRow(row, input.needs === undefined ? await findReferralNeeds(trx, id) : needs);
    })
    .catch(translateDbError);
}

export interface StatusChangeInput {
  readonly version: number;
  readonly status: ReferralStatus;
  /** When it happened (default now); not before the referral nor in the future. */
  readonly at?: string | undefined;
  /** Required for discharge (ref_discharge_reason). */
  readonly dischargeReason?: string | null | undefined;
}

/** Moves a referral through the state machine; an invalid transition is a 409 naming the allowed ones. */
export async function changeReferralStatus(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: StatusChangeInput,
  authorize: (facts: RecordFacts) => void,
): Promise<Referral> {
  const existing = await loadReferral(db, id, authorize);
  const from = existing.status as ReferralStatus;
  if (!canTransition(from, input.status)) {
    throw new DomainError('invalid_transition', `A ${from} referral cannot become ${input.status}`, {
      from,
      to: input.status,
      allowed: REFERRAL_TRANSITIONS[from],
    });
  }
  const issues = new IssueList();
  const at = input.at === undefined ? ctx.now : new Date(input.at);
  if (Number.isNaN(at.getTime())) {
    issues.add('at', 'datetime_format', 'must be a date-time like 2025-03-01T09:30:00Z');
  } else if (at > ctx.now) issues.add('at', 'not_in_future', 'must not be in the future');
  else if (at < existing.referred_at) {
    issues.add('at', 'not_before_referral', 'must not be before the referral was made');
  }
  let dischargeReason: string | null = null;
  if (input.status === 'discharged') {
    const codes = await loadCodeLookup(db);
    dischargeReason = checkCode(issues, codes, 'dischargeReason', 'discharge_reason', input.dischargeReason, {
      required: true,
    });
  }
  if (!issues.ok) throw validationError(issues.issues);
  const accepted = input.status === 'active' ? at : existing.accepted_at;
  const closing = input.status !== 'active';
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await updateReferralRow(trx, id, input.version, {
        status: input.status,
        snomed_code: snomedCodeFor(input.status, accepted !== null),
        accepted_at: accepted,
        closed_at: closing ? at : null,
        discharge_reason: dischargeReason,
        ...(input.status === 'active' &&
        existing.link_worker_id === null &&
        ctx.actor.staffIds[0] !== undefined
          ? { link_worker_id: ctx.actor.staffIds[0] }
          : {}),
      });
      if (row === undefined) throw stale(existing.version);
      await audit(trx, ctx, [
        {
          action: 'status',
          entity: 'referral',
          entityId: id,
          schemeId: row.scheme_id,
          detail: { from, to: input.status },
        },
      ]);
      return referralFromRow(row, await findReferralNeeds(trx, id));
    })
    .catch(translateDbError);
}

export interface WaitingEntry {
  readonly referralId: string;
  readonly personId: string;
  readonly personName: string;
  readonly dateOfBirth: string;
  readonly referredAt: Date;
  readonly daysWaiting: number;
  readonly route: string;
  readonly priorityGroup: string | null;
  readonly linkWorkerId: string | null;
  readonly version: number;
}

export async function waitingList(
  db: Kysely<Database>,
  ctx: RequestContext,
  schemeId: string,
): Promise<WaitingEntry[]> {
  const rows = await findWaitingList(db, schemeId, ctx.now);
  await audit(
    db,
    ctx,
    rows.map((r) => ({ action: 'list' as const, entity: 'referral', entityId: r.id, schemeId })),
  );
  return rows.map((r) => ({
    referralId: r.id,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    dateOfBirth: r.date_of_birth,
    referredAt: r.referred_at,
    daysWaiting: r.days_waiting,
    route: r.route,
    priorityGroup: r.priority_group,
    linkWorkerId: r.link_worker_id,
    version: r.version,
  }));
}

export interface CaseloadEntry {
  readonly referralId: string;
  readonly personId: string;
  readonly personName: string;
  readonly dateOfBirth: string;
  readonly schemeId: string;
  readonly referredAt: Date;
  readonly status: string;
  readonly contacts: number;
  readonly lastContactAt: Date | null;
  readonly version: number;
}

export async function caseload(
  db: Kysely<Database>,
  ctx: RequestContext,
  staffId: string,
): Promise<CaseloadEntry[]> {
  const rows = await findCaseload(db, staffId);
  await audit(
    db,
    ctx,
    rows.map((r) => ({ action: 'list' as const, entity: 'referral', entityId: r.id, schemeId: r.scheme_id })),
  );
  return rows.map((r) => ({
    referralId: r.id,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    dateOfBirth: r.date_of_birth,
    schemeId: r.scheme_id,
    referredAt: r.referred_at,
    status: r.status,
    contacts: r.contacts ?? 0,
    lastContactAt: r.last_contact_at === null ? null : new Date(r.last_contact_at),
    version: r.version,
  }));
}

export { findStaffById };
