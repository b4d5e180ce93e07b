import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../api/endpoints.js';
import { isCurrent, navFor } from './nav.js';

const user = (role: SessionUser['role'], staffId: string | null = null): SessionUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  username: role,
  displayName: role,
  role,
  schemeIds: [],
  staffId,
  regionId: null,
});

const labels = (u: SessionUser) => navFor(u).flatMap((s) => s.items.map((i) => i.label));

describe('navigation by role (from the policy table)', () => {
  it('gives a link worker their caseload, the waiting list and people', () => {
    expect(labels(user('link_worker', '00000000-0000-4000-8000-000000000002'))).toEqual([
      'My caseload',
      'Waiting list',
      'People',
      'Your account',
    ]);
  });

  const EVALUATION = ['Delivery models', 'Outcomes', 'Trends by month', 'Data quality'];

  it('gives a scheme manager casework without a caseload of their own, and the evaluation pages', () => {
    expect(labels(user('scheme_manager'))).toEqual(['Waiting list', 'People', ...EVALUATION, 'Your account']);
  });

  it('gives regional leads and administrators the evaluation pages but no casework', () => {
    for (const role of ['regional_lead', 'admin'] as const) {
      expect(labels(user(role)), role).toEqual([...EVALUATION, 'Your account']);
      expect(navFor(user(role)).map((s) => s.id)).toEqual(['evaluation', 'account']);
    }
  });

  it('gives researchers only their account (extracts are taken through the API or CLI)', () => {
    expect(labels(user('researcher'))).toEqual(['Your account']);
    expect(navFor(user('researcher')).map((s) => s.id)).toEqual(['account']);
  });

  it('marks an item current on its page and below it', () => {
    const people = { label: 'People', to: '/people', allowed: () => true };
    expect(isCurrent(people, '/people')).toBe(true);
    expect(isCurrent(people, '/people/123')).toBe(true);
    expect(isCurrent(people, '/peoples')).toBe(false);
  });
});
