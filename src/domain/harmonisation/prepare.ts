/**
 * From a mapped row to records that meet the same rules as the API: the person through
 * validatePerson, the referral through validateReferral and the episode rules, each contact through
 * validateContact, with the scheme, link worker, staff and practice named in the row resolved by the
 * caller's `ImportResolver` (lookups held in memory, so this stays pure). Every issue of every
 * record is collected; a row with any issue is rejected whole. Paths are the profile's field names
 * (`person.dateOfBirth`, `referral.linkWorker`, `contact[2].mode`), so the results file can name the
 * column each came from.
 *
 * Not checked here, as in the API: the person-matching rules (matching.ts) and whether the
 * referral and contact ids already exist (that makes an update, not an issue). Scheme policy (age
 * range, routes, session caps) is not applied to imported history: a scheme's current policy may
 * postdate the records; the data-quality scorecard reports records outside it instead.
 */
import { validateContact, type ContactRecord } from '../contacts/contact.js';
import type { FieldIssue } from '../errors.js';
import { validatePerson, type PersonRecord } from '../people/person.js';
import { validateReferral, type ReferralRecord } from '../referrals/referral.js';
import { checkDateTime, IssueList, type CodeLookup } from '../validation.js';
import { checkEpisode, type EpisodeRecord } from './episode.js';
import type { MappedRecord, MappedRow, MappedValue } from './mapping.js';

/** A reference the resolver could not follow: the rule and a sentence. */
export interface Unresolved {
  readonly rule: string;
  readonly message: string;
}

export type Resolved<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issue: Unresolved };

/** Lookups the caller answers from memory (reference data and records already imported). */
export interface ImportResolver {
  /** A scheme by id or name. */
  scheme(ref: string): Resolved<{ readonly id: string; readonly nation: string }>;
  /** A member of staff of a scheme by id or display name. */
  staff(schemeId: string, ref: string): Resolved<string>;
  /** A GP practice by ODS code or name. */
  practice(ref: string): Resolved<string>;
  /** A person of this source by their id in it, if already recorded (or earlier in this import). */
  person(sourceId: string): { readonly id: string } | undefined;
  /** A referral of this source by its id in it, if already recorded (or earlier in this import). */
  referral(
    sourceId: string,
  ): { readonly id: string; readonly schemeId: string; readonly referredAt: Date } | undefined;
}

export interface PrepareContext {
  readonly codes: CodeLookup;
  readonly now: Date;
  /** Today (YYYY-MM-DD), bounding dates of birth. */
  readonly today: string;
  /** The scheme for rows that name none (the CLI's --scheme), by id or name. */
  readonly defaultScheme: string | null;
  readonly resolver: ImportResolver;
  /** Which records the sheet maps (a record on the row refers to the others on it). */
  readonly sheet: { readonly person: boolean; readonly referral: boolean };
}

export interface PreparedPerson {
  readonly sourceId: string | null;
  readonly record: PersonRecord;
  /** The profile fields the row set (an update changes only these). */
  readonly fields: ReadonlySet<string>;
  /** The scheme that holds the person (from the person's own scheme field, or the default). */
  readonly schemeId: string | null;
  readonly recordedAt: Date | null;
}

export interface PreparedReferral {
  readonly sourceId: string;
  /** personId is empty: the caller fills it in once the person is matched or created. */
  readonly record: ReferralRecord;
  readonly episode: EpisodeRecord;
  readonly fields: ReadonlySet<string>;
  /** The person named by id in this source (sheets without a person), else null (the row's person). */
  readonly personId: string | null;
  readonly recordedAt: Date | null;
}

export interface PreparedContact {
  readonly sourceId: string;
  readonly repeatKey: string | null;
  /** referralId is empty when the contact belongs to the row's referral. */
  readonly record: ContactRecord;
  readonly fields: ReadonlySet<string>;
  readonly recordedAt: Date | null;
}

export type PreparedRow =
  | { readonly kind: 'blank' }
  | { readonly kind: 'rejected'; readonly issues: readonly FieldIssue[] }
  | {
      readonly kind: 'ready';
      readonly person: PreparedPerson | null;
      readonly referral: PreparedReferral | null;
      readonly contacts: readonly PreparedContact[];
    };

/** Validator paths that differ from the profile's field names. */
const FIELD_OF: Readonly<Record<string, string>> = {
  'ethnicity.code': 'ethnicity',
  'ethnicity.nation': 'ethnicityNation',
  registeredPracticeId: 'practice',
  linkWorkerId: 'linkWorker',
  staffId: 'staff',
};

const prefixed = (prefix: string, issues: readonly FieldIssue[]): FieldIssue[] =>
  issues.map((i) => ({ ...i, path: `${prefix}.${FIELD_OF[i.path] ?? i.path}` }));

/** A scalar field as text (lists are read with `list`). */
const text = (r: MappedRecord, field: string): string | null => {
  const v = r.values.get(field);
  return v === undefined || Array.isArray(v) ? null : String(v);
};

const list = (r: MappedRecord, field: string): readonly string[] => {
  const v: MappedValue | undefined = r.values.get(field);
  return Array.isArray(v) ? (v as readonly string[]) : [];
};

const recordPath = (r: MappedRecord): string => (r.repeatKey === null ? r.type : `${r.type}[${r.repeatKey}]`);

/** Resolves a reference, adding an issue at `path` when it cannot be followed. */
function follow<T>(issues: FieldIssue[], path: string, resolved: Resolved<T>): T | null {
  if (resolved.ok) return resolved.value;
  issues.push({ path, ...resolved.issue });
  return null;
}

const required = (path: string, message: string): FieldIssue => ({ path, rule: 'required', message });

/** The longest id in a source system that Linkwork keeps (source_record_id). */
export const MAX_SOURCE_ID = 100;

/** The record's id in the source; an issue when it is longer than Linkwork keeps. */
function sourceIdOf(issues: FieldIssue[], r: MappedRecord): string | null {
  if (r.sourceId !== null && r.sourceId.length > MAX_SOURCE_ID) {
    issues.push({
      path: `${recordPath(r)}.id`,
      rule: 'max_length',
      message: `must be at most ${MAX_SOURCE_ID} characters`,
    });
  }
  return r.sourceId;
}

function recordedAt(issues: FieldIssue[], r: MappedRecord, now: Date): Date | null {
  const found = new IssueList();
  const at = checkDateTime(found, 'recordedAt', text(r, 'recordedAt'), { notAfter: now });
  issues.push(...prefixed(recordPath(r), found.issues));
  return at;
}

interface SchemeRef {
  readonly id: string;
  readonly nation: string;
}

function preparePerson(
  issues: FieldIssue[],
  r: MappedRecord,
  ctx: PrepareContext,
  referralScheme: SchemeRef | null,
): PreparedPerson | null {
  const sourceId = sourceIdOf(issues, r);
  const own = text(r, 'scheme') ?? (ctx.sheet.referral ? null : ctx.defaultScheme);
  let scheme = referralScheme;
  if (own !== null) scheme = follow(issues, 'person.scheme', ctx.resolver.scheme(own));
  else if (!ctx.sheet.referral) {
    issues.push(required('person.scheme', 'is required (map scheme, or pass --scheme)'));
  }
  const practiceRef = text(r, 'practice');
  const practice =
    practiceRef === null ? null : follow(issues, 'person.practice', ctx.resolver.practice(practiceRef));
  const ethnicity = text(r, 'ethnicity');
  const nation = text(r, 'ethnicityNation') ?? scheme?.nation ?? null;
  if (ethnicity !== null && nation === null) {
    issues.push(
      required('person.ethnicityNation', 'is required with ethnicity when the scheme is not known'),
    );
  }
  const v = validatePerson(
    {
      nhsNumber: text(r, 'nhsNumber'),
      chiNumber: text(r, 'chiNumber'),
      givenName: text(r, 'givenName') ?? '',
      familyName: text(r, 'familyName') ?? '',
      dateOfBirth: text(r, 'dateOfBirth') ?? '',
      sex: text(r, 'sex'),
      gender: text(r, 'gender'),
      ethnicity: ethnicity === null || nation === null ? null : { nation, code: ethnicity },
      postcode: text(r, 'postcode'),
      registeredPracticeId: practice,
      phone: text(r, 'phone'),
      email: text(r, 'email'),
    },
    ctx.codes,
    ctx.today,
  );
  const at = recordedAt(issues, r, ctx.now);
  if (v.kind === 'invalid') {
    issues.push(...prefixed('person', v.issues));
    return null;
  }
  return {
    sourceId,
    record: v.value,
    fields: new Set(r.values.keys()),
    schemeId: own === null ? null : (scheme?.id ?? null),
    recordedAt: at,
  };
}

function prepareReferral(
  issues: FieldIssue[],
  r: MappedRecord,
  ctx: PrepareContext,
): {
  readonly referral: PreparedReferral | null;
  readonly scheme: SchemeRef | null;
  readonly referredAt: Date | null;
} {
  if (sourceIdOf(issues, r) === null) {
    issues.push(required('referral.id', 'is required (the referral id in the source)'));
  }
  const schemeRef = text(r, 'scheme') ?? ctx.defaultScheme;
  let scheme: SchemeRef | null = null;
  if (schemeRef === null) {
    issues.push(required('referral.scheme', 'is required (map scheme, or pass --scheme)'));
  } else scheme = follow(issues, 'referral.scheme', ctx.resolver.scheme(schemeRef));
  let personId: string | null = null;
  if (!ctx.sheet.person) {
    const ref = text(r, 'person');
    if (ref === null) issues.push(required('referral.person', 'is required (the person id in the source)'));
    else {
      personId = ctx.resolver.person(ref)?.id ?? null;
      if (personId === null) {
        issues.push({
          path: 'referral.person',
          rule: 'exists',
          message: 'no person with this id has been imported from this source',
        });
      }
    }
  }
  const workerRef = text(r, 'linkWorker');
  const linkWorkerId =
    workerRef === null || scheme === null
      ? null
      : follow(issues, 'referral.linkWorker', ctx.resolver.staff(scheme.id, workerRef));
  const consent = r.values.get('consentToShare');
  const v = validateReferral(
    {
      personId: personId ?? '',
      schemeId: scheme?.id ?? '',
      referredAt: text(r, 'referredAt') ?? '',
      route: text(r, 'route') ?? '',
      referrerRole: text(r, 'referrerRole'),
      referrerName: text(r, 'referrerName'),
      referrerOrgText: text(r, 'referrerOrgText'),
      method: text(r, 'method'),
      reason: text(r, 'reason'),
      priorityGroup: text(r, 'priorityGroup'),
      needs: list(r, 'needs'),
      linkWorkerId,
      consentToShare: typeof consent === 'boolean' ? consent : null,
    },
    ctx.codes,
    ctx.now,
  );
  const referredAt = v.kind === 'valid' ? v.value.referredAt : null;
  const episodeIssues = new IssueList();
  const episode = checkEpisode(
    episodeIssues,
    {
      status: text(r, 'status'),
      acceptedAt: text(r, 'acceptedAt'),
      closedAt: text(r, 'closedAt'),
      dischargeReason: text(r, 'dischargeReason'),
    },
    referredAt,
    ctx.codes,
    ctx.now,
  );
  if (v.kind === 'invalid') issues.push(...prefixed('referral', v.issues));
  issues.push(...prefixed('referral', episodeIssues.issues));
  const at = recordedAt(issues, r, ctx.now);
  const referral =
    v.kind === 'valid' && r.sourceId !== null
      ? {
          sourceId: r.sourceId,
          record: v.value,
          episode,
          fields: new Set(r.values.keys()),
          personId,
          recordedAt: at,
        }
      : null;
  return { referral, scheme, referredAt };
}

function prepareContact(
  issues: FieldIssue[],
  r: MappedRecord,
  ctx: PrepareContext,
  rowReferral: { readonly scheme: SchemeRef | null; readonly referredAt: Date | null } | null,
): PreparedContact | null {
  const path = recordPath(r);
  if (sourceIdOf(issues, r) === null) {
    issues.push(required(`${path}.id`, 'is required (the contact id in the source)'));
  }
  let referral: {
    readonly id: string;
    readonly schemeId: string | null;
    readonly referredAt: Date | null;
  } | null = null;
  if (rowReferral !== null) {
    referral = { id: '', schemeId: rowReferral.scheme?.id ?? null, referredAt: rowReferral.referredAt };
  } else {
    const ref = text(r, 'referral');
    if (ref === null) {
      issues.push(required(`${path}.referral`, 'is required (the referral id in the source)'));
    } else {
      referral = ctx.resolver.referral(ref) ?? null;
      if (referral === null) {
        issues.push({
          path: `${path}.referral`,
          rule: 'exists',
          message: 'no referral with this id has been imported from this source',
        });
      }
    }
  }
  const staffRef = text(r, 'staff');
  const schemeId = referral?.schemeId ?? null;
  const staffId =
    staffRef === null || schemeId === null
      ? null
      : follow(issues, `${path}.staff`, ctx.resolver.staff(schemeId, staffRef));
  const duration = r.values.get('durationMinutes');
  const v = validateContact(
    {
      referralId: referral?.id ?? '',
      contactAt: text(r, 'contactAt') ?? '',
      mode: text(r, 'mode') ?? '',
      durationMinutes: typeof duration === 'number' ? duration : null,
      locationType: text(r, 'locationType'),
      outcome: text(r, 'outcome'),
      staffId,
      contactType: text(r, 'contactType'),
      notes: text(r, 'notes'),
    },
    ctx.codes,
    ctx.now,
    { referredAt: referral?.referredAt ?? new Date(0) },
  );
  const at = recordedAt(issues, r, ctx.now);
  if (v.kind === 'invalid') {
    issues.push(...prefixed(path, v.issues));
    return null;
  }
  return r.sourceId === null
    ? null
    : {
        sourceId: r.sourceId,
        repeatKey: r.repeatKey,
        record: v.value,
        fields: new Set(r.values.keys()),
        recordedAt: at,
      };
}

/** Checks a mapped row against the record rules; any issue rejects the whole row. */
export function prepareRow(mapped: MappedRow, ctx: PrepareContext): PreparedRow {
  if (mapped.blank) return { kind: 'blank' };
  const issues: FieldIssue[] = [...mapped.issues];
  if (
    ctx.sheet.person &&
    mapped.person === null &&
    (mapped.referral !== null || mapped.contacts.length > 0)
  ) {
    issues.push(required('person', 'the row has no person (every cell of the person is empty)'));
  }
  if (ctx.sheet.referral && mapped.referral === null) {
    issues.push(required('referral', 'the row has no referral (every cell of the referral is empty)'));
  }
  const referral = mapped.referral === null ? null : prepareReferral(issues, mapped.referral, ctx);
  const person =
    mapped.person === null ? null : preparePerson(issues, mapped.person, ctx, referral?.scheme ?? null);
  const rowReferral = ctx.sheet.referral
    ? { scheme: referral?.scheme ?? null, referredAt: referral?.referredAt ?? null }
    : null;
  const contacts = mapped.contacts.map((c) => prepareContact(issues, c, ctx, rowReferral));
  if (
    mapped.person === null &&
    mapped.referral === null &&
    mapped.contacts.length === 0 &&
    issues.length === 0
  ) {
    issues.push({
      path: 'row',
      rule: 'no_record',
      message: 'none of the columns the profile reads has a value',
    });
  }
  if (issues.length > 0) return { kind: 'rejected', issues };
  return {
    kind: 'ready',
    person,
    referral: referral?.referral ?? null,
    contacts: contacts.filter((c): c is PreparedContact => c !== null),
  };
}
