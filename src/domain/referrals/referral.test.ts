import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import {
  canTransition,
  REFERRAL_TRANSITIONS,
  snomedCodeFor,
  validateReferral,
  type ReferralInput,
  type ReferralStatus,
} from './referral.js';

const codes = codeLookup({
  referral_route: ['gp_practice', 'self_referral'],
  referrer_role: ['gp', 'self'],
  referral_method: ['phone'],
  priority_group: ['frailty'],
  need: ['loneliness', 'housing'],
});
const NOW = new Date('2025-06-01T12:00:00Z');
const base: ReferralInput = {
  personId: 'p',
  schemeId: 's',
  referredAt: '2025-05-01T09:00:00Z',
  route: 'gp_practice',
};

describe('referral status machine', () => {
  it('allows the documented transitions and nothing from an ended referral', () => {
    expect(canTransition('waiting', 'active')).toBe(true);
    expect(canTransition('active', 'discharged')).toBe(true);
    expect(canTransition('waiting', 'discharged')).toBe(false);
    expect(canTransition('discharged', 'active')).toBe(false);
    const ended: ReferralStatus[] = ['discharged', 'declined', 'did_not_engage'];
    for (const s of ended) expect(REFERRAL_TRANSITIONS[s]).toEqual([]);
  });

  it('gives the national SNOMED code for each status', () => {
    expect(snomedCodeFor('waiting', false)).toBeNull();
    expect(snomedCodeFor('active', true)).toBe('871731000000106');
    expect(snomedCodeFor('discharged', true)).toBe('871731000000106');
    expect(snomedCodeFor('declined', false)).toBe('871711000000103');
    expect(snomedCodeFor('did_not_engage', true)).toBe('871731000000106');
    expect(snomedCodeFor('did_not_engage', false)).toBeNull();
  });
});

describe('validateReferral', () => {
  it('accepts a valid referral and de-duplicates needs', () => {
    const r = validateReferral(
      {
        ...base,
        referrerRole: 'gp',
        method: 'phone',
        priorityGroup: 'frailty',
        needs: ['loneliness', 'loneliness', 'housing'],
      },
      codes,
      NOW,
    );
    expect(r).toMatchObject({
      kind: 'valid',
      value: { needs: ['loneliness', 'housing'], referrerRole: 'gp' },
    });
  });

  it('sets the referrer role of a self-referral to self', () => {
    const r = validateReferral({ ...base, route: 'self_referral' }, codes, NOW);
    expect(r).toMatchObject({ kind: 'valid', value: { referrerRole: 'self' } });
  });

  it('rejects bad fields with path and rule', () => {
    const r = validateReferral(
      {
        ...base,
        referredAt: '2025-07-01T09:00:00Z',
        route: 'carrier_pigeon',
        referrerRole: 'wizard',
        referrerName: 'x'.repeat(71),
        reason: 'y'.repeat(151),
        method: 'fax',
        priorityGroup: 'vip',
        needs: ['loneliness', 'unicorns'],
        referrerOrgText: 'z'.repeat(151),
      },
      codes,
      NOW,
    );
    expect(r.kind === 'invalid' ? r.issues.map((i) => `${i.path}:${i.rule}`) : []).toEqual([
      'referredAt:not_in_future',
      'route:unknown_code',
      'referrerRole:unknown_code',
      'referrerName:max_length',
      'referrerOrgText:max_length',
      'method:unknown_code',
      'reason:max_length',
      'priorityGroup:unknown_code',
      'needs[1]:unknown_code',
    ]);
  });

  it('rejects a practice role on a self-referral and a missing date', () => {
    const r = validateReferral(
      { ...base, route: 'self_referral', referrerRole: 'gp', referredAt: '' },
      codes,
      NOW,
    );
    expect(r.kind === 'invalid' ? r.issues.map((i) => `${i.path}:${i.rule}`) : []).toEqual([
      'referredAt:required',
      'referrerRole:self_referral_role',
    ]);
    const r2 = validateReferral({ ...base, route: '' }, codes, NOW);
    expect(r2.kind === 'invalid' ? r2.issues.map((i) => `${i.path}:${i.rule}`) : []).toEqual([
      'route:required',
    ]);
  });
});
