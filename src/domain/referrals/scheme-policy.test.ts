import { describe, expect, it } from 'vitest';
import {
  checkReferralPolicy,
  checkSessionCap,
  type ReferralFacts,
  type SchemePolicy,
} from './scheme-policy.js';

const open: SchemePolicy = {
  ageRange: 'all_ages',
  minAge: null,
  maxAge: null,
  acceptedRoutes: [],
  exclusionCriteria: [],
  sessionCap: null,
  sessionCapMode: 'warn',
  keepsAtRisk: null,
  rereferralPolicy: null,
  rereferralMinDays: null,
};
// Lothian (study 4.3-4.4): adults only, GP practice referrals only.
const lothian: SchemePolicy = {
  ...open,
  ageRange: 'adults',
  acceptedRoutes: ['gp_practice'],
  exclusionCriteria: ['current_crisis'],
};
const at = new Date('2025-06-01T00:00:00Z');
const facts: ReferralFacts = {
  ageAtReferral: 40,
  route: 'gp_practice',
  exclusions: [],
  previous: null,
  referredAt: at,
};
const rules = (p: SchemePolicy, f: Partial<ReferralFacts>) =>
  checkReferralPolicy(p, { ...facts, ...f }).map((i) => i.rule);

describe('checkReferralPolicy', () => {
  it('accepts what the policy allows', () => {
    expect(rules(open, {})).toEqual([]);
    expect(rules(lothian, {})).toEqual([]);
  });
  it('refuses children in an adults-only scheme and self-referrals where only GPs refer', () => {
    expect(rules(lothian, { ageAtReferral: 15, route: 'self_referral' })).toEqual([
      'policy_min_age',
      'policy_route',
    ]);
  });
  it('applies explicit ages and children-only schemes', () => {
    expect(rules({ ...open, minAge: 50 }, { ageAtReferral: 49 })).toEqual(['policy_min_age']);
    expect(rules({ ...open, maxAge: 25 }, { ageAtReferral: 26 })).toEqual(['policy_max_age']);
    expect(rules({ ...open, ageRange: 'children' }, { ageAtReferral: 18 })).toEqual(['policy_max_age']);
  });
  it('refuses a person meeting an exclusion criterion', () => {
    expect(rules(lothian, { exclusions: ['current_crisis', 'housebound'] })).toEqual(['policy_exclusion']);
  });
  it('applies the re-referral policy', () => {
    const closed = { closedAt: new Date('2025-05-01T00:00:00Z') };
    expect(rules(open, { previous: { closedAt: null } })).toEqual(['previous_open']);
    expect(rules(open, { previous: closed })).toEqual([]);
    expect(rules({ ...open, rereferralPolicy: 'not_allowed' }, { previous: closed })).toEqual([
      'policy_rereferral',
    ]);
    const interval: SchemePolicy = { ...open, rereferralPolicy: 'after_interval', rereferralMinDays: 90 };
    expect(rules(interval, { previous: closed })).toEqual(['policy_rereferral_interval']);
    expect(rules(interval, { previous: { closedAt: new Date('2025-01-01T00:00:00Z') } })).toEqual([]);
    expect(rules({ ...interval, rereferralMinDays: null }, { previous: closed })).toEqual([]);
  });
});

describe('checkSessionCap', () => {
  const capped: SchemePolicy = { ...open, sessionCap: 4, sessionCapMode: 'block', keepsAtRisk: true };
  it('is ok under the cap or with no cap', () => {
    expect(checkSessionCap(open, 50, false)).toEqual({ kind: 'ok' });
    expect(checkSessionCap(capped, 3, false)).toEqual({ kind: 'ok' });
  });
  it('blocks at the cap, warns when the scheme warns or keeps at-risk people', () => {
    expect(checkSessionCap(capped, 4, false).kind).toBe('block');
    expect(checkSessionCap(capped, 4, true).kind).toBe('warn');
    expect(checkSessionCap({ ...capped, keepsAtRisk: false }, 4, true).kind).toBe('block');
    expect(checkSessionCap({ ...capped, sessionCapMode: 'warn' }, 5, false)).toEqual({
      kind: 'warn',
      message: 'the scheme offers up to 4 sessions and 5 have taken place',
    });
  });
});
