/**
 * Who may do what: one policy table, deny by default.
 *
 * Each row gives a role a scope on a resource for an action. The route layer asks `authorize()` with
 * the facts of the record (its scheme, who it is assigned to, whether it is on the waiting list);
 * list queries use `scopeFor()` to filter in SQL. A (role, resource, action) without a row is denied.
 *
 * Roles (issue #5): a link worker sees their own caseload and their scheme's waiting list; a scheme
 * manager everything in their schemes; a regional lead only aggregates for their region (never
 * identifiable data); a researcher only pseudonymised extracts; an administrator manages users,
 * schemes and reference data and has no casework access by default.
 */

export const ROLES = ['link_worker', 'scheme_manager', 'regional_lead', 'researcher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const RESOURCES = [
  'person',
  'referral',
  'contact',
  'signpost',
  'care_plan',
  'questionnaire',
  'waiting_list',
  'caseload',
  'directory',
  'instrument',
  'reference',
  'scheme',
  'user',
  'audit',
  'aggregate',
  'aggregate_unsuppressed',
  'research_extract',
  'scheme_export',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ['list', 'read', 'create', 'update'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * - `any`: every record (administrative resources, reference data).
 * - `schemes`: records in one of the user's schemes.
 * - `caseload`: records in the user's schemes that are assigned to the user, or waiting (unassigned
 *   work a link worker may pick up).
 * - `region`: aggregates for the user's region only.
 */
export type Scope = 'any' | 'schemes' | 'caseload' | 'region';

type Grants = Partial<Record<Role, Scope>>;
type ResourcePolicy = Partial<Record<Action, Grants>>;

const CASEWORK: ResourcePolicy = {
  list: { link_worker: 'caseload', scheme_manager: 'schemes' },
  read: { link_worker: 'caseload', scheme_manager: 'schemes' },
  create: { link_worker: 'caseload', scheme_manager: 'schemes' },
  update: { link_worker: 'caseload', scheme_manager: 'schemes' },
};
const EVERYONE_READS: ResourcePolicy = {
  list: { link_worker: 'any', scheme_manager: 'any', regional_lead: 'any', researcher: 'any', admin: 'any' },
  read: { link_worker: 'any', scheme_manager: 'any', regional_lead: 'any', researcher: 'any', admin: 'any' },
};

/** The policy table. Tests are generated from it for every role and route. */
export const POLICY: Readonly<Record<Resource, ResourcePolicy>> = {
  person: CASEWORK,
  referral: CASEWORK,
  contact: CASEWORK,
  signpost: CASEWORK,
  care_plan: CASEWORK,
  questionnaire: CASEWORK,
  waiting_list: { list: { link_worker: 'schemes', scheme_manager: 'schemes' } },
  caseload: { list: { link_worker: 'caseload', scheme_manager: 'schemes' } },
  directory: {
    ...EVERYONE_READS,
    create: { admin: 'any', scheme_manager: 'any' },
    update: { admin: 'any', scheme_manager: 'any' },
  },
  instrument: { ...EVERYONE_READS, create: { admin: 'any' }, update: { admin: 'any' } },
  reference: { ...EVERYONE_READS, create: { admin: 'any' }, update: { admin: 'any' } },
  scheme: {
    list: {
      link_worker: 'schemes',
      scheme_manager: 'schemes',
      regional_lead: 'region',
      researcher: 'any',
      admin: 'any',
    },
    read: {
      link_worker: 'schemes',
      scheme_manager: 'schemes',
      regional_lead: 'region',
      researcher: 'any',
      admin: 'any',
    },
    create: { admin: 'any' },
    update: { admin: 'any', scheme_manager: 'schemes' },
  },
  user: {
    list: { admin: 'any' },
    read: { admin: 'any' },
    create: { admin: 'any' },
    update: { admin: 'any' },
  },
  audit: { list: { admin: 'any' } },
  aggregate: { list: { scheme_manager: 'schemes', regional_lead: 'region', admin: 'any' } },
  // Aggregates without disclosure control ("not for publication", issue #8 point 4): managers see
  // their own schemes' records anyway; regional leads never see unprotected small numbers.
  aggregate_unsuppressed: { list: { scheme_manager: 'schemes', admin: 'any' } },
  research_extract: { create: { researcher: 'any' } },
  // Everything a scheme holds, identifiable, in one file (FHIR export, issue #9): scheme managers
  // for their own schemes only. Link workers export one person at a time (person read).
  scheme_export: { list: { scheme_manager: 'schemes' } },
};

/** The scope a role has for an action on a resource, or null (denied). */
export function scopeFor(role: Role, resource: Resource, action: Action): Scope | null {
  return POLICY[resource][action]?.[role] ?? null;
}

/** The user asking. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  readonly schemeIds: readonly string[];
  readonly staffIds: readonly string[];
  readonly regionId: string | null;
}

/** What the decision needs to know about the record (absent facts count against access). */
export interface RecordFacts {
  readonly schemeId?: string | null;
  readonly regionId?: string | null;
  /** The link worker (staff id) the record's referral is assigned to. */
  readonly assignedTo?: string | null;
  /** True when the record's referral is waiting and unassigned work may be picked up. */
  readonly waiting?: boolean;
}

export type Decision =
  | { readonly kind: 'allow'; readonly scope: Scope }
  | { readonly kind: 'deny'; readonly reason: 'no_grant' | 'out_of_scope' };

/** Decides one request: the policy row, then whether the record is inside the granted scope. */
export function authorize(
  actor: Actor,
  resource: Resource,
  action: Action,
  record: RecordFacts = {},
): Decision {
  const scope = scopeFor(actor.role, resource, action);
  if (scope === null) return { kind: 'deny', reason: 'no_grant' };
  if (inScope(actor, scope, record)) return { kind: 'allow', scope };
  return { kind: 'deny', reason: 'out_of_scope' };
}

function inSchemes(actor: Actor, record: RecordFacts): boolean {
  const scheme = record.schemeId ?? null;
  return scheme !== null && actor.schemeIds.includes(scheme);
}

/** Allows when any one of several records' facts is in scope (e.g. a person with several referrals). */
export function authorizeAny(
  actor: Actor,
  resource: Resource,
  action: Action,
  records: readonly RecordFacts[],
): Decision {
  let last: Decision = authorize(actor, resource, action, {});
  for (const record of records) {
    last = authorize(actor, resource, action, record);
    if (last.kind === 'allow') return last;
  }
  return last;
}

function inScope(actor: Actor, scope: Scope, record: RecordFacts): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'region':
      return actor.regionId !== null && record.regionId === actor.regionId;
    case 'schemes':
      return inSchemes(actor, record);
    case 'caseload': {
      if (!inSchemes(actor, record)) return false;
      if (record.waiting === true) return true;
      const worker = record.assignedTo ?? null;
      return worker !== null && actor.staffIds.includes(worker);
    }
  }
}
