import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { RegionModelRow } from '../../domain/schemes/region-report.js';
import { buildVariationMatrix } from '../../domain/schemes/variation-matrix.js';
import type { ImportResult } from '../../services/schemes/scheme-csv.service.js';
import {
  formatImportResultsCsv,
  formatImportText,
  formatMatrixCsv,
  formatMatrixText,
  formatReportCsv,
  formatReportText,
  parseDate,
  parseModel,
  parseWhere,
} from './schemes.js';

const REPORT: RegionModelRow[] = [
  {
    regionId: 'l',
    regionName: 'Lothian',
    nation: 'scotland',
    areaLabel: 'HSCP',
    areas: 4,
    models: [
      { model: '3', areas: 3, schemes: [{ id: 'a', name: 'A, the first', areas: 3 }] },
      { model: '4', areas: 1, schemes: [{ id: 'b', name: 'B', areas: 1 }] },
    ],
  },
  { regionId: 'x', regionName: 'Empty', nation: 'england', areaLabel: 'PCN', areas: 0, models: [] },
];

describe('schemes command options', () => {
  it('parses --on, --model and --where', () => {
    expect(parseDate('--on', '2025-02-28')).toBe('2025-02-28');
    expect(() => parseDate('--on', '2025-02-30')).toThrow(/--on must be a date/);
    expect(parseModel(' 4 ')).toBe('4');
    expect(parseModel('unclassified')).toBe('unclassified');
    expect(() => parseModel('5')).toThrow(/--model must be/);
    expect(
      parseWhere(['accepted_routes=self_referral, dwp', 'session_cap=none', 'accepted_routes=vcse']),
    ).toEqual({
      accepted_routes: ['self_referral', 'dwp', 'vcse'],
      session_cap: ['none'],
    });
    expect(() => parseWhere(['colour=blue'])).toThrow(/--where must be attribute=value/);
    expect(() => parseWhere(['age_range='])).toThrow(/--where must be/);
  });
});

describe('schemes report output', () => {
  it('prints counts per region and model, with or without the schemes', () => {
    const text = formatReportText(REPORT, '2026-01-15');
    expect(text).toContain(
      'Lothian (scotland): 4 HSCPs\n  Model 3         3 HSCPs  1 scheme\n      A, the first (3 HSCPs) a',
    );
    expect(text).toContain('Empty (england): 0 PCNs\n  no schemes described');
    expect(formatReportText(REPORT, '2026-01-15', true)).not.toContain('A, the first');
    expect(parse(formatReportCsv(REPORT))).toEqual([
      ['region', 'nation', 'model', 'areas', 'area_kind', 'schemes', 'scheme_names'],
      ['Lothian', 'scotland', '3', '3', 'HSCP', '1', 'A, the first'],
      ['Lothian', 'scotland', '4', '1', 'HSCP', '1', 'B'],
    ]);
  });
});

describe('schemes matrix output', () => {
  const record = {
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
    ageRange: 'adults',
    minAge: null,
    maxAge: null,
    specialism: null,
    sessionCap: 6,
    sessionCapMode: 'warn',
    keepsAtRisk: null,
    rereferralPolicy: null,
    rereferralMinDays: null,
    accompaniesFirstMeeting: null,
    homeVisits: null,
    exclusionNotes: null,
    outcomeToolConsistency: null,
    acceptedRoutes: ['gp_practice'],
    priorityGroups: [],
    exclusionCriteria: [],
    dataSystems: [],
    dataRecorded: [],
    outcomeTools: [],
    fundingSources: [],
  } as const;
  const schemes = [
    { schemeId: 's1', schemeName: 'One', regionId: 'l', regionName: 'Lothian', model: '3', record },
    {
      schemeId: 's2',
      schemeName: 'Two',
      regionId: 'l',
      regionName: 'Lothian',
      model: null,
      record: { ...record, sessionCap: null },
    },
  ];

  it('prints totals and rows as text and CSV', () => {
    const byRegion = buildVariationMatrix(schemes, { by: 'region' });
    expect(formatMatrixText(byRegion, '2026-01-15')).toContain(
      'Lothian (2 schemes)\n  age_range                  adults (2)',
    );
    const byScheme = buildVariationMatrix(schemes, { by: 'scheme' });
    expect(formatMatrixText(byScheme, '2026-01-15')).toContain('  Lothian / Two (Unclassified)');
    const csv = parse(formatMatrixCsv(byScheme));
    expect(csv[0]?.slice(0, 6)).toEqual([
      'scheme_id',
      'scheme',
      'region',
      'model',
      'age_range',
      'accepted_routes',
    ]);
    expect(csv[1]?.slice(0, 9)).toEqual([
      's1',
      'One',
      'Lothian',
      '3',
      'adults',
      'gp_practice',
      'none',
      'not_recorded',
      '6',
    ]);
    expect(csv[3]?.slice(0, 9)).toEqual([
      '',
      'TOTAL',
      '',
      '',
      'adults (2)',
      'gp_practice (2)',
      'none (2)',
      'not_recorded (2)',
      '6 (1); none (1)',
    ]);
    const regionCsv = parse(formatMatrixCsv(byRegion));
    expect(regionCsv[1]?.slice(0, 4)).toEqual(['l', 'Lothian', '2', 'adults (2)']);
  });
});

describe('schemes import output', () => {
  const result: ImportResult = {
    dryRun: true,
    counts: { created: 1, updated: 0, unchanged: 1, rejected: 1 },
    rows: [
      {
        row: 2,
        status: 'created',
        schemeId: 'id1',
        schemeName: 'New',
        versionNo: 1,
        deliveryModel: '3',
        reason: 'Model 3: ...',
        notes: [],
        issues: [],
      },
      {
        row: 3,
        status: 'unchanged',
        schemeId: 'id2',
        schemeName: 'Same',
        versionNo: 2,
        deliveryModel: null,
        reason: null,
        notes: [],
        issues: [],
      },
      {
        row: 4,
        status: 'rejected',
        schemeId: null,
        schemeName: 'Bad',
        versionNo: null,
        deliveryModel: null,
        reason: null,
        notes: [],
        issues: [
          {
            path: 'age_range',
            rule: 'unknown_code',
            message: '"teens" is not one of adults, all_ages, children',
          },
          { path: 'employer', rule: 'exists', message: 'no organisation "X"' },
        ],
      },
    ],
  };

  it('summarises, lists what changed and why rows were rejected', () => {
    expect(formatImportText(result)).toBe(
      [
        '3 rows: 1 created, 0 updated, 1 unchanged, 1 rejected (dry run: nothing was kept)',
        '  row 2 created: New v1, Model 3',
        '  row 4 rejected: Bad',
        '      age_range: "teens" is not one of adults, all_ages, children [unknown_code]',
        '      employer: no organisation "X" [exists]',
      ].join('\n'),
    );
  });

  it('writes one results line per row, or per problem of a rejected row', () => {
    const rows = parse(formatImportResultsCsv(result));
    expect(rows.map((r) => r.slice(0, 8))).toEqual([
      ['row', 'status', 'scheme_id', 'scheme_name', 'version_no', 'delivery_model', 'field', 'rule'],
      ['2', 'created', 'id1', 'New', '1', '3', '', ''],
      ['3', 'unchanged', 'id2', 'Same', '2', '', '', ''],
      ['4', 'rejected', '', 'Bad', '', '', 'age_range', 'unknown_code'],
      ['4', 'rejected', '', 'Bad', '', '', 'employer', 'exists'],
    ]);
  });
});
