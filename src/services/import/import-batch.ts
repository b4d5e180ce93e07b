// One batch of source rows through a profile, inside the caller's transaction: map and check every
// row (domain), look up in a few queries what the batch refers to (records already imported, people
// who may match), decide per row what to create, update or leave, then write: new records by COPY,
// changes by UPDATE, scheme links, review items and one audit event. A row is all or nothing: a
// row with any issue writes nothing, and later rows in the batch never see it.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { changedColumns, type ColumnValue } from '../../domain/harmonisation/changes.js';
import { mapRow, type MappedRow } from '../../domain/harmonisation/mapping.js';
import { matchPerson, type KnownPerson } from '../../domain/harmonisation/matching.js';
import {
  prepareRow,
  type ImportResolver,
  type PrepareContext,
  type PreparedContact,
  type PreparedPerson,
  type PreparedReferral,
  type Resolved,
} from '../../domain/harmonisation/prepare.js';
import type { BoundSheet } from '../../domain/harmonisation/profile.js';
import type { FieldIssue } from '../../domain/errors.js';
import { normaliseIdentifier } from '../../domain/identifiers/nhs-number.js';
import type { CopyFn } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { insertAuditEvents } from '../../db/audit/audit.repository.js';
import {
  findContactsBySourceIds,
  findPeopleBySourceIds,
  findPeopleToMatch,
  findPersonRefs,
  findReferralRefs,
  findReferralsBySourceIds,
  insertMatchReviews,
  insertPersonAliases,
  linkPeopleToSchemes,
  updateImportedContact,
  updateImportedPerson,
  updateImportedReferral,
  type ImportContactRow,
  type ImportPersonRow,
  type ImportReferralRow,
} from '../../db/import/import.repository.js';
import { replaceReferralNeeds } from '../../db/casework/referral.repository.js';
import { csvLine } from '../demo/csv.js';
import type { SourceRow } from './readers.js';
import type { ReferenceData } from './reference-data.js';

export type RecordStatus = 'created' | 'updated' | 'unchanged' | 'matched' | 'review';
export type RowStatus = 'created' | 'updated' | 'unchanged' | 'rejected' | 'blank';

export interface RecordOutcome {
  readonly status: RecordStatus;
  readonly id: string;
}

export interface RowOutcome {
  readonly rowNo: number;
  readonly status: RowStatus;
  readonly person: RecordOutcome | null;
  readonly referral: RecordOutcome | null;
  readonly contacts: readonly RecordOutcome[];
  readonly issues: readonly FieldIssue[];
  /** Review items queued for the row's person (uncertain matches). */
  readonly reviews: number;
}

export interface BatchContext {
  readonly runId: string | null;
  readonly sourceSystem: string;
  readonly bound: BoundSheet;
  readonly reference: ReferenceData;
  readonly prepare: Omit<PrepareContext, 'resolver'>;
  /** Who is importing, for the audit trail. */
  readonly actor: string;
}

type Columns = Record<string, ColumnValue>;

/** Columns each profile field sets, for comparing and updating (a field not in the profile is never touched). */
const PERSON_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  nhsNumber: ['nhs_number'],
  chiNumber: ['chi_number'],
  givenName: ['given_name'],
  familyName: ['family_name'],
  dateOfBirth: ['date_of_birth'],
  sex: ['sex'],
  gender: ['gender'],
  ethnicity: ['ethnicity_nation', 'ethnicity_code'],
  ethnicityNation: ['ethnicity_nation', 'ethnicity_code'],
  postcode: ['postcode'],
  phone: ['phone'],
  email: ['email'],
  practice: ['registered_practice_id'],
  recordedAt: ['recorded_at'],
};

const EPISODE = ['status', 'snomed_code', 'accepted_at', 'closed_at', 'discharge_reason'];
const REFERRAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  referredAt: ['referred_at'],
  route: ['route', 'referrer_role'],
  referrerRole: ['referrer_role'],
  referrerName: ['referrer_name'],
  referrerOrgText: ['referrer_org_text'],
  method: ['method'],
  reason: ['reason'],
  priorityGroup: ['priority_group'],
  needs: ['needs'],
  linkWorker: ['link_worker_id'],
  consentToShare: ['consent_to_share'],
  status: EPISODE,
  acceptedAt: EPISODE,
  closedAt: EPISODE,
  dischargeReason: EPISODE,
  recordedAt: ['recorded_at'],
};

const CONTACT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  contactAt: ['contact_at'],
  mode: ['mode'],
  durationMinutes: ['duration_minutes'],
  locationType: ['location_type'],
  outcome: ['outcome'],
  staff: ['staff_id'],
  contactType: ['contact_type'],
  notes: ['notes'],
  recordedAt: ['recorded_at'],
};

/** COPY column lists for new records (ids are made here, so rows can refer to each other at once). */
export const COPY_COLUMNS = {
  person: [
    'id',
    'nhs_number',
    'chi_number',
    'given_name',
    'family_name',
    'date_of_birth',
    'sex',
    'gender',
    'ethnicity_nation',
    'ethnicity_code',
    'postcode',
    'registered_practice_id',
    'phone',
    'email',
    'source_system',
    'source_record_id',
    'recorded_at',
  ],
  referral: [
    'id',
    'person_id',
    'scheme_id',
    'referred_at',
    'route',
    'referrer_role',
    'referrer_name',
    'referrer_org_text',
    'method',
    'reason',
    'priority_group',
    'status',
    'snomed_code',
    'link_worker_id',
    'accepted_at',
    'closed_at',
    'discharge_reason',
    'consent_to_share',
    'source_system',
    'source_record_id',
    'recorded_at',
  ],
  referral_need: ['referral_id', 'need'],
  contact: [
    'id',
    'referral_id',
    'contact_at',
    'mode',
    'duration_minutes',
    'location_type',
    'outcome',
    'staff_id',
    'contact_type',
    'notes',
    'source_system',
    'source_record_id',
    'recorded_at',
  ],
} as const;

function personColumns(p: PreparedPerson, now: Date): Columns {
  const r = p.record;
  return {
    nhs_number: r.nhsNumber,
    chi_number: r.chiNumber,
    given_name: r.givenName,
    family_name: r.familyName,
    date_of_birth: r.dateOfBirth,
    sex: r.sex,
    gender: r.gender,
    ethnicity_nation: r.ethnicity?.nation ?? null,
    ethnicity_code: r.ethnicity?.code ?? null,
    postcode: r.postcode,
    registered_practice_id: r.registeredPracticeId,
    phone: r.phone,
    email: r.email,
    recorded_at: p.recordedAt ?? now,
  };
}

function referralColumns(p: PreparedReferral, personId: string, now: Date): Columns {
  const r = p.record;
  const e = p.episode;
  return {
    person_id: personId,
    scheme_id: r.schemeId,
    referred_at: r.referredAt,
    route: r.route,
    referrer_role: r.referrerRole,
    referrer_name: r.referrerName,
    referrer_org_text: r.referrerOrgText,
    method: r.method,
    reason: r.reason,
    priority_group: r.priorityGroup,
    status: e.status,
    snomed_code: e.snomedCode,
    link_worker_id: r.linkWorkerId,
    accepted_at: e.acceptedAt,
    closed_at: e.closedAt,
    discharge_reason: e.dischargeReason,
    consent_to_share: r.consentToShare,
    needs: r.needs,
    recorded_at: p.recordedAt ?? now,
  };
}

function contactColumns(p: PreparedContact, referralId: string, now: Date): Columns {
  const r = p.record;
  return {
    referral_id: referralId,
    contact_at: r.contactAt,
    mode: r.mode,
    duration_minutes: r.durationMinutes,
    location_type: r.locationType,
    outcome: r.outcome,
    staff_id: r.staffId,
    contact_type: r.contactType,
    notes: r.notes,
    recorded_at: p.recordedAt ?? now,
  };
}

/** The columns a row's mapped fields set, plus those always compared. */
function pick(
  all: Columns,
  fields: ReadonlySet<string>,
  table: Readonly<Record<string, readonly string[]>>,
  always: readonly string[],
): Columns {
  const out: Columns = {};
  for (const key of always) out[key] = all[key] ?? null;
  for (const field of fields) for (const key of table[field] ?? []) out[key] = all[key] ?? null;
  return out;
}

const personKnown = (id: string, c: Columns): KnownPerson => ({
  id,
  nhsNumber: c['nhs_number'] as string | null,
  chiNumber: c['chi_number'] as string | null,
  givenName: c['given_name'] as string,
  familyName: c['family_name'] as string,
  dateOfBirth: c['date_of_birth'] as string,
  postcode: c['postcode'] as string | null,
});

const nameBirthKey = (familyName: string, dateOfBirth: string): string =>
  `${familyName.toLowerCase()}\u0000${dateOfBirth}`;

interface PersonState {
  id: string;
  columns: Columns;
  /** Imported by this source (found or created by source id): its fields may be updated. */
  owned: boolean;
}

interface ReferralState {
  id: string;
  columns: Columns;
}

interface ContactState {
  id: string;
  columns: Columns;
}

/** What the batch knows: records looked up at the start and those its earlier rows created or changed. */
class BatchState {
  readonly peopleBySource = new Map<string, PersonState>();
  readonly peopleById = new Map<string, PersonState>();
  readonly byNhs = new Map<string, string>();
  readonly byChi = new Map<string, string>();
  readonly byNameBirth = new Map<string, Set<string>>();
  readonly referralsBySource = new Map<string, ReferralState>();
  readonly contactsBySource = new Map<string, ContactState>();
  // Writes, in the order they are made.
  readonly newPeople = new Map<string, Columns & { source_record_id: string | null }>();
  readonly newReferrals = new Map<string, Columns & { source_record_id: string }>();
  readonly newContacts = new Map<string, Columns & { source_record_id: string }>();
  readonly personUpdates = new Map<string, Columns>();
  readonly referralUpdates = new Map<string, Columns>();
  readonly contactUpdates = new Map<string, Columns>();
  /** People a referral names by id (sheets without a person): their id and the schemes holding them. */
  readonly personRefs = new Map<string, { id: string; schemeIds: Set<string> }>();
  /** The schemes holding each person named by id, by Linkwork id. */
  readonly schemesOf = new Map<string, Set<string>>();
  /** Scheme links of people created in this batch (COPY), and of people already recorded (ON CONFLICT). */
  readonly newLinks = new Map<string, { personId: string; schemeId: string }>();
  readonly links = new Map<string, { personId: string; schemeId: string }>();
  readonly reviews: { personId: string; candidateId: string; reason: string }[] = [];
  readonly aliases = new Map<string, string>();

  indexPerson(state: PersonState, sourceId: string | null): void {
    this.peopleById.set(state.id, state);
    if (sourceId !== null) this.peopleBySource.set(sourceId, state);
    const c = state.columns;
    const nhs = c['nhs_number'];
    const chi = c['chi_number'];
    if (typeof nhs === 'string') this.byNhs.set(nhs, state.id);
    if (typeof chi === 'string') this.byChi.set(chi, state.id);
    const key = nameBirthKey(c['family_name'] as string, c['date_of_birth'] as string);
    const set = this.byNameBirth.get(key) ?? new Set<string>();
    set.add(state.id);
    this.byNameBirth.set(key, set);
  }

  /** People who may be `p` (same identifier, or same family name and date of birth). */
  candidates(p: PreparedPerson): KnownPerson[] {
    const ids = new Set<string>();
    const r = p.record;
    if (r.nhsNumber !== null) ids.add(this.byNhs.get(r.nhsNumber) ?? '');
    if (r.chiNumber !== null) ids.add(this.byChi.get(r.chiNumber) ?? '');
    for (const id of this.byNameBirth.get(nameBirthKey(r.familyName, r.dateOfBirth)) ?? []) ids.add(id);
    return [...ids].flatMap((id) => {
      const s = this.peopleById.get(id);
      return s === undefined ? [] : [personKnown(s.id, s.columns)];
    });
  }
}

function personColumnsFromRow(row: ImportPersonRow): Columns {
  return {
    nhs_number: row.nhs_number,
    chi_number: row.chi_number,
    given_name: row.given_name,
    family_name: row.family_name,
    date_of_birth: row.date_of_birth,
    sex: row.sex,
    gender: row.gender,
    ethnicity_nation: row.ethnicity_nation,
    ethnicity_code: row.ethnicity_code,
    postcode: row.postcode,
    registered_practice_id: row.registered_practice_id,
    phone: row.phone,
    email: row.email,
    recorded_at: row.recorded_at,
  };
}

function referralColumnsFromRow(row: ImportReferralRow): Columns {
  return {
    person_id: row.person_id,
    scheme_id: row.scheme_id,
    referred_at: row.referred_at,
    route: row.route,
    referrer_role: row.referrer_role,
    referrer_name: row.referrer_name,
    referrer_org_text: row.referrer_org_text,
    method: row.method,
    reason: row.reason,
    priority_group: row.priority_group,
    status: row.status,
    snomed_code: row.snomed_code,
    link_worker_id: row.link_worker_id,
    accepted_at: row.accepted_at,
    closed_at: row.closed_at,
    discharge_reason: row.discharge_reason,
    consent_to_share: row.consent_to_share,
    needs: row.needs,
    recorded_at: row.recorded_at,
  };
}

function contactColumnsFromRow(row: ImportContactRow): Columns {
  return {
    referral_id: row.referral_id,
    contact_at: row.contact_at,
    mode: row.mode,
    duration_minutes: row.duration_minutes,
    location_type: row.location_type,
    outcome: row.outcome,
    staff_id: row.staff_id,
    contact_type: row.contact_type,
    notes: row.notes,
    recorded_at: row.recorded_at,
  };
}

/** Looks up, in a few queries, everything the batch's rows refer to. */
async function prefetch(
  trx: Kysely<Database>,
  ctx: BatchContext,
  rows: readonly MappedSourceRow[],
): Promise<BatchState> {
  const state = new BatchState();
  const personIds = new Set<string>();
  const personRefIds = new Set<string>();
  const referralIds = new Set<string>();
  const referralRecords = new Set<string>();
  const contactIds = new Set<string>();
  const nhs = new Set<string>();
  const chi = new Set<string>();
  const nameBirth = new Map<string, { familyName: string; dateOfBirth: string }>();
  for (const { mapped } of rows) {
    const p = mapped.person;
    if (p !== null) {
      if (p.sourceId !== null) personIds.add(p.sourceId);
      const n = p.values.get('nhsNumber');
      const c = p.values.get('chiNumber');
      if (typeof n === 'string') nhs.add(normaliseIdentifier(n));
      if (typeof c === 'string') chi.add(normaliseIdentifier(c));
      const family = p.values.get('familyName');
      const birth = p.values.get('dateOfBirth');
      if (typeof family === 'string' && typeof birth === 'string') {
        nameBirth.set(nameBirthKey(family.trim(), birth), { familyName: family.trim(), dateOfBirth: birth });
      }
    }
    const r = mapped.referral;
    if (r !== null) {
      if (r.sourceId !== null) referralRecords.add(r.sourceId);
      const ref = r.values.get('person');
      if (typeof ref === 'string') personRefIds.add(ref);
    }
    for (const c of mapped.contacts) {
      if (c.sourceId !== null) contactIds.add(c.sourceId);
      const ref = c.values.get('referral');
      if (typeof ref === 'string') referralIds.add(ref);
    }
  }
  const system = ctx.sourceSystem;
  for (const row of await findPeopleBySourceIds(trx, system, [...personIds])) {
    const known = state.peopleById.get(row.id);
    // The same person found by two ids: updated through the id that created it, linked to through an alias.
    if (known !== undefined) {
      state.peopleBySource.set(row.found_by, { ...known, owned: row.owned });
    } else {
      state.indexPerson({ id: row.id, columns: personColumnsFromRow(row), owned: row.owned }, row.found_by);
    }
  }
  for (const row of await findPersonRefs(trx, system, [...personRefIds])) {
    const schemeIds = state.schemesOf.get(row.id) ?? new Set(row.scheme_ids);
    state.schemesOf.set(row.id, schemeIds);
    state.personRefs.set(row.found_by, { id: row.id, schemeIds });
  }
  const toMatch = await findPeopleToMatch(trx, {
    nhsNumbers: [...nhs].filter((n) => /^\d{10}$/.test(n)),
    chiNumbers: [...chi].filter((n) => /^\d{10}$/.test(n)),
    nameAndBirth: [...nameBirth.values()].filter((k) => /^\d{4}-\d{2}-\d{2}$/.test(k.dateOfBirth)),
  });
  for (const row of toMatch) {
    if (state.peopleById.has(row.id)) continue;
    const owned = row.source_system === system;
    state.indexPerson(
      { id: row.id, columns: personColumnsFromRow(row), owned },
      owned ? row.source_record_id : null,
    );
  }
  // Referrals the batch may update are compared with their needs; those contacts name need only their id.
  const refsOnly = [...referralIds].filter((id) => !referralRecords.has(id));
  for (const row of await findReferralsBySourceIds(trx, system, [...referralRecords])) {
    state.referralsBySource.set(row.source_record_id ?? '', {
      id: row.id,
      columns: referralColumnsFromRow(row),
    });
  }
  for (const row of await findReferralRefs(trx, system, refsOnly)) {
    state.referralsBySource.set(row.source_record_id ?? '', {
      id: row.id,
      columns: { scheme_id: row.scheme_id, referred_at: row.referred_at },
    });
  }
  for (const row of await findContactsBySourceIds(trx, system, [...contactIds])) {
    state.contactsBySource.set(row.source_record_id ?? '', {
      id: row.id,
      columns: contactColumnsFromRow(row),
    });
  }
  return state;
}

function resolverFor(ctx: BatchContext, state: BatchState): ImportResolver {
  const ref = ctx.reference;
  return {
    scheme: (r): Resolved<{ id: string; nation: string }> => ref.scheme(r),
    staff: (schemeId, r) => ref.staff(schemeId, r),
    practice: (r) => ref.practice(r),
    person: (sourceId) => {
      const s = state.peopleBySource.get(sourceId) ?? state.personRefs.get(sourceId);
      return s === undefined ? undefined : { id: s.id };
    },
    referral: (sourceId) => {
      const s = state.referralsBySource.get(sourceId);
      return s === undefined
        ? undefined
        : {
            id: s.id,
            schemeId: s.columns['scheme_id'] as string,
            referredAt: s.columns['referred_at'] as Date,
          };
    },
  };
}

type Rejection = { readonly rejected: FieldIssue[] };

/** Plans a row's person; mutates nothing (so that a row rejected later leaves no trace). */
function planPerson(
  state: BatchState,
  p: PreparedPerson,
  now: Date,
):
  | Rejection
  | { kind: 'existing'; state: PersonState; set: Columns; status: RecordStatus }
  | { kind: 'new'; id: string; columns: Columns; reviews: { candidateId: string; reason: string }[] } {
  const columns = personColumns(p, now);
  const bySource = p.sourceId === null ? undefined : state.peopleBySource.get(p.sourceId);
  // Known to this source by an alias: a person another source (or Linkwork) holds; linked, not changed.
  if (bySource !== undefined && !bySource.owned) {
    return { kind: 'existing', state: bySource, set: {}, status: 'matched' };
  }
  const owned = bySource;
  if (owned !== undefined) {
    const wanted = pick(columns, p.fields, PERSON_COLUMNS, []);
    for (const [path, column, index] of [
      ['person.nhsNumber', 'nhs_number', state.byNhs],
      ['person.chiNumber', 'chi_number', state.byChi],
    ] as const) {
      const value = wanted[column];
      const holder = typeof value === 'string' ? index.get(value) : undefined;
      if (holder !== undefined && holder !== owned.id) {
        return { rejected: [{ path, rule: 'unique', message: 'is already recorded for another person' }] };
      }
    }
    const changed = changedColumns(owned.columns, wanted);
    const set = Object.fromEntries(changed.map((k) => [k, wanted[k] ?? null]));
    return { kind: 'existing', state: owned, set, status: changed.length > 0 ? 'updated' : 'unchanged' };
  }
  const match = matchPerson(
    {
      nhsNumber: p.record.nhsNumber,
      chiNumber: p.record.chiNumber,
      givenName: p.record.givenName,
      familyName: p.record.familyName,
      dateOfBirth: p.record.dateOfBirth,
      postcode: p.record.postcode,
    },
    state.candidates(p),
  );
  switch (match.kind) {
    case 'identifier':
    case 'demographics': {
      const found = state.peopleById.get(match.person.id);
      // A match found by identifier or name is another record: linked to, never overwritten.
      return found === undefined
        ? { kind: 'new', id: randomUUID(), columns, reviews: [] }
        : { kind: 'existing', state: found, set: {}, status: 'matched' };
    }
    case 'conflict':
      return {
        rejected: [{ path: `person.${match.path}`, rule: 'identifier_conflict', message: match.message }],
      };
    case 'review':
      return {
        kind: 'new',
        id: randomUUID(),
        columns,
        reviews: match.candidates.map((c) => ({ candidateId: c.person.id, reason: c.reason })),
      };
    case 'none':
      return { kind: 'new', id: randomUUID(), columns, reviews: [] };
  }
}

function planRecord(
  existing: { id: string; columns: Columns } | undefined,
  columns: Columns,
  fields: ReadonlySet<string>,
  table: Readonly<Record<string, readonly string[]>>,
  always: readonly string[],
): { kind: 'existing'; id: string; set: Columns } | { kind: 'new'; id: string } {
  if (existing === undefined) return { kind: 'new', id: randomUUID() };
  const wanted = pick(columns, fields, table, always);
  const changed = changedColumns(existing.columns, wanted);
  return {
    kind: 'existing',
    id: existing.id,
    set: Object.fromEntries(changed.map((k) => [k, wanted[k] ?? null])),
  };
}

/**
 * Holds a person in a scheme: by COPY for people created in this batch (no link can exist yet),
 * not at all where a referral's person is known to be held there, else by an insert that leaves an
 * existing link alone.
 */
function link(state: BatchState, personId: string, schemeId: string): void {
  const key = `${personId}|${schemeId}`;
  if (state.newPeople.has(personId)) {
    state.newLinks.set(key, { personId, schemeId });
    return;
  }
  const held = state.schemesOf.get(personId);
  if (held?.has(schemeId) === true) return;
  held?.add(schemeId);
  state.links.set(key, { personId, schemeId });
}

function merge(updates: Map<string, Columns>, id: string, set: Columns): void {
  updates.set(id, { ...(updates.get(id) ?? {}), ...set });
}

/** Decides a ready row and records its writes in `state`; returns the row's outcome. */
function applyRow(
  state: BatchState,
  ctx: BatchContext,
  rowNo: number,
  row: {
    person: PreparedPerson | null;
    referral: PreparedReferral | null;
    contacts: readonly PreparedContact[];
  },
): RowOutcome {
  const now = ctx.prepare.now;
  const reject = (issues: FieldIssue[]): RowOutcome => ({
    rowNo,
    status: 'rejected',
    person: null,
    referral: null,
    contacts: [],
    issues,
    reviews: 0,
  });
  // 1. Plan everything (no state changes yet).
  const person = row.person === null ? null : planPerson(state, row.person, now);
  if (person !== null && 'rejected' in person) return reject(person.rejected);
  const personId =
    person === null ? (row.referral?.personId ?? null) : person.kind === 'new' ? person.id : person.state.id;
  const referral =
    row.referral === null
      ? null
      : (() => {
          const columns = referralColumns(row.referral, personId ?? '', now);
          const existing = state.referralsBySource.get(row.referral.sourceId);
          return {
            columns,
            plan: planRecord(existing, columns, row.referral.fields, REFERRAL_COLUMNS, [
              'person_id',
              'scheme_id',
            ]),
          };
        })();
  const contacts = row.contacts.map((c) => {
    const referralId = referral?.plan.id ?? c.record.referralId;
    const columns = contactColumns(c, referralId, now);
    return {
      source: c,
      columns,
      plan: planRecord(state.contactsBySource.get(c.sourceId), columns, c.fields, CONTACT_COLUMNS, [
        'referral_id',
      ]),
    };
  });
  // Two contacts on one row with the same id would be one record written twice.
  const ids = new Set(row.contacts.map((c) => c.sourceId));
  if (ids.size !== row.contacts.length) {
    return reject([
      { path: 'contact.id', rule: 'unique', message: 'two contacts on this row have the same id' },
    ]);
  }

  // 2. Apply the plan to the batch state and its writes.
  let personOutcome: RecordOutcome | null = null;
  let reviews = 0;
  if (person !== null && row.person !== null) {
    if (person.kind === 'new') {
      const created: PersonState = {
        id: person.id,
        columns: person.columns,
        owned: row.person.sourceId !== null,
      };
      state.indexPerson(created, row.person.sourceId);
      state.newPeople.set(person.id, { ...person.columns, source_record_id: row.person.sourceId });
      for (const r of person.reviews) state.reviews.push({ personId: person.id, ...r });
      reviews = person.reviews.length;
      personOutcome = { status: reviews > 0 ? 'review' : 'created', id: person.id };
    } else {
      if (person.status === 'updated') {
        const pending = state.newPeople.get(person.state.id);
        if (pending !== undefined) Object.assign(pending, person.set);
        else merge(state.personUpdates, person.state.id, person.set);
        person.state.columns = { ...person.state.columns, ...person.set };
        state.indexPerson(person.state, row.person.sourceId);
      }
      personOutcome = { status: person.status, id: person.state.id };
      const sourceId = row.person.sourceId;
      if (
        person.status === 'matched' &&
        sourceId !== null &&
        state.peopleBySource.get(sourceId) === undefined
      ) {
        // Through this id the person is linked to, never updated (another id of this source, or
        // another source, holds the record).
        state.peopleBySource.set(sourceId, {
          id: person.state.id,
          columns: person.state.columns,
          owned: false,
        });
        state.aliases.set(sourceId, person.state.id);
      }
    }
    if (row.person.schemeId !== null) link(state, personOutcome.id, row.person.schemeId);
  }
  let referralOutcome: RecordOutcome | null = null;
  if (referral !== null && row.referral !== null) {
    const { plan, columns } = referral;
    if (plan.kind === 'new') {
      state.newReferrals.set(plan.id, { ...columns, source_record_id: row.referral.sourceId });
      state.referralsBySource.set(row.referral.sourceId, { id: plan.id, columns });
      referralOutcome = { status: 'created', id: plan.id };
    } else {
      const changed = Object.keys(plan.set).length > 0;
      if (changed) {
        const pending = state.newReferrals.get(plan.id);
        if (pending !== undefined) Object.assign(pending, plan.set);
        else merge(state.referralUpdates, plan.id, plan.set);
        const s = state.referralsBySource.get(row.referral.sourceId);
        if (s !== undefined) s.columns = { ...s.columns, ...plan.set };
      }
      referralOutcome = { status: changed ? 'updated' : 'unchanged', id: plan.id };
    }
    link(state, columns['person_id'] as string, columns['scheme_id'] as string);
  }
  const contactOutcomes: RecordOutcome[] = contacts.map(({ source, columns, plan }) => {
    if (plan.kind === 'new') {
      state.newContacts.set(plan.id, { ...columns, source_record_id: source.sourceId });
      state.contactsBySource.set(source.sourceId, { id: plan.id, columns });
      return { status: 'created', id: plan.id };
    }
    const changed = Object.keys(plan.set).length > 0;
    if (changed) {
      const pending = state.newContacts.get(plan.id);
      if (pending !== undefined) Object.assign(pending, plan.set);
      else merge(state.contactUpdates, plan.id, plan.set);
      const s = state.contactsBySource.get(source.sourceId);
      if (s !== undefined) s.columns = { ...s.columns, ...plan.set };
    }
    return { status: changed ? 'updated' : 'unchanged', id: plan.id };
  });
  const all = [personOutcome, referralOutcome, ...contactOutcomes].filter(
    (o): o is RecordOutcome => o !== null,
  );
  const status: RowStatus = all.some((o) => o.status === 'created' || o.status === 'review')
    ? 'created'
    : all.some((o) => o.status === 'updated')
      ? 'updated'
      : 'unchanged';
  return {
    rowNo,
    status,
    person: personOutcome,
    referral: referralOutcome,
    contacts: contactOutcomes,
    issues: [],
    reviews,
  };
}

const copyValue = (v: ColumnValue | undefined): string | number | boolean | Date | null =>
  v === undefined || Array.isArray(v) ? null : (v as string | number | boolean | Date | null);

/** COPY text for new rows: one string per table and batch (one write to the database, not one a row). */
function copyText(columns: readonly string[], rows: Iterable<[string, Columns]>, system: string): string {
  let text = '';
  for (const [id, row] of rows) {
    text += csvLine(
      columns.map((c) =>
        c === 'id'
          ? id
          : c === 'source_system'
            ? row['source_record_id'] === null
              ? null
              : system
            : copyValue(row[c]),
      ),
    );
  }
  return text;
}

/** Writes what the batch decided, in an order that satisfies the foreign keys. */
async function write(
  trx: Kysely<Database>,
  copy: CopyFn,
  ctx: BatchContext,
  state: BatchState,
  outcomes: readonly RowOutcome[],
): Promise<void> {
  const system = ctx.sourceSystem;
  if (state.newPeople.size > 0) {
    await copy('person', COPY_COLUMNS.person, copyText(COPY_COLUMNS.person, state.newPeople, system));
  }
  for (const [id, set] of state.personUpdates) {
    await updateImportedPerson(trx, id, set);
  }
  if (state.newReferrals.size > 0) {
    await copy(
      'referral',
      COPY_COLUMNS.referral,
      copyText(COPY_COLUMNS.referral, state.newReferrals, system),
    );
    let needs = '';
    for (const [id, row] of state.newReferrals) {
      for (const need of (row['needs'] as readonly string[] | null) ?? []) needs += csvLine([id, need]);
    }
    if (needs !== '') await copy('referral_need', COPY_COLUMNS.referral_need, needs);
  }
  for (const [id, set] of state.referralUpdates) {
    const { needs, ...columns } = set;
    if (Object.keys(columns).length > 0) {
      await updateImportedReferral(trx, id, columns);
    }
    if (needs !== undefined) await replaceReferralNeeds(trx, id, (needs as readonly string[] | null) ?? []);
  }
  if (state.newLinks.size > 0) {
    let text = '';
    for (const l of state.newLinks.values()) text += csvLine([l.personId, l.schemeId]);
    await copy('person_scheme', ['person_id', 'scheme_id'], text);
  }
  await linkPeopleToSchemes(trx, [...state.links.values()]);
  if (state.newContacts.size > 0) {
    await copy('contact', COPY_COLUMNS.contact, copyText(COPY_COLUMNS.contact, state.newContacts, system));
  }
  for (const [id, set] of state.contactUpdates) {
    await updateImportedContact(trx, id, set);
  }
  await insertPersonAliases(
    trx,
    ctx.sourceSystem,
    [...state.aliases].map(([sourceId, personId]) => ({ sourceId, personId })),
  );
  await insertMatchReviews(
    trx,
    state.reviews.map((r) => ({ ...r, runId: ctx.runId })),
  );
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const o of outcomes) if (o.status !== 'blank') counts[o.status] += 1;
  const [first] = outcomes;
  const last = outcomes.at(-1);
  await insertAuditEvents(trx, [
    {
      userId: null,
      username: ctx.actor,
      role: null,
      action: 'import',
      entity: 'import_run',
      entityId: ctx.runId,
      schemeId: null,
      requestId: null,
      detail: { sheet: ctx.bound.sheet.name, rows: [first?.rowNo ?? 0, last?.rowNo ?? 0], ...counts },
    },
  ]);
}

/** A source row read through the profile (mapping needs no database, so it is done as rows are read). */
export interface MappedSourceRow {
  readonly rowNo: number;
  readonly mapped: MappedRow;
}

/** Maps a row of cells through the sheet's profile. */
export function mapSourceRow(bound: BoundSheet, row: SourceRow): MappedSourceRow {
  return { rowNo: row.rowNo, mapped: mapRow(bound, row.cells) };
}

/**
 * Imports `rows` of one sheet inside `trx` (which the caller commits, with its checkpoint), COPYing
 * new records through `copy`. Returns one outcome per row, in order.
 */
export async function applyBatch(
  trx: Kysely<Database>,
  copy: CopyFn,
  ctx: BatchContext,
  rows: readonly MappedSourceRow[],
): Promise<RowOutcome[]> {
  const state = await prefetch(trx, ctx, rows);
  const prepareContext: PrepareContext = { ...ctx.prepare, resolver: resolverFor(ctx, state) };
  const outcomes: RowOutcome[] = [];
  for (const { rowNo, mapped } of rows) {
    const prepared = prepareRow(mapped, prepareContext);
    switch (prepared.kind) {
      case 'blank':
        outcomes.push({
          rowNo,
          status: 'blank',
          person: null,
          referral: null,
          contacts: [],
          issues: [],
          reviews: 0,
        });
        break;
      case 'rejected':
        outcomes.push({
          rowNo,
          status: 'rejected',
          person: null,
          referral: null,
          contacts: [],
          issues: prepared.issues,
          reviews: 0,
        });
        break;
      case 'ready':
        outcomes.push(applyRow(state, ctx, rowNo, prepared));
        break;
    }
  }
  await write(trx, copy, ctx, state, outcomes);
  return outcomes;
}
