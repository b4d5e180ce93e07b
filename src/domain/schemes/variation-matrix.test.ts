import { describe, expect, it } from 'vitest';
import type { SchemeVersionRecord } from './scheme-description.js';
import {
  buildVariationMatrix,
  variationValues,
  type MatrixFilters,
  type MatrixScheme,
} from './variation-matrix.js';

const EMPTY: SchemeVersionRecord = {
  validFrom: '2024-01-01',
  voice: null,
  checkedOn: null,
  tidier: {},
  operatorOrgId: null,
  employerOrgId: null,
  managerOrgId: null,
  commissionerOrgId: null,
  networkOrgId: null,
  coverageOrgIds: [],
  ageRange: null,
  minAge: null,
  maxAge: null,
  specialism: null,
  sessionCap: null,
  sessionCapMode: 'warn',
  keepsAtRisk: null,
  rereferralPolicy: null,
  rereferralMinDays: null,
  accompaniesFirstMeeting: null,
  homeVisits: null,
  exclusionNotes: null,
  outcomeToolConsistency: null,
  acceptedRoutes: [],
  priorityGroups: [],
  exclusionCriteria: [],
  dataSystems: [],
  dataRecorded: [],
  outcomeTools: [],
  fundingSources: [],
};

const scheme = (
  id: string,
  region: string,
  model: string | null,
  r: Partial<SchemeVersionRecord>,
): MatrixScheme => ({
  schemeId: id,
  schemeName: `Scheme ${id}`,
  regionId: `region-${region}`,
  regionName: region,
  model,
  record: { ...EMPTY, ...r },
});

// A hand-built data set: two Lothian schemes (GP referrals only, adults), two Glasgow schemes
// (self-referral too, one with a 4-session cap keeping at-risk people) and one unclassified.
const DATA: readonly MatrixScheme[] = [
  scheme('L1', 'Lothian', '3', {
    ageRange: 'adults',
    acceptedRoutes: ['gp_practice'],
    sessionCap: 6,
    keepsAtRisk: false,
    outcomeTools: ['swemwbs'],
  }),
  scheme('L2', 'Lothian', '4', {
    ageRange: 'adults',
    acceptedRoutes: ['gp_practice'],
    sessionCap: 12,
    homeVisits: true,
    outcomeTools: ['swemwbs', 'recovery_outcomes_web'],
  }),
  scheme('G1', 'Glasgow', '3', {
    ageRange: 'all_ages',
    acceptedRoutes: ['gp_practice', 'self_referral'],
    sessionCap: 4,
    keepsAtRisk: true,
  }),
  scheme('G2', 'Glasgow', '3', { ageRange: 'all_ages', acceptedRoutes: ['gp_practice', 'self_referral'] }),
  scheme('X1', 'Glasgow', null, { specialism: 'specialist', priorityGroups: ['homelessness'] }),
];

describe('variationValues', () => {
  it('turns a description into values per attribute', () => {
    const values = variationValues({ ...EMPTY, sessionCap: 4, keepsAtRisk: true, homeVisits: false });
    expect(values.session_cap).toEqual(['4']);
    expect(values.keeps_at_risk).toEqual(['yes']);
    expect(values.home_visits).toEqual(['no']);
    expect(values.age_range).toEqual(['not_recorded']);
    expect(values.exclusion_criteria).toEqual(['none']);
    expect(variationValues(EMPTY).session_cap).toEqual(['none']);
  });
});

describe('buildVariationMatrix', () => {
  it('tabulates schemes by attribute with counts per value', () => {
    const m = buildVariationMatrix(DATA, { by: 'scheme' });
    expect(m.schemes).toBe(5);
    expect(m.rows.map((r) => `${r.regionName}/${r.label}/${r.model ?? ''}`)).toEqual([
      'Glasgow/Scheme G1/3',
      'Glasgow/Scheme G2/3',
      'Glasgow/Scheme X1/unclassified',
      'Lothian/Scheme L1/3',
      'Lothian/Scheme L2/4',
    ]);
    expect(m.totals.accepted_routes).toEqual({ gp_practice: 4, self_referral: 2, none: 1 });
    // Numbers in numeric order, then "none".
    expect(Object.entries(m.totals.session_cap)).toEqual([
      ['4', 1],
      ['6', 1],
      ['12', 1],
      ['none', 2],
    ]);
    expect(Object.entries(m.totals.keeps_at_risk)).toEqual([
      ['no', 1],
      ['yes', 1],
      ['not_recorded', 3],
    ]);
    expect(m.rows[3]?.cells.outcome_tools).toEqual({ swemwbs: 1 });
  });

  it('tabulates regions, counting their schemes per value', () => {
    const m = buildVariationMatrix(DATA, { by: 'region' });
    expect(m.rows.map((r) => [r.label, r.schemes, r.model])).toEqual([
      ['Glasgow', 3, null],
      ['Lothian', 2, null],
    ]);
    expect(m.rows[1]?.cells.outcome_tools).toEqual({ recovery_outcomes_web: 1, swemwbs: 2 });
    expect(m.rows[0]?.cells.age_range).toEqual({ all_ages: 2, not_recorded: 1 });
  });

  it('filters by region (id or name), model and attribute values', () => {
    const by = (filters: MatrixFilters): string[] =>
      buildVariationMatrix(DATA, { by: 'scheme', filters }).rows.map((r) => r.key);
    expect(by({ regions: ['Lothian'] })).toEqual(['L1', 'L2']);
    expect(by({ regions: ['region-Glasgow'] })).toEqual(['G1', 'G2', 'X1']);
    expect(by({ models: ['3'] })).toEqual(['G1', 'G2', 'L1']);
    expect(by({ models: ['unclassified', '4'] })).toEqual(['X1', 'L2']);
    expect(by({ where: { accepted_routes: ['self_referral'] } })).toEqual(['G1', 'G2']);
    // OR within an attribute, AND across attributes.
    expect(by({ where: { session_cap: ['4', '6'], age_range: ['adults'] } })).toEqual(['L1']);
    expect(by({ where: { session_cap: ['none'] }, regions: ['Glasgow'], models: ['3'] })).toEqual(['G2']);
    expect(by({ where: {} })).toHaveLength(5);
  });

  it('counts only what the filters keep', () => {
    const m = buildVariationMatrix(DATA, {
      by: 'region',
      filters: { where: { accepted_routes: ['self_referral'] } },
    });
    expect(m.schemes).toBe(2);
    expect(m.totals.accepted_routes).toEqual({ gp_practice: 2, self_referral: 2 });
    expect(m.rows.map((r) => r.label)).toEqual(['Glasgow']);
  });
});
