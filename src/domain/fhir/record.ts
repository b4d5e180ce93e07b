/**
 * A person's social prescribing record as the FHIR mapping reads it: plain data, loaded by the
 * export service from the casework tables (docs/data-model.md names each column). Timestamps are
 * ISO 8601 strings, dates `YYYY-MM-DD`. Ids are the records' UUIDs; the two resources that have no
 * row of their own (a referral's CarePlan, a score's Observation) carry a UUID the service derives
 * from the record ids, so every export of the same record gives the same ids.
 */

export interface ExportPerson {
  readonly id: string;
  readonly nhsNumber: string | null;
  readonly chiNumber: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly sex: string | null;
  readonly gender: string | null;
  readonly ethnicity: { readonly nation: string; readonly code: string } | null;
  readonly postcode: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly registeredPracticeId: string | null;
}

export interface ExportContact {
  readonly id: string;
  readonly contactAt: string;
  readonly mode: string;
  readonly durationMinutes: number | null;
  readonly outcome: string;
  readonly staffId: string | null;
  readonly contactType: string | null;
}

export interface ExportScore {
  readonly measure: string;
  readonly value: number;
  readonly band: string | null;
  /** The Observation's id (derived from the response id and the measure). */
  readonly observationId: string;
}

export interface ExportResponse {
  readonly id: string;
  readonly instrumentId: string;
  readonly instrumentVersion: string;
  readonly administeredOn: string;
  readonly administeredBy: string | null;
  readonly answers: readonly (number | null)[];
  readonly scores: readonly ExportScore[];
}

export interface ExportCareNeed {
  readonly id: string;
  readonly need: string;
  readonly description: string | null;
}

export interface ExportGoal {
  readonly id: string;
  readonly needId: string | null;
  readonly description: string;
  readonly importance: number | null;
  readonly status: string;
  readonly agreedOn: string | null;
  readonly achievedOn: string | null;
}

export interface ExportAction {
  readonly id: string;
  readonly goalId: string;
  readonly description: string;
  readonly who: string | null;
  readonly dueOn: string | null;
  readonly status: string;
}

export interface ExportReferral {
  readonly id: string;
  /** The CarePlan's id (derived from the referral id). */
  readonly carePlanId: string;
  readonly schemeId: string;
  readonly referredAt: string;
  readonly status: string;
  readonly route: string;
  readonly referrerRole: string | null;
  readonly referrerName: string | null;
  readonly referrerOrgId: string | null;
  readonly referrerOrgText: string | null;
  readonly reason: string | null;
  readonly linkWorkerId: string | null;
  readonly dischargeReason: string | null;
  readonly needs: readonly string[];
  readonly contacts: readonly ExportContact[];
  readonly responses: readonly ExportResponse[];
  readonly careNeeds: readonly ExportCareNeed[];
  readonly goals: readonly ExportGoal[];
  readonly actions: readonly ExportAction[];
}

/** One person with the referrals being exported (all, or those the reader may see). */
export interface PersonRecord {
  readonly person: ExportPerson;
  readonly referrals: readonly ExportReferral[];
}

export interface ExportOrganisation {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly odsCode: string | null;
}

export interface ExportStaff {
  readonly id: string;
  readonly displayName: string;
}

/** A scheme: exported as the HealthcareService the referral is to. */
export interface ExportScheme {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  /** The organisation running the scheme now (from its current description), when known. */
  readonly operatorOrgId: string | null;
}

/** The label, and the national code where one is held, of one code in a reference list. */
export interface CodeInfo {
  readonly label: string;
  readonly system: string | null;
  readonly systemCode: string | null;
}

/** The reference lists as the mapping needs them: labels and national codes. */
export interface CodeTable {
  find(list: string, code: string): CodeInfo | undefined;
}

/** Builds a CodeTable from rows of `ref_*` tables (ethnicity lists are `ethnicity_<nation>`). */
export function codeTable(
  rows: readonly {
    list: string;
    code: string;
    label: string;
    system: string | null;
    systemCode: string | null;
  }[],
): CodeTable {
  const map = new Map(
    rows.map((r) => [
      `${r.list}\u0000${r.code}`,
      { label: r.label, system: r.system, systemCode: r.systemCode },
    ]),
  );
  return { find: (list, code) => map.get(`${list}\u0000${code}`) };
}

/** The organisations, staff and schemes a record refers to, so the caller can load and emit them. */
export interface RecordReferences {
  readonly organisationIds: ReadonlySet<string>;
  readonly staffIds: ReadonlySet<string>;
  readonly schemeIds: ReadonlySet<string>;
}

/** Everything a person record refers to outside itself. */
export function referencesOf(record: PersonRecord): RecordReferences {
  const organisationIds = new Set<string>();
  const staffIds = new Set<string>();
  const schemeIds = new Set<string>();
  const add = (set: Set<string>, id: string | null): void => {
    if (id !== null) set.add(id);
  };
  add(organisationIds, record.person.registeredPracticeId);
  for (const r of record.referrals) {
    schemeIds.add(r.schemeId);
    add(organisationIds, r.referrerOrgId);
    add(staffIds, r.linkWorkerId);
    for (const c of r.contacts) add(staffIds, c.staffId);
    for (const q of r.responses) add(staffIds, q.administeredBy);
  }
  return { organisationIds, staffIds, schemeIds };
}
