import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  authorize,
  authorizeAny,
  POLICY,
  RESOURCES,
  ROLES,
  scopeFor,
  type Actor,
} from './policy.js';

const worker: Actor = {
  userId: 'u',
  role: 'link_worker',
  schemeIds: ['s1'],
  staffIds: ['w1'],
  regionId: null,
};
const manager: Actor = { ...worker, role: 'scheme_manager', staffIds: [] };
const lead: Actor = { ...worker, role: 'regional_lead', schemeIds: [], staffIds: [], regionId: 'r1' };
const admin: Actor = { ...worker, role: 'admin', schemeIds: [], staffIds: [] };

describe('policy table', () => {
  it('denies by default: every resource/action/role without a row is null', () => {
    let granted = 0;
    for (const resource of RESOURCES) {
      for (const action of ACTIONS) {
        for (const role of ROLES) {
          const scope = scopeFor(role, resource, action);
          if (scope !== null) granted++;
          expect(scope).toBe(POLICY[resource][action]?.[role] ?? null);
        }
      }
    }
    expect(granted).toBeGreaterThan(20);
  });

  it('gives regional leads, researchers and administrators no casework', () => {
    for (const resource of [
      'person',
      'referral',
      'contact',
      'signpost',
      'care_plan',
      'questionnaire',
    ] as const) {
      for (const action of ACTIONS) {
        expect(scopeFor('regional_lead', resource, action)).toBeNull();
        expect(scopeFor('researcher', resource, action)).toBeNull();
        expect(scopeFor('admin', resource, action)).toBeNull();
      }
    }
  });
});

describe('authorize', () => {
  it('link workers: their caseload and their scheme waiting list', () => {
    expect(authorize(worker, 'referral', 'read', { schemeId: 's1', assignedTo: 'w1' }).kind).toBe('allow');
    expect(authorize(worker, 'referral', 'read', { schemeId: 's1', waiting: true }).kind).toBe('allow');
    expect(authorize(worker, 'referral', 'read', { schemeId: 's1', assignedTo: 'w2' })).toEqual({
      kind: 'deny',
      reason: 'out_of_scope',
    });
    expect(authorize(worker, 'referral', 'read', { schemeId: 's1' }).kind).toBe('deny');
    expect(authorize(worker, 'referral', 'read', { schemeId: 's2', waiting: true }).kind).toBe('deny');
    expect(authorize(worker, 'referral', 'read', {}).kind).toBe('deny');
  });

  it('scheme managers: everything in their schemes', () => {
    expect(authorize(manager, 'referral', 'update', { schemeId: 's1', assignedTo: 'w2' }).kind).toBe('allow');
    expect(authorize(manager, 'referral', 'update', { schemeId: 's2' }).kind).toBe('deny');
    expect(authorize(manager, 'referral', 'update', { schemeId: null }).kind).toBe('deny');
  });

  it('regional leads: aggregates for their own region only', () => {
    expect(authorize(lead, 'aggregate', 'list', { regionId: 'r1' }).kind).toBe('allow');
    expect(authorize(lead, 'aggregate', 'list', { regionId: 'r2' }).kind).toBe('deny');
    expect(authorize({ ...lead, regionId: null }, 'aggregate', 'list', { regionId: 'r1' }).kind).toBe('deny');
    expect(authorize(lead, 'person', 'read', { schemeId: 's1' })).toEqual({
      kind: 'deny',
      reason: 'no_grant',
    });
  });

  it('administrators: users and audit, anywhere', () => {
    expect(authorize(admin, 'user', 'create')).toEqual({ kind: 'allow', scope: 'any' });
    expect(authorize(admin, 'audit', 'list').kind).toBe('allow');
  });

  it('authorizeAny allows when any record is in scope and reports the last denial otherwise', () => {
    expect(
      authorizeAny(worker, 'person', 'read', [{ schemeId: 's2' }, { schemeId: 's1', waiting: true }]).kind,
    ).toBe('allow');
    expect(authorizeAny(worker, 'person', 'read', [{ schemeId: 's2' }])).toEqual({
      kind: 'deny',
      reason: 'out_of_scope',
    });
    expect(authorizeAny(worker, 'person', 'read', [])).toEqual({ kind: 'deny', reason: 'out_of_scope' });
    expect(authorizeAny(lead, 'person', 'read', [])).toEqual({ kind: 'deny', reason: 'no_grant' });
  });
});
