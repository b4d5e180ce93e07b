/**
 * A person's social prescribing record as FHIR R4 resources, aligned to UK Core: the identifier
 * systems (NHS number, ODS) and national code systems (SNOMED CT, UK Core ethnic category) that UK
 * Core fixes, on base R4 resources. docs/fhir.md is the mapping table (PRSB element -> FHIR
 * element) and lists what is not exported and why.
 *
 * Every function here names each element it sets: nothing reaches an export that is not written
 * out below (the allow-list for personal data, house style convention 5). References between
 * resources are `urn:uuid:<record id>`, the entry's fullUrl in a `collection` Bundle.
 */
import { findMeasure } from '../questionnaires/instrument.js';
import { findBuiltInInstrument } from '../questionnaires/registry.js';
import type {
  AdministrativeGender,
  Bundle,
  BundleEntry,
  CarePlan,
  CarePlanActivityStatus,
  CodeableConcept,
  Coding,
  Condition,
  Encounter,
  EncounterStatus,
  Goal,
  GoalLifecycleStatus,
  HealthcareService,
  Identifier,
  Observation,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  QuestionnaireResponse,
  Reference,
  RequestStatus,
  Resource,
  ServiceRequest,
} from './fhir-types.js';
import type {
  CodeTable,
  ExportContact,
  ExportOrganisation,
  ExportPerson,
  ExportReferral,
  ExportResponse,
  ExportScheme,
  ExportStaff,
  PersonRecord,
} from './record.js';
import {
  CHI_NUMBER_SYSTEM,
  ETHNIC_CATEGORY_EXTENSION,
  HL7,
  INSTRUMENT_MEASURE_SYSTEM,
  localCodeSystem,
  NHS_NUMBER_SYSTEM,
  ODS_ORGANIZATION_SYSTEM,
  questionnaireCanonical,
  SOCIAL_PRESCRIBING_REFERRAL,
  UCUM_SYSTEM,
} from './systems.js';

/** The fullUrl of a record's resource, and the reference to it from another resource. */
export function fullUrl(id: string): string {
  return `urn:uuid:${id}`;
}

const ref = (id: string): Reference => ({ reference: fullUrl(id) });

/**
 * A Linkwork code as a CodeableConcept: the national code first when the reference list holds one
 * (`system`, `system_code`), then the Linkwork code, and the label as text.
 */
export function localConcept(
  codes: CodeTable,
  list: string,
  code: string,
): CodeableConcept & { readonly coding: readonly Coding[]; readonly text: string } {
  const info = codes.find(list, code);
  const national: Coding[] =
    info === undefined || info.system === null || info.systemCode === null
      ? []
      : [{ system: info.system, code: info.systemCode, display: info.label }];
  const local: Coding = {
    system: localCodeSystem(list),
    code,
    ...(info === undefined ? {} : { display: info.label }),
  };
  return { coding: [...national, local], text: info?.label ?? code };
}

/** Stated gender (`ref_gender`) to FHIR administrative gender; `sex` when no gender is recorded. */
export function administrativeGender(
  gender: string | null,
  sex: string | null,
): AdministrativeGender | undefined {
  const byGender: Readonly<Record<string, AdministrativeGender>> = {
    man: 'male',
    woman: 'female',
    non_binary: 'other',
    other: 'other',
    prefer_not_to_say: 'unknown',
    not_known: 'unknown',
  };
  const bySex: Readonly<Record<string, AdministrativeGender>> = {
    male: 'male',
    female: 'female',
    indeterminate: 'other',
    not_known: 'unknown',
  };
  if (gender !== null) return byGender[gender] ?? 'unknown';
  if (sex !== null) return bySex[sex] ?? 'unknown';
  return undefined;
}

/** PRSB Person demographics and GP practice as a Patient (UK Core identifier systems). */
export function patientResource(p: ExportPerson, codes: CodeTable): Patient {
  const identifier: Identifier[] = [];
  if (p.nhsNumber !== null) identifier.push({ system: NHS_NUMBER_SYSTEM, value: p.nhsNumber });
  if (p.chiNumber !== null) identifier.push({ system: CHI_NUMBER_SYSTEM, value: p.chiNumber });
  const ethnic =
    p.ethnicity === null ? undefined : codes.find(`ethnicity_${p.ethnicity.nation}`, p.ethnicity.code);
  const ethnicSystem = ethnic?.system ?? null;
  const telecom = [
    ...(p.phone === null ? [] : [{ system: 'phone' as const, value: p.phone }]),
    ...(p.email === null ? [] : [{ system: 'email' as const, value: p.email }]),
  ];
  const gender = administrativeGender(p.gender, p.sex);
  return {
    resourceType: 'Patient',
    id: p.id,
    ...(ethnic === undefined || ethnicSystem === null || p.ethnicity === null
      ? {}
      : {
          extension: [
            {
              url: ETHNIC_CATEGORY_EXTENSION,
              valueCodeableConcept: {
                coding: [{ system: ethnicSystem, code: p.ethnicity.code, display: ethnic.label }],
                text: ethnic.label,
              },
            },
          ],
        }),
    ...(identifier.length === 0 ? {} : { identifier }),
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    ...(telecom.length === 0 ? {} : { telecom }),
    ...(gender === undefined ? {} : { gender }),
    birthDate: p.dateOfBirth,
    ...(p.postcode === null ? {} : { address: [{ use: 'home', postalCode: p.postcode }] }),
    ...(p.registeredPracticeId === null ? {} : { generalPractitioner: [ref(p.registeredPracticeId)] }),
  };
}

/** An organisation (GP practice, referrer, scheme operator) with its ODS code when known. */
export function organizationResource(o: ExportOrganisation, codes: CodeTable): Organization {
  return {
    resourceType: 'Organization',
    id: o.id,
    ...(o.odsCode === null
      ? {}
      : { identifier: [{ use: 'official', system: ODS_ORGANIZATION_SYSTEM, value: o.odsCode }] }),
    active: true,
    type: [localConcept(codes, 'org_kind', o.kind)],
    name: o.name,
  };
}

/** A member of staff (link worker): the name only. */
export function practitionerResource(s: ExportStaff): Practitioner {
  return { resourceType: 'Practitioner', id: s.id, name: [{ text: s.displayName }] };
}

/** A scheme as the link-worker service a referral is to (PRSB Referral to > Service). */
export function healthcareServiceResource(s: ExportScheme): HealthcareService {
  return {
    resourceType: 'HealthcareService',
    id: s.id,
    active: s.active,
    ...(s.operatorOrgId === null ? {} : { providedBy: ref(s.operatorOrgId) }),
    type: [{ text: 'Social prescribing link worker service' }],
    name: s.name,
  };
}

const OPEN_REFERRAL = new Set(['waiting', 'active']);

/** Referral status (`ref_referral_status`) to a request status: declined and did not engage end it early. */
export function requestStatus(status: string): RequestStatus {
  const map: Readonly<Record<string, RequestStatus>> = {
    waiting: 'active',
    active: 'active',
    discharged: 'completed',
    declined: 'revoked',
    did_not_engage: 'revoked',
  };
  return map[status] ?? 'active';
}

/**
 * The referrer (PRSB Referrer details) as contained resources: a PractitionerRole with the name,
 * role and organisation, and the kind of referring service (the route) as a HealthcareService.
 */
function referrerResources(r: ExportReferral, codes: CodeTable): (PractitionerRole | HealthcareService)[] {
  const route = localConcept(codes, 'referral_route', r.route);
  const organization: Reference | undefined =
    r.referrerOrgId !== null
      ? ref(r.referrerOrgId)
      : r.referrerOrgText !== null
        ? { display: r.referrerOrgText }
        : undefined;
  return [
    {
      resourceType: 'PractitionerRole',
      id: 'referrer',
      ...(r.referrerName === null ? {} : { practitioner: { display: r.referrerName } }),
      ...(organization === undefined ? {} : { organization }),
      ...(r.referrerRole === null ? {} : { code: [localConcept(codes, 'referrer_role', r.referrerRole)] }),
      healthcareService: [{ reference: '#referrer-service' }],
    },
    {
      resourceType: 'HealthcareService',
      id: 'referrer-service',
      active: true,
      type: [route],
      name: route.text,
    },
  ];
}

/** PRSB Referral details as a ServiceRequest coded SNOMED CT 871731000000106. */
export function serviceRequestResource(
  personId: string,
  r: ExportReferral,
  codes: CodeTable,
): ServiceRequest {
  const notes = [
    ...(r.reason === null ? [] : [{ text: r.reason }]),
    ...(r.dischargeReason === null
      ? []
      : [
          {
            text: `Discharge reason: ${codes.find('discharge_reason', r.dischargeReason)?.label ?? r.dischargeReason}`,
          },
        ]),
  ];
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    contained: referrerResources(r, codes),
    status: requestStatus(r.status),
    intent: 'order',
    code: { coding: [{ ...SOCIAL_PRESCRIBING_REFERRAL }], text: SOCIAL_PRESCRIBING_REFERRAL.display },
    subject: ref(personId),
    authoredOn: r.referredAt,
    requester: { reference: '#referrer' },
    performer: [ref(r.schemeId), ...(r.linkWorkerId === null ? [] : [ref(r.linkWorkerId)])],
    ...(r.needs.length === 0 ? {} : { reasonCode: r.needs.map((n) => localConcept(codes, 'need', n)) }),
    ...(notes.length === 0 ? {} : { note: notes }),
  };
}

/** How the session was held (`ref_contact_mode`) as the R4 Encounter class (HL7 v3 ActCode). */
export function encounterClass(mode: string): Coding {
  const map: Readonly<Record<string, readonly [string, string]>> = {
    face_to_face: ['AMB', 'ambulatory'],
    group: ['AMB', 'ambulatory'],
    telephone: ['VR', 'virtual'],
    video: ['VR', 'virtual'],
    written: ['VR', 'virtual'],
    home_visit: ['HH', 'home health'],
    accompanied: ['FLD', 'field'],
  };
  const [code, display] = map[mode] ?? ['AMB', 'ambulatory'];
  return { system: HL7.actCode, code, display };
}

/** Whether the session took place (`ref_contact_outcome`): attended is finished, the rest cancelled. */
export function encounterStatus(outcome: string): EncounterStatus {
  return outcome === 'attended' ? 'finished' : 'cancelled';
}

const addMinutes = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** PRSB Contacts with professionals (one session with the link worker) as an Encounter. */
export function encounterResource(
  personId: string,
  referralId: string,
  c: ExportContact,
  codes: CodeTable,
): Encounter {
  return {
    resourceType: 'Encounter',
    id: c.id,
    status: encounterStatus(c.outcome),
    class: encounterClass(c.mode),
    type: [
      localConcept(codes, 'contact_mode', c.mode),
      ...(c.contactType === null ? [] : [{ text: c.contactType }]),
    ],
    subject: ref(personId),
    basedOn: [ref(referralId)],
    ...(c.staffId === null ? {} : { participant: [{ individual: ref(c.staffId) }] }),
    period:
      c.durationMinutes === null
        ? { start: c.contactAt }
        : { start: c.contactAt, end: addMinutes(c.contactAt, c.durationMinutes) },
    ...(c.durationMinutes === null
      ? {}
      : { length: { value: c.durationMinutes, unit: 'min', system: UCUM_SYSTEM, code: 'min' } }),
  };
}

/** PRSB Assessments: the answers as a QuestionnaireResponse to the Linkwork instrument definition. */
export function questionnaireResponseResource(
  personId: string,
  referralId: string,
  q: ExportResponse,
): QuestionnaireResponse {
  const definition = findBuiltInInstrument(q.instrumentId);
  return {
    resourceType: 'QuestionnaireResponse',
    id: q.id,
    basedOn: [ref(referralId)],
    questionnaire: questionnaireCanonical(q.instrumentId, q.instrumentVersion),
    status: 'completed',
    subject: ref(personId),
    authored: q.administeredOn,
    ...(q.administeredBy === null ? {} : { author: ref(q.administeredBy) }),
    item: q.answers.map((answer, i) => {
      const item = definition?.items[i];
      return {
        linkId: String(item?.number ?? i + 1),
        ...(item === undefined ? {} : { text: item.label }),
        ...(answer === null ? {} : { answer: [{ valueInteger: answer }] }),
      };
    }),
  };
}

/** PRSB Assessment result and subscale results: one Observation per measure, derived from the response. */
export function observationResources(personId: string, referralId: string, q: ExportResponse): Observation[] {
  const definition = findBuiltInInstrument(q.instrumentId);
  return q.scores.map((s) => {
    const label = definition === undefined ? undefined : findMeasure(definition, s.measure)?.label;
    const display = `${definition?.name ?? q.instrumentId}: ${label ?? s.measure}`;
    return {
      resourceType: 'Observation',
      id: s.observationId,
      basedOn: [ref(referralId)],
      status: 'final',
      category: [{ coding: [{ system: HL7.observationCategory, code: 'survey', display: 'Survey' }] }],
      code: {
        coding: [{ system: INSTRUMENT_MEASURE_SYSTEM, code: `${q.instrumentId}.${s.measure}`, display }],
        text: display,
      },
      subject: ref(personId),
      effectiveDateTime: q.administeredOn,
      ...(q.administeredBy === null ? {} : { performer: [ref(q.administeredBy)] }),
      valueQuantity: { value: s.value, unit: 'score', system: UCUM_SYSTEM, code: '{score}' },
      ...(s.band === null ? {} : { interpretation: [{ text: s.band }] }),
      derivedFrom: [ref(q.id)],
    };
  });
}

/** Goal status (`ref_goal_status`) to the R4 lifecycle status. */
export function goalLifecycleStatus(status: string): GoalLifecycleStatus {
  const map: Readonly<Record<string, GoalLifecycleStatus>> = {
    agreed: 'accepted',
    in_progress: 'active',
    achieved: 'completed',
    partially_achieved: 'completed',
    not_achieved: 'completed',
    abandoned: 'cancelled',
  };
  return map[status] ?? 'active';
}

/** Goal status to the HL7 goal-achievement code, where one means the same. */
const GOAL_ACHIEVEMENT: Readonly<Record<string, readonly [string, string]>> = {
  in_progress: ['in-progress', 'In Progress'],
  achieved: ['achieved', 'Achieved'],
  not_achieved: ['not-achieved', 'Not Achieved'],
};

/** Action status (`ref_action_status`) to the CarePlan activity status. */
export function activityStatus(status: string): CarePlanActivityStatus {
  const map: Readonly<Record<string, CarePlanActivityStatus>> = {
    planned: 'not-started',
    in_progress: 'in-progress',
    done: 'completed',
    cancelled: 'cancelled',
  };
  return map[status] ?? 'not-started';
}

/** CarePlan status from the referral: open is active, discharged completed, declined or not engaged revoked. */
export function carePlanStatus(referralStatus: string): CarePlan['status'] {
  const status = requestStatus(referralStatus);
  return status === 'completed' ? 'completed' : status === 'revoked' ? 'revoked' : 'active';
}

/**
 * PRSB Care and support plan: needs as Conditions, goals as Goals, and one CarePlan holding the
 * actions as activities. Nothing when the referral has no plan rows.
 */
export function carePlanResources(
  personId: string,
  r: ExportReferral,
  codes: CodeTable,
): (Condition | Goal | CarePlan)[] {
  if (r.careNeeds.length === 0 && r.goals.length === 0 && r.actions.length === 0) return [];
  const open = OPEN_REFERRAL.has(r.status);
  const needCode = new Map(r.careNeeds.map((n) => [n.id, n.need]));
  const conditions: Condition[] = r.careNeeds.map((n) => ({
    resourceType: 'Condition',
    id: n.id,
    clinicalStatus: {
      coding: [
        {
          system: HL7.conditionClinical,
          code: open ? 'active' : 'inactive',
          display: open ? 'Active' : 'Inactive',
        },
      ],
    },
    category: [
      {
        coding: [{ system: HL7.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' }],
      },
    ],
    code: localConcept(codes, 'need', n.need),
    subject: ref(personId),
    ...(n.description === null ? {} : { note: [{ text: n.description }] }),
  }));
  const goals: Goal[] = r.goals.map((g) => {
    const hl7 = GOAL_ACHIEVEMENT[g.status];
    const status = localConcept(codes, 'goal_status', g.status);
    const needId = g.needId !== null && needCode.has(g.needId) ? g.needId : null;
    const need = needId === null ? undefined : needCode.get(needId);
    return {
      resourceType: 'Goal',
      id: g.id,
      lifecycleStatus: goalLifecycleStatus(g.status),
      achievementStatus: {
        coding: [
          ...(hl7 === undefined ? [] : [{ system: HL7.goalAchievement, code: hl7[0], display: hl7[1] }]),
          ...status.coding,
        ],
        text: status.text,
      },
      ...(need === undefined ? {} : { category: [localConcept(codes, 'need', need)] }),
      description: { text: g.description },
      subject: ref(personId),
      ...(g.agreedOn === null ? {} : { startDate: g.agreedOn }),
      ...(g.achievedOn === null ? {} : { statusDate: g.achievedOn }),
      expressedBy: ref(personId),
      ...(needId === null ? {} : { addresses: [ref(needId)] }),
      ...(g.importance === null
        ? {}
        : { note: [{ text: `Importance to the person: ${g.importance} out of 10` }] }),
    };
  });
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: r.carePlanId,
    status: carePlanStatus(r.status),
    intent: 'plan',
    title: 'Care and support plan',
    subject: ref(personId),
    ...(r.linkWorkerId === null ? {} : { author: ref(r.linkWorkerId) }),
    ...(conditions.length === 0 ? {} : { addresses: conditions.map((c) => ref(c.id)) }),
    supportingInfo: [ref(r.id)],
    ...(goals.length === 0 ? {} : { goal: goals.map((g) => ref(g.id)) }),
    ...(r.actions.length === 0
      ? {}
      : {
          activity: r.actions.map((a) => ({
            detail: {
              status: activityStatus(a.status),
              description: a.description,
              goal: [ref(a.goalId)],
              ...(a.dueOn === null ? {} : { scheduledPeriod: { end: a.dueOn } }),
              ...(a.who === null ? {} : { performer: [{ display: a.who }] }),
            },
          })),
        }),
  };
  return [...conditions, ...goals, plan];
}

const entry = (resource: Resource): BundleEntry => ({ fullUrl: fullUrl(resource.id), resource });

/** The resources of one person record (without the organisations, staff and schemes it refers to). */
export function personEntries(record: PersonRecord, codes: CodeTable): BundleEntry[] {
  const personId = record.person.id;
  const resources: Resource[] = [patientResource(record.person, codes)];
  for (const r of record.referrals) {
    resources.push(serviceRequestResource(personId, r, codes));
    for (const c of r.contacts) resources.push(encounterResource(personId, r.id, c, codes));
    for (const q of r.responses) {
      resources.push(
        questionnaireResponseResource(personId, r.id, q),
        ...observationResources(personId, r.id, q),
      );
    }
    resources.push(...carePlanResources(personId, r, codes));
  }
  return resources.map(entry);
}

/** The organisations, staff and schemes records refer to, as entries. */
export function supportEntries(
  s: {
    readonly organisations: readonly ExportOrganisation[];
    readonly staff: readonly ExportStaff[];
    readonly schemes: readonly ExportScheme[];
  },
  codes: CodeTable,
): BundleEntry[] {
  return [
    ...s.organisations.map((o) => entry(organizationResource(o, codes))),
    ...s.staff.map((p) => entry(practitionerResource(p))),
    ...s.schemes.map((h) => entry(healthcareServiceResource(h))),
  ];
}

/**
 * A `collection` Bundle: a set of resources with no transaction semantics, which is what an
 * export is (`document` would need a Composition and an author attesting it; `searchset` is the
 * answer to a search). `id` is the export's own UUID, also its identifier.
 */
export function collectionBundle(
  meta: { readonly id: string; readonly timestamp: string },
  entries: readonly BundleEntry[],
): Bundle {
  return {
    resourceType: 'Bundle',
    id: meta.id,
    meta: { lastUpdated: meta.timestamp },
    identifier: { system: 'urn:ietf:rfc:3986', value: fullUrl(meta.id) },
    type: 'collection',
    timestamp: meta.timestamp,
    entry: entries,
  };
}
