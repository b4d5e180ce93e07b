// FHIR R4 export (issue #9 point 3): one person's social prescribing record, or everything a scheme
// holds, as a `collection` Bundle aligned to UK Core. Records are loaded through the repositories and
// mapped by the pure functions in src/domain/fhir; every export is audited (one event per person).
//
// A scheme export is streamed: people are read PAGE_SIZE at a time (keyset on id), each page is
// mapped and written out, and only the ids of the organisations, staff and schemes already written
// are kept (to write each once). Memory is bounded by one page, whatever the scheme's size.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RecordFacts } from '../../domain/access/policy.js';
import { DomainError } from '../../domain/errors.js';
import type { Bundle, BundleEntry } from '../../domain/fhir/fhir-types.js';
import {
  codeTable,
  referencesOf,
  type CodeTable,
  type ExportReferral,
  type PersonRecord,
} from '../../domain/fhir/record.js';
import { collectionBundle, personEntries, supportEntries } from '../../domain/fhir/social-prescribing.js';
import type { Database } from '../../db/database.js';
import {
  findCarePlansOfReferrals,
  findContactsOfReferrals,
  findExportCodes,
  findOrganisationsForExport,
  findPeopleByIds,
  findPersonIdsOfScheme,
  findReferralsOfPeople,
  findResponsesOfReferrals,
  findSchemesForExport,
  findStaffForExport,
  type ExportPersonRow,
  type ExportReferralRow,
} from '../../db/harmonisation/export.repository.js';
import { findPersonAccessFacts } from '../../db/people/person.repository.js';
import { findSchemeById } from '../../db/schemes/scheme.repository.js';
import { referralFacts } from '../casework/referrals.service.js';
import { auditExport, type Exporter } from './export-audit.js';

/** People per page of a scheme export. */
export const PAGE_SIZE = 200;

/** The content type of an export (FHIR R4 JSON). */
export const FHIR_JSON = 'application/fhir+json; fhirVersion=4.0';

// Name-based UUIDs (RFC 4122 version 5) for the resources with no row of their own, so that the
// same record always gets the same ids. The namespace is Linkwork's own, fixed for good.
const NAMESPACE = Buffer.from('4b4b3f58db4a4e789975dec5d7e92013', 'hex');

/** A stable UUID for a name (e.g. `careplan:<referral id>`): RFC 4122 version 5 under Linkwork's namespace. */
export function derivedId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function loadCodes(db: Kysely<Database>): Promise<CodeTable> {
  const rows = await findExportCodes(db);
  return codeTable(rows.map((r) => ({ ...r, systemCode: r.system_code })));
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list === undefined) map.set(k, [row]);
    else list.push(row);
  }
  return map;
}

/** Loads the records of some people: their referrals (in `schemeId` only when given) the reader may see. */
async function loadRecords(
  db: Kysely<Database>,
  people: readonly ExportPersonRow[],
  schemeId: string | null,
  canSeeReferral: (facts: RecordFacts) => boolean,
): Promise<PersonRecord[]> {
  const referrals = (
    await findReferralsOfPeople(
      db,
      people.map((p) => p.id),
      schemeId,
    )
  ).filter((r) => canSeeReferral(referralFacts(r)));
  const ids = referrals.map((r) => r.id);
  const contacts = group(await findContactsOfReferrals(db, ids), (c) => c.referral_id);
  const plans = await findCarePlansOfReferrals(db, ids);
  const needs = group(plans.needs, (n) => n.referral_id);
  const goals = group(plans.goals, (g) => g.referral_id);
  const actions = group(plans.actions, (a) => a.referral_id);
  const { responses, scores } = await findResponsesOfReferrals(db, ids);
  const scoresOf = group(scores, (s) => s.response_id);
  const responsesOf = group(responses, (q) => q.referral_id);
  const referralsOf = group(referrals, (r) => r.person_id);

  const referral = (r: ExportReferralRow): ExportReferral => ({
    id: r.id,
    carePlanId: derivedId(`careplan:${r.id}`),
    schemeId: r.scheme_id,
    referredAt: r.referred_at.toISOString(),
    status: r.status,
    route: r.route,
    referrerRole: r.referrer_role,
    referrerName: r.referrer_name,
    referrerOrgId: r.referrer_org_id,
    referrerOrgText: r.referrer_org_text,
    reason: r.reason,
    linkWorkerId: r.link_worker_id,
    dischargeReason: r.discharge_reason,
    needs: r.needs,
    contacts: (contacts.get(r.id) ?? []).map((c) => ({
      id: c.id,
      contactAt: c.contact_at.toISOString(),
      mode: c.mode,
      durationMinutes: c.duration_minutes,
      outcome: c.outcome,
      staffId: c.staff_id,
      contactType: c.contact_type,
    })),
    responses: (responsesOf.get(r.id) ?? []).map((q) => ({
      id: q.id,
      instrumentId: q.instrument_id,
      instrumentVersion: q.instrument_version,
      administeredOn: q.administered_on,
      administeredBy: q.administered_by,
      answers: q.answers,
      scores: (scoresOf.get(q.id) ?? []).map((s) => ({
        measure: s.measure,
        value: s.value,
        band: s.band,
        observationId: derivedId(`observation:${q.id}:${s.measure}`),
      })),
    })),
    careNeeds: (needs.get(r.id) ?? []).map((n) => ({ id: n.id, need: n.need, description: n.description })),
    goals: (goals.get(r.id) ?? []).map((g) => ({
      id: g.id,
      needId: g.need_id,
      description: g.description,
      importance: g.importance,
      status: g.status,
      agreedOn: g.agreed_on,
      achievedOn: g.achieved_on,
    })),
    actions: (actions.get(r.id) ?? []).map((a) => ({
      id: a.id,
      goalId: a.goal_id,
      description: a.description,
      who: a.who,
      dueOn: a.due_on,
      status: a.status,
    })),
  });

  return people.map((p) => ({
    person: {
      id: p.id,
      nhsNumber: p.nhs_number,
      chiNumber: p.chi_number,
      givenName: p.given_name,
      familyName: p.family_name,
      dateOfBirth: p.date_of_birth,
      sex: p.sex,
      gender: p.gender,
      ethnicity:
        p.ethnicity_nation === null || p.ethnicity_code === null
          ? null
          : { nation: p.ethnicity_nation, code: p.ethnicity_code },
      postcode: p.postcode,
      phone: p.phone,
      email: p.email,
      registeredPracticeId: p.registered_practice_id,
    },
    referrals: (referralsOf.get(p.id) ?? []).map(referral),
  }));
}

/** The organisations, staff and schemes records refer to that are not in `written` yet (then marks them). */
async function newSupportEntries(
  db: Kysely<Database>,
  records: readonly PersonRecord[],
  written: Set<string>,
  codes: CodeTable,
  on: string,
): Promise<BundleEntry[]> {
  const fresh = (ids: Iterable<string>): string[] => [...new Set(ids)].filter((id) => !written.has(id));
  const refs = records.map(referencesOf);
  const schemes = await findSchemesForExport(db, fresh(refs.flatMap((r) => [...r.schemeIds])), on);
  const organisations = await findOrganisationsForExport(
    db,
    fresh([
      ...refs.flatMap((r) => [...r.organisationIds]),
      ...schemes.flatMap((s) => (s.operator_org_id === null ? [] : [s.operator_org_id])),
    ]),
  );
  const staff = await findStaffForExport(db, fresh(refs.flatMap((r) => [...r.staffIds])));
  for (const x of [...schemes, ...organisations, ...staff]) written.add(x.id);
  return supportEntries(
    {
      organisations: organisations.map((o) => ({
        id: o.id,
        kind: o.kind,
        name: o.name,
        odsCode: o.ods_code,
      })),
      staff: staff.map((s) => ({ id: s.id, displayName: s.display_name })),
      schemes: schemes.map((s) => ({
        id: s.id,
        name: s.name,
        active: s.active,
        operatorOrgId: s.operator_org_id,
      })),
    },
    codes,
  );
}

/** What a reader may see: person-level facts must pass `authorizePerson` (it throws), referrals `canSeeReferral`. */
export interface ExportAccess {
  readonly authorizePerson: (facts: readonly RecordFacts[]) => void;
  readonly canSeeReferral: (facts: RecordFacts) => boolean;
}

/** Everything: for the data owner at the command line. */
export const FULL_ACCESS: ExportAccess = { authorizePerson: () => undefined, canSeeReferral: () => true };

/**
 * One person's record as a Bundle: the Patient, the referrals the reader may see with everything
 * recorded on them, and the organisations, staff and schemes they refer to. Audited.
 */
export async function exportPersonFhir(
  db: Kysely<Database>,
  who: Exporter,
  personId: string,
  access: ExportAccess,
  now: Date,
): Promise<Bundle> {
  const [person] = await findPeopleByIds(db, [personId]);
  if (person === undefined) throw new DomainError('not_found', 'No person with that id that you may see');
  access.authorizePerson(await findPersonAccessFacts(db, personId));
  const codes = await loadCodes(db);
  const records = await loadRecords(db, [person], null, access.canSeeReferral);
  const entries = [
    ...records.flatMap((r) => personEntries(r, codes)),
    ...(await newSupportEntries(db, records, new Set(), codes, now.toISOString().slice(0, 10))),
  ];
  const bundleId = randomUUID();
  await auditExport(db, who, [
    {
      action: 'export',
      entity: 'person',
      entityId: personId,
      schemeId: null,
      detail: { format: 'fhir-r4', bundleId, referrals: records[0]?.referrals.length ?? 0 },
    },
  ]);
  return collectionBundle({ id: bundleId, timestamp: now.toISOString() }, entries);
}

/** The scheme an export is of, with what access depends on; not_found when there is none. */
export async function findSchemeToExport(
  db: Kysely<Database>,
  schemeId: string,
): Promise<{ id: string; name: string; regionId: string }> {
  const scheme = await findSchemeById(db, schemeId);
  if (scheme === undefined) throw new DomainError('not_found', 'No scheme with that id that you may see');
  return { id: scheme.id, name: scheme.name, regionId: scheme.region_id };
}

/**
 * Everything a scheme holds as a Bundle, as JSON text in chunks: the opening, then one chunk per
 * page of people (their Patients, referrals in this scheme and everything on them, and the
 * organisations, staff and schemes not written before), then the closing. Audits the export of
 * the scheme at once, and each person as their page is written. Check access before calling.
 */
export async function* streamSchemeFhir(
  db: Kysely<Database>,
  who: Exporter,
  schemeId: string,
  now: Date,
  pageSize: number = PAGE_SIZE,
): AsyncGenerator<string> {
  const bundleId = randomUUID();
  await auditExport(db, who, [
    {
      action: 'export',
      entity: 'scheme',
      entityId: schemeId,
      schemeId,
      detail: { format: 'fhir-r4', bundleId },
    },
  ]);
  const codes = await loadCodes(db);
  const shell = JSON.stringify(collectionBundle({ id: bundleId, timestamp: now.toISOString() }, []));
  // The shell ends `"entry":[]}` (entry is its last element): write up to the `[`, the entries, then `]}`.
  if (!shell.endsWith('"entry":[]}')) throw new Error('collectionBundle must end with its entries');
  yield shell.slice(0, -2);
  const written = new Set<string>();
  let first = true;
  let after: string | null = null;
  for (;;) {
    const ids = await findPersonIdsOfScheme(db, schemeId, after, pageSize);
    if (ids.length === 0) break;
    after = ids[ids.length - 1] ?? null;
    const people = await findPeopleByIds(db, ids);
    const records = await loadRecords(db, people, schemeId, () => true);
    const entries = [
      ...records.flatMap((r) => personEntries(r, codes)),
      ...(await newSupportEntries(db, records, written, codes, now.toISOString().slice(0, 10))),
    ];
    await auditExport(
      db,
      who,
      people.map((p) => ({
        action: 'export' as const,
        entity: 'person',
        entityId: p.id,
        schemeId,
        detail: { format: 'fhir-r4', bundleId },
      })),
    );
    const text = entries.map((e) => JSON.stringify(e)).join(',');
    if (text !== '') {
      yield `${first ? '' : ','}${text}`;
      first = false;
    }
    if (ids.length < pageSize) break;
  }
  yield ']}';
}
