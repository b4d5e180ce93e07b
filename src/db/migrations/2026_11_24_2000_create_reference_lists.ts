// Reference lists (code lists) as data, one small table per list, so that every coded column has a
// real foreign key and a new code is an INSERT, not a code change. Sources are cited per list; where
// Linkwork simplifies a national list the label says so in docs/data-model.md.
import type { Kysely } from 'kysely';
import { lit, runSteps } from './steps.js';

type Row = readonly [code: string, label: string, systemCode?: string];
interface List {
  readonly table: string;
  readonly system?: string;
  readonly rows: readonly Row[];
}

const LISTS: readonly List[] = [
  {
    table: 'ref_nation',
    rows: [
      ['england', 'England'],
      ['scotland', 'Scotland'],
    ],
  },
  {
    // Every organisation kind named in the study (../shared/seed), plus the coordinating network of Model 4.
    table: 'ref_org_kind',
    rows: [
      ['region', 'Region (study region / NHS region)'],
      ['icb', 'Integrated care board'],
      ['icp', 'Integrated care partnership'],
      ['health_board', 'Scottish health board'],
      ['hscp', 'Health and social care partnership'],
      ['pcn', 'Primary care network'],
      ['gp_practice', 'GP practice'],
      ['gp_federation', 'GP federation or alliance'],
      ['vcse', 'Voluntary, community or social enterprise organisation'],
      ['local_authority', 'Local authority'],
      ['network', 'Social prescribing network (coordinates link-worker management)'],
      ['nhs_trust', 'NHS trust'],
      ['other', 'Other organisation'],
    ],
  },
  {
    // Referral routes seen in the study: GP practice staff of any role, self-referral, other agencies.
    table: 'ref_referral_route',
    rows: [
      ['gp_practice', 'GP practice staff (any role)'],
      ['self_referral', 'Self-referral'],
      ['dwp', 'Department for Work and Pensions'],
      ['ambulance_service', 'Ambulance service'],
      ['adult_social_care', 'Adult social care'],
      ['hospital_discharge', 'Hospital discharge team'],
      ['secondary_care', 'Other hospital or secondary care service'],
      ['community_health', 'Community health service'],
      ['mental_health_service', 'Mental health service'],
      ['vcse', 'Voluntary or community organisation'],
      ['local_authority', 'Local authority (other than adult social care)'],
      ['housing', 'Housing provider'],
      ['other_agency', 'Other agency'],
    ],
  },
  {
    // Simplified referrer roles (PRSB 1.3 binds Role to the SDS job role value set, not shipped here).
    table: 'ref_referrer_role',
    rows: [
      ['gp', 'GP'],
      ['practice_nurse', 'Practice nurse'],
      ['healthcare_assistant', 'Healthcare assistant'],
      ['pharmacist', 'Pharmacist'],
      ['receptionist', 'Receptionist or care navigator'],
      ['practice_manager', 'Practice manager'],
      ['care_coordinator', 'Care coordinator'],
      ['mental_health_practitioner', 'Mental health practitioner'],
      ['paramedic', 'Paramedic'],
      ['physiotherapist', 'First-contact physiotherapist'],
      ['other_practice_staff', 'Other practice staff'],
      ['self', 'The person (self-referral)'],
      ['agency_worker', 'Worker in another agency'],
      ['other', 'Other'],
    ],
  },
  {
    // PRSB 1.3 "Referral method" = UK Core ServiceRequestMethod codes 1-7 (standards.md 3.3).
    table: 'ref_referral_method',
    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-ServiceRequestMethod',
    rows: [
      ['fax', 'Fax', '1'],
      ['phone', 'Phone', '2'],
      ['secure_messaging', 'Secure Messaging', '3'],
      ['secure_email', 'Secure Email', '4'],
      ['letter', 'Letter', '5'],
      ['ers', 'NHS E-Referral Service', '6'],
      ['self_referral', 'Self Referral', '7'],
    ],
  },
  {
    table: 'ref_referral_status',
    system: 'http://snomed.info/sct',
    rows: [
      ['waiting', 'Waiting'],
      // 871731000000106 Referral to social prescribing service: recorded when the person accepts (standards.md 2.1).
      ['active', 'Active (referral accepted)', '871731000000106'],
      ['discharged', 'Discharged'],
      // 871711000000103 Social prescribing declined (situation) (standards.md 2.1).
      ['declined', 'Declined', '871711000000103'],
      ['did_not_engage', 'Did not engage'],
    ],
  },
  {
    // Needs and concerns: the study's Table 2 "service user issues", simplified (PRSB binds needs to the
    // SNOMED Health issues refset 1127581000000103, which is not shipped: see docs/data-model.md).
    table: 'ref_need',
    rows: [
      ['loneliness', 'Loneliness or social isolation'],
      ['mental_wellbeing', 'Low mood, anxiety or stress'],
      ['physical_activity', 'Physical activity'],
      ['weight_management', 'Weight management and diet'],
      ['long_term_condition', 'Living with a long-term condition'],
      ['money_debt', 'Money and debt'],
      ['benefits', 'Welfare benefits'],
      ['housing', 'Housing'],
      ['food_poverty', 'Food poverty'],
      ['fuel_poverty', 'Fuel poverty'],
      ['household_goods', 'Household goods and grants'],
      ['employment', 'Employment and volunteering'],
      ['education_skills', 'Education and skills'],
      ['carer_support', 'Caring responsibilities'],
      ['bereavement', 'Bereavement'],
      ['relationships', 'Family and relationships'],
      ['substance_use', 'Alcohol or drug use'],
      ['digital_inclusion', 'Digital inclusion'],
      ['transport', 'Transport and access'],
      ['legal_immigration', 'Legal or immigration advice'],
      ['domestic_abuse', 'Domestic abuse'],
      ['other', 'Other need'],
    ],
  },
  {
    // Priority groups named in the study (section 4.3).
    table: 'ref_priority_group',
    rows: [
      ['deprivation', 'People in deprived areas / health inequalities'],
      ['over_50s', 'People aged 50 and over'],
      ['mental_health', 'Mild to moderate mental health needs'],
      ['frailty', 'At risk of frailty'],
      ['hospital_discharge', 'Leaving hospital'],
      ['high_intensity_ed', 'High-intensity emergency department users'],
      ['asylum_refugee', 'Asylum seekers and refugees'],
      ['homelessness', 'People experiencing homelessness'],
      ['children_families', 'Children, young people and families'],
      ['long_term_conditions', 'Long-term conditions and multimorbidity'],
      ['learning_disability', 'Learning disabilities'],
      ['carers', 'Carers'],
    ],
  },
  {
    table: 'ref_contact_mode',
    rows: [
      ['face_to_face', 'Face to face'],
      ['telephone', 'Telephone'],
      ['video', 'Video'],
      ['home_visit', 'Home visit'],
      ['accompanied', 'Accompanied to a service'],
      ['group', 'Group session'],
      ['written', 'Text message, email or letter'],
    ],
  },
  {
    table: 'ref_location_type',
    rows: [
      ['gp_practice', 'GP practice'],
      ['community_venue', 'Community venue or hub'],
      ['home', "Person's home"],
      ['vcse_premises', 'VCSE premises'],
      ['hospital', 'Hospital'],
      ['remote', 'Remote (telephone or online)'],
      ['other', 'Other'],
    ],
  },
  {
    table: 'ref_contact_outcome',
    rows: [
      ['attended', 'Attended'],
      ['did_not_attend', 'Did not attend'],
      ['cancelled_by_person', 'Cancelled by the person'],
      ['cancelled_by_service', 'Cancelled by the service'],
    ],
  },
  {
    // Signposting (name and contact details only) is not a referral (PRSB 1.5); onward referral is closed-loop.
    table: 'ref_signpost_kind',
    rows: [
      ['signpost', 'Signpost (information given)'],
      ['onward_referral', 'Onward referral'],
    ],
  },
  {
    table: 'ref_attendance',
    rows: [
      ['attended', 'Attended'],
      ['did_not_attend', 'Did not attend'],
      ['not_known', 'Not known'],
    ],
  },
  {
    table: 'ref_discharge_reason',
    rows: [
      ['goals_met', 'Goals met'],
      ['no_further_support', 'No further support needed'],
      ['session_cap_reached', 'Session limit reached'],
      ['did_not_engage', 'Did not engage'],
      ['declined_further', 'Declined further support'],
      ['referred_elsewhere', 'Referred to another service'],
      ['moved_away', 'Moved away or changed practice'],
      ['died', 'Died'],
      ['other', 'Other'],
    ],
  },
  {
    table: 'ref_timepoint',
    rows: [
      ['baseline', 'Baseline'],
      ['review', 'Review'],
      ['discharge', 'Discharge'],
      ['follow_up', 'Follow-up after discharge'],
    ],
  },
  {
    // NHS Data Dictionary "Person stated sex" style values; gender identity is held separately.
    table: 'ref_sex',
    rows: [
      ['male', 'Male'],
      ['female', 'Female'],
      ['indeterminate', 'Indeterminate'],
      ['not_known', 'Not known'],
    ],
  },
  {
    table: 'ref_gender',
    rows: [
      ['man', 'Man'],
      ['woman', 'Woman'],
      ['non_binary', 'Non-binary'],
      ['other', 'Another gender'],
      ['prefer_not_to_say', 'Prefer not to say'],
      ['not_known', 'Not known'],
    ],
  },
  {
    table: 'ref_deprivation_index',
    rows: [
      ['imd2019', 'English Index of Multiple Deprivation 2019 (decile 1 = most deprived)'],
      ['simd2020', 'Scottish Index of Multiple Deprivation 2020 (decile 1 = most deprived)'],
    ],
  },
  {
    table: 'ref_staff_role',
    rows: [
      ['link_worker', 'Link worker'],
      ['senior_link_worker', 'Senior link worker'],
      ['coordinator', 'Social prescribing coordinator'],
      ['manager', 'Service manager'],
    ],
  },
  {
    // Simplified from the SNOMED care planning goal context values refset 999000091000000107 (PRSB 1.7).
    table: 'ref_goal_status',
    rows: [
      ['agreed', 'Agreed'],
      ['in_progress', 'In progress'],
      ['achieved', 'Achieved'],
      ['partially_achieved', 'Partially achieved'],
      ['not_achieved', 'Not achieved'],
      ['abandoned', 'No longer wanted'],
    ],
  },
  {
    // Simplified from the SNOMED care planning action context values refset 999000081000000105 (PRSB 1.7).
    table: 'ref_action_status',
    rows: [
      ['planned', 'Planned'],
      ['in_progress', 'In progress'],
      ['done', 'Done'],
      ['cancelled', 'Cancelled'],
    ],
  },
  {
    table: 'ref_risk_kind',
    rows: [
      ['no_known_risks', 'No known risks (PRSB: must be recordable)'],
      ['risk', 'Risk'],
      ['safeguarding', 'Safeguarding concern'],
    ],
  },
  {
    // The study's four delivery models (section 4.1.1).
    table: 'ref_delivery_model',
    rows: [
      ['1', 'Model 1: the PCN employs and manages link workers'],
      ['2', 'Model 2: a group of PCNs or a GP federation employs and manages'],
      ['3', 'Model 3: subcontracted to a VCSE with PCN/HSCP oversight'],
      ['4', 'Model 4: integrated, commissioned at ICB/HSCP level with a coordinating network'],
    ],
  },
  {
    table: 'ref_funding_source',
    rows: [
      ['arrs', 'Additional Roles Reimbursement Scheme (England)'],
      ['pcif', 'Primary Care Improvement Fund (Scotland)'],
      ['icb', 'Integrated care board'],
      ['local_authority', 'Local authority'],
      ['charitable', 'Charitable or grant funding'],
      ['other', 'Other'],
    ],
  },
  {
    // Data systems named in the study (Table 3).
    table: 'ref_data_system',
    rows: [
      ['emis', 'EMIS'],
      ['systmone', 'SystmOne'],
      ['elemental', 'Elemental'],
      ['simply_connect', 'Simply Connect'],
      ['dcrs', 'DCRS'],
      ['charitylog', 'CharityLog'],
      ['nebula', 'NEBULA'],
      ['salesforce', 'Salesforce'],
      ['joy', 'Joy'],
      ['spreadsheet', 'Spreadsheet'],
      ['bespoke', 'Bespoke database'],
      ['linkwork', 'Linkwork'],
    ],
  },
];

// NHS Data Dictionary ethnic category (England): UK Core CodeSystem UKCore-EthnicCategoryEngland.
const ETHNICITY_ENGLAND: readonly Row[] = [
  ['A', 'White - British'],
  ['B', 'White - Irish'],
  ['C', 'White - Any other White background'],
  ['D', 'Mixed - White and Black Caribbean'],
  ['E', 'Mixed - White and Black African'],
  ['F', 'Mixed - White and Asian'],
  ['G', 'Mixed - Any other mixed background'],
  ['H', 'Asian or Asian British - Indian'],
  ['J', 'Asian or Asian British - Pakistani'],
  ['K', 'Asian or Asian British - Bangladeshi'],
  ['L', 'Asian or Asian British - Any other Asian background'],
  ['M', 'Black or Black British - Caribbean'],
  ['N', 'Black or Black British - African'],
  ['P', 'Black or Black British - Any other Black background'],
  ['R', 'Other ethnic groups - Chinese'],
  ['S', 'Other ethnic groups - Any other ethnic group'],
  ['Z', 'Not stated'],
  ['99', 'Not known'],
];

// NHS Scotland Data Dictionary "Ethnic Group": UK Core CodeSystem UKCore-EthnicCategoryScotland
// (NHSDigital/FHIR-R4-UKCORE-STAGING-MAIN codesystems/CodeSystem-UKCore-EthnicCategoryScotland.xml).
const ETHNICITY_SCOTLAND: readonly Row[] = [
  ['1A', 'Scottish'],
  ['1B', 'Other British'],
  ['1C', 'Irish'],
  ['1K', 'Gypsy/ Traveller'],
  ['1L', 'Polish'],
  ['1Z', 'Other white ethnic group'],
  ['2A', 'Any mixed or multiple ethnic groups'],
  ['3F', 'Pakistani, Pakistani Scottish or Pakistani British'],
  ['3G', 'Indian, Indian Scottish or Indian British'],
  ['3H', 'Bangladeshi, Bangladeshi Scottish or Bangladeshi British'],
  ['3J', 'Chinese, Chinese Scottish or Chinese British'],
  ['3Z', 'Other Asian, Asian Scottish or Asian British'],
  ['4D', 'African, African Scottish or African British'],
  ['4Y', 'Other African'],
  ['5C', 'Caribbean, Caribbean Scottish or Caribbean British'],
  ['5D', 'Black, Black Scottish or Black British'],
  ['5Y', 'Other Caribbean or Black'],
  ['6A', 'Arab, Arab Scottish or Arab British'],
  ['6Z', 'Other ethnic group'],
  ['98', 'Refused/Not provided by patient'],
  ['99', 'Not Known'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const steps: string[] = [];
  for (const list of LISTS) {
    steps.push(`CREATE TABLE ${list.table} (
      code text PRIMARY KEY,
      label text NOT NULL,
      system text,
      system_code text,
      sort_order integer NOT NULL,
      active boolean NOT NULL DEFAULT true
    )`);
    const values = list.rows.map(
      ([code, label, systemCode], i) =>
        `(${lit(code)}, ${lit(label)}, ${lit(systemCode === undefined ? null : (list.system ?? null))}, ${lit(systemCode ?? null)}, ${i + 1})`,
    );
    steps.push(
      `INSERT INTO ${list.table} (code, label, system, system_code, sort_order) VALUES ${values.join(', ')}`,
    );
  }
  steps.push(`CREATE TABLE ref_ethnicity (
    nation text NOT NULL REFERENCES ref_nation (code),
    code text NOT NULL,
    label text NOT NULL,
    system text NOT NULL,
    sort_order integer NOT NULL,
    active boolean NOT NULL DEFAULT true,
    PRIMARY KEY (nation, code)
  )`);
  const eth = (nation: string, system: string, rows: readonly Row[]): string =>
    rows
      .map(([code, label], i) => `(${lit(nation)}, ${lit(code)}, ${lit(label)}, ${lit(system)}, ${i + 1})`)
      .join(', ');
  steps.push(
    `INSERT INTO ref_ethnicity (nation, code, label, system, sort_order) VALUES ${eth(
      'england',
      'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
      ETHNICITY_ENGLAND,
    )}, ${eth('scotland', 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryScotland', ETHNICITY_SCOTLAND)}`,
  );
  await runSteps(db, steps);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSteps(db, [
    'DROP TABLE ref_ethnicity',
    ...[...LISTS].reverse().map((list) => `DROP TABLE ${list.table}`),
  ]);
}
