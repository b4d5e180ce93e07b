import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import { loadDemo } from '../demo/demo.service.js';
import { csvText } from './csv-text.js';
import { exportSchemesCsv, importSchemesCsv, type ImportResult } from './scheme-csv.service.js';
import { listSchemeVersions, regionModelReport } from './scheme-mapping.service.js';

const TODAY = '2026-01-15';

/** The study's counts (Algorithm 1): region -> model -> PCNs/HSCPs. */
const STUDY = {
  'Greater Glasgow and Clyde': { '3': 6 },
  'Greater Manchester': { '1': 6, '2': 18, '3': 40 },
  Lothian: { '3': 3, '4': 1 },
  'North East and North Cumbria': { '1': 5, '2': 2, '3': 34 },
  'West of England': { '1': 8, '3': 24, '4': 2 },
};

type Row = Record<string, string>;
const rowsOf = (text: string): Row[] => parse<Row>(text, { bom: true, columns: true });
const textOf = (rows: readonly Row[]): string => {
  const header = Object.keys(rows[0] ?? {});
  return csvText(
    header,
    rows.map((r) => header.map((h) => r[h] ?? '')),
  );
};
const summary = (r: ImportResult): string[] =>
  r.rows.map((x) => `${x.row} ${x.status}${x.issues.map((i) => ` ${i.path}:${i.rule}`).join('')}`);

async function modelCounts(db: TestDb, on = TODAY): Promise<Record<string, Record<string, number>>> {
  const report = await regionModelReport(db.db, { on });
  return Object.fromEntries(
    report.map((r) => [r.regionName, Object.fromEntries(r.models.map((m) => [m.model, m.areas]))]),
  );
}

describe.each(TEST_ENGINES)('[%s] scheme CSV export and import on the demo data', (engine) => {
  let db: TestDb;
  let exported = '';

  beforeAll(async () => {
    db = await openTestDb(engine);
    await loadDemo(db, { scale: 200, seed: 7, today: '2025-12-31' });
    exported = await exportSchemesCsv(db.db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('reproduces the study per-region model counts in the region report', async () => {
    expect(await modelCounts(db)).toEqual(STUDY);
    const report = await regionModelReport(db.db, { on: TODAY });
    const gm = report.find((r) => r.regionName === 'Greater Manchester');
    expect(gm).toMatchObject({ areaLabel: 'PCN', areas: 64 });
    expect(gm?.models.map((m) => m.schemes.length)).toEqual([6, 3, 40]);
    // The PCN that moved from Model 3 to Model 1 counted under Model 3 before its change.
    expect((await modelCounts(db, '2022-06-01'))['Greater Manchester']).toEqual({ '1': 5, '2': 18, '3': 41 });
  });

  it('exports one row per scheme version, each re-imported as unchanged', async () => {
    const rows = rowsOf(exported);
    const versions = await sql<{ n: number }>`SELECT count(*) AS n FROM scheme_version`.execute(db.db);
    expect(rows).toHaveLength(versions.rows[0]?.n ?? -1);
    expect(rows[0]).toMatchObject({
      region: 'Greater Glasgow and Clyde',
      version_no: '1',
      delivery_model: '3',
    });
    const result = await importSchemesCsv(db.db, exported, { today: TODAY });
    expect(result.counts).toEqual({ created: 0, updated: 0, unchanged: rows.length, rejected: 0 });
    expect(result.rows.every((r) => r.status === 'unchanged' && r.issues.length === 0)).toBe(true);
  });

  it('turns an edited row into a new version with a changed model, leaving the rest unchanged', async () => {
    const rows = rowsOf(exported);
    const index = rows.findIndex((r) => r.region === 'Greater Manchester' && r.delivery_model === '3');
    const target = rows[index]!;
    const pcn = target.coverage!;
    rows[index] = {
      ...target,
      employer: pcn,
      manager: pcn,
      valid_from: '2025-04-01',
      tidier_modifications: 'The PCN took the service in house for more control',
    };
    const result = await importSchemesCsv(db.db, textOf(rows), { today: TODAY });
    expect(result.counts).toEqual({ created: 0, updated: 1, unchanged: rows.length - 1, rejected: 0 });
    const changed = result.rows[index]!;
    expect(changed).toMatchObject({
      status: 'updated',
      schemeId: target.scheme_id,
      versionNo: 2,
      deliveryModel: '1',
    });
    expect(changed.reason).toMatch(/^Model 1: the PCN employs its link workers/);
    expect(changed.notes).toEqual([
      'new version 2 from 2025-04-01 (changed: employerOrgId, managerOrgId, tidier.modifications)',
      'delivery model 3 -> 1',
      'the file says delivery model 3; the classifier derives 1 (delivery_model is read-only)',
    ]);
    const versions = await listSchemeVersions(db.db, target.scheme_id!);
    expect(versions.map((v) => [v.versionNo, v.record.validFrom, v.validTo, v.deliveryModel])).toEqual([
      [1, '2020-04-01', '2025-03-31', '3'],
      [2, '2025-04-01', null, '1'],
    ]);
    expect((await modelCounts(db))['Greater Manchester']).toEqual({ '1': 7, '2': 18, '3': 39 });
    // Importing the same file again changes nothing: the edited row is already version 2.
    const again = await importSchemesCsv(db.db, textOf(rows), { today: TODAY });
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: rows.length, rejected: 0 });
    expect(again.rows[index]?.notes).toContain('already recorded as version 2 (the row names version 1)');
    // Editing version 1 differently now is an edit of history: rejected.
    const history = rows.map((r, i) => (i === index ? { ...r, tidier_why: 'Rewritten history' } : r));
    expect((await importSchemesCsv(db.db, textOf(history), { today: TODAY })).rows[index]).toMatchObject({
      status: 'rejected',
      issues: [{ path: 'version_no', rule: 'historical_version' }],
    });
    // A fresh export round-trips unchanged, history included.
    const fresh = await exportSchemesCsv(db.db);
    expect((await importSchemesCsv(db.db, fresh, { today: TODAY })).counts).toMatchObject({
      unchanged: rows.length + 1,
      rejected: 0,
    });
  });

  it('rejects a bad row with field and rule while the good rows load', async () => {
    const header = rowsOf(exported)[0]!;
    const blank: Row = Object.fromEntries(Object.keys(header).map((k) => [k, '']));
    const lothian = rowsOf(exported).find((r) => r.region === 'Lothian' && r.delivery_model === '3')!;
    const good: Row = {
      ...blank,
      scheme_name: 'Mapping team test scheme',
      region: 'Lothian',
      valid_from: '2025-06-01',
      voice: 'HSCP link worker lead',
      tidier_brief_name: 'Test scheme',
      employer: lothian.employer!,
      manager: lothian.employer!,
      commissioner: lothian.commissioner!,
      coverage: lothian.coverage!,
      age_range: 'adults',
      min_age: '16',
      accepted_routes: 'gp_practice',
      session_cap: '6',
      session_cap_mode: 'warn',
      delivery_model: '4',
    };
    const bad: Row = {
      ...good,
      scheme_name: 'Broken scheme',
      age_range: 'teenagers',
      accepted_routes: 'gp_practice; carrier_pigeon',
      employer: 'No Such VCSE',
      session_cap: '0',
      keeps_at_risk: 'perhaps',
    };
    const also: Row = { ...good, scheme_name: 'Second good scheme', session_cap: 'none' };
    const result = await importSchemesCsv(db.db, textOf([good, bad, also]), { today: TODAY });
    expect(summary(result)).toEqual(['2 created', '3 rejected keeps_at_risk:boolean', '4 created']);
    expect(result.rows[0]).toMatchObject({ deliveryModel: '3', versionNo: 1 });
    expect(result.rows[0]?.notes).toEqual([
      'the file says delivery model 4; the classifier derives 3 (delivery_model is read-only)',
    ]);
    // With the cell fixed, every remaining problem of the row is reported at once.
    const fixedCell = await importSchemesCsv(db.db, textOf([{ ...bad, keeps_at_risk: '' }]), {
      today: TODAY,
    });
    expect(summary(fixedCell)).toEqual([
      '2 rejected employer:exists age_range:unknown_code session_cap:range accepted_routes[1]:unknown_code',
    ]);
    expect(
      await sql<{ n: number }>`SELECT count(*) AS n FROM scheme WHERE name = 'Broken scheme'`.execute(db.db),
    ).toMatchObject({ rows: [{ n: 0 }] });
    // Importing the same good rows again finds the schemes by region and name: unchanged.
    expect(summary(await importSchemesCsv(db.db, textOf([good, also]), { today: TODAY }))).toEqual([
      '2 unchanged',
      '3 unchanged',
    ]);
    expect((await modelCounts(db)).Lothian).toEqual({ '3': 3, '4': 1 });
  });

  it('explains rejections about identity and versions', async () => {
    const rows = rowsOf(exported);
    const first = rows[0]!;
    const cases: Row[] = [
      { ...first, scheme_id: '00000000-0000-4000-8000-00000000beef' },
      { ...first, region: 'Lothian' },
      { ...first, region: 'Atlantis' },
      { ...first, version_no: '7' },
      { ...first, valid_from: '2020-05-01' },
      { ...first, scheme_id: '', scheme_name: 'Brand new', version_no: '2' },
      { ...first, tidier_why: 'A changed rationale', valid_from: '2019-01-01' },
      { ...first, coverage: 'Nowhere HSCP; Elsewhere HSCP' },
    ];
    const result = await importSchemesCsv(db.db, textOf(cases), { today: TODAY });
    expect(summary(result)).toEqual([
      '2 rejected scheme_id:exists',
      '3 rejected region:immutable',
      '4 rejected region:exists',
      '5 rejected version_no:exists',
      '6 rejected valid_from:valid_from_only',
      '7 rejected version_no:exists',
      '8 rejected valid_from:after_previous_version',
      '9 rejected coverage[0]:exists coverage[1]:exists',
    ]);
  });

  it('renames a scheme, and starts a changed version today when valid_from was left alone', async () => {
    const rows = rowsOf(await exportSchemesCsv(db.db, { on: TODAY }));
    const row = rows.find((r) => r.region === 'West of England' && r.delivery_model === '4')!;
    const edited = {
      ...row,
      scheme_name: `${row.scheme_name!} (renamed)`,
      tidier_how_well_actual: 'Annual report 2025',
    };
    const result = await importSchemesCsv(db.db, textOf([edited]), { today: TODAY });
    expect(result.rows[0]).toMatchObject({ status: 'updated', versionNo: 2, deliveryModel: '4' });
    expect(result.rows[0]?.notes).toEqual([
      `renamed from "${row.scheme_name!}"`,
      `valid_from was not moved on, so the new version starts today (${TODAY})`,
      'new version 2 from 2026-01-15 (changed: tidier.how_well_actual)',
    ]);
    // The same file again: already recorded (version 2 starts today, the row keeps the old date).
    expect((await importSchemesCsv(db.db, textOf([edited]), { today: TODAY })).rows[0]).toMatchObject({
      status: 'unchanged',
      versionNo: 2,
    });
    const renameOnly = { ...edited, version_no: '2', valid_from: TODAY, scheme_name: row.scheme_name! };
    expect((await importSchemesCsv(db.db, textOf([renameOnly]), { today: TODAY })).rows[0]).toMatchObject({
      status: 'updated',
      notes: [`renamed from "${edited.scheme_name}"`],
    });
  });

  it('dry-runs a whole file without keeping anything, later rows seeing earlier ones', async () => {
    const rows = rowsOf(exported);
    const lothian = rows.find((r) => r.region === 'Lothian' && r.delivery_model === '3')!;
    const base: Row = {
      ...lothian,
      scheme_id: '',
      version_no: '',
      scheme_name: 'Dry run scheme',
      valid_from: '2025-01-01',
    };
    const next: Row = { ...base, version_no: '2', valid_from: '2025-07-01', session_cap: '10' };
    const before = await sql<{ n: number }>`SELECT count(*) AS n FROM scheme_version`.execute(db.db);
    const result = await importSchemesCsv(db.db, textOf([base, { ...base, age_range: 'x' }, next]), {
      today: TODAY,
      dryRun: true,
    });
    expect(result.dryRun).toBe(true);
    expect(summary(result)).toEqual(['2 created', '3 rejected age_range:unknown_code', '4 updated']);
    const after = await sql<{ n: number }>`SELECT count(*) AS n FROM scheme_version`.execute(db.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('rejects a file that is not the scheme CSV, and rows of the wrong width', async () => {
    await expect(importSchemesCsv(db.db, 'scheme_name,colour\nA,blue\n')).rejects.toMatchObject({
      code: 'validation_failed',
      details: {
        issues: expect.arrayContaining([
          { path: 'header', rule: 'unknown_column', message: 'unknown column "colour"' },
        ]) as unknown,
      },
    });
    await expect(
      importSchemesCsv(db.db, `${exported.split('\r\n')[0] ?? ''}\r\n"unclosed,`),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'file', rule: 'csv_format' }] },
    });
    const [headerLine] = exported.split('\r\n');
    const short = await importSchemesCsv(db.db, `${headerLine ?? ''}\r\nonly,three,cells\r\n`);
    expect(summary(short)).toEqual(['2 rejected row:column_count']);
    expect((await importSchemesCsv(db.db, `${headerLine ?? ''}\r\n`)).rows).toEqual([]);
  });
});
