import { describe, expect, it } from 'vitest';
import { buildRegionModelReport, type ReportScheme } from './region-report.js';

const area = (kind: string, n: number) => ({ id: `${kind}-${n}`, kind });

describe('buildRegionModelReport', () => {
  it('counts distinct PCNs/HSCPs per model and lists the schemes', () => {
    const schemes: ReportScheme[] = [
      {
        regionId: 'nenc',
        schemeId: 's1',
        schemeName: 'Fed link workers',
        model: '2',
        coverage: [area('pcn', 1), area('pcn', 2)],
      },
      { regionId: 'nenc', schemeId: 's2', schemeName: 'B PCN', model: '1', coverage: [area('pcn', 3)] },
      {
        regionId: 'nenc',
        schemeId: 's3',
        schemeName: 'A PCN',
        model: '1',
        coverage: [area('pcn', 4), area('gp_practice', 9)],
      },
      // Two Model 3 schemes serving the same PCN count it once.
      { regionId: 'nenc', schemeId: 's4', schemeName: 'VCSE one', model: '3', coverage: [area('pcn', 5)] },
      { regionId: 'nenc', schemeId: 's5', schemeName: 'VCSE two', model: '3', coverage: [area('pcn', 5)] },
      { regionId: 'nenc', schemeId: 's6', schemeName: 'Unknown', model: null, coverage: [area('pcn', 6)] },
      {
        regionId: 'lothian',
        schemeId: 's7',
        schemeName: 'City network',
        model: '4',
        coverage: [area('hscp', 1)],
      },
    ];
    const report = buildRegionModelReport(
      [
        { id: 'nenc', name: 'North East and North Cumbria', nation: 'england' },
        { id: 'lothian', name: 'Lothian', nation: 'scotland' },
        { id: 'ggc', name: 'Greater Glasgow and Clyde', nation: 'scotland' },
      ],
      schemes,
    );
    expect(report.map((r) => [r.regionName, r.areaLabel, r.areas])).toEqual([
      ['Greater Glasgow and Clyde', 'HSCP', 0],
      ['Lothian', 'HSCP', 1],
      ['North East and North Cumbria', 'PCN', 6],
    ]);
    expect(report[0]?.models).toEqual([]);
    const nenc = report[2];
    expect(nenc?.models.map((m) => [m.model, m.areas, m.schemes.length])).toEqual([
      ['1', 2, 2],
      ['2', 2, 1],
      ['3', 1, 2],
      ['unclassified', 1, 1],
    ]);
    expect(nenc?.models[0]?.schemes).toEqual([
      { id: 's3', name: 'A PCN', areas: 1 },
      { id: 's2', name: 'B PCN', areas: 1 },
    ]);
  });
});
