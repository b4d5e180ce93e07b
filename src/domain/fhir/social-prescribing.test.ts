import { describe, expect, it } from 'vitest';
import type { CarePlan, Condition, Goal, Observation, Patient, ServiceRequest } from './fhir-types.js';
import { codeTable, referencesOf, type ExportReferral, type PersonRecord } from './record.js';
import {
  activityStatus,
  administrativeGender,
  carePlanResources,
  carePlanStatus,
  collectionBundle,
  encounterClass,
  encounterResource,
  encounterStatus,
  fullUrl,
  goalLifecycleStatus,
  healthcareServiceResource,
  localConcept,
  observationResources,
  organizationResource,
  patientResource,
  personEntries,
  questionnaireResponseResource,
  requestStatus,
  serviceRequestResource,
  supportEntries,
} from './social-prescribing.js';
import {
  CHI_NUMBER_SYSTEM,
  ETHNIC_CATEGORY_EXTENSION,
  isKnownCodeSystem,
  localCodeSystem,
  NHS_NUMBER_SYSTEM,
  ODS_ORGANIZATION_SYSTEM,
  questionnaireCanonical,
  SNOMED_SYSTEM,
} from './systems.js';

const codes = codeTable([
  { list: 'need', code: 'loneliness', label: 'Loneliness', system: null, systemCode: null },
  { list: 'referral_route', code: 'gp_practice', label: 'GP practice', system: null, systemCode: null },
  { list: 'discharge_reason', code: 'goals_met', label: 'Goals met', system: null, systemCode: null },
  {
    list: 'referral_method',
    code: 'phone',
    label: 'Phone',
    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-ServiceRequestMethod',
    systemCode: '2',
  },
  {
    list: 'ethnicity_scotland',
    code: '1A',
    label: 'Scottish',
    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryScotland',
    systemCode: '1A',
  },
  { list: 'ethnicity_nowhere', code: 'X', label: 'No system', system: null, systemCode: null },
]);

const P = '00000005-0000-4000-8000-000000000001';
const R = '00000006-0000-4000-8000-000000000001';

const referral = (over: Partial<ExportReferral> = {}): ExportReferral => ({
  id: R,
  carePlanId: '00000000-0000-5000-8000-0000000000cc',
  schemeId: 'scheme-1',
  referredAt: '2025-10-01T09:00:00.000Z',
  status: 'active',
  route: 'gp_practice',
  referrerRole: null,
  referrerName: null,
  referrerOrgId: null,
  referrerOrgText: null,
  reason: null,
  linkWorkerId: null,
  dischargeReason: null,
  needs: [],
  contacts: [],
  responses: [],
  careNeeds: [],
  goals: [],
  actions: [],
  ...over,
});

const person = {
  id: P,
  nhsNumber: null,
  chiNumber: '0101701241',
  givenName: 'Ada',
  familyName: 'Example',
  dateOfBirth: '1970-01-01',
  sex: 'female',
  gender: null,
  ethnicity: { nation: 'scotland', code: '1A' },
  postcode: null,
  phone: null,
  email: 'a@example.invalid',
  registeredPracticeId: null,
};

describe('systems', () => {
  it('names local code systems and instrument canonicals under the Linkwork base', () => {
    expect(localCodeSystem('referral_route')).toBe('https://linkwork.invalid/fhir/CodeSystem/referral-route');
    expect(questionnaireCanonical('gad7', '1.0')).toBe(
      'https://linkwork.invalid/fhir/Questionnaire/gad7|1.0',
    );
  });

  it('knows the code systems an export may use, and no others', () => {
    for (const s of [
      SNOMED_SYSTEM,
      'http://unitsofmeasure.org',
      'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
      'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      localCodeSystem('need'),
    ]) {
      expect(isKnownCodeSystem(s)).toBe(true);
    }
    expect(isKnownCodeSystem('http://loinc.org')).toBe(false);
    expect(isKnownCodeSystem('https://linkwork.invalid/fhir/Questionnaire/gad7')).toBe(false);
  });
});

describe('code tables and concepts', () => {
  it('puts the national code first when the list holds one, then the Linkwork code', () => {
    expect(localConcept(codes, 'referral_method', 'phone')).toEqual({
      coding: [
        {
          system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-ServiceRequestMethod',
          code: '2',
          display: 'Phone',
        },
        { system: localCodeSystem('referral_method'), code: 'phone', display: 'Phone' },
      ],
      text: 'Phone',
    });
  });

  it('keeps an unknown code as a code, with the code as text', () => {
    expect(localConcept(codes, 'need', 'made_up')).toEqual({
      coding: [{ system: localCodeSystem('need'), code: 'made_up' }],
      text: 'made_up',
    });
  });
});

describe('Patient', () => {
  it('maps stated gender, falling back to sex, then to nothing', () => {
    expect(administrativeGender('man', 'female')).toBe('male');
    expect(administrativeGender('woman', null)).toBe('female');
    expect(administrativeGender('non_binary', null)).toBe('other');
    expect(administrativeGender('prefer_not_to_say', null)).toBe('unknown');
    expect(administrativeGender('something_new', null)).toBe('unknown');
    expect(administrativeGender(null, 'male')).toBe('male');
    expect(administrativeGender(null, 'indeterminate')).toBe('other');
    expect(administrativeGender(null, 'strange')).toBe('unknown');
    expect(administrativeGender(null, null)).toBeUndefined();
  });

  it('carries the CHI number, the UK Core ethnic category and contact details', () => {
    const p = patientResource(person, codes);
    expect(p.identifier).toEqual([{ system: CHI_NUMBER_SYSTEM, value: '0101701241' }]);
    expect(p.extension?.[0]?.url).toBe(ETHNIC_CATEGORY_EXTENSION);
    expect(p.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.system).toBe(
      'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryScotland',
    );
    expect(p.telecom).toEqual([{ system: 'email', value: 'a@example.invalid' }]);
    expect(p.gender).toBe('female');
    expect(p.address).toBeUndefined();
    expect(p.generalPractitioner).toBeUndefined();
  });

  it('writes the phone number and the postcode (no other address line is held)', () => {
    const p = patientResource({ ...person, phone: '07700 900123', postcode: 'EH1 1YZ' }, codes);
    expect(p.telecom?.[0]).toEqual({ system: 'phone', value: '07700 900123' });
    expect(p.address).toEqual([{ use: 'home', postalCode: 'EH1 1YZ' }]);
  });

  it('carries the NHS number with the UK Core system, and no ethnic category without a national system', () => {
    const p: Patient = patientResource(
      { ...person, nhsNumber: '9990000018', chiNumber: null, ethnicity: { nation: 'nowhere', code: 'X' } },
      codes,
    );
    expect(p.identifier).toEqual([{ system: NHS_NUMBER_SYSTEM, value: '9990000018' }]);
    expect(p.extension).toBeUndefined();
    const unknown = patientResource({ ...person, ethnicity: { nation: 'england', code: 'ZZ' } }, codes);
    expect(unknown.extension).toBeUndefined();
    const none = patientResource(
      { ...person, chiNumber: null, ethnicity: null, email: null, sex: null },
      codes,
    );
    expect(none.identifier).toBeUndefined();
    expect(none.telecom).toBeUndefined();
    expect(none.gender).toBeUndefined();
  });
});

describe('organisations, staff and schemes', () => {
  it('gives an Organization its ODS code under the UK Core system only when known', () => {
    const o = organizationResource({ id: 'o1', kind: 'gp_practice', name: 'P', odsCode: 'S12345' }, codes);
    expect(o.identifier).toEqual([{ use: 'official', system: ODS_ORGANIZATION_SYSTEM, value: 'S12345' }]);
    expect(
      organizationResource({ id: 'o2', kind: 'vcse', name: 'V', odsCode: null }, codes).identifier,
    ).toBeUndefined();
  });

  it('a scheme is a HealthcareService provided by its operator when known', () => {
    expect(
      healthcareServiceResource({ id: 's', name: 'S', active: true, operatorOrgId: 'o' }).providedBy,
    ).toEqual({
      reference: 'urn:uuid:o',
    });
    expect(
      healthcareServiceResource({ id: 's', name: 'S', active: false, operatorOrgId: null }).providedBy,
    ).toBeUndefined();
  });

  it('supportEntries writes organisations, practitioners and services as entries', () => {
    const e = supportEntries(
      {
        organisations: [{ id: 'o', kind: 'vcse', name: 'V', odsCode: null }],
        staff: [{ id: 'w', displayName: 'Lee' }],
        schemes: [{ id: 's', name: 'S', active: true, operatorOrgId: null }],
      },
      codes,
    );
    expect(e.map((x) => [x.fullUrl, x.resource.resourceType])).toEqual([
      ['urn:uuid:o', 'Organization'],
      ['urn:uuid:w', 'Practitioner'],
      ['urn:uuid:s', 'HealthcareService'],
    ]);
  });
});

describe('ServiceRequest', () => {
  it('maps referral statuses to request statuses', () => {
    expect(
      ['waiting', 'active', 'discharged', 'declined', 'did_not_engage', 'new'].map(requestStatus),
    ).toEqual(['active', 'active', 'completed', 'revoked', 'revoked', 'active']);
  });

  it('is coded SNOMED CT 871731000000106 with the referrer contained', () => {
    const sr: ServiceRequest = serviceRequestResource(
      P,
      referral({
        referrerOrgText: 'Community centre',
        needs: ['loneliness'],
        dischargeReason: 'other_reason',
      }),
      codes,
    );
    expect(sr.code.coding).toEqual([
      { system: SNOMED_SYSTEM, code: '871731000000106', display: 'Referral to social prescribing service' },
    ]);
    expect(sr.requester).toEqual({ reference: '#referrer' });
    expect(sr.contained?.[0]).toEqual({
      resourceType: 'PractitionerRole',
      id: 'referrer',
      organization: { display: 'Community centre' },
      healthcareService: [{ reference: '#referrer-service' }],
    });
    expect(sr.contained?.[1]).toMatchObject({ resourceType: 'HealthcareService', name: 'GP practice' });
    expect(sr.performer).toEqual([{ reference: 'urn:uuid:scheme-1' }]);
    expect(sr.reasonCode?.[0]?.text).toBe('Loneliness');
    expect(sr.note).toEqual([{ text: 'Discharge reason: other_reason' }]);
  });

  it('writes the referrer name and role, the reason and the discharge reason label', () => {
    const sr = serviceRequestResource(
      P,
      referral({
        referrerName: 'Dr Who',
        referrerRole: 'gp',
        reason: 'Lonely',
        dischargeReason: 'goals_met',
      }),
      codes,
    );
    expect(sr.contained?.[0]).toMatchObject({ practitioner: { display: 'Dr Who' }, code: [{ text: 'gp' }] });
    expect(sr.note).toEqual([{ text: 'Lonely' }, { text: 'Discharge reason: Goals met' }]);
  });

  it('names an unknown route by its code, and leaves out what is not recorded', () => {
    const sr = serviceRequestResource(P, referral({ route: 'carrier_pigeon' }), codes);
    expect(sr.contained?.[1]).toMatchObject({ name: 'carrier_pigeon' });
    expect(sr.contained?.[0]).not.toHaveProperty('organization');
    expect(sr.reasonCode).toBeUndefined();
    expect(sr.note).toBeUndefined();
  });
});

describe('Encounter', () => {
  it('maps modes to the R4 class and outcomes to statuses', () => {
    expect(
      ['face_to_face', 'group', 'telephone', 'video', 'written', 'home_visit', 'accompanied', 'other'].map(
        (m) => encounterClass(m).code,
      ),
    ).toEqual(['AMB', 'AMB', 'VR', 'VR', 'VR', 'HH', 'FLD', 'AMB']);
    expect(encounterStatus('attended')).toBe('finished');
    expect(encounterStatus('cancelled_by_person')).toBe('cancelled');
  });

  it('has a period from the contact time and length, and the member of staff', () => {
    const e = encounterResource(
      P,
      R,
      {
        id: 'c',
        contactAt: '2025-10-05T23:30:00.000Z',
        mode: 'video',
        durationMinutes: 60,
        outcome: 'attended',
        staffId: 'w',
        contactType: 'Review',
      },
      codes,
    );
    expect(e.period).toEqual({ start: '2025-10-05T23:30:00.000Z', end: '2025-10-06T00:30:00.000Z' });
    expect(e.length?.value).toBe(60);
    expect(e.participant).toEqual([{ individual: { reference: 'urn:uuid:w' } }]);
    expect(e.type?.[1]).toEqual({ text: 'Review' });
    expect(e.basedOn).toEqual([{ reference: fullUrl(R) }]);
    const alone = encounterResource(
      P,
      R,
      {
        id: 'c',
        contactAt: '2025-10-05T10:00:00.000Z',
        mode: 'telephone',
        durationMinutes: null,
        outcome: 'did_not_attend',
        staffId: null,
        contactType: null,
      },
      codes,
    );
    expect(alone).not.toHaveProperty('participant');
    expect(alone).not.toHaveProperty('length');
    expect(alone.status).toBe('cancelled');
  });
});

describe('QuestionnaireResponse and Observation', () => {
  const response = {
    id: 'q',
    instrumentId: 'ons4',
    instrumentVersion: '1.0',
    administeredOn: '2025-10-05',
    administeredBy: null,
    answers: [7, null, 6, 2],
    scores: [
      { measure: 'life_satisfaction', value: 7, band: null, observationId: 'o1' },
      { measure: 'mystery', value: 1, band: 'High', observationId: 'o2' },
    ],
  };

  it('answers items of a built-in instrument with their numbers and labels, skipping missing answers', () => {
    const q = questionnaireResponseResource(P, R, response);
    expect(q.questionnaire).toBe('https://linkwork.invalid/fhir/Questionnaire/ons4|1.0');
    expect(q.item[0]).toMatchObject({ linkId: '1', answer: [{ valueInteger: 7 }] });
    expect(q.item[0]?.text).toBeTypeOf('string');
    expect(q.item[1]).not.toHaveProperty('answer');
    expect(q).not.toHaveProperty('author');
  });

  it('numbers items of an unknown instrument by position, without labels', () => {
    const q = questionnaireResponseResource(P, R, {
      ...response,
      instrumentId: 'bespoke-x',
      administeredBy: 'w',
    });
    expect(q.item[2]).toEqual({ linkId: '3', answer: [{ valueInteger: 6 }] });
    expect(q.author).toEqual({ reference: 'urn:uuid:w' });
  });

  it('writes one Observation per measure, derived from the response, with the band as interpretation', () => {
    const [life, mystery] = observationResources(P, R, response) as [Observation, Observation];
    expect(life.code.coding?.[0]).toMatchObject({ code: 'ons4.life_satisfaction' });
    expect(life.code.text).toMatch(/^ONS4.*: Life satisfaction/i);
    expect(life.valueQuantity).toEqual({
      value: 7,
      unit: 'score',
      system: 'http://unitsofmeasure.org',
      code: '{score}',
    });
    expect(life).not.toHaveProperty('interpretation');
    expect(life.derivedFrom).toEqual([{ reference: 'urn:uuid:q' }]);
    expect(mystery.code.text).toMatch(/: mystery$/);
    expect(mystery.interpretation).toEqual([{ text: 'High' }]);
    const [bespoke] = observationResources(P, R, {
      ...response,
      instrumentId: 'bespoke-x',
      administeredBy: 'w',
    });
    expect(bespoke?.code.text).toBe('bespoke-x: life_satisfaction');
    expect(bespoke?.performer).toEqual([{ reference: 'urn:uuid:w' }]);
  });
});

describe('care and support plan', () => {
  it('maps goal and action statuses', () => {
    expect(
      ['agreed', 'in_progress', 'achieved', 'partially_achieved', 'not_achieved', 'abandoned', 'x'].map(
        goalLifecycleStatus,
      ),
    ).toEqual(['accepted', 'active', 'completed', 'completed', 'completed', 'cancelled', 'active']);
    expect(['planned', 'in_progress', 'done', 'cancelled', 'x'].map(activityStatus)).toEqual([
      'not-started',
      'in-progress',
      'completed',
      'cancelled',
      'not-started',
    ]);
    expect(['waiting', 'discharged', 'declined'].map(carePlanStatus)).toEqual([
      'active',
      'completed',
      'revoked',
    ]);
  });

  it('writes nothing for a referral without plan rows', () => {
    expect(carePlanResources(P, referral(), codes)).toEqual([]);
  });

  it('writes needs as Conditions, goals as Goals and one CarePlan with the actions', () => {
    const out = carePlanResources(
      P,
      referral({
        status: 'discharged',
        linkWorkerId: 'w',
        careNeeds: [{ id: 'n1', need: 'loneliness', description: null }],
        goals: [
          {
            id: 'g1',
            needId: 'n1',
            description: 'Walk',
            importance: null,
            status: 'partially_achieved',
            agreedOn: null,
            achievedOn: null,
          },
          {
            id: 'g2',
            needId: 'n-elsewhere',
            description: 'Cook',
            importance: 3,
            status: 'not_achieved',
            agreedOn: '2025-10-01',
            achievedOn: '2025-12-01',
          },
        ],
        actions: [{ id: 'a1', goalId: 'g1', description: 'Go', who: null, dueOn: null, status: 'planned' }],
      }),
      codes,
    );
    const [condition, g1, g2, plan] = out as [Condition, Goal, Goal, CarePlan];
    expect(condition.clinicalStatus.coding?.[0]?.code).toBe('inactive');
    expect(condition).not.toHaveProperty('note');
    expect(g1.category?.[0]?.text).toBe('Loneliness');
    expect(g1.addresses).toEqual([{ reference: 'urn:uuid:n1' }]);
    expect(g1.achievementStatus?.coding?.map((c) => c.code)).toEqual(['partially_achieved']);
    expect(g1.achievementStatus?.text).toBe('partially_achieved');
    expect(g1).not.toHaveProperty('note');
    // A goal whose need is not on this referral keeps no dangling reference.
    expect(g2).not.toHaveProperty('addresses');
    expect(g2).not.toHaveProperty('category');
    expect(g2.achievementStatus?.coding?.[0]?.code).toBe('not-achieved');
    expect(g2.note).toEqual([{ text: 'Importance to the person: 3 out of 10' }]);
    expect(g2.startDate).toBe('2025-10-01');
    expect(g2.statusDate).toBe('2025-12-01');
    expect(g1).not.toHaveProperty('statusDate');
    expect(plan.status).toBe('completed');
    expect(plan.author).toEqual({ reference: 'urn:uuid:w' });
    expect(plan.activity).toEqual([
      { detail: { status: 'not-started', description: 'Go', goal: [{ reference: 'urn:uuid:g1' }] } },
    ]);
  });

  it('writes a plan of actions only (no needs or goals) without empty lists', () => {
    const out = carePlanResources(
      P,
      referral({
        actions: [
          { id: 'a', goalId: 'g', description: 'x', who: 'Ada', dueOn: '2025-12-01', status: 'done' },
        ],
      }),
      codes,
    );
    const [plan] = out as [CarePlan];
    expect(plan).not.toHaveProperty('addresses');
    expect(plan).not.toHaveProperty('goal');
    expect(plan).not.toHaveProperty('author');
    expect(plan.activity?.[0]?.detail).toMatchObject({
      scheduledPeriod: { end: '2025-12-01' },
      performer: [{ display: 'Ada' }],
    });
    const needsOnly = carePlanResources(
      P,
      referral({ careNeeds: [{ id: 'n', need: 'loneliness', description: 'd' }] }),
      codes,
    );
    expect((needsOnly[0] as Condition).clinicalStatus.coding?.[0]?.code).toBe('active');
    expect((needsOnly[1] as CarePlan).activity).toBeUndefined();
  });
});

describe('person records and Bundles', () => {
  const record: PersonRecord = {
    person: { ...person, registeredPracticeId: 'gp' },
    referrals: [
      referral({
        referrerOrgId: 'ref-org',
        linkWorkerId: 'w1',
        contacts: [
          {
            id: 'c',
            contactAt: '2025-10-05T10:00:00.000Z',
            mode: 'group',
            durationMinutes: null,
            outcome: 'attended',
            staffId: 'w2',
            contactType: null,
          },
        ],
        responses: [
          {
            id: 'q',
            instrumentId: 'gad7',
            instrumentVersion: '1.0',
            administeredOn: '2025-10-05',
            administeredBy: 'w3',
            answers: [],
            scores: [],
          },
        ],
      }),
    ],
  };

  it('lists the organisations, staff and schemes a record refers to', () => {
    const refs = referencesOf(record);
    expect([...refs.organisationIds]).toEqual(['gp', 'ref-org']);
    expect([...refs.staffIds]).toEqual(['w1', 'w2', 'w3']);
    expect([...refs.schemeIds]).toEqual(['scheme-1']);
    expect(referencesOf({ person, referrals: [] }).organisationIds.size).toBe(0);
  });

  it('writes the Patient, then each referral with what is recorded on it', () => {
    expect(personEntries(record, codes).map((e) => e.resource.resourceType)).toEqual([
      'Patient',
      'ServiceRequest',
      'Encounter',
      'QuestionnaireResponse',
    ]);
  });

  it('is a collection Bundle identified by its own UUID', () => {
    const b = collectionBundle({ id: 'b', timestamp: '2026-01-01T00:00:00.000Z' }, []);
    expect(b).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:b' },
      entry: [],
    });
    expect(Object.keys(b).at(-1)).toBe('entry');
  });
});
