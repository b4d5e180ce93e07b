import { describe, expect, it } from 'vitest';
import {
  classificationSummary,
  classifyDeliveryModel,
  type Classification,
  type OrganisationalFacts,
  type OrgRef,
} from './delivery-model.js';

const org = (kind: string, id = `${kind}-1`): OrgRef => ({ id, kind });
const pcn = (n: number): OrgRef => org('pcn', `pcn-${n}`);
const hscp = (n: number): OrgRef => org('hscp', `hscp-${n}`);

const facts = (f: Partial<OrganisationalFacts>): OrganisationalFacts => ({
  nation: 'england',
  employer: null,
  manager: null,
  commissioner: null,
  network: null,
  coverage: [],
  ...f,
});

const modelOf = (c: Classification): number | string =>
  c.kind === 'classified' ? c.model : c.kind === 'ambiguous' ? `ambiguous ${c.candidates.join('/')}` : c.kind;

describe('classifyDeliveryModel: the study definitions (4.1.1)', () => {
  it('Model 1: "direct employment and line management of their respective PCNs"', () => {
    const c = classifyDeliveryModel(facts({ employer: pcn(1), manager: pcn(1), coverage: [pcn(1)] }));
    expect(c).toMatchObject({ kind: 'classified', model: 1 });
    if (c.kind !== 'classified') throw new Error('expected classified');
    expect(c.rules.map((r) => r.id)).toEqual([
      'm1_employer',
      'm1_manager',
      'm1_single_pcn',
      'm1_not_commissioned',
    ]);
    expect(c.rules.every((r) => r.source.startsWith('4.'))).toBe(true);
    expect(c.reason).toMatch(
      /^Model 1: the PCN employs its link workers; .*\(4\.1\.1 Model 1; 4\.2 Model 4\)\.$/,
    );
  });

  it('Model 1 when the PCN also commissions itself, and when the manager is not recorded (taken as employer)', () => {
    expect(
      modelOf(classifyDeliveryModel(facts({ employer: pcn(1), manager: pcn(1), commissioner: pcn(1) }))),
    ).toBe(1);
    const c = classifyDeliveryModel(facts({ employer: pcn(1), coverage: [pcn(1)] }));
    expect(c).toMatchObject({ kind: 'classified', model: 1 });
    expect(c.reason).toContain('no manager recorded: taken to be the employer');
  });

  it('Model 2: a GP federation (Greater Manchester: 18 PCNs under federations and an alliance)', () => {
    const fed = org('gp_federation');
    const c = classifyDeliveryModel(
      facts({ employer: fed, manager: fed, commissioner: fed, coverage: [1, 2, 3, 4, 5, 6].map(pcn) }),
    );
    expect(c).toMatchObject({ kind: 'classified', model: 2 });
    expect(c.reason).toContain('a GP federation or alliance employs the link workers');
  });

  it('Model 2: one PCN employing for "a group of PCNs", with a lead PCN manager', () => {
    const c = classifyDeliveryModel(
      facts({ employer: pcn(1), manager: pcn(1), commissioner: pcn(2), coverage: [pcn(1), pcn(2), pcn(3)] }),
    );
    expect(c).toMatchObject({ kind: 'classified', model: 2 });
    expect(c.reason).toContain('one PCN employs for a group of 3 PCNs');
  });

  it('Model 3 (England): PCNs subcontract a VCSE and keep oversight (Greater Manchester: 40 PCNs, 10 VCSEs)', () => {
    const vcse = org('vcse');
    expect(
      modelOf(
        classifyDeliveryModel(
          facts({ employer: vcse, manager: vcse, commissioner: pcn(1), coverage: [pcn(1)] }),
        ),
      ),
    ).toBe(3);
    // PCN oversight recorded as the manager.
    expect(
      modelOf(classifyDeliveryModel(facts({ employer: vcse, manager: pcn(1), commissioner: pcn(1) }))),
    ).toBe(3);
  });

  it('Model 3 (NENC): "contracts through GP federations or PCNs"', () => {
    const vcse = org('vcse');
    const c = classifyDeliveryModel(
      facts({
        employer: vcse,
        manager: vcse,
        commissioner: org('gp_federation'),
        coverage: [pcn(1), pcn(2)],
      }),
    );
    expect(c).toMatchObject({ kind: 'classified', model: 3 });
  });

  it('Model 3 (Scotland): HSCPs commission VCSEs (all six Greater Glasgow and Clyde HSCPs)', () => {
    const vcse = org('vcse');
    const c = classifyDeliveryModel(
      facts({
        nation: 'scotland',
        employer: vcse,
        manager: vcse,
        commissioner: hscp(1),
        coverage: [hscp(1)],
      }),
    );
    expect(c).toMatchObject({ kind: 'classified', model: 3 });
    expect(c.reason).toContain('a PCN, HSCP or GP federation commissions the VCSE');
  });
});

describe('classifyDeliveryModel: the worked examples (4.1.1, 4.1.2, 4.2)', () => {
  it("Lothian's largest HSCP: a city-wide network line-manages VCSE-employed link workers (Model 4)", () => {
    const network = org('network');
    const c = classifyDeliveryModel(
      facts({
        nation: 'scotland',
        employer: org('vcse'),
        manager: network,
        commissioner: hscp(1),
        network,
        coverage: [hscp(1)],
      }),
    );
    expect(c).toMatchObject({ kind: 'classified', model: 4 });
    expect(c.reason).toContain('the HSCP commissions it with a coordinating social prescribing network');
  });

  it('West of England: two PCNs with ICB-funded, third-sector-employed link workers (Model 4)', () => {
    const vcse = org('vcse');
    const c = classifyDeliveryModel(
      facts({ employer: vcse, manager: vcse, commissioner: org('icb'), coverage: [pcn(1), pcn(2)] }),
    );
    expect(c).toMatchObject({ kind: 'classified', model: 4 });
    expect(c.reason).toContain('a VCSE employs and hosts the link workers');
    expect(c.reason).toContain('the ICB commissions the service');
  });

  it('West of England: commissioned at ICB level but "hosted and funded at a PCN level" (Model 4, not Model 1)', () => {
    const c = classifyDeliveryModel(
      facts({
        employer: pcn(1),
        manager: pcn(1),
        commissioner: org('icb'),
        network: org('network'),
        coverage: [pcn(1)],
      }),
    );
    expect(c).toMatchObject({ kind: 'classified', model: 4 });
    expect(c.reason).toContain('a PCN employs and hosts the link workers');
  });

  it('Greater Manchester: the PCN that "initially used Model 3 but ... adopted Model 1"', () => {
    const vcse = org('vcse');
    const before = facts({ employer: vcse, manager: vcse, commissioner: pcn(7), coverage: [pcn(7)] });
    const after = facts({ employer: pcn(7), manager: pcn(7), commissioner: pcn(7), coverage: [pcn(7)] });
    expect([modelOf(classifyDeliveryModel(before)), modelOf(classifyDeliveryModel(after))]).toEqual([3, 1]);
  });

  it('ambiguous: an HSCP-commissioned VCSE with a network recorded that does not line-manage (Model 3 or 4)', () => {
    const vcse = org('vcse');
    const c = classifyDeliveryModel(
      facts({
        nation: 'scotland',
        employer: vcse,
        manager: vcse,
        commissioner: hscp(1),
        network: org('network'),
      }),
    );
    expect(c).toMatchObject({ kind: 'ambiguous', candidates: [3, 4] });
    expect(c.reason).toMatch(
      /^Fits Models 3 and 4: Model 3 because .*; Model 4 because .*record the network as manager/,
    );
  });

  it('unclassifiable: a GP federation employing for PCNs but commissioned by the ICB fits no model', () => {
    const fed = org('gp_federation');
    const c = classifyDeliveryModel(
      facts({ employer: fed, manager: fed, commissioner: org('icb'), coverage: [pcn(1)] }),
    );
    expect(c).toEqual({
      kind: 'unclassified',
      reason: 'No model fits: employer gp_federation, manager gp_federation, commissioner icb (4.1.1).',
    });
  });
});

describe('classifyDeliveryModel: incomplete and contradictory facts', () => {
  it('needs an employer', () => {
    expect(classifyDeliveryModel(facts({ commissioner: pcn(1) }))).toMatchObject({
      kind: 'unclassified',
      reason: expect.stringContaining('No employer is recorded') as unknown,
    });
  });

  it('covers England and Scotland only', () => {
    expect(classifyDeliveryModel(facts({ nation: 'wales', employer: org('vcse') }))).toMatchObject({
      kind: 'unclassified',
      reason: expect.stringContaining('"wales" is neither') as unknown,
    });
  });

  it('rejects organisation kinds from the other nation', () => {
    expect(classifyDeliveryModel(facts({ nation: 'scotland', employer: pcn(1) })).reason).toBe(
      'The employer is a pcn, which exists only in England (1.2), but the scheme is in scotland.',
    );
    expect(
      classifyDeliveryModel(facts({ employer: org('vcse'), commissioner: pcn(1), coverage: [hscp(1)] }))
        .reason,
    ).toBe(
      'The covered organisation is a hscp, which exists only in Scotland (1.3), but the scheme is in england.',
    );
  });

  it('asks for the commissioner when a VCSE employs and nobody commissions', () => {
    const c = classifyDeliveryModel(facts({ employer: org('vcse') }));
    expect(c.kind).toBe('unclassified');
    expect(c.reason).toContain('no manager recorded: taken to be the employer');
    expect(c.reason).toContain('record the commissioner');
  });

  it('fits no model when an NHS trust employs, or one PCN employs and another line-manages', () => {
    expect(
      modelOf(classifyDeliveryModel(facts({ employer: org('nhs_trust'), commissioner: org('icb') }))),
    ).toBe('unclassified');
    expect(
      modelOf(classifyDeliveryModel(facts({ employer: pcn(1), manager: pcn(2), coverage: [pcn(1)] }))),
    ).toBe('unclassified');
    // A PCN employing for a group, managed by a VCSE: neither Model 1 nor Model 2.
    expect(
      modelOf(
        classifyDeliveryModel(facts({ employer: pcn(1), manager: org('vcse'), coverage: [pcn(1), pcn(2)] })),
      ),
    ).toBe('unclassified');
    // A federation commissioned by a VCSE (no such arrangement in the study).
    const fed = org('gp_federation');
    expect(
      modelOf(classifyDeliveryModel(facts({ employer: fed, manager: fed, commissioner: org('vcse') }))),
    ).toBe('unclassified');
  });

  it('ignores a "network" that is not a network organisation (Scotland stays Model 3)', () => {
    const vcse = org('vcse');
    expect(
      modelOf(
        classifyDeliveryModel(
          facts({
            nation: 'scotland',
            employer: vcse,
            manager: vcse,
            commissioner: hscp(1),
            network: org('other'),
          }),
        ),
      ),
    ).toBe(3);
  });

  it('does not treat a VCSE managed by a network without HSCP or ICB commissioning as any model', () => {
    const network = org('network');
    expect(
      modelOf(
        classifyDeliveryModel(
          facts({ employer: org('vcse'), manager: network, commissioner: pcn(1), network }),
        ),
      ),
    ).toBe('unclassified');
  });

  it('is ambiguous only between Models 3 and 4, whatever the combination of kinds', () => {
    const kinds = ['pcn', 'gp_federation', 'vcse', 'icb', 'hscp', 'network', 'nhs_trust'];
    const seen = new Set<string>();
    for (const nation of ['england', 'scotland']) {
      for (const employer of kinds) {
        for (const manager of [...kinds, null]) {
          for (const commissioner of [...kinds, null]) {
            for (const network of [org('network'), null]) {
              for (const coverage of [[pcn(1)], [pcn(1), pcn(2)], [hscp(1)]]) {
                const c = classifyDeliveryModel({
                  nation,
                  employer: org(employer, employer === 'pcn' ? 'pcn-1' : `${employer}-e`),
                  manager:
                    manager === null ? null : org(manager, manager === 'pcn' ? 'pcn-1' : `${manager}-m`),
                  commissioner: commissioner === null ? null : org(commissioner, `${commissioner}-c`),
                  network,
                  coverage,
                });
                seen.add(modelOf(c).toString());
              }
            }
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(['1', '2', '3', '4', 'ambiguous 3/4', 'unclassified']);
  });
});

describe('classificationSummary', () => {
  it('stores the model and reason, or null with the reason prefixed', () => {
    expect(classificationSummary({ kind: 'classified', model: 3, reason: 'R', rules: [] })).toEqual({
      model: 3,
      reason: 'R',
    });
    expect(classificationSummary({ kind: 'ambiguous', candidates: [3, 4], reason: 'R' })).toEqual({
      model: null,
      reason: 'Ambiguous: R',
    });
    expect(classificationSummary({ kind: 'unclassified', reason: 'R' })).toEqual({
      model: null,
      reason: 'Unclassified: R',
    });
  });
});
