import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import {
  checkOneOf,
  describeDifferences,
  organisationalFacts,
  validateSchemeVersion,
  type KnownOrganisation,
  type SchemeVersionContext,
  type SchemeVersionInput,
  type SchemeVersionRecord,
} from './scheme-description.js';
import { IssueList } from '../validation.js';

const CODES = codeLookup({
  referral_route: ['gp_practice', 'self_referral', 'dwp'],
  priority_group: ['over_50s', 'deprivation'],
  exclusion_criterion: ['current_crisis', 'housebound'],
  data_system: ['emis', 'elemental'],
  data_item: ['age', 'gender'],
  outcome_tool: ['ons4', 'swemwbs'],
  funding_source: ['arrs', 'pcif'],
});

const ORGS: ReadonlyMap<string, KnownOrganisation> = new Map(
  (
    [
      ['pcn-1', 'pcn'],
      ['pcn-2', 'pcn'],
      ['vcse-1', 'vcse'],
      ['net-1', 'network'],
      ['icb-1', 'icb'],
      ['practice-1', 'gp_practice'],
    ] as const
  ).map(([id, kind]) => [id, { id, kind, nation: 'england' }]),
);

const CONTEXT: SchemeVersionContext = { today: '2025-06-30', codes: CODES, organisations: ORGS };

const VALID: SchemeVersionInput = {
  validFrom: '2024-04-01',
  voice: '  PCN social prescribing lead and VCSE manager  ',
  checkedOn: '2024-05-01',
  tidier: { brief_name: 'Riverside link workers', why: 'Connect people to community support', how: '' },
  employerOrgId: 'vcse-1',
  managerOrgId: 'vcse-1',
  commissionerOrgId: 'pcn-1',
  coverageOrgIds: ['pcn-1', 'pcn-1'],
  ageRange: 'adults',
  minAge: 18,
  acceptedRoutes: ['gp_practice', 'self_referral', 'gp_practice'],
  priorityGroups: ['over_50s'],
  specialism: 'specialist',
  sessionCap: 6,
  sessionCapMode: 'block',
  keepsAtRisk: true,
  rereferralPolicy: 'after_interval',
  rereferralMinDays: 90,
  accompaniesFirstMeeting: 'if_needed',
  homeVisits: false,
  exclusionCriteria: ['current_crisis'],
  dataSystems: ['emis'],
  dataRecorded: ['age', 'gender'],
  outcomeTools: ['ons4'],
  outcomeToolConsistency: 'sporadic',
  fundingSources: ['arrs'],
};

const issuesOf = (input: Partial<SchemeVersionInput>): string[] => {
  const v = validateSchemeVersion({ ...VALID, ...input }, CONTEXT);
  return v.kind === 'invalid' ? v.issues.map((i) => `${i.path}:${i.rule}`) : [];
};

describe('validateSchemeVersion', () => {
  it('accepts a full description, trimming text, dropping duplicates and empty TIDieR items', () => {
    const v = validateSchemeVersion(VALID, CONTEXT);
    expect(v.kind).toBe('valid');
    if (v.kind !== 'valid') return;
    expect(v.value).toMatchObject({
      voice: 'PCN social prescribing lead and VCSE manager',
      tidier: { brief_name: 'Riverside link workers', why: 'Connect people to community support' },
      coverageOrgIds: ['pcn-1'],
      acceptedRoutes: ['gp_practice', 'self_referral'],
      operatorOrgId: null,
      networkOrgId: null,
      sessionCapMode: 'block',
      keepsAtRisk: true,
    });
    expect(Object.keys(v.value.tidier)).toEqual(['brief_name', 'why']);
  });

  it('fills defaults for a minimal description', () => {
    const v = validateSchemeVersion({ validFrom: '2024-04-01', coverageOrgIds: ['pcn-1'] }, CONTEXT);
    expect(v).toMatchObject({
      kind: 'valid',
      value: {
        tidier: {},
        ageRange: null,
        sessionCap: null,
        sessionCapMode: 'warn',
        keepsAtRisk: null,
        homeVisits: null,
        acceptedRoutes: [],
        specialism: null,
        outcomeToolConsistency: null,
      },
    });
  });

  it('requires validFrom and coverage and checks dates', () => {
    expect(issuesOf({ validFrom: '', coverageOrgIds: [] })).toEqual([
      'validFrom:required',
      'coverageOrgIds:required',
    ]);
    expect(issuesOf({ validFrom: '2024-02-30', checkedOn: '2025-07-01' })).toEqual([
      'validFrom:date_format',
      'checkedOn:not_in_future',
    ]);
    expect(issuesOf({ coverageOrgIds: undefined })).toEqual(['coverageOrgIds:required']);
    const v = validateSchemeVersion({ coverageOrgIds: ['pcn-1'] } as unknown as SchemeVersionInput, CONTEXT);
    expect(v.kind).toBe('invalid');
  });

  it('limits TIDieR items (brief name 200, others 2000) and voice (500)', () => {
    expect(
      issuesOf({
        tidier: { brief_name: 'x'.repeat(201), tailoring: 'y'.repeat(2001), why: 'y'.repeat(2000) },
      }),
    ).toEqual(['tidier.brief_name:max_length', 'tidier.tailoring:max_length']);
    expect(issuesOf({ voice: 'v'.repeat(501) })).toEqual(['voice:max_length']);
    expect(issuesOf({ tidier: undefined })).toEqual([]);
  });

  it('checks organisations exist and have the right kinds', () => {
    expect(
      issuesOf({
        employerOrgId: 'nobody',
        networkOrgId: 'vcse-1',
        coverageOrgIds: ['pcn-2', 'icb-1', 'gone', 'practice-1'],
      }),
    ).toEqual([
      'coverageOrgIds[1]:org_kind',
      'coverageOrgIds[2]:exists',
      'employerOrgId:exists',
      'networkOrgId:org_kind',
    ]);
    expect(issuesOf({ networkOrgId: 'net-1', operatorOrgId: 'vcse-1', managerOrgId: '' })).toEqual([]);
  });

  it('checks coded lists against the reference lists', () => {
    expect(
      issuesOf({
        acceptedRoutes: ['gp_practice', 'carrier_pigeon'],
        priorityGroups: [''],
        dataSystems: ['excel'],
        fundingSources: ['lottery'],
      }),
    ).toEqual([
      'acceptedRoutes[1]:unknown_code',
      'priorityGroups[0]:required',
      'dataSystems[0]:unknown_code',
      'fundingSources[0]:unknown_code',
      'priorityGroups:required',
    ]);
  });

  it('checks fixed value lists', () => {
    expect(
      issuesOf({
        ageRange: 'teens',
        specialism: 'boutique',
        sessionCapMode: 'ignore',
        rereferralPolicy: 'sometimes',
        accompaniesFirstMeeting: 'always',
        outcomeToolConsistency: 'often',
        rereferralMinDays: null,
      }),
    ).toEqual([
      'ageRange:unknown_code',
      'sessionCapMode:unknown_code',
      'rereferralPolicy:unknown_code',
      'specialism:unknown_code',
      'outcomeToolConsistency:unknown_code',
      'accompaniesFirstMeeting:unknown_code',
    ]);
  });

  it('keeps ages in range, in order and consistent with the age range (study 4.3)', () => {
    expect(issuesOf({ minAge: 130, maxAge: 2.5 })).toEqual(['minAge:range', 'maxAge:integer']);
    expect(issuesOf({ minAge: 40, maxAge: 30 })).toEqual(['maxAge:age_order']);
    expect(issuesOf({ ageRange: 'adults', minAge: 12 })).toEqual(['minAge:age_range_consistency']);
    expect(issuesOf({ ageRange: 'adults', minAge: 16 })).toEqual([]);
    expect(issuesOf({ ageRange: 'children', minAge: 18, maxAge: 25 })).toEqual([
      'maxAge:age_range_consistency',
      'minAge:age_range_consistency',
    ]);
    expect(issuesOf({ ageRange: 'children', minAge: 5, maxAge: 18 })).toEqual([]);
    expect(issuesOf({ ageRange: 'children', minAge: null, maxAge: null })).toEqual([]);
    expect(issuesOf({ ageRange: 'all_ages', minAge: 5 })).toEqual(['minAge:age_range_consistency']);
    expect(issuesOf({ ageRange: 'all_ages', minAge: 0 })).toEqual([]);
    expect(issuesOf({ ageRange: 'all_ages', minAge: null })).toEqual([]);
  });

  it('checks session caps (>= 1; blocking needs a cap) and re-referral intervals', () => {
    expect(issuesOf({ sessionCap: 0 })).toEqual(['sessionCap:range']);
    expect(issuesOf({ sessionCap: null, sessionCapMode: 'block' })).toEqual([
      'sessionCapMode:requires_session_cap',
    ]);
    expect(issuesOf({ sessionCap: undefined, sessionCapMode: 'warn' })).toEqual([]);
    expect(issuesOf({ rereferralPolicy: 'after_interval', rereferralMinDays: undefined })).toEqual([
      'rereferralMinDays:required',
    ]);
    expect(issuesOf({ rereferralPolicy: 'allowed', rereferralMinDays: 30 })).toEqual([
      'rereferralMinDays:rereferral_interval',
    ]);
    expect(issuesOf({ rereferralPolicy: null, rereferralMinDays: 30 })).toEqual([
      'rereferralMinDays:rereferral_interval',
    ]);
    expect(issuesOf({ rereferralPolicy: 'not_allowed', rereferralMinDays: null })).toEqual([]);
  });

  it('needs a priority group for a specialist scheme, and agreeing outcome tools and consistency', () => {
    expect(issuesOf({ specialism: 'specialist', priorityGroups: [] })).toEqual(['priorityGroups:required']);
    expect(issuesOf({ specialism: 'generic', priorityGroups: [] })).toEqual([]);
    expect(issuesOf({ outcomeToolConsistency: 'none', outcomeTools: ['ons4'] })).toEqual([
      'outcomeToolConsistency:outcome_consistency',
    ]);
    expect(issuesOf({ outcomeToolConsistency: 'systematic', outcomeTools: [] })).toEqual([
      'outcomeTools:outcome_consistency',
    ]);
    expect(issuesOf({ outcomeToolConsistency: 'none', outcomeTools: [] })).toEqual([]);
    expect(issuesOf({ outcomeToolConsistency: null, outcomeTools: [] })).toEqual([]);
  });

  it('limits exclusion notes to 2000 characters', () => {
    expect(issuesOf({ exclusionNotes: 'n'.repeat(2001) })).toEqual(['exclusionNotes:max_length']);
  });
});

describe('checkOneOf', () => {
  it('reports a missing required value', () => {
    const issues = new IssueList();
    expect(checkOneOf(issues, 'x', ['a', 'b'], undefined, { required: true })).toBeNull();
    expect(checkOneOf(issues, 'y', ['a', 'b'], 'b')).toBe('b');
    expect(issues.issues).toEqual([{ path: 'x', rule: 'required', message: 'is required' }]);
  });
});

describe('organisationalFacts', () => {
  it('resolves ids to kinds, leaving unknown ids out', () => {
    const v = validateSchemeVersion(
      { ...VALID, networkOrgId: 'net-1', coverageOrgIds: ['pcn-1', 'pcn-2'], managerOrgId: null },
      CONTEXT,
    );
    if (v.kind !== 'valid') throw new Error('expected valid');
    const partial = new Map([...ORGS].filter(([id]) => id !== 'pcn-2'));
    expect(organisationalFacts(v.value, 'england', partial)).toEqual({
      nation: 'england',
      employer: { id: 'vcse-1', kind: 'vcse', nation: 'england' },
      manager: null,
      commissioner: { id: 'pcn-1', kind: 'pcn', nation: 'england' },
      network: { id: 'net-1', kind: 'network', nation: 'england' },
      coverage: [{ id: 'pcn-1', kind: 'pcn', nation: 'england' }],
    });
    expect(
      organisationalFacts({ ...v.value, employerOrgId: 'unknown' }, 'england', partial).employer,
    ).toBeNull();
  });
});

describe('describeDifferences', () => {
  const base = ((): SchemeVersionRecord => {
    const v = validateSchemeVersion(VALID, CONTEXT);
    if (v.kind !== 'valid') throw new Error('expected valid');
    return v.value;
  })();

  it('is empty for the same description, lists compared as sets', () => {
    expect(describeDifferences(base, { ...base, acceptedRoutes: ['self_referral', 'gp_practice'] })).toEqual(
      [],
    );
  });

  it('names every changed field, including TIDieR items', () => {
    expect(
      describeDifferences(base, {
        ...base,
        employerOrgId: 'pcn-1',
        acceptedRoutes: ['gp_practice'],
        dataSystems: ['elemental'],
        tidier: { ...base.tidier, why: 'Changed', tailoring: 'New' },
      }),
    ).toEqual(['employerOrgId', 'acceptedRoutes', 'dataSystems', 'tidier.why', 'tidier.tailoring']);
  });
});
