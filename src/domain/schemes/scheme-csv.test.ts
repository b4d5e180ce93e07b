import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import {
  checkCsvHeader,
  csvColumnFor,
  escapeCell,
  isUuid,
  issuesAsColumns,
  parseSchemeCsvRow,
  READ_ONLY_COLUMNS,
  SCHEME_CSV_COLUMNS,
  unescapeCell,
  versionToCsvRow,
  type SchemeCsvRecord,
} from './scheme-csv.js';
import {
  describeDifferences,
  validateSchemeVersion,
  type KnownOrganisation,
  type SchemeVersionView,
} from './scheme-description.js';

const VIEW: SchemeVersionView = {
  schemeId: '00000002-0000-4000-8000-000000000001',
  schemeName: 'Riverside social prescribing',
  regionId: 'r',
  regionName: 'Greater Manchester',
  nation: 'england',
  versionId: 'v',
  versionNo: 2,
  validTo: null,
  deliveryModel: '3',
  deliveryModelReason: 'Model 3: a VCSE employs the link workers',
  organisations: {
    operator: null,
    employer: { id: 'vcse-1', kind: 'vcse', name: 'Riverside Connect' },
    manager: { id: 'vcse-1', kind: 'vcse', name: 'Riverside Connect' },
    commissioner: { id: 'pcn-1', kind: 'pcn', name: 'Riverside PCN' },
    network: null,
  },
  coverage: [
    { id: 'pcn-1', kind: 'pcn', name: 'Riverside PCN' },
    { id: 'pcn-2', kind: 'pcn', name: 'Hill; Dale PCN' },
  ],
  record: {
    validFrom: '2024-04-01',
    voice: 'PCN lead',
    checkedOn: null,
    tidier: {
      brief_name: 'Riverside',
      why: '=HYPERLINK("x") is not a formula here',
      how: 'Phone, "face to face"',
    },
    operatorOrgId: null,
    employerOrgId: 'vcse-1',
    managerOrgId: 'vcse-1',
    commissionerOrgId: 'pcn-1',
    networkOrgId: null,
    coverageOrgIds: ['pcn-1', 'pcn-2'],
    ageRange: 'adults',
    minAge: 18,
    maxAge: null,
    specialism: 'generic',
    sessionCap: null,
    sessionCapMode: 'warn',
    keepsAtRisk: true,
    rereferralPolicy: 'allowed',
    rereferralMinDays: null,
    accompaniesFirstMeeting: 'if_needed',
    homeVisits: false,
    exclusionNotes: null,
    outcomeToolConsistency: 'systematic',
    acceptedRoutes: ['gp_practice', 'self_referral'],
    priorityGroups: [],
    exclusionCriteria: [],
    dataSystems: ['elemental'],
    dataRecorded: ['age'],
    outcomeTools: ['swemwbs', 'ons4'],
    fundingSources: ['arrs'],
  },
};

describe('CSV cells', () => {
  it('escapes formula-looking cells reversibly', () => {
    for (const value of ['=SUM(A1)', '+44', '-', '@x', '\tx', "'=x", "''+y", 'plain', "'quoted", '']) {
      expect(unescapeCell(escapeCell(value))).toBe(value);
    }
    expect(escapeCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(escapeCell("'=x")).toBe("''=x");
    expect(escapeCell('plain')).toBe('plain');
    expect(unescapeCell("'quoted")).toBe("'quoted");
  });

  it('recognises UUIDs', () => {
    expect(isUuid(VIEW.schemeId)).toBe(true);
    expect(isUuid('Riverside PCN')).toBe(false);
  });
});

describe('checkCsvHeader', () => {
  it('accepts every column, or every editable column', () => {
    expect(checkCsvHeader(SCHEME_CSV_COLUMNS)).toEqual([]);
    expect(checkCsvHeader(SCHEME_CSV_COLUMNS.filter((c) => !READ_ONLY_COLUMNS.includes(c)))).toEqual([]);
  });

  it('reports unknown, duplicate and missing columns', () => {
    const header = [...SCHEME_CSV_COLUMNS.filter((c) => c !== 'coverage'), 'colour', 'region'];
    expect(checkCsvHeader(header).map((i) => `${i.rule}: ${i.message}`)).toEqual([
      'unknown_column: unknown column "colour"',
      'duplicate_column: column "region" appears twice',
      'missing_column: column "coverage" is missing',
    ]);
  });
});

describe('versionToCsvRow and parseSchemeCsvRow', () => {
  const row = versionToCsvRow(VIEW);

  it('writes one cell per column', () => {
    expect(Object.keys(row)).toEqual([...SCHEME_CSV_COLUMNS]);
    expect(row).toMatchObject({
      scheme_id: VIEW.schemeId,
      version_no: '2',
      valid_to: '',
      employer: 'Riverside Connect',
      employer_kind: 'vcse',
      operator: '',
      network: '',
      manager_kind: 'vcse',
      commissioner_kind: 'pcn',
      coverage: 'Riverside PCN; Hill; Dale PCN',
      session_cap: 'none',
      keeps_at_risk: 'yes',
      home_visits: 'no',
      min_age: '18',
      max_age: '',
      outcome_tools: 'swemwbs; ons4',
      tidier_why: `'=HYPERLINK("x") is not a formula here`,
      tidier_what_materials: '',
      delivery_model: '3',
    });
  });

  it('uses the given reference for organisations (ids for names that would not round-trip)', () => {
    const byId = versionToCsvRow(VIEW, (o) => (o.name.includes(';') ? o.id : o.name));
    expect(byId.coverage).toBe('Riverside PCN; pcn-2');
    const empty = versionToCsvRow({
      ...VIEW,
      validTo: '2025-01-01',
      organisations: { ...VIEW.organisations, manager: null },
      deliveryModel: null,
      deliveryModelReason: null,
      record: {
        ...VIEW.record,
        voice: null,
        checkedOn: '2024-05-01',
        tidier: {},
        ageRange: null,
        specialism: null,
        sessionCap: 6,
        keepsAtRisk: null,
        rereferralPolicy: null,
        accompaniesFirstMeeting: null,
        outcomeToolConsistency: null,
        exclusionNotes: 'Not in crisis',
      },
    });
    expect(empty).toMatchObject({
      valid_to: '2025-01-01',
      delivery_model: '',
      delivery_model_reason: '',
      voice: '',
      checked_on: '2024-05-01',
      tidier_brief_name: '',
      session_cap: '6',
      keeps_at_risk: '',
      manager: '',
      manager_kind: '',
      exclusion_notes: 'Not in crisis',
    });
    const reparsed = parseSchemeCsvRow(empty);
    expect(reparsed.kind === 'valid' ? reparsed.value.version.keepsAtRisk : 'invalid').toBeNull();
  });

  it('parses a written row back to the same description', () => {
    const parsed = parseSchemeCsvRow(versionToCsvRow(VIEW, (o) => o.id));
    expect(parsed.kind).toBe('valid');
    if (parsed.kind !== 'valid') return;
    expect(parsed.value).toMatchObject({
      schemeId: VIEW.schemeId,
      schemeName: VIEW.schemeName,
      region: 'Greater Manchester',
      versionNo: 2,
      statedModel: '3',
      organisations: {
        operator: null,
        employer: 'vcse-1',
        manager: 'vcse-1',
        commissioner: 'pcn-1',
        network: null,
      },
      coverage: ['pcn-1', 'pcn-2'],
    });
    const orgs = new Map<string, KnownOrganisation>(
      ['vcse-1', 'pcn-1', 'pcn-2'].map((id) => [
        id,
        { id, kind: id.startsWith('pcn') ? 'pcn' : 'vcse', nation: 'england' },
      ]),
    );
    const v = validateSchemeVersion(
      {
        ...parsed.value.version,
        employerOrgId: parsed.value.organisations.employer,
        managerOrgId: parsed.value.organisations.manager,
        commissionerOrgId: parsed.value.organisations.commissioner,
        coverageOrgIds: parsed.value.coverage,
      },
      {
        today: '2025-01-01',
        organisations: orgs,
        codes: codeLookup({
          referral_route: ['gp_practice', 'self_referral'],
          data_system: ['elemental'],
          data_item: ['age'],
          outcome_tool: ['swemwbs', 'ons4'],
          funding_source: ['arrs'],
        }),
      },
    );
    if (v.kind !== 'valid') throw new Error(JSON.stringify(v.issues));
    expect(describeDifferences(v.value, VIEW.record)).toEqual([]);
  });

  it('reads yes/no, "none", lists and blanks; reports bad cells by column', () => {
    const cells: SchemeCsvRecord = {
      scheme_name: ' New scheme ',
      region: 'Lothian',
      valid_from: '2025-04-01',
      session_cap: 'None',
      keeps_at_risk: 'Y',
      home_visits: 'false',
      accepted_routes: ' gp_practice ;; self_referral ;',
    };
    const ok = parseSchemeCsvRow(cells);
    expect(ok).toMatchObject({
      kind: 'valid',
      value: {
        schemeId: null,
        schemeName: 'New scheme',
        versionNo: null,
        statedModel: null,
        coverage: [],
        version: {
          validFrom: '2025-04-01',
          sessionCap: null,
          keepsAtRisk: true,
          homeVisits: false,
          acceptedRoutes: ['gp_practice', 'self_referral'],
          tidier: {},
          minAge: null,
        },
      },
    });
    const bad = parseSchemeCsvRow({
      scheme_id: 'scheme-7',
      version_no: 'two',
      min_age: '-1',
      session_cap: '4.5',
      keeps_at_risk: 'maybe',
      home_visits: 'n',
      valid_from: '',
    });
    expect(bad.kind === 'invalid' ? bad.issues.map((i) => `${i.path}:${i.rule}`) : []).toEqual([
      'scheme_id:uuid_format',
      'scheme_name:required',
      'region:required',
      'version_no:integer',
      'min_age:integer',
      'session_cap:integer',
      'keeps_at_risk:boolean',
    ]);
  });
});

describe('csvColumnFor', () => {
  it('maps validation paths to CSV columns', () => {
    expect(
      [
        'tidier.why',
        'employerOrgId',
        'coverageOrgIds',
        'coverageOrgIds[2]',
        'acceptedRoutes[0]',
        'validFrom',
        'voice',
      ].map(csvColumnFor),
    ).toEqual([
      'tidier_why',
      'employer',
      'coverage',
      'coverage[2]',
      'accepted_routes[0]',
      'valid_from',
      'voice',
    ]);
    expect(issuesAsColumns([{ path: 'minAge', rule: 'range', message: 'm' }])).toEqual([
      { path: 'min_age', rule: 'range', message: 'm' },
    ]);
  });
});
