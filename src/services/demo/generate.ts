// The deterministic synthetic data set behind `linkwork demo` and `npm start`: the study's five
// regions with synthetic organisations and schemes, link workers, people, referrals, contacts,
// signposts, goals and questionnaire answers over several years, with realistic imperfections
// (missing ethnicity and follow-up questionnaires, waits of varying length, late recording).
// Every row is flagged synthetic; every person is invented; NHS numbers come from the 999 test range.
//
// The generator yields CSV batches table by table so that the loader can COPY them in bulk.
import { modulus11CheckDigit } from '../../domain/identifiers/nhs-number.js';
import {
  measuresOf,
  scoreInstrument,
  type InstrumentDefinition,
  type PerItemMeasure,
} from '../../domain/questionnaires/instrument.js';
import { findBuiltInInstrument } from '../../domain/questionnaires/registry.js';
import { snomedCodeFor, type ReferralStatus } from '../../domain/referrals/referral.js';
import { classifyDeliveryModel, type OrgRef } from '../../domain/schemes/delivery-model.js';
import { FAMILY_NAMES, GIVEN_NAMES, REGIONS, type Model, type RegionSpec } from './catalogue.js';
import { csvLine, type CsvValue } from './csv.js';
import { Random } from './random.js';

export interface DemoOptions {
  /** Number of referrals to generate. */
  readonly scale: number;
  readonly seed: number;
  /** The last day of the data (YYYY-MM-DD); nothing is dated after it. */
  readonly today: string;
  /** Referrals per batch (default 20,000). */
  readonly chunkSize?: number;
}

export interface TableBatch {
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: string[];
}

export interface DemoChunk {
  readonly batches: readonly TableBatch[];
  /** Referrals generated so far (including this chunk). */
  readonly referralsDone: number;
}

const COLUMNS = {
  organisation: ['id', 'kind', 'name', 'ods_code', 'parent_id', 'nation', 'synthetic'],
  scheme: ['id', 'name', 'region_id', 'nation', 'started_on', 'synthetic'],
  scheme_version: [
    'id',
    'scheme_id',
    'version_no',
    'valid_from',
    'valid_to',
    'voice',
    'checked_on',
    'tidier',
    'operator_org_id',
    'employer_org_id',
    'manager_org_id',
    'commissioner_org_id',
    'network_org_id',
    'delivery_model',
    'delivery_model_reason',
    'age_range',
    'min_age',
    'max_age',
    'accepted_routes',
    'priority_groups',
    'specialism',
    'session_cap',
    'session_cap_mode',
    'keeps_at_risk',
    'rereferral_policy',
    'rereferral_min_days',
    'accompanies_first_meeting',
    'home_visits',
    'exclusion_criteria',
    'data_systems',
    'data_recorded',
    'outcome_tools',
    'outcome_tool_consistency',
    'funding_sources',
  ],
  scheme_version_coverage: ['scheme_version_id', 'org_id'],
  staff: ['id', 'scheme_id', 'display_name', 'role', 'employer_org_id', 'synthetic'],
  community_service: [
    'id',
    'name',
    'organisation_name',
    'description',
    'area',
    'needs',
    'taxonomy_terms',
    'min_age',
    'synthetic',
  ],
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
    'deprivation_index',
    'deprivation_decile',
    'registered_practice_id',
    'phone',
    'synthetic',
    'recorded_at',
  ],
  person_scheme: ['person_id', 'scheme_id'],
  referral: [
    'id',
    'person_id',
    'scheme_id',
    'referred_at',
    'route',
    'referrer_role',
    'referrer_org_id',
    'method',
    'reason',
    'priority_group',
    'status',
    'snomed_code',
    'link_worker_id',
    'previous_referral_id',
    'accepted_at',
    'closed_at',
    'discharge_reason',
    'consent_to_share',
    'synthetic',
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
    'synthetic',
    'recorded_at',
  ],
  signpost: [
    'id',
    'referral_id',
    'kind',
    'service_id',
    'signposted_on',
    'reason_need',
    'attendance',
    'response',
    'staff_id',
    'synthetic',
    'recorded_at',
  ],
  care_goal: [
    'id',
    'referral_id',
    'description',
    'importance',
    'status',
    'agreed_on',
    'achieved_on',
    'synthetic',
  ],
  questionnaire_response: [
    'id',
    'referral_id',
    'instrument_id',
    'instrument_version',
    'timepoint',
    'administered_on',
    'administered_by',
    'answers',
    'score_status',
    'rules_version',
    'synthetic',
    'recorded_at',
  ],
  questionnaire_score: ['response_id', 'measure', 'value', 'band'],
} as const satisfies Record<string, readonly string[]>;

export type DemoTable = keyof typeof COLUMNS;
/** Tables in load order (parents first). */
export const DEMO_TABLES = Object.keys(COLUMNS) as DemoTable[];
export const DEMO_COLUMNS: Readonly<Record<DemoTable, readonly string[]>> = COLUMNS;

// Deterministic UUIDs: a kind prefix and a counter, in RFC 4122 version-4 layout.
const KIND = {
  organisation: '00000001',
  scheme: '00000002',
  scheme_version: '00000003',
  staff: '00000004',
  person: '00000005',
  referral: '00000006',
  contact: '00000007',
  signpost: '00000008',
  care_goal: '00000009',
  questionnaire_response: '0000000a',
  community_service: '0000000b',
} as const;
const uuid = (kind: keyof typeof KIND, n: number): string =>
  `${KIND[kind]}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const DAY = 86_400_000;
const START = Date.parse('2021-04-01T00:00:00Z');
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

const PLACES = [
  'Riverside',
  'Northgate',
  'Moorside',
  'Hillview',
  'Parkfield',
  'Southbank',
  'Eastbrook',
  'Westfield',
  'Highcross',
  'Millbrook',
  'Oakwood',
  'Ashgrove',
  'Brookside',
  'Castlegate',
  'Fairview',
  'Greenhill',
  'Kingsway',
  'Lakeside',
  'Meadowbank',
  'Newtown',
  'Orchard',
  'Priory',
  'Queensway',
  'Rosehill',
  'Stonebridge',
  'Thornbury',
  'Valley',
  'Woodlands',
  'Bridgend',
  'Harbour',
];
const VCSE_WORDS = ['Community Links', 'Wellbeing Trust', 'Connect', 'Together', 'Neighbourhood Action'];
const SERVICE_TYPES: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ['Walking group', ['physical_activity', 'loneliness'], ['physical-activity']],
  ['Lunch club', ['loneliness', 'food_poverty'], ['social-activities']],
  ['Citizens advice drop-in', ['benefits', 'money_debt', 'housing'], ['advice']],
  ['Food bank', ['food_poverty'], ['food']],
  ['Energy advice', ['fuel_poverty', 'money_debt'], ['advice']],
  ['Talking therapies self-referral', ['mental_wellbeing'], ['mental-health']],
  ['Men in sheds', ['loneliness', 'mental_wellbeing'], ['social-activities']],
  ['Community garden', ['physical_activity', 'mental_wellbeing'], ['volunteering']],
  ['Digital skills class', ['digital_inclusion', 'education_skills'], ['learning']],
  ['Carers centre', ['carer_support'], ['carers']],
  ['Bereavement support group', ['bereavement'], ['bereavement']],
  ['Employment support', ['employment'], ['employment']],
  ['Slimming and healthy eating course', ['weight_management'], ['physical-activity']],
  ['Community transport', ['transport'], ['transport']],
  ['Housing advice', ['housing'], ['housing']],
];
const NEEDS: readonly (readonly [string, number])[] = [
  ['loneliness', 20],
  ['mental_wellbeing', 20],
  ['physical_activity', 8],
  ['weight_management', 5],
  ['long_term_condition', 8],
  ['money_debt', 8],
  ['benefits', 9],
  ['housing', 6],
  ['food_poverty', 4],
  ['fuel_poverty', 3],
  ['household_goods', 2],
  ['employment', 3],
  ['carer_support', 3],
  ['bereavement', 4],
  ['relationships', 2],
  ['digital_inclusion', 2],
  ['transport', 2],
  ['other', 1],
];
const REASONS: Readonly<Record<string, string>> = {
  loneliness: 'Lives alone since partner died and feels isolated',
  mental_wellbeing: 'Low mood and anxiety, would like support to get out more',
  physical_activity: 'Wants to be more active after a fall',
  weight_management: 'Asked for help with weight and healthy eating',
  long_term_condition: 'Struggling to manage diabetes and COPD day to day',
  money_debt: 'Worried about debts and rent arrears',
  benefits: 'Needs help with a PIP application',
  housing: 'Damp flat affecting health, needs housing advice',
  food_poverty: 'Running out of food before payday',
  fuel_poverty: 'Cannot afford to heat the home',
  household_goods: 'Needs a cooker and bedding',
  employment: 'Lost job, wants help back into work',
  carer_support: 'Caring for mother with dementia, exhausted',
  bereavement: 'Recently bereaved and not coping',
  relationships: 'Family conflict causing stress',
  digital_inclusion: 'Cannot use online services',
  transport: 'Cannot get to appointments',
  other: 'Wants to talk about what matters to them',
};
const ETHNICITY_ENGLAND: readonly (readonly [string, number])[] = [
  ['A', 72],
  ['B', 1],
  ['C', 5],
  ['D', 1],
  ['E', 1],
  ['F', 1],
  ['G', 1],
  ['H', 3],
  ['J', 4],
  ['K', 1],
  ['L', 1],
  ['M', 1],
  ['N', 3],
  ['P', 1],
  ['R', 1],
  ['S', 1],
  ['Z', 2],
];
const ETHNICITY_SCOTLAND: readonly (readonly [string, number])[] = [
  ['1A', 78],
  ['1B', 7],
  ['1C', 1],
  ['1L', 2],
  ['1Z', 2],
  ['2A', 1],
  ['3F', 3],
  ['3G', 1],
  ['3J', 1],
  ['4D', 2],
  ['6A', 1],
  ['6Z', 1],
  ['98', 2],
];
const VALIDATED_TOOLS = new Set(['ons4', 'wemwbs', 'swemwbs']);

interface SchemeInfo {
  readonly id: string;
  readonly region: RegionSpec;
  readonly model: Model;
  readonly practices: readonly string[];
  readonly referrerOrgs: readonly string[];
  readonly linkWorkers: readonly string[];
  readonly services: readonly { readonly id: string; readonly needs: readonly string[] }[];
  readonly sessionCap: number | null;
  readonly keepsAtRisk: boolean;
  readonly homeVisits: boolean;
  readonly minAge: number | null;
  readonly adultsOnly: boolean;
  readonly routes: readonly string[];
  readonly priority: readonly string[];
  readonly instrument: InstrumentDefinition | null;
  readonly consistency: 'none' | 'sporadic' | 'occasional' | 'systematic';
  readonly waitMeanDays: number;
  readonly weight: number;
}

class Batches {
  private readonly rows = new Map<DemoTable, string[]>();
  add(table: DemoTable, values: readonly CsvValue[]): void {
    let list = this.rows.get(table);
    if (list === undefined) {
      list = [];
      this.rows.set(table, list);
    }
    list.push(csvLine(values));
  }
  take(): TableBatch[] {
    const out = DEMO_TABLES.flatMap((table) => {
      const rows = this.rows.get(table);
      return rows === undefined || rows.length === 0 ? [] : [{ table, columns: COLUMNS[table], rows }];
    });
    this.rows.clear();
    return out;
  }
}

/** Counts of rows per table in a generated data set (filled in as chunks are produced). */
export type RowCounts = Partial<Record<DemoTable, number>>;

/**
 * Generates the demo data set. The first chunk holds the organisations, schemes, staff and the
 * services directory; each later chunk holds `chunkSize` referrals with their people and children.
 */
export function* generateDemo(options: DemoOptions): Generator<DemoChunk> {
  const rnd = new Random(options.seed);
  const end = Date.parse(`${options.today}T23:59:59Z`);
  const chunkSize = options.chunkSize ?? 20_000;
  const out = new Batches();
  const schemes = buildStructure(rnd, out);
  yield { batches: out.take(), referralsDone: 0 };

  const cumulative: number[] = [];
  let total = 0;
  for (const s of schemes) {
    total += s.weight;
    cumulative.push(total);
  }
  const pickScheme = (): SchemeInfo => {
    const r = rnd.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return schemes[lo] ?? (schemes[0] as SchemeInfo);
  };

  const ids = { person: 0, referral: 0, contact: 0, signpost: 0, goal: 0, response: 0, nhs: 0 };
  const chis = new Set<string>();
  let done = 0;
  while (done < options.scale) {
    const target = Math.min(options.scale, done + chunkSize);
    while (done < target) {
      const scheme = pickScheme();
      const personId = uuid('person', ++ids.person);
      const person = makePerson(rnd, out, scheme, personId, ids, chis);
      const count = Math.min(
        target - done,
        rnd.weighted([
          [1, 85],
          [2, 12],
          [3, 3],
        ] as const),
      );
      let previous: { id: string; closedAt: number } | null = null;
      // Schemes grew over the years: referral dates have a density that rises linearly with time.
      let at = START + Math.sqrt(rnd.next()) * (end - START - 7 * DAY);
      for (let k = 0; k < count; k++) {
        const referralId = uuid('referral', ++ids.referral);
        const closedAt = makeReferral(
          rnd,
          out,
          scheme,
          person,
          referralId,
          previous?.id ?? null,
          at,
          end,
          ids,
        );
        done++;
        if (closedAt === null) break;
        previous = { id: referralId, closedAt };
        at = closedAt + (60 + rnd.exponential(200)) * DAY;
        if (at > end - 7 * DAY) break;
      }
    }
    yield { batches: out.take(), referralsDone: done };
  }
}

function buildStructure(rnd: Random, out: Batches): SchemeInfo[] {
  let orgN = 0;
  let schemeN = 0;
  let versionN = 0;
  let staffN = 0;
  let serviceN = 0;
  let practiceCode = 0;
  let placeN = 0;
  const org = (
    kind: string,
    name: string,
    parent: string | null,
    nation: string,
    ods: string | null = null,
  ) => {
    const id = uuid('organisation', ++orgN);
    out.add('organisation', [id, kind, name, ods, parent, nation, true]);
    return id;
  };
  const place = (): string => {
    const name = PLACES[placeN % PLACES.length] ?? 'Central';
    const round = Math.floor(placeN / PLACES.length);
    placeN++;
    return round === 0 ? name : `${name} ${round + 1}`;
  };
  const schemes: SchemeInfo[] = [];

  for (const region of REGIONS) {
    const regionId = org('region', region.name, null, region.nation);
    const boardId = org(region.board.kind, region.board.name, regionId, region.nation);
    if (region.nation === 'england') {
      org('icp', `${region.name} Integrated Care Partnership`, regionId, region.nation);
    }
    const services = Array.from({ length: SERVICE_TYPES.length }, (_, i) => {
      const [type, needs, terms] = SERVICE_TYPES[i] ?? ['Community group', ['other'], ['other']];
      const id = uuid('community_service', ++serviceN);
      const area = `${region.name} (synthetic)`;
      out.add('community_service', [
        id,
        `${type} - ${region.name} (synthetic)`,
        `${rnd.pick(PLACES)} ${rnd.pick(VCSE_WORDS)} (synthetic)`,
        `${type} run by a local voluntary group. Synthetic demo entry.`,
        area,
        needs,
        terms,
        type === 'Carers centre' ? null : 16,
        true,
      ]);
      return { id, needs };
    });
    const vcses = Array.from({ length: region.vcseCount }, () =>
      org('vcse', `${place()} ${rnd.pick(VCSE_WORDS)} (synthetic)`, regionId, region.nation),
    );
    const federations = Array.from({ length: region.federationCount }, () =>
      org('gp_federation', `${place()} GP Federation (synthetic)`, boardId, region.nation),
    );
    const network =
      region.models[4] > 0
        ? org('network', `${region.name} Social Prescribing Network (synthetic)`, boardId, region.nation)
        : null;

    // The PCNs (England) or HSCPs (Scotland), each with its GP practices.
    const areas: { id: string; name: string; model: Model; practices: string[] }[] = [];
    const models: Model[] = [1, 2, 3, 4];
    for (const model of models) {
      for (let i = 0; i < region.models[model]; i++) {
        const name = region.areaKind === 'pcn' ? `${place()} PCN (synthetic)` : `${place()} HSCP (synthetic)`;
        const areaId = org(
          region.areaKind,
          name,
          boardId,
          region.nation,
          region.areaKind === 'pcn' ? `ZZU${String(orgN).padStart(4, '0')}` : null,
        );
        if (region.areaKind === 'hscp') {
          org('local_authority', name.replace('HSCP', 'Council'), regionId, region.nation);
        }
        const practiceCount = region.areaKind === 'pcn' ? rnd.int(3, 6) : rnd.int(8, 14);
        const practices = Array.from({ length: practiceCount }, () => {
          practiceCode++;
          return org(
            'gp_practice',
            `${place()} Medical Practice (synthetic)`,
            areaId,
            region.nation,
            region.nation === 'england' ? `ZZ${String(practiceCode).padStart(4, '0')}` : null,
          );
        });
        areas.push({ id: areaId, name, model, practices });
      }
    }

    // Schemes: Model 1 one per PCN; Model 2 one per federation covering its PCNs; Model 3 one per
    // PCN/HSCP employed by a VCSE; Model 4 one per area commissioned at ICB/HSCP level via a network.
    const m2 = areas.filter((a) => a.model === 2);
    const groups: {
      model: Model;
      areas: typeof areas;
      employer: string;
      manager: string;
      commissioner: string;
    }[] = [];
    for (const a of areas.filter((x) => x.model === 1)) {
      groups.push({ model: 1, areas: [a], employer: a.id, manager: a.id, commissioner: a.id });
    }
    federations.forEach((fed, f) => {
      const share = m2.filter((_, i) => i % federations.length === f);
      if (share.length > 0) {
        groups.push({ model: 2, areas: share, employer: fed, manager: fed, commissioner: fed });
      }
    });
    areas
      .filter((x) => x.model === 3)
      .forEach((a, i) => {
        const vcse = vcses[i % vcses.length] ?? regionId;
        groups.push({ model: 3, areas: [a], employer: vcse, manager: vcse, commissioner: a.id });
      });
    for (const a of areas.filter((x) => x.model === 4)) {
      const vcse = vcses[0] ?? regionId;
      const commissioner = region.areaKind === 'pcn' ? boardId : a.id;
      groups.push({ model: 4, areas: [a], employer: vcse, manager: network ?? vcse, commissioner });
    }

    for (const g of groups) {
      const schemeId = uuid('scheme', ++schemeN);
      const first = g.areas[0];
      const employerName =
        g.model === 3 || g.model === 4 ? 'VCSE-hosted' : g.model === 2 ? 'federation' : 'PCN';
      const name =
        g.model === 2
          ? `${first?.name.replace(' PCN (synthetic)', '') ?? ''} and partners link workers (synthetic)`
          : `${first?.name.replace(' (synthetic)', '') ?? ''} social prescribing (synthetic)`;
      out.add('scheme', [schemeId, name, regionId, region.nation, '2020-04-01', true]);
      const policy = region.policy;
      const cap = rnd.pick(policy.sessionCaps);
      const specialist = g.model === 3 && rnd.chance(0.15);
      const priority = specialist
        ? [rnd.pick(region.priorityGroups)]
        : rnd.chance(0.3)
          ? region.priorityGroups.slice(0, 2)
          : [];
      const tools = region.outcomeTools[g.model];
      const instrumentId = tools.tools.find((t) => VALIDATED_TOOLS.has(t));
      const funding =
        g.model === 4 && region.nation === 'england' ? ['icb', 'local_authority'] : region.funding;
      const network4 = g.model === 4 ? network : null;
      const minAge =
        policy.ageRange === 'adults'
          ? region.priorityGroups.includes('over_50s') && specialist
            ? 50
            : policy.minAge
          : null;
      // The delivery model is derived from the organisational facts by the study's classifier, as
      // scheme mapping derives it for real schemes; a disagreement with the catalogue is a bug here.
      const kindOf = (id: string): string =>
        areas.some((a) => a.id === id)
          ? region.areaKind
          : vcses.includes(id)
            ? 'vcse'
            : federations.includes(id)
              ? 'gp_federation'
              : id === network
                ? 'network'
                : id === boardId
                  ? region.board.kind
                  : 'region';
      const ref = (id: string | null): OrgRef | null => (id === null ? null : { id, kind: kindOf(id) });
      const deriveModel = (model: Model, employer: string, manager: string) => {
        const c = classifyDeliveryModel({
          nation: region.nation,
          employer: ref(employer),
          manager: ref(manager),
          commissioner: ref(g.commissioner),
          network: ref(network4),
          coverage: g.areas.map((a) => ({ id: a.id, kind: region.areaKind })),
        });
        if (c.kind !== 'classified' || c.model !== model) {
          throw new Error(`Demo: ${name} should be Model ${model} but the classifier says: ${c.reason}`);
        }
        return c;
      };
      const addVersion = (
        no: number,
        from: string,
        to: string | null,
        model: Model,
        employer: string,
        manager: string,
      ) => {
        const derived = deriveModel(model, employer, manager);
        const versionId = uuid('scheme_version', ++versionN);
        const tidier = {
          brief_name: name,
          why: 'Connect people with non-medical needs to community support to improve wellbeing.',
          who_provides: `Link workers employed by the ${employerName} employer`,
          how: 'Face to face, telephone and video one-to-one sessions; some group work',
          where: 'GP practices and community venues',
          when_how_much: cap === null ? 'No session limit' : `Up to ${cap} sessions`,
          tailoring: 'Good conversation about what matters to the person',
        };
        out.add('scheme_version', [
          versionId,
          schemeId,
          no,
          from,
          to,
          'Synthetic: written by the Linkwork demo generator',
          from,
          JSON.stringify(tidier),
          employer,
          employer,
          manager,
          g.commissioner,
          network4,
          String(derived.model),
          derived.reason,
          policy.ageRange,
          minAge,
          null,
          policy.acceptedRoutes,
          priority,
          specialist ? 'specialist' : 'generic',
          cap,
          cap === null ? 'warn' : policy.sessionCapMode,
          policy.keepsAtRisk,
          policy.rereferral,
          policy.rereferral === 'after_interval' ? 90 : null,
          policy.accompanies,
          policy.homeVisits,
          specialist ? ['current_crisis'] : [],
          [rnd.pick(region.dataSystems)],
          ['referral_numbers', 'age', 'gender', 'ethnicity', 'referral_reason'],
          tools.tools,
          tools.consistency,
          funding,
        ]);
        for (const a of g.areas) out.add('scheme_version_coverage', [versionId, a.id]);
      };
      // One Greater Manchester PCN moved from Model 3 to Model 1 (study section 4.1.2).
      if (region.key === 'gm' && g.model === 1 && schemes.filter((s) => s.region.key === 'gm').length === 0) {
        const vcse = vcses[0] ?? regionId;
        addVersion(1, '2020-04-01', '2022-09-30', 3, vcse, vcse);
        addVersion(2, '2022-10-01', null, 1, g.employer, g.manager);
      } else {
        addVersion(1, '2020-04-01', null, g.model, g.employer, g.manager);
      }
      const workers = Math.max(1, Math.round(g.areas.length * (region.areaKind === 'hscp' ? 4 : 1.5)));
      const linkWorkers = Array.from({ length: workers }, () => {
        const id = uuid('staff', ++staffN);
        out.add('staff', [
          id,
          schemeId,
          `${rnd.pick(GIVEN_NAMES)} ${rnd.pick(FAMILY_NAMES)} (synthetic)`,
          'link_worker',
          g.employer,
          true,
        ]);
        return id;
      });
      out.add('staff', [
        uuid('staff', ++staffN),
        schemeId,
        `${rnd.pick(GIVEN_NAMES)} ${rnd.pick(FAMILY_NAMES)} (synthetic)`,
        'coordinator',
        g.employer,
        true,
      ]);
      const instrument = instrumentId === undefined ? null : (findBuiltInInstrument(instrumentId) ?? null);
      schemes.push({
        id: schemeId,
        region,
        model: g.model,
        practices: g.areas.flatMap((a) => a.practices),
        referrerOrgs: g.areas.flatMap((a) => a.practices),
        linkWorkers,
        services,
        sessionCap: cap,
        keepsAtRisk: policy.keepsAtRisk,
        homeVisits: policy.homeVisits,
        minAge,
        adultsOnly: policy.ageRange === 'adults',
        routes: policy.acceptedRoutes,
        priority,
        instrument,
        consistency: tools.consistency,
        waitMeanDays: rnd.pick([5, 10, 14, 21, 35, 50]),
        weight: g.areas.length * region.volume * (0.6 + rnd.next() * 0.8),
      });
    }
  }
  return schemes;
}

interface PersonInfo {
  readonly id: string;
  readonly dob: number;
  readonly wellbeing: number;
}

function makePerson(
  rnd: Random,
  out: Batches,
  scheme: SchemeInfo,
  id: string,
  ids: { nhs: number },
  chis: Set<string>,
): PersonInfo {
  const region = scheme.region;
  const scot = region.nation === 'scotland';
  const minAge = scheme.minAge ?? (rnd.chance(0.06) ? 5 : 18);
  const age = Math.min(94, Math.max(minAge, Math.round(rnd.normal(52, 18))));
  // Age as at the first possible referral date, so nobody is younger than a policy allows when referred.
  const dob = START - (age * 365.25 + rnd.int(0, 364)) * DAY;
  const dobIso = isoDay(dob);
  const sex = rnd.weighted([
    ['female', 60],
    ['male', 39],
    ['not_known', 1],
  ] as const);
  let nhs: string | null = null;
  let chi: string | null = null;
  if (!scot && rnd.chance(0.93)) {
    // NHS numbers in the 999 range are reserved for testing and never issued to a real person.
    for (;;) {
      const prefix = `999${String(ids.nhs++ % 1_000_000).padStart(6, '0')}`;
      const check = modulus11CheckDigit(prefix);
      if (check !== null) {
        nhs = `${prefix}${check}`;
        break;
      }
    }
  } else if (scot && rnd.chance(0.9)) {
    const ddmmyy = `${dobIso.slice(8, 10)}${dobIso.slice(5, 7)}${dobIso.slice(2, 4)}`;
    for (let attempt = 0; attempt < 50 && chi === null; attempt++) {
      const sexDigit = (rnd.int(0, 4) * 2 + (sex === 'male' ? 1 : 0)) % 10;
      const prefix = `${ddmmyy}${String(rnd.int(0, 99)).padStart(2, '0')}${sexDigit}`;
      const check = modulus11CheckDigit(prefix);
      const candidate = check === null ? null : `${prefix}${check}`;
      if (candidate !== null && !chis.has(candidate)) {
        chis.add(candidate);
        chi = candidate;
      }
    }
  }
  const ethnicityMissing = rnd.chance(scot ? 0.25 : 0.2);
  const ethnicity = ethnicityMissing ? null : rnd.weighted(scot ? ETHNICITY_SCOTLAND : ETHNICITY_ENGLAND);
  const deprived = rnd.chance(region.deprivedShare);
  const decile = rnd.chance(0.1) ? null : deprived ? rnd.int(1, 3) : rnd.int(4, 10);
  const area = rnd.pick(region.postcodeAreas);
  const postcode = rnd.chance(0.05)
    ? null
    : `${area}${rnd.int(1, 40)} ${rnd.int(1, 9)}${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}`;
  const gender = rnd.chance(0.7) ? null : sex === 'female' ? 'woman' : sex === 'male' ? 'man' : 'not_known';
  out.add('person', [
    id,
    nhs,
    chi,
    rnd.pick(GIVEN_NAMES),
    rnd.pick(FAMILY_NAMES),
    dobIso,
    sex,
    gender,
    ethnicity === null ? null : region.nation,
    ethnicity,
    postcode,
    decile === null ? null : region.deprivationIndex,
    decile,
    rnd.pick(scheme.practices),
    rnd.chance(0.5) ? `07700 900${String(rnd.int(0, 999)).padStart(3, '0')}` : null,
    true,
    iso(START),
  ]);
  out.add('person_scheme', [id, scheme.id]);
  return { id, dob, wellbeing: rnd.normal(deprived ? -0.3 : 0, 1) };
}

/** Generates one referral with its children; returns when it closed, or null if still open. */
function makeReferral(
  rnd: Random,
  out: Batches,
  scheme: SchemeInfo,
  person: PersonInfo,
  id: string,
  previousId: string | null,
  referredAt: number,
  end: number,
  ids: { contact: number; signpost: number; goal: number; response: number },
): number | null {
  const route = rnd.weighted(
    scheme.routes.map((r): readonly [string, number] => [
      r,
      r === 'gp_practice' ? 75 : r === 'self_referral' ? 15 : 10 / Math.max(1, scheme.routes.length - 2),
    ]),
  );
  const role =
    route === 'gp_practice'
      ? rnd.weighted([
          ['gp', 55],
          ['practice_nurse', 12],
          ['receptionist', 10],
          ['pharmacist', 4],
          ['care_coordinator', 8],
          ['mental_health_practitioner', 6],
          ['other_practice_staff', 5],
        ] as const)
      : route === 'self_referral'
        ? 'self'
        : 'agency_worker';
  const method =
    route === 'self_referral'
      ? 'self_referral'
      : rnd.weighted([
          ['secure_messaging', 40],
          ['phone', 20],
          ['secure_email', 15],
          ['letter', 5],
          ['ers', 2],
          [null, 18],
        ] as const);
  const needCount = rnd.weighted([
    [1, 50],
    [2, 35],
    [3, 15],
  ] as const);
  const needs: string[] = [];
  while (needs.length < needCount) {
    const n = rnd.weighted(NEEDS);
    if (!needs.includes(n)) needs.push(n);
  }
  const firstNeed = needs[0] ?? 'other';
  const worker = rnd.pick(scheme.linkWorkers);

  // The episode: declined, never engaged, or accepted with a number of sessions.
  let status: ReferralStatus;
  let acceptedAt: number | null = null;
  let closedAt: number | null = null;
  let dischargeReason: string | null = null;
  const contacts: { at: number; outcome: string }[] = [];
  const firstContact = referredAt + (1 + rnd.exponential(scheme.waitMeanDays)) * DAY;
  const fate = rnd.next();
  if (fate < 0.08) {
    status = 'declined';
    closedAt = referredAt + rnd.int(1, 14) * DAY;
  } else if (firstContact > end) {
    status = 'waiting';
  } else if (fate < 0.13) {
    status = 'did_not_engage';
    contacts.push({ at: firstContact, outcome: 'did_not_attend' });
    if (rnd.chance(0.5)) contacts.push({ at: firstContact + 7 * DAY, outcome: 'did_not_attend' });
    closedAt = firstContact + 30 * DAY;
  } else {
    status = 'active';
    acceptedAt = firstContact;
    let sessions = rnd.weighted([
      [1, 30],
      [rnd.int(2, 6), 55],
      [rnd.int(7, 14), 15],
    ] as const);
    const cap = scheme.sessionCap;
    const capped = cap !== null && sessions > cap && !(scheme.keepsAtRisk && rnd.chance(0.2));
    if (cap !== null && capped) sessions = cap;
    let at = firstContact;
    for (let i = 0; i < sessions; i++) {
      if (i > 0) at += rnd.int(7, 21) * DAY + rnd.int(-3, 3) * 3_600_000;
      const outcome = rnd.weighted([
        ['attended', 90],
        ['did_not_attend', 7],
        ['cancelled_by_person', 3],
      ] as const);
      contacts.push({ at, outcome: i === 0 ? 'attended' : outcome });
    }
    const last = at;
    const ends = last + rnd.int(0, 14) * DAY;
    if (rnd.chance(0.07) && sessions > 1) {
      status = 'did_not_engage';
      closedAt = last + 28 * DAY;
    } else {
      status = 'discharged';
      closedAt = ends;
      dischargeReason =
        capped && sessions === cap
          ? 'session_cap_reached'
          : rnd.weighted([
              ['goals_met', 45],
              ['no_further_support', 30],
              ['referred_elsewhere', 12],
              ['declined_further', 8],
              ['moved_away', 5],
            ] as const);
    }
  }
  if (closedAt !== null && closedAt > end) {
    status = acceptedAt === null ? 'waiting' : 'active';
    closedAt = null;
    dischargeReason = null;
  }
  const kept = contacts.filter((c) => c.at <= end);
  const lag = (): number => (rnd.chance(0.05) ? rnd.int(30, 90) : rnd.int(0, 7)) * DAY;
  out.add('referral', [
    id,
    person.id,
    scheme.id,
    iso(referredAt),
    route,
    role,
    route === 'gp_practice' ? rnd.pick(scheme.referrerOrgs) : null,
    method,
    rnd.chance(0.85) ? (REASONS[firstNeed] ?? null) : null,
    scheme.priority.length > 0 && rnd.chance(0.4) ? rnd.pick(scheme.priority) : null,
    status,
    snomedCodeFor(status, acceptedAt !== null),
    status === 'waiting' && rnd.chance(0.5) ? null : worker,
    previousId,
    acceptedAt === null ? null : iso(acceptedAt),
    closedAt === null ? null : iso(closedAt),
    dischargeReason,
    rnd.chance(0.7) ? true : null,
    true,
    iso(Math.min(end, referredAt + lag())),
  ]);
  for (const need of needs) out.add('referral_need', [id, need]);

  for (const c of kept) {
    const mode = rnd.weighted([
      ['face_to_face', 45],
      ['telephone', 35],
      ['video', 5],
      ['home_visit', scheme.homeVisits ? 5 : 0],
      ['accompanied', 5],
      ['group', 5],
    ] as const);
    const location =
      mode === 'telephone' || mode === 'video'
        ? 'remote'
        : mode === 'home_visit'
          ? 'home'
          : mode === 'face_to_face'
            ? rnd.pick(['gp_practice', 'community_venue'] as const)
            : 'community_venue';
    out.add('contact', [
      uuid('contact', ++ids.contact),
      id,
      iso(c.at),
      mode,
      rnd.chance(0.1) ? null : rnd.int(3, 18) * 5,
      location,
      c.outcome,
      worker,
      true,
      iso(Math.min(end, c.at + lag())),
    ]);
  }

  const engaged = acceptedAt !== null && kept.length > 0;
  if (engaged) {
    const signposts = rnd.weighted([
      [0, 25],
      [1, 35],
      [2, 25],
      [3, 15],
    ] as const);
    for (let i = 0; i < signposts; i++) {
      const need = rnd.pick(needs);
      const service = scheme.services.find((s) => s.needs.includes(need)) ?? rnd.pick(scheme.services);
      const at = rnd.pick(kept).at;
      const onward = rnd.chance(0.2);
      out.add('signpost', [
        uuid('signpost', ++ids.signpost),
        id,
        onward ? 'onward_referral' : 'signpost',
        service.id,
        isoDay(at),
        need,
        rnd.weighted([
          ['attended', 50],
          ['did_not_attend', 15],
          ['not_known', 35],
        ] as const),
        onward
          ? rnd.weighted([
              ['accepted', 70],
              ['declined', 10],
              ['pending', 20],
            ] as const)
          : null,
        worker,
        true,
        iso(Math.min(end, at + lag())),
      ]);
    }
    if (rnd.chance(0.6)) {
      for (const need of needs.slice(0, 2)) {
        const achieved = status === 'discharged' && rnd.chance(0.6);
        out.add('care_goal', [
          uuid('care_goal', ++ids.goal),
          id,
          `Goal about ${need.replace(/_/g, ' ')}`,
          rnd.int(5, 10),
          achieved
            ? 'achieved'
            : status === 'discharged'
              ? rnd.pick(['partially_achieved', 'not_achieved'] as const)
              : 'in_progress',
          isoDay(acceptedAt ?? referredAt),
          achieved && closedAt !== null ? isoDay(closedAt) : null,
          true,
        ]);
      }
    }
  }

  // Outcome questionnaires: baseline at the first session, follow-up at the last, as often as the
  // scheme's outcome-tool consistency suggests; improvement is modest and varies.
  const instrument = scheme.instrument;
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (instrument !== null && engaged && first !== undefined && last !== undefined) {
    const pBase = { none: 0, sporadic: 0.15, occasional: 0.45, systematic: 0.85 }[scheme.consistency];
    const pFollow = { none: 0, sporadic: 0.1, occasional: 0.3, systematic: 0.6 }[scheme.consistency];
    if (rnd.chance(pBase)) {
      addResponse(rnd, out, instrument, id, 'baseline', first.at, worker, person.wellbeing, ids, end, lag);
      if (kept.length >= 2 && rnd.chance(pFollow)) {
        const gain = rnd.normal(0.35, 0.6);
        addResponse(
          rnd,
          out,
          instrument,
          id,
          status === 'discharged' ? 'discharge' : 'review',
          last.at,
          worker,
          person.wellbeing + gain,
          ids,
          end,
          lag,
        );
      }
    }
  }
  return status === 'waiting' || status === 'active' ? null : closedAt;
}

function addResponse(
  rnd: Random,
  out: Batches,
  instrument: InstrumentDefinition,
  referralId: string,
  timepoint: string,
  at: number,
  worker: string,
  wellbeing: number,
  ids: { response: number },
  end: number,
  lag: () => number,
): void {
  const perItem = new Map<number, number>();
  for (const m of measuresOf(instrument)) {
    if ('item' in m) perItem.set((m as PerItemMeasure).item, m.direction === 'lower_is_better' ? -1 : 1);
  }
  const answers: (number | null)[] = instrument.items.map((item) => {
    const sign = perItem.get(item.number) ?? (item.reversed ? -1 : 1);
    const { min, max } = item.scale;
    const mid = (min + max) / 2;
    const raw = mid + sign * (wellbeing * (max - min) * 0.18) + rnd.normal(0, (max - min) * 0.12);
    return Math.min(max, Math.max(min, Math.round(raw)));
  });
  if (rnd.chance(0.05)) answers[rnd.int(0, answers.length - 1)] = null;
  const result = scoreInstrument(instrument, answers);
  const responseId = uuid('questionnaire_response', ++ids.response);
  out.add('questionnaire_response', [
    responseId,
    referralId,
    instrument.id,
    instrument.version,
    timepoint,
    isoDay(at),
    worker,
    JSON.stringify(answers),
    result.kind,
    result.rulesVersion,
    true,
    iso(Math.min(end, at + lag())),
  ]);
  if (result.kind === 'scored') {
    for (const s of result.scores) {
      out.add('questionnaire_score', [responseId, s.measure, s.value, s.band ?? null]);
    }
  }
}
