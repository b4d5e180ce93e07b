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

  it('gives a scheme manager casework without a caseload of their own', () => {
    expect(labels(user('scheme_manager'))).toEqual(['Waiting list', 'People', 'Your account']);
  });

  it('gives roles without casework access only their account (evaluation pages are to come)', () => {
    for (const role of ['regional_lead', 'researcher', 'admin'] as const) {
      expect(labels(user(role)), role).toEqual(['Your account']);
      expect(navFor(user(role)).map((s) => s.id)).toEqual(['account']);
    }
  });

  it('marks an item current on its page and below it', () => {
    const people = { label: 'People', to: '/people', allowed: () => true };
    expect(isCurrent(people, '/people')).toBe(true);
    expect(isCurrent(people, '/people/123')).toBe(true);
    expect(isCurrent(people, '/peoples')).toBe(false);
  });
});
