import { describe, expect, it } from 'vitest';
import { href, matchPath, PATHS } from './paths.js';

describe('web app paths', () => {
  it('fills params, encoding them, and appends a query', () => {
    expect(href(PATHS.person, { personId: 'a/b c' })).toBe('/people/a%2Fb%20c');
    expect(href(PATHS.people, {}, { name: 'Ada' })).toBe('/people?name=Ada');
    expect(href(PATHS.contactNew, { referralId: 'r1' })).toBe('/referrals/r1/contacts/new');
  });

  it('matches segment by segment and reads params back', () => {
    expect(matchPath(PATHS.person, '/people/p-1')).toEqual({ personId: 'p-1' });
    expect(matchPath(PATHS.person, '/people/p-1/')).toEqual({ personId: 'p-1' });
    expect(matchPath(PATHS.person, '/people/a%2Fb')).toEqual({ personId: 'a/b' });
    expect(matchPath(PATHS.person, '/people')).toBeNull();
    expect(matchPath(PATHS.person, '/people/p-1/referrals')).toBeNull();
    expect(matchPath(PATHS.person, '/people/%E0%A4%A')).toBeNull();
    expect(matchPath(PATHS.referralNew, '/people/p-1/referrals/new')).toEqual({ personId: 'p-1' });
    expect(matchPath(PATHS.home, '/')).toEqual({});
    expect(matchPath(PATHS.home, '/x')).toBeNull();
    expect(matchPath(PATHS.caseload, '/caseload')).toEqual({});
  });
});
