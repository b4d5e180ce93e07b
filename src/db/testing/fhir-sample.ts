// A hand-built person record that sets every element the FHIR mapping can write (and one that sets
// as few as possible), for tests that validate the mapping's output against the HL7 R4 JSON schema.
// Synthetic: NHS number from the 999 test range, CHI with a valid check digit, invented names.
import { codeTable, type CodeTable, type PersonRecord } from '../../domain/fhir/record.js';

export const SAMPLE_IDS = {
  person: '00000005-0000-4000-8000-0000000000a1',
  bare: '00000005-0000-4000-8000-0000000000a2',
  practice: '00000001-0000-4000-8000-0000000000b1',
  referrerOrg: '00000001-0000-4000-8000-0000000000b2',
  operator: '00000001-0000-4000-8000-0000000000b3',
  scheme: '00000002-0000-4000-8000-0000000000c1',
  worker: '00000004-0000-4000-8000-0000000000d1',
  referral: '00000006-0000-4000-8000-0000000000e1',
  declined: '00000006-0000-4000-8000-0000000000e2',
  carePlan: '0b6f7d1c-4a43-5c9e-8f60-5d5b1f1a2c01',
  contact: '00000007-0000-4000-8000-0000000000f1',
  dna: '00000007-0000-4000-8000-0000000000f2',
  response: '0000000a-0000-4000-8000-000000000101',
  obsTotal: '5e0a2d8b-2a7c-5f3e-9c1d-0d7f9b3e4a01',
  obsBand: '5e0a2d8b-2a7c-5f3e-9c1d-0d7f9b3e4a02',
  need: '0000000c-0000-4000-8000-000000000201',
  goal: '00000009-0000-4000-8000-000000000301',
  goal2: '00000009-0000-4000-8000-000000000302',
  action: '0000000d-0000-4000-8000-000000000401',
} as const;

export const SAMPLE_CODES: CodeTable = codeTable([
  {
    list: 'ethnicity_england',
    code: 'A',
    label: 'White - British',
    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
    systemCode: 'A',
  },
  { list: 'referral_route', code: 'gp_practice', label: 'GP practice', system: null, systemCode: null },
  { list: 'referrer_role', code: 'gp', label: 'GP', system: null, systemCode: null },
  {
    list: 'need',
    code: 'loneliness',
    label: 'Loneliness or social isolation',
    system: null,
    systemCode: null,
  },
  { list: 'need', code: 'housing', label: 'Housing', system: null, systemCode: null },
  { list: 'contact_mode', code: 'face_to_face', label: 'Face to face', system: null, systemCode: null },
  { list: 'goal_status', code: 'in_progress', label: 'In progress', system: null, systemCode: null },
  { list: 'discharge_reason', code: 'goals_met', label: 'Goals met', system: null, systemCode: null },
  { list: 'org_kind', code: 'gp_practice', label: 'GP practice', system: null, systemCode: null },
  {
    list: 'referral_status',
    code: 'active',
    label: 'Active (referral accepted)',
    system: 'http://snomed.info/sct',
    systemCode: '871731000000106',
  },
]);

/** Every optional element set. */
export const FULL_RECORD: PersonRecord = {
  person: {
    id: SAMPLE_IDS.person,
    nhsNumber: '9990000018',
    chiNumber: '0101701241',
    givenName: 'Ada Mary',
    familyName: 'Example',
    dateOfBirth: '1970-01-01',
    sex: 'female',
    gender: 'woman',
    ethnicity: { nation: 'england', code: 'A' },
    postcode: 'EH1 1YZ',
    phone: '07700 900123',
    email: 'ada@example.invalid',
    registeredPracticeId: SAMPLE_IDS.practice,
  },
  referrals: [
    {
      id: SAMPLE_IDS.referral,
      carePlanId: SAMPLE_IDS.carePlan,
      schemeId: SAMPLE_IDS.scheme,
      referredAt: '2025-10-01T09:00:00.000Z',
      status: 'discharged',
      route: 'gp_practice',
      referrerRole: 'gp',
      referrerName: 'Dr A Referrer',
      referrerOrgId: SAMPLE_IDS.referrerOrg,
      referrerOrgText: null,
      reason: 'Lonely since bereavement',
      linkWorkerId: SAMPLE_IDS.worker,
      dischargeReason: 'goals_met',
      needs: ['loneliness', 'housing'],
      contacts: [
        {
          id: SAMPLE_IDS.contact,
          contactAt: '2025-10-05T10:00:00.000Z',
          mode: 'face_to_face',
          durationMinutes: 45,
          outcome: 'attended',
          staffId: SAMPLE_IDS.worker,
          contactType: 'First meeting',
        },
        {
          id: SAMPLE_IDS.dna,
          contactAt: '2025-10-12T10:00:00.000Z',
          mode: 'telephone',
          durationMinutes: null,
          outcome: 'did_not_attend',
          staffId: null,
          contactType: null,
        },
      ],
      responses: [
        {
          id: SAMPLE_IDS.response,
          instrumentId: 'gad7',
          instrumentVersion: '1.0',
          administeredOn: '2025-10-05',
          administeredBy: SAMPLE_IDS.worker,
          answers: [1, 2, 1, null, 0, 1, 2],
          scores: [{ measure: 'total', value: 8.17, band: 'Mild', observationId: SAMPLE_IDS.obsTotal }],
        },
      ],
      careNeeds: [{ id: SAMPLE_IDS.need, need: 'loneliness', description: 'Wants to meet people' }],
      goals: [
        {
          id: SAMPLE_IDS.goal,
          needId: SAMPLE_IDS.need,
          description: 'Join a walking group',
          importance: 8,
          status: 'in_progress',
          agreedOn: '2025-10-05',
          achievedOn: null,
        },
        {
          id: SAMPLE_IDS.goal2,
          needId: null,
          description: 'Sort out the boiler',
          importance: null,
          status: 'achieved',
          agreedOn: null,
          achievedOn: '2025-11-01',
        },
      ],
      actions: [
        {
          id: SAMPLE_IDS.action,
          goalId: SAMPLE_IDS.goal,
          description: 'Phone the walking group leader',
          who: 'Ada and her link worker',
          dueOn: '2025-10-20',
          status: 'done',
        },
      ],
    },
    {
      id: SAMPLE_IDS.declined,
      carePlanId: '0b6f7d1c-4a43-5c9e-8f60-5d5b1f1a2c02',
      schemeId: SAMPLE_IDS.scheme,
      referredAt: '2024-01-01T09:00:00.000Z',
      status: 'declined',
      route: 'self_referral',
      referrerRole: null,
      referrerName: null,
      referrerOrgId: null,
      referrerOrgText: 'Community centre',
      reason: null,
      linkWorkerId: null,
      dischargeReason: null,
      needs: [],
      contacts: [],
      responses: [],
      careNeeds: [],
      goals: [],
      actions: [],
    },
  ],
};

/** As few elements as the mapping allows. */
export const BARE_RECORD: PersonRecord = {
  person: {
    id: SAMPLE_IDS.bare,
    nhsNumber: null,
    chiNumber: null,
    givenName: 'Bo',
    familyName: 'Bare',
    dateOfBirth: '1990-06-30',
    sex: null,
    gender: null,
    ethnicity: null,
    postcode: null,
    phone: null,
    email: null,
    registeredPracticeId: null,
  },
  referrals: [],
};

export const SAMPLE_SUPPORT = {
  organisations: [
    { id: SAMPLE_IDS.practice, kind: 'gp_practice', name: 'Example Practice (synthetic)', odsCode: 'S12345' },
    {
      id: SAMPLE_IDS.referrerOrg,
      kind: 'gp_practice',
      name: 'Referring Practice (synthetic)',
      odsCode: null,
    },
    { id: SAMPLE_IDS.operator, kind: 'vcse', name: 'Example VCSE (synthetic)', odsCode: null },
  ],
  staff: [{ id: SAMPLE_IDS.worker, displayName: 'Lee Worker' }],
  schemes: [
    {
      id: SAMPLE_IDS.scheme,
      name: 'Example link-worker scheme',
      active: true,
      operatorOrgId: SAMPLE_IDS.operator,
    },
  ],
} as const;
