// The study's five regions as the paper reports them (../shared/seed/, sections 4.1-4.6): how many
// PCNs/HSCPs use each delivery model, and each region's stated policies, data systems and outcome
// tools. Organisation names other than the regions are synthetic and labelled so.

export type RegionKey = 'gm' | 'nenc' | 'woe' | 'ggc' | 'lothian';
export type Model = 1 | 2 | 3 | 4;

export interface SchemePolicy {
  readonly ageRange: 'adults' | 'all_ages' | 'children';
  readonly minAge: number | null;
  readonly acceptedRoutes: readonly string[];
  /** Session caps used by the region's schemes; null means no cap. */
  readonly sessionCaps: readonly (number | null)[];
  readonly keepsAtRisk: boolean;
  /** Over the cap: `warn` and record, or `block` (unless the person is at risk and kept). */
  readonly sessionCapMode: 'warn' | 'block';
  readonly rereferral: 'allowed' | 'after_interval' | 'not_allowed';
  readonly accompanies: 'routinely' | 'if_needed' | 'last_resort' | 'no';
  readonly homeVisits: boolean;
}

export interface RegionSpec {
  readonly key: RegionKey;
  readonly name: string;
  readonly nation: 'england' | 'scotland';
  /** The ICB (England) or health board (Scotland) above the PCNs/HSCPs. */
  readonly board: { readonly kind: 'icb' | 'health_board'; readonly name: string };
  readonly areaKind: 'pcn' | 'hscp';
  /** Number of PCNs (England) or HSCPs (Scotland) per delivery model, as the study reports. */
  readonly models: Readonly<Record<Model, number>>;
  /** Model 3: how many VCSE providers the region's areas subcontract to. */
  readonly vcseCount: number;
  /** Model 2: how many federations/alliances share the Model 2 PCNs. */
  readonly federationCount: number;
  readonly policy: SchemePolicy;
  readonly priorityGroups: readonly string[];
  readonly dataSystems: readonly string[];
  readonly outcomeTools: Readonly<Record<Model, { tools: readonly string[]; consistency: Consistency }>>;
  readonly funding: readonly string[];
  readonly postcodeAreas: readonly string[];
  readonly deprivationIndex: 'imd2019' | 'simd2020';
  /** Share of referrals from the most deprived three deciles (health-inequalities focus). */
  readonly deprivedShare: number;
  /** Relative volume of referrals per area. */
  readonly volume: number;
}

export type Consistency = 'none' | 'sporadic' | 'occasional' | 'systematic';

const ENGLAND_AGENCIES = ['ambulance_service', 'adult_social_care', 'dwp'];

export const REGIONS: readonly RegionSpec[] = [
  {
    key: 'gm',
    name: 'Greater Manchester',
    nation: 'england',
    board: { kind: 'icb', name: 'NHS Greater Manchester Integrated Care' },
    areaKind: 'pcn',
    // "Of 64 PCNs examined, 6 used Model 1, 18 used Model 2, and 40 ... Model 3."
    models: { 1: 6, 2: 18, 3: 40, 4: 0 },
    // "40 PCNs subcontract SPLWs to 10 VCSEs".
    vcseCount: 10,
    federationCount: 3,
    // Adults only; GP staff and self-referral, small numbers from DWP, ambulance, adult social care.
    policy: {
      ageRange: 'adults',
      minAge: 18,
      acceptedRoutes: ['gp_practice', 'self_referral', ...ENGLAND_AGENCIES],
      sessionCaps: [6, 6, 8, null],
      keepsAtRisk: false,
      sessionCapMode: 'warn',
      rereferral: 'allowed',
      accompanies: 'if_needed',
      homeVisits: true,
    },
    priorityGroups: ['over_50s'],
    dataSystems: ['elemental', 'simply_connect', 'bespoke'],
    // Model 1 sporadic ONS4; Model 2 occasional ONS4; all Model 3 collect some outcome data.
    outcomeTools: {
      1: { tools: ['ons4'], consistency: 'sporadic' },
      2: { tools: ['ons4'], consistency: 'occasional' },
      3: { tools: ['swemwbs', 'ons4', 'wellbeing_star'], consistency: 'systematic' },
      4: { tools: [], consistency: 'none' },
    },
    funding: ['arrs'],
    postcodeAreas: ['M', 'OL', 'BL', 'SK', 'WN'],
    deprivationIndex: 'imd2019',
    deprivedShare: 0.45,
    volume: 1,
  },
  {
    key: 'nenc',
    name: 'North East and North Cumbria',
    nation: 'england',
    board: { kind: 'icb', name: 'NHS North East and North Cumbria Integrated Care Board' },
    areaKind: 'pcn',
    // "Of 41 PCNs examined, 5 used Model 1, two used Model 2, and in the remaining PCNs, Model 3."
    models: { 1: 5, 2: 2, 3: 34, 4: 0 },
    vcseCount: 8,
    federationCount: 1,
    policy: {
      ageRange: 'all_ages',
      minAge: null,
      acceptedRoutes: ['gp_practice', 'self_referral', 'vcse', 'local_authority', 'mental_health_service'],
      sessionCaps: [3, 4, 6, 6],
      keepsAtRisk: false,
      sessionCapMode: 'warn',
      rereferral: 'allowed',
      accompanies: 'if_needed',
      homeVisits: false,
    },
    priorityGroups: ['mental_health', 'children_families', 'learning_disability'],
    dataSystems: ['emis', 'systmone', 'dcrs', 'charitylog', 'bespoke'],
    outcomeTools: {
      1: { tools: ['ons4'], consistency: 'sporadic' },
      2: { tools: [], consistency: 'none' },
      3: { tools: ['wemwbs', 'ons4', 'bespoke_tool'], consistency: 'occasional' },
      4: { tools: [], consistency: 'none' },
    },
    funding: ['arrs'],
    postcodeAreas: ['NE', 'SR', 'DH', 'TS', 'CA'],
    deprivationIndex: 'imd2019',
    deprivedShare: 0.5,
    volume: 1,
  },
  {
    key: 'woe',
    name: 'West of England',
    nation: 'england',
    board: { kind: 'icb', name: 'NHS Bristol, North Somerset and South Gloucestershire ICB' },
    areaKind: 'pcn',
    // "8 used Model 1, none used Model 2, and 24 used Model 3 ... Two PCNs ... (Model 4)."
    models: { 1: 8, 2: 0, 3: 24, 4: 2 },
    vcseCount: 6,
    federationCount: 0,
    policy: {
      ageRange: 'all_ages',
      minAge: null,
      acceptedRoutes: [
        'gp_practice',
        'self_referral',
        'community_health',
        'adult_social_care',
        'hospital_discharge',
      ],
      sessionCaps: [6, null, null, 6],
      keepsAtRisk: true,
      sessionCapMode: 'warn',
      rereferral: 'allowed',
      accompanies: 'if_needed',
      homeVisits: true,
    },
    priorityGroups: [
      'over_50s',
      'hospital_discharge',
      'mental_health',
      'frailty',
      'deprivation',
      'high_intensity_ed',
    ],
    dataSystems: ['emis', 'systmone', 'elemental', 'spreadsheet'],
    outcomeTools: {
      1: { tools: ['ons4'], consistency: 'occasional' },
      2: { tools: [], consistency: 'none' },
      3: { tools: ['swemwbs', 'service_user_survey'], consistency: 'occasional' },
      4: { tools: ['swemwbs', 'ons4'], consistency: 'systematic' },
    },
    funding: ['arrs'],
    postcodeAreas: ['BS', 'BA', 'GL', 'SN'],
    deprivationIndex: 'imd2019',
    deprivedShare: 0.35,
    volume: 1,
  },
  {
    key: 'ggc',
    name: 'Greater Glasgow and Clyde',
    nation: 'scotland',
    board: { kind: 'health_board', name: 'NHS Greater Glasgow and Clyde' },
    areaKind: 'hscp',
    // "All six HSCPs use Model 3."
    models: { 1: 0, 2: 0, 3: 6, 4: 0 },
    vcseCount: 4,
    federationCount: 0,
    // GP practice staff and, in most HSCPs, self-referral; all ages; 4-session model keeping at-risk people.
    policy: {
      ageRange: 'all_ages',
      minAge: null,
      acceptedRoutes: ['gp_practice', 'self_referral'],
      sessionCaps: [null, 4, 4, 4],
      keepsAtRisk: true,
      sessionCapMode: 'block',
      rereferral: 'allowed',
      accompanies: 'routinely',
      homeVisits: false,
    },
    priorityGroups: ['deprivation', 'asylum_refugee', 'homelessness'],
    dataSystems: ['bespoke', 'salesforce', 'charitylog'],
    outcomeTools: {
      1: { tools: [], consistency: 'none' },
      2: { tools: [], consistency: 'none' },
      3: { tools: ['wemwbs', 'case_studies'], consistency: 'occasional' },
      4: { tools: [], consistency: 'none' },
    },
    funding: ['pcif'],
    postcodeAreas: ['G', 'PA'],
    deprivationIndex: 'simd2020',
    deprivedShare: 0.65,
    volume: 6,
  },
  {
    key: 'lothian',
    name: 'Lothian',
    nation: 'scotland',
    board: { kind: 'health_board', name: 'NHS Lothian' },
    areaKind: 'hscp',
    // "Three HSCPs use Model 3. The largest HSCP operated Model 4."
    models: { 1: 0, 2: 0, 3: 3, 4: 1 },
    vcseCount: 3,
    federationCount: 0,
    // "All referrals were from ... GP practice staff (including reception staff). No self-referrals."
    // Adults only; typically 4-6 sessions, one HSCP 10+; some re-referral time caps.
    policy: {
      ageRange: 'adults',
      minAge: 16,
      acceptedRoutes: ['gp_practice'],
      sessionCaps: [12, 4, 6, 6],
      keepsAtRisk: false,
      sessionCapMode: 'block',
      rereferral: 'after_interval',
      accompanies: 'if_needed',
      homeVisits: false,
    },
    priorityGroups: ['deprivation', 'homelessness'],
    dataSystems: ['nebula', 'bespoke'],
    outcomeTools: {
      1: { tools: [], consistency: 'none' },
      2: { tools: [], consistency: 'none' },
      3: { tools: ['swemwbs'], consistency: 'occasional' },
      4: { tools: ['swemwbs', 'recovery_outcomes_web'], consistency: 'systematic' },
    },
    funding: ['pcif'],
    postcodeAreas: ['EH'],
    deprivationIndex: 'simd2020',
    deprivedShare: 0.5,
    volume: 6,
  },
];

export const GIVEN_NAMES = [
  'Aisha',
  'Alan',
  'Alice',
  'Amir',
  'Ann',
  'Barbara',
  'Ben',
  'Bilal',
  'Brian',
  'Carol',
  'Chen',
  'Chloe',
  'Colin',
  'Dawn',
  'David',
  'Deborah',
  'Declan',
  'Eileen',
  'Elijah',
  'Emma',
  'Fatima',
  'Fiona',
  'Gary',
  'Grace',
  'Hamza',
  'Helen',
  'Ian',
  'Irene',
  'Isla',
  'Jack',
  'Jean',
  'John',
  'Joyce',
  'Kamal',
  'Karen',
  'Keith',
  'Leah',
  'Lorraine',
  'Malcolm',
  'Margaret',
  'Maria',
  'Mark',
  'Moira',
  'Nadia',
  'Neil',
  'Olu',
  'Pat',
  'Paul',
  'Priya',
  'Rachel',
  'Ravi',
  'Rose',
  'Ruth',
  'Sam',
  'Sandra',
  'Sean',
  'Shona',
  'Stuart',
  'Susan',
  'Tariq',
  'Tom',
  'Valerie',
  'Wei',
  'Yusuf',
  'Zara',
  'Zofia',
];
export const FAMILY_NAMES = [
  'Ahmed',
  'Anderson',
  'Bell',
  'Brown',
  'Campbell',
  'Clarke',
  'Cooper',
  'Davies',
  'Doherty',
  'Evans',
  'Fraser',
  'Graham',
  'Green',
  'Hall',
  'Hamilton',
  'Hughes',
  'Hussain',
  'Jackson',
  'Johnson',
  'Jones',
  'Kaur',
  'Kelly',
  'Khan',
  'King',
  'Kowalski',
  'Lee',
  'Macdonald',
  'Martin',
  'Mitchell',
  'Morrison',
  'Murray',
  'Nowak',
  'Okafor',
  "O'Neill",
  'Patel',
  'Reid',
  'Robertson',
  'Roberts',
  'Ross',
  'Scott',
  'Shah',
  'Singh',
  'Smith',
  'Stewart',
  'Taylor',
  'Thomson',
  'Walker',
  'Watson',
  'White',
  'Williams',
  'Wilson',
  'Wong',
  'Wright',
  'Young',
];
