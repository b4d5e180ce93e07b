/**
 * Open Referral UK / HSDS 3.0 services -> the Linkwork community-services directory (issue #9
 * point 5). Pure: `mapHsdsService` takes one service object already checked against the HSDS 3.0
 * service schema (src/services/directory/hsds.schema.ts, from ../shared/standards/standards.md
 * section 4.2) and returns the directory entry, or the issues that stop it being one.
 *
 * Field mapping (standards.md 4.2; UK profile 4.2 "removals"):
 * - id -> source_record_id (with the feed or file as source_system), so re-imports update;
 * - name, description, url, email; status `active` -> active, anything else -> inactive;
 * - organization.name -> organisation name;
 * - minimum_age / maximum_age -> age range;
 * - the first phone number (service, then contacts) -> phone; the first physical address's
 *   postal_code -> postcode; service_areas (name, or the UK profile's free-text service_area) -> area;
 * - attributes[].taxonomy_term (name, UK `term`, or code) -> taxonomy terms, and each term is read
 *   for the social-prescribing needs it serves (NEED_KEYWORDS) so that signposting by need finds it.
 */
import type { FieldIssue } from '../errors.js';

export interface HsdsTaxonomyTerm {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly term?: string | undefined;
  readonly code?: string | null | undefined;
}

/** The HSDS 3.0 service fields Linkwork reads (a subset of the schema; extra fields are ignored). */
export interface HsdsService {
  readonly id: string;
  readonly name: string;
  readonly status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  readonly description?: string | null | undefined;
  readonly url?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly minimum_age?: number | null | undefined;
  readonly maximum_age?: number | null | undefined;
  readonly organization?: { readonly name?: string | undefined } | null | undefined;
  readonly phones?: readonly { readonly number: string }[] | undefined;
  readonly contacts?:
    readonly { readonly phones?: readonly { readonly number: string }[] | undefined }[] | undefined;
  readonly service_areas?:
    | readonly {
        readonly name?: string | null | undefined;
        readonly service_area?: string | null | undefined;
      }[]
    | undefined;
  readonly service_at_locations?:
    | readonly {
        readonly location?:
          | {
              readonly addresses?:
                | readonly {
                    readonly postal_code?: string | undefined;
                    readonly address_type?: string | undefined;
                  }[]
                | undefined;
            }
          | null
          | undefined;
      }[]
    | undefined;
  readonly attributes?:
    readonly { readonly taxonomy_term?: HsdsTaxonomyTerm | null | undefined }[] | undefined;
}

/** A directory entry ready to write (community_service columns, camel-cased). */
export interface DirectoryEntry {
  readonly sourceRecordId: string;
  readonly name: string;
  readonly organisationName: string | null;
  readonly description: string | null;
  readonly url: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly postcode: string | null;
  readonly area: string | null;
  readonly needs: readonly string[];
  readonly taxonomyTerms: readonly string[];
  readonly minAge: number | null;
  readonly maxAge: number | null;
  readonly active: boolean;
}

/**
 * Keywords (lower case, matched against taxonomy terms and the service name) for each ref_need code.
 * Linkwork's choice: HSDS feeds use local or LGA/esd vocabularies with no national mapping to
 * social-prescribing needs, so the words are read. Documented in docs/directory.md.
 */
export const NEED_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  loneliness: ['lonel', 'isolation', 'befriend', 'social group', 'lunch club', 'friendship'],
  mental_wellbeing: [
    'mental health',
    'wellbeing',
    'anxiety',
    'depression',
    'stress',
    'counselling',
    'talking therap',
  ],
  physical_activity: ['physical activity', 'exercise', 'walking', 'sport', 'fitness', 'swim', 'dance'],
  weight_management: ['weight', 'healthy eating', 'nutrition', 'diet'],
  long_term_condition: [
    'long-term condition',
    'long term condition',
    'diabetes',
    'copd',
    'arthritis',
    'pain',
    'stroke',
  ],
  money_debt: ['debt', 'money', 'budget', 'financial'],
  benefits: ['benefit', 'universal credit', 'welfare'],
  housing: ['housing', 'homeless', 'tenancy', 'accommodation'],
  food_poverty: ['food bank', 'foodbank', 'food parcel', 'food pantry', 'community fridge'],
  fuel_poverty: ['fuel', 'energy', 'warm home', 'heating'],
  household_goods: ['furniture', 'household goods', 'white goods', 'grant'],
  employment: ['employment', 'job', 'volunteer', 'work club', 'careers'],
  education_skills: ['education', 'learning', 'skills', 'course', 'literacy', 'esol'],
  carer_support: ['carer', 'caring'],
  bereavement: ['bereave', 'grief', 'loss'],
  relationships: ['family', 'relationship', 'parent'],
  substance_use: ['alcohol', 'drug', 'substance', 'addiction', 'recovery'],
  digital_inclusion: ['digital', 'computer', 'internet', 'online skills'],
  transport: ['transport', 'travel', 'community bus', 'dial-a-ride'],
  legal_immigration: ['legal', 'immigration', 'asylum', 'refugee', 'citizens advice'],
  domestic_abuse: ['domestic abuse', 'domestic violence'],
};

/** The ref_need codes a service meets, from its taxonomy terms and name. */
export function needsFromTerms(terms: readonly string[], name: string): string[] {
  const text = [...terms, name].map((t) => t.toLowerCase());
  return Object.entries(NEED_KEYWORDS)
    .filter(([, words]) => words.some((w) => text.some((t) => t.includes(w))))
    .map(([need]) => need);
}

const trimmed = (s: string | null | undefined, max: number): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t.slice(0, max);
};

/** A UK postcode in the form the person table uses (upper case, one space), else null. */
export function normalisePostcode(raw: string | null | undefined): string | null {
  const compact = (raw ?? '').toUpperCase().replace(/\s+/g, '');
  const m = /^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})$/.exec(compact);
  return m === null ? null : `${m[1]} ${m[2]}`;
}

/**
 * Maps one HSDS service. Issues (with HSDS field paths) when the ages are inverted or out of
 * range; text longer than the directory's limits is cut (limits in the community_service table).
 */
export function mapHsdsService(s: HsdsService): { entry: DirectoryEntry } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const age = (v: number | null | undefined, path: string): number | null => {
    if (v === null || v === undefined) return null;
    if (!Number.isInteger(v) || v < 0 || v > 120) {
      issues.push({ path, rule: 'age_range', message: 'must be a whole number of years from 0 to 120' });
      return null;
    }
    return v;
  };
  const minAge = age(s.minimum_age, 'minimum_age');
  const maxAge = age(s.maximum_age, 'maximum_age');
  if (minAge !== null && maxAge !== null && minAge > maxAge) {
    issues.push({ path: 'maximum_age', rule: 'not_below_minimum', message: 'must not be below minimum_age' });
  }
  if (issues.length > 0) return { issues };
  const terms = [
    ...new Set(
      (s.attributes ?? [])
        .map((a) => a.taxonomy_term)
        .map((t) => trimmed(t?.name ?? t?.term ?? t?.code ?? null, 200))
        .filter((t): t is string => t !== null),
    ),
  ];
  const phone =
    s.phones?.[0]?.number ?? s.contacts?.flatMap((c) => c.phones ?? []).find((p) => p.number !== '')?.number;
  const addresses = (s.service_at_locations ?? []).flatMap((sl) => sl.location?.addresses ?? []);
  const postcode = normalisePostcode(
    (addresses.find((a) => a.address_type === 'physical') ?? addresses[0])?.postal_code,
  );
  const areas = (s.service_areas ?? [])
    .map((a) => trimmed(a.name ?? a.service_area ?? null, 200))
    .filter((a): a is string => a !== null);
  const name = trimmed(s.name, 200) ?? s.id;
  return {
    entry: {
      sourceRecordId: s.id,
      name,
      organisationName: trimmed(s.organization?.name, 200),
      description: trimmed(s.description, 4000),
      url: trimmed(s.url, 500),
      email: trimmed(s.email, 200),
      phone: trimmed(phone, 30),
      postcode,
      area: areas.length === 0 ? null : areas.join(', ').slice(0, 200),
      needs: needsFromTerms(terms, name),
      taxonomyTerms: terms,
      minAge,
      maxAge,
      active: s.status === 'active',
    },
  };
}
