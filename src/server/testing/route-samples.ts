// One valid request per route, for the generated role x route matrix and the body fuzzer. Every
// route registered with defineRoute must have a sample here (a test checks it). `scoped` says whether
// the target record decides access (true: outside the user's schemes is refused) or the route is
// a filtered list (false: always allowed when the role has a grant).
import { SCHEME_CSV_COLUMNS } from '../../domain/schemes/scheme-csv.js';
import { makeSchemeFixtures, sampleDescription } from './scheme-fixtures.js';
import { EXTRA_MAKERS, type FixtureSet } from './fixtures.js';

// Scheme-mapping samples need the fixture scheme's region and organisations.
if (!EXTRA_MAKERS.includes(makeSchemeFixtures)) EXTRA_MAKERS.push(makeSchemeFixtures);

export interface Sample {
  readonly url: string;
  readonly body?: Record<string, unknown>;
}

export interface SampleSpec {
  readonly scoped: boolean;
  /** Builds a valid request against a fixture set (fresh values each call where uniqueness matters). */
  readonly build: (f: FixtureSet, n: number) => Sample;
}

export const SAMPLES: Record<string, SampleSpec> = {
  'GET /api/people': { scoped: false, build: () => ({ url: '/api/people?name=fixture' }) },
  'GET /api/people/:id': { scoped: true, build: (f) => ({ url: `/api/people/${f.personId}` }) },
  'POST /api/people': {
    scoped: true,
    build: (f, n) => ({
      url: '/api/people',
      body: {
        schemeId: f.schemeId,
        givenName: 'Sample',
        familyName: `Created${n}`,
        dateOfBirth: '1980-02-03',
        allowPossibleDuplicate: true,
      },
    }),
  },
  'PUT /api/people/:id': {
    scoped: true,
    build: (f) => ({
      url: `/api/people/${f.personId}`,
      body: { version: 999, givenName: 'Fixture', familyName: 'Renamed', dateOfBirth: '1970-01-01' },
    }),
  },
  'GET /api/referrals': { scoped: false, build: () => ({ url: '/api/referrals' }) },
  'GET /api/referrals/:id': { scoped: true, build: (f) => ({ url: `/api/referrals/${f.referralId}` }) },
  'POST /api/referrals': {
    scoped: true,
    build: (f) => ({
      url: '/api/referrals',
      body: {
        personId: f.personId,
        schemeId: f.schemeId,
        referredAt: '2025-10-05T09:00:00Z',
        route: 'gp_practice',
      },
    }),
  },
  'PATCH /api/referrals/:id': {
    scoped: true,
    build: (f) => ({
      url: `/api/referrals/${f.referralId}`,
      body: { version: 999, reason: 'Sample change' },
    }),
  },
  'POST /api/referrals/:id/status': {
    scoped: true,
    build: (f) => ({
      url: `/api/referrals/${f.referralId}/status`,
      body: { version: 999, status: 'discharged', dischargeReason: 'goals_met' },
    }),
  },
  'POST /api/referrals/:id/rereferrals': {
    scoped: true,
    build: (f) => ({
      url: `/api/referrals/${f.referralId}/rereferrals`,
      body: { referredAt: '2025-10-05T09:00:00Z', route: 'gp_practice' },
    }),
  },
  'GET /api/schemes/:id/waiting-list': {
    scoped: true,
    build: (f) => ({ url: `/api/schemes/${f.schemeId}/waiting-list` }),
  },
  'GET /api/users': { scoped: false, build: () => ({ url: '/api/users' }) },
  'POST /api/users': {
    scoped: false,
    build: (_f, n) => ({
      url: '/api/users',
      body: {
        username: `sample${n}@test`,
        displayName: 'Sample',
        role: 'researcher',
        password: 'a long enough password',
      },
    }),
  },
  'PATCH /api/users/:id': {
    scoped: false,
    build: (f) => ({
      url: `/api/users/${f.extra['userId'] ?? f.personId}`,
      body: { version: 999, displayName: 'Renamed' },
    }),
  },
  'GET /api/audit': { scoped: false, build: () => ({ url: '/api/audit?entity=person' }) },
  'GET /api/caseload': { scoped: true, build: (f) => ({ url: `/api/caseload?staffId=${f.staffId}` }) },
  // Scheme mapping (ids from testing/scheme-fixtures.ts). Versions start far ahead, one day apart.
  'GET /api/schemes': { scoped: false, build: () => ({ url: '/api/schemes?pageSize=5' }) },
  'GET /api/schemes/:id': { scoped: true, build: (f) => ({ url: `/api/schemes/${f.schemeId}` }) },
  'POST /api/schemes': {
    scoped: false,
    build: (f, n) => ({
      url: '/api/schemes',
      body: {
        name: `Sample scheme ${n}`,
        regionId: f.extra['schemeRegionId'] ?? '',
        ...sampleDescription(f.extra, '2025-06-01'),
      },
    }),
  },
  'POST /api/schemes/:id/versions': {
    scoped: true,
    build: (f, n) => ({
      url: `/api/schemes/${f.schemeId}/versions`,
      body: sampleDescription(f.extra, new Date(Date.UTC(2030, 0, 1 + n)).toISOString().slice(0, 10)),
    }),
  },
  'GET /api/schemes/:id/tidier': {
    scoped: true,
    build: (f) => ({ url: `/api/schemes/${f.schemeId}/tidier?format=html` }),
  },
  'GET /api/schemes/export.csv': { scoped: false, build: () => ({ url: '/api/schemes/export.csv' }) },
  'POST /api/schemes/import': {
    scoped: false,
    build: () => ({
      url: '/api/schemes/import',
      body: { csv: `${SCHEME_CSV_COLUMNS.join(',')}\r\n`, dryRun: true },
    }),
  },
  'GET /api/evaluation/:set': {
    scoped: false,
    build: () => ({ url: '/api/evaluation/activity?by=model&from=2025-04-01&to=2026-03-31' }),
  },
  'GET /api/evaluation/:set/download': {
    scoped: false,
    build: () => ({ url: '/api/evaluation/data-quality/download?from=2025-04-01&to=2026-03-31&format=csv' }),
  },
  'GET /api/reports/region-models': { scoped: false, build: () => ({ url: '/api/reports/region-models' }) },
  'GET /api/reports/variation-matrix': {
    scoped: false,
    build: () => ({ url: '/api/reports/variation-matrix?by=region&where=home_visits=yes' }),
  },
  // Casework records on a referral (ids from casework-fixtures.ts).
  'GET /api/referrals/:id/contacts': {
    scoped: true,
    build: (f) => ({ url: `/api/referrals/${f.referralId}/contacts` }),
  },
  'POST /api/referrals/:id/contacts': {
    scoped: true,
    build: (f) => ({
      url: `/api/referrals/${f.referralId}/contacts`,
      body: { contactAt: '2025-10-10T10:00:00Z', mode: 'telephone', outcome: 'did_not_attend' },
    }),
  },
  'GET /api/contacts/:id': {
    scoped: true,
    build: (f) => ({ url: `/api/contacts/${extra(f, 'contactId')}` }),
  },
  'PATCH /api/contacts/:id': {
    scoped: true,
    build: (f) => ({
      url: `/api/contacts/${extra(f, 'contactId')}`,
      body: { version: 999, notes: 'Sample' },
    }),
  },
  'GET /api/referrals/:id/signposts': {
    scoped: true,
    build: (f) => ({ url: `/api/referrals/${f.referralId}/signposts` }),
  },
  'POST /api/referrals/:id/signposts': {
    scoped: true,
    build: (f) => ({
      url: `/api/referrals/${f.referralId}/signposts`,
      body: { serviceName: 'Sample lunch club', signpostedOn: '2025-10-10' },
    }),
  },
  'GET /api/signposts/:id': {
    scoped: true,
    build: (f) => ({ url: `/api/signposts/${extra(f, 'signpostId')}` }),
  },
  'PATCH /api/signposts/:id': {
    scoped: true,
    build: (f) => ({
      url: `/api/signposts/${extra(f, 'signpostId')}`,
      body: { version: 999, attendance: 'attended' },
    }),
  },
  'GET /api/services': { scoped: false, build: () => ({ url: '/api/services?need=loneliness' }) },
  'GET /api/services/:id': {
    scoped: true,
    build: (f) => ({ url: `/api/services/${extra(f, 'serviceId')}` }),
  },
  'GET /api/referrals/:id/care-plan': {
    scoped: true,
    build: (f) => ({ url: `/api/referrals/${f.referralId}/care-plan` }),
  },
  'POST /api/referrals/:id/needs': {
    scoped: true,
    build: (f) => ({ url: `/api/referrals/${f.referralId}/needs`, body: { need: 'housing' } }),
  },
  'PATCH /api/needs/:id': {
    scoped: true,
    build: (f) => ({
      url: `/api/needs/${extra(f, 'needId')}`,
      body: { version: 999, description: 'Sample' },
    }),
  },
  'POST /api/referrals/:id/goals': {
    scoped: true,
    build: (f) => ({ url: `/api/referrals/${f.referralId}/goals`, body: { description: 'Sample goal' } }),
  },
  'PATCH /api/goals/:id': {
    scoped: true,
    build: (f) => ({
      url: `/api/goals/${extra(f, 'goalId')}`,
      body: { version: 999, status: 'in_progress' },
    }),
  },
  'POST /api/goals/:id/actions': {
    scoped: true,
    build: (f) => ({
      url: `/api/goals/${extra(f, 'goalId')}/actions`,
      body: { description: 'Sample action' },
    }),
  },
  'PATCH /api/actions/:id': {
    scoped: true,
    build: (f) => ({ url: `/api/actions/${extra(f, 'actionId')}`, body: { version: 999, status: 'done' } }),
  },
  'GET /api/instruments': { scoped: false, build: () => ({ url: '/api/instruments' }) },
  'GET /api/reference': { scoped: false, build: () => ({ url: '/api/reference' }) },
  'GET /api/referrals/:id/questionnaires': {
    scoped: true,
    build: (f) => ({ url: `/api/referrals/${f.referralId}/questionnaires` }),
  },
  'POST /api/referrals/:id/questionnaires': {
    scoped: true,
    build: (f) => ({
      url: `/api/referrals/${f.referralId}/questionnaires`,
      body: {
        instrumentId: 'ons4',
        timepoint: 'review',
        administeredOn: '2025-10-10',
        answers: [7, 7, 7, 2],
      },
    }),
  },
  'GET /api/questionnaires/:id': {
    scoped: true,
    build: (f) => ({ url: `/api/questionnaires/${extra(f, 'questionnaireId')}` }),
  },
  'PATCH /api/questionnaires/:id': {
    scoped: true,
    build: (f) => ({
      url: `/api/questionnaires/${extra(f, 'questionnaireId')}`,
      body: { version: 999, answers: [4, 4, 4, 4, 4, 4, 4] },
    }),
  },
  // Exports (issue #9): FHIR Bundles of a person and of a scheme, and the research extract.
  'GET /api/people/:id/fhir': { scoped: true, build: (f) => ({ url: `/api/people/${f.personId}/fhir` }) },
  'GET /api/schemes/:id/fhir': { scoped: true, build: (f) => ({ url: `/api/schemes/${f.schemeId}/fhir` }) },
  'POST /api/research/extracts': {
    scoped: false,
    build: (f) => ({ url: '/api/research/extracts', body: { schemeIds: [f.schemeId], from: '2025-01-01' } }),
  },
};

/** An id a fixture maker added (casework-fixtures.ts); a missing one is a broken fixture, not a 400. */
function extra(f: FixtureSet, key: string): string {
  const id = f.extra[key];
  if (id === undefined) throw new Error(`fixture id ${key} is missing: is its maker in EXTRA_MAKERS?`);
  return id;
}
