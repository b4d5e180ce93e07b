/**
 * The study's typology of link-worker delivery models (../shared/seed, section 4.1.1 "Description of
 * Models", with the regional detail of sections 4.1.2 and 4.2), as a pure classifier over the
 * organisational facts of one scheme version: who employs the link workers, who manages them, who
 * commissions the service, whether a coordinating network exists, and which PCNs/HSCPs it serves.
 *
 * "In essence, the four models differ in employment arrangements, management structure, and the
 * degree of formal collaboration through commissioning" (4.1.1). Each model below is one predicate
 * over those facts; every condition cites the sentence of the study it comes from. A scheme that
 * meets exactly one model is `classified`, more than one `ambiguous`, none `unclassified`, and the
 * answer always carries a reason a mapping lead can check against the study.
 */

/** The four delivery models of section 4.1.1 (the ref_delivery_model codes '1'..'4'). */
export type DeliveryModel = 1 | 2 | 3 | 4;

/** An organisation as the classifier sees it: an identity and its kind (a ref_org_kind code). */
export interface OrgRef {
  readonly id: string;
  readonly kind: string;
}

/** The organisational facts of one scheme version (the scheme_version *_org_id columns, resolved). */
export interface OrganisationalFacts {
  /** The scheme's nation (ref_nation): 'england' or 'scotland'. */
  readonly nation: string;
  readonly employer: OrgRef | null;
  /** Who line-manages the link workers day to day; absent means the employer does. */
  readonly manager: OrgRef | null;
  readonly commissioner: OrgRef | null;
  /** A coordinating network, if one is recorded; it counts only when its kind is 'network'. */
  readonly network: OrgRef | null;
  /** The PCNs, HSCPs (or practices) the version serves (scheme_version_coverage). */
  readonly coverage: readonly OrgRef[];
}

/** One condition that held, in words, with the section of the study it comes from. */
export interface ClassifierRule {
  readonly id: string;
  readonly statement: string;
  readonly source: string;
}

export type Classification =
  | {
      readonly kind: 'classified';
      readonly model: DeliveryModel;
      readonly reason: string;
      readonly rules: readonly ClassifierRule[];
    }
  | {
      readonly kind: 'ambiguous';
      readonly candidates: readonly DeliveryModel[];
      readonly reason: string;
    }
  | { readonly kind: 'unclassified'; readonly reason: string };

// Organisation kinds that exist in one nation only: PCNs, ICBs and GP federations are English
// (1.2, 3.1 "GP federations (England)"); HSCPs and health boards are Scottish (1.3).
const ENGLAND_ONLY = new Set(['pcn', 'icb', 'icp', 'gp_federation']);
const SCOTLAND_ONLY = new Set(['hscp', 'health_board']);

interface Facts {
  readonly employer: OrgRef;
  readonly manager: OrgRef;
  readonly managerRecorded: boolean;
  readonly commissioner: OrgRef | null;
  readonly network: boolean;
  /** Distinct PCNs served, counting a PCN employer as serving itself. */
  readonly pcns: number;
}

type Predicate = (f: Facts) => readonly ClassifierRule[] | null;

const rule = (id: string, statement: string, source: string): ClassifierRule => ({ id, statement, source });
const kindIs = (org: OrgRef | null, ...kinds: string[]): boolean => org !== null && kinds.includes(org.kind);

/**
 * Model 1. 4.1.1: "SPLWs operated under the direct employment and line management of their
 * respective PCNs", reporting "to designated line managers within the PCN".
 */
const model1: Predicate = (f) => {
  // 4.1.1 Model 1: "direct employment ... of their respective PCNs".
  if (f.employer.kind !== 'pcn') return null;
  // 4.1.1 Model 1: "line managers within the PCN" (the same PCN, not another one or a federation).
  if (f.manager.kind !== 'pcn' || f.manager.id !== f.employer.id) return null;
  // 4.1.1 Model 1: "their respective PCNs": one PCN, its own. Employing for several is Model 2.
  if (f.pcns !== 1) return null;
  // 4.2 Model 4: a PCN-hosted service "commissioned at an ICB level" is Model 4, so Model 1 is
  // commissioned by nobody else: no commissioner recorded, or the PCN itself.
  if (f.commissioner !== null && f.commissioner.id !== f.employer.id) return null;
  return [
    rule('m1_employer', 'the PCN employs its link workers', '4.1.1 Model 1'),
    rule('m1_manager', 'the same PCN line-manages them', '4.1.1 Model 1'),
    rule('m1_single_pcn', 'the service covers that one PCN only', '4.1.1 Model 1'),
    rule('m1_not_commissioned', 'no other body commissions it', '4.1.1 Model 1, 4.2 Model 4'),
  ];
};

/**
 * Model 2. 4.1.1: "A group of PCNs has partnered together to manage, oversee, and employ their
 * SPLWs"; 4.2: regions "use GP Federations and Alliances for SPLWs".
 */
const model2: Predicate = (f) => {
  // 4.2 Model 2: "GP Federations and Alliances"; 4.1.1 Model 2: or one PCN of "a group of PCNs"
  // employing for the group.
  const federation = f.employer.kind === 'gp_federation';
  if (!federation && !(f.employer.kind === 'pcn' && f.pcns >= 2)) return null;
  // 4.1.1 Model 2: "centralized under a lead manager or social prescribing coordinator" of the group.
  if (!kindIs(f.manager, 'gp_federation', 'pcn')) return null;
  // 4.2 Model 4: commissioning at ICB level makes a service Model 4; Model 2 is the PCNs' own.
  if (f.commissioner !== null && !kindIs(f.commissioner, 'pcn', 'gp_federation')) return null;
  return [
    federation
      ? rule('m2_employer', 'a GP federation or alliance employs the link workers', '4.2 Model 2')
      : rule('m2_employer', `one PCN employs for a group of ${f.pcns} PCNs`, '4.1.1 Model 2'),
    rule('m2_manager', 'the group (federation or lead PCN) manages them', '4.1.1 Model 2'),
    rule('m2_commissioner', 'the PCNs themselves commission it, not an ICB', '4.1.1 Model 2, 4.2 Model 4'),
  ];
};

/**
 * Model 3. 4.1.1: "PCNs and HSCPs outsourced SPLW services to VCSEs, who were commissioned to
 * employ SPLWs and provide SPLW services, whilst also retaining a degree of management input".
 */
const model3: Predicate = (f) => {
  // 4.1.1 Model 3: VCSEs "were commissioned to employ SPLWs".
  if (f.employer.kind !== 'vcse') return null;
  // 4.1.1 Model 3: "PCNs and HSCPs outsourced"; 4.2 Model 3: NENC "use single or multiple
  // contracts through GP federations or PCNs".
  if (!kindIs(f.commissioner, 'pcn', 'hscp', 'gp_federation')) return null;
  // 4.1.1 Model 3: VCSE leads "handle day-to-day SPLW management" and the PCN/HSCP keeps
  // "management oversight". A network that line-manages is Model 4's arrangement, not this one.
  if (!kindIs(f.manager, 'vcse', 'pcn', 'hscp', 'gp_federation')) return null;
  return [
    rule('m3_employer', 'a VCSE employs the link workers', '4.1.1 Model 3'),
    rule(
      'm3_commissioner',
      'a PCN, HSCP or GP federation commissions the VCSE',
      '4.1.1 Model 3, 4.2 Model 3',
    ),
    rule('m3_manager', 'the VCSE manages day to day, with PCN/HSCP oversight', '4.1.1 Model 3'),
  ];
};

/**
 * Model 4. 4.1.1: "A more integrated system operates": in England "an integrated care board (ICB)
 * plays a strategic role in commissioning"; in Scotland "the HSCP ... established a city-wide SPLW
 * Network to oversee SPLW activity, providing training and line management support".
 */
const model4: Predicate = (f) => {
  // 4.1.1 Model 4: "SPLWs are funded, employed, managed, and hosted either by PCNs or a VCSE";
  // Lothian: "VCSEs that employed SPLWs".
  if (!kindIs(f.employer, 'pcn', 'vcse')) return null;
  // 4.2 Model 4: "social prescribing is commissioned at an ICB level" (England; the ICB also
  // "provides support and training for SPLWs", so no separate network is required there).
  const icb = kindIs(f.commissioner, 'icb');
  // 4.1.1 Model 4 (Lothian): commissioned by the HSCP with a city-wide network coordinating management.
  const hscpNetwork = kindIs(f.commissioner, 'hscp') && f.network;
  if (!icb && !hscpNetwork) return null;
  return [
    rule(
      'm4_employer',
      `a ${f.employer.kind === 'pcn' ? 'PCN' : 'VCSE'} employs and hosts the link workers`,
      '4.1.1 Model 4',
    ),
    icb
      ? rule('m4_commissioner', 'the ICB commissions the service', '4.1.1 Model 4, 4.2 Model 4')
      : rule(
          'm4_commissioner',
          'the HSCP commissions it with a coordinating social prescribing network',
          '4.1.1 Model 4',
        ),
  ];
};

const PREDICATES: readonly (readonly [DeliveryModel, Predicate])[] = [
  [1, model1],
  [2, model2],
  [3, model3],
  [4, model4],
];

const describe = (org: OrgRef | null): string => (org === null ? 'none recorded' : org.kind);

/** The first organisation whose kind does not exist in the scheme's nation, if any. */
function nationMismatch(facts: OrganisationalFacts): string | null {
  const orgs: readonly (readonly [string, OrgRef | null])[] = [
    ['employer', facts.employer],
    ['manager', facts.manager],
    ['commissioner', facts.commissioner],
    ['network', facts.network],
    ...facts.coverage.map((org) => ['covered organisation', org] as const),
  ];
  const foreign = facts.nation === 'england' ? SCOTLAND_ONLY : ENGLAND_ONLY;
  for (const [role, org] of orgs) {
    if (org !== null && foreign.has(org.kind)) {
      const home = facts.nation === 'england' ? 'Scotland (1.3)' : 'England (1.2)';
      return `The ${role} is a ${org.kind}, which exists only in ${home}, but the scheme is in ${facts.nation}.`;
    }
  }
  return null;
}

/**
 * Classifies a scheme version into the study's delivery models (section 4.1.1) from its
 * organisational facts, explaining the answer. Pure: the same facts always give the same result.
 *
 * - `classified`: exactly one model's conditions hold; `rules` lists them with their sources.
 * - `ambiguous`: several models fit (in practice: an HSCP-commissioned VCSE with a network recorded
 *   that does not line-manage, which is Model 3 by management and Model 4 by the network).
 * - `unclassified`: facts are missing, contradict the nation, or fit no model.
 */
export function classifyDeliveryModel(facts: OrganisationalFacts): Classification {
  if (facts.nation !== 'england' && facts.nation !== 'scotland') {
    return {
      kind: 'unclassified',
      reason: `The typology describes schemes in England and Scotland (2); the nation "${facts.nation}" is neither.`,
    };
  }
  const employer = facts.employer;
  if (employer === null) {
    return {
      kind: 'unclassified',
      reason:
        'No employer is recorded; the four models are told apart first by who employs the link workers (4.1.1).',
    };
  }
  const mismatch = nationMismatch(facts);
  if (mismatch !== null) return { kind: 'unclassified', reason: mismatch };

  const pcnIds = new Set(facts.coverage.filter((o) => o.kind === 'pcn').map((o) => o.id));
  if (employer.kind === 'pcn') pcnIds.add(employer.id);
  const f: Facts = {
    employer,
    manager: facts.manager ?? employer,
    managerRecorded: facts.manager !== null,
    commissioner: facts.commissioner,
    network: facts.network?.kind === 'network',
    pcns: pcnIds.size,
  };
  const matches = PREDICATES.flatMap(([model, predicate]) => {
    const rules = predicate(f);
    return rules === null ? [] : [{ model, rules }];
  });
  const assumed = f.managerRecorded ? '' : ' (no manager recorded: taken to be the employer)';

  const [only, ...others] = matches;
  if (only === undefined) {
    const hint =
      employer.kind === 'vcse' && facts.commissioner === null
        ? ' A VCSE employer is Model 3 when a PCN or HSCP commissions it and Model 4 when the ICB does (or an HSCP with a coordinating network): record the commissioner.'
        : '';
    return {
      kind: 'unclassified',
      reason: `No model fits: employer ${employer.kind}, manager ${describe(f.manager)}${assumed}, commissioner ${describe(facts.commissioner)} (4.1.1).${hint}`,
    };
  }
  if (others.length > 0) {
    const candidates = matches.map((m) => m.model);
    return {
      kind: 'ambiguous',
      candidates,
      reason: `Fits Models ${candidates.join(' and ')}: ${matches
        .map((m) => `Model ${m.model} because ${m.rules.map((r) => r.statement).join(', ')}`)
        .join(
          '; ',
        )}. In Model 4 the network provides line management (4.1.1): record the network as manager if it manages, or remove it if it only convenes.`,
    };
  }
  return {
    kind: 'classified',
    model: only.model,
    rules: only.rules,
    reason: `Model ${only.model}: ${only.rules.map((r) => r.statement).join('; ')}${assumed} (${[
      ...new Set(only.rules.flatMap((r) => r.source.split(', '))),
    ].join('; ')}).`,
  };
}

/** The text stored in scheme_version.delivery_model_reason for a classification. */
export function classificationSummary(c: Classification): {
  readonly model: DeliveryModel | null;
  readonly reason: string;
} {
  switch (c.kind) {
    case 'classified':
      return { model: c.model, reason: c.reason };
    case 'ambiguous':
      return { model: null, reason: `Ambiguous: ${c.reason}` };
    case 'unclassified':
      return { model: null, reason: `Unclassified: ${c.reason}` };
  }
}
