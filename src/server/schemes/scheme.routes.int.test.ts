import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';

type ErrorBody = { error: { code: string; details?: { issues?: { path: string; rule: string }[] } } };
type Described = {
  schemeId: string;
  versionNo: number;
  previous: { versionNo: number; validTo: string } | null;
  deliveryModel: string | null;
  deliveryModelReason: string;
  classification: { kind: string; model: number | null; rules: unknown[] };
};
type Report = {
  on: string;
  regions: {
    regionId: string;
    regionName: string;
    models: { model: string; areas: number; schemes: { id: string }[] }[];
  }[];
};
type Scheme = {
  id: string;
  name: string;
  regionId: string;
  currentVersionNo: number;
  versions: {
    versionNo: number;
    validTo: string | null;
    deliveryModel: string | null;
    deliveryModelReason: string | null;
    voice: string | null;
    checkedOn: string | null;
    tidier: Record<string, string>;
    organisations: { employer: { id: string } | null };
    attributes: { acceptedRoutes: string[] };
  }[];
};
type Import = {
  dryRun: boolean;
  summary: { rows: number; created: number; updated: number; unchanged: number; rejected: number };
  rows: { status: string }[];
  rejected: unknown[];
};

const NAME = 'Alpha <Link> & "Workers"';
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe.each(TEST_ENGINES)('[%s] scheme mapping API', (engine) => {
  let h: Harness;
  let gm = '';
  let pcn = '';
  let vcse = '';
  let alphaId = '';

  beforeAll(async () => {
    h = await openHarness(engine, { scale: 150 });
    const db = h.db.db;
    gm = (
      await db
        .selectFrom('organisation')
        .select('id')
        .where('kind', '=', 'region')
        .where('name', '=', 'Greater Manchester')
        .executeTakeFirstOrThrow()
    ).id;
    const add = async (kind: string, name: string) =>
      (
        await db
          .insertInto('organisation')
          .values({ kind, name, nation: 'england', parent_id: gm })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    pcn = await add('pcn', 'API Test PCN');
    vcse = await add('vcse', 'API Test Connect');
  });
  afterAll(async () => {
    await h.close();
  });

  const description = (over: Record<string, unknown> = {}) => ({
    validFrom: daysAgo(400),
    voice: 'PCN social prescribing lead',
    checkedOn: daysAgo(390),
    tidier: { brief_name: 'Alpha link workers', why: 'Connect people to community support' },
    employerOrgId: vcse,
    managerOrgId: vcse,
    commissionerOrgId: pcn,
    coverageOrgIds: [pcn],
    ageRange: 'adults',
    acceptedRoutes: ['gp_practice', 'self_referral'],
    specialism: 'generic',
    ...over,
  });

  const gmModels = async (): Promise<Record<string, number>> => {
    const res = await h.request('admin', 'GET', '/api/reports/region-models');
    expect(res.statusCode).toBe(200);
    const row = res.json<Report>().regions.find((r) => r.regionId === gm);
    return Object.fromEntries((row?.models ?? []).map((m) => [m.model, m.areas]));
  };

  it('describes a new scheme and answers its derived model and reason', async () => {
    const res = await h.request('admin', 'POST', '/api/schemes', {
      name: NAME,
      regionId: gm,
      ...description(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<Described>();
    alphaId = d.schemeId;
    expect(d).toMatchObject({ versionNo: 1, previous: null, deliveryModel: '3' });
    expect(d.classification).toMatchObject({ kind: 'classified', model: 3 });
    expect(d.classification.rules.length).toBeGreaterThan(0);
    expect(d.deliveryModelReason).toMatch(/^Model 3: a VCSE employs the link workers/);

    const read = await h.request('researcher', 'GET', `/api/schemes/${alphaId}`);
    expect(read.statusCode).toBe(200);
    const s = read.json<Scheme>();
    expect(s).toMatchObject({ name: NAME, regionId: gm, currentVersionNo: 1 });
    expect(s.versions[0]).toMatchObject({
      deliveryModel: '3',
      voice: 'PCN social prescribing lead',
      checkedOn: daysAgo(390),
      tidier: { brief_name: 'Alpha link workers' },
      organisations: { employer: { id: vcse } },
      attributes: { acceptedRoutes: ['gp_practice', 'self_referral'] },
    });
  });

  it('rejects an invalid description with the field paths of the domain validator (400), writing nothing', async () => {
    const res = await h.request('admin', 'POST', '/api/schemes', {
      name: '',
      regionId: gm,
      ...description({ validFrom: '2025-02-30', ageRange: 'teens', specialism: 'specialist' }),
    });
    expect(res.statusCode).toBe(400);
    const issues = res.json<ErrorBody>().error.details?.issues ?? [];
    expect(issues.map((i) => `${i.path}:${i.rule}`)).toEqual(
      expect.arrayContaining([
        'name:required',
        'validFrom:date_format',
        'ageRange:unknown_code',
        'priorityGroups:required',
      ]),
    );
    const list = await h.request('admin', 'GET', '/api/schemes?pageSize=200');
    expect(list.json<{ total: number }>().total).toBeGreaterThan(0);
    const bad = await h.request('admin', 'POST', '/api/schemes', {
      name: 'X',
      regionId: 'not-an-id',
      validFrom: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.details?.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(['body.regionId', 'body.validFrom']),
    );
  });

  it('adds a version that moves the scheme from Model 3 to Model 1, and the region report counts the change', async () => {
    const before = await gmModels();
    const res = await h.request(
      'admin',
      'POST',
      `/api/schemes/${alphaId}/versions`,
      description({ validFrom: daysAgo(30), employerOrgId: pcn, managerOrgId: pcn, commissionerOrgId: null }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<Described>();
    expect(d).toMatchObject({
      versionNo: 2,
      previous: { versionNo: 1, validTo: daysAgo(31) },
      deliveryModel: '1',
    });
    expect(d.deliveryModelReason).toMatch(/^Model 1: the PCN employs its link workers/);
    const after = await gmModels();
    expect(after['1']).toBe((before['1'] ?? 0) + 1);
    expect(after['3'] ?? 0).toBe((before['3'] ?? 0) - 1);

    const s = (await h.request('admin', 'GET', `/api/schemes/${alphaId}`)).json<Scheme>();
    expect(s.currentVersionNo).toBe(2);
    expect(s.versions.map((v) => [v.versionNo, v.validTo, v.deliveryModel])).toEqual([
      [1, daysAgo(31), '3'],
      [2, null, '1'],
    ]);
    // A version that does not start after the latest is a 400 naming the field.
    const stale = await h.request('admin', 'POST', `/api/schemes/${alphaId}/versions`, description());
    expect(stale.statusCode).toBe(400);
    expect(stale.json<ErrorBody>().error.details?.issues?.[0]).toMatchObject({
      path: 'validFrom',
      rule: 'after_previous_version',
    });
  });

  it('lets a scheme manager version only their own scheme', async () => {
    const other = await h.request(
      'scheme_manager',
      'POST',
      `/api/schemes/${alphaId}/versions`,
      description(),
    );
    expect(other.statusCode).toBe(404);
    const lw = await h.request('link_worker', 'POST', `/api/schemes/${h.schemeId}/versions`, description());
    expect(lw.statusCode).toBe(403);
    const list = await h.request('scheme_manager', 'GET', '/api/schemes');
    expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([h.schemeId]);
  });

  it('shows a regional lead only their region, and no scheme of another region', async () => {
    const report = await h.request('regional_lead', 'GET', '/api/reports/region-models');
    expect(report.statusCode).toBe(200);
    expect(report.json<Report>().regions.map((r) => r.regionId)).toEqual([h.regionId]);
    expect((await h.request('regional_lead', 'GET', `/api/schemes/${alphaId}`)).statusCode).toBe(404);
    expect((await h.request('regional_lead', 'GET', `/api/schemes/${alphaId}/tidier`)).statusCode).toBe(404);
    expect((await h.request('regional_lead', 'GET', `/api/schemes/${h.schemeId}`)).statusCode).toBe(200);
    const list = await h.request('regional_lead', 'GET', '/api/schemes?pageSize=200');
    const items = list.json<{ items: { regionId: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.regionId))).toEqual(new Set([h.regionId]));
    const matrix = await h.request('regional_lead', 'GET', '/api/reports/variation-matrix?by=region');
    expect(matrix.statusCode).toBe(200);
    expect(matrix.json<{ rows: { key: string }[] }>().rows.map((r) => r.key)).toEqual([h.regionId]);
    // Asking for another region gives nothing, not its data.
    const elsewhere = await h.request('regional_lead', 'GET', `/api/reports/variation-matrix?region=${gm}`);
    expect(elsewhere.json<{ schemes: number }>().schemes).toBe(0);
    expect((await h.request('link_worker', 'GET', '/api/reports/region-models')).statusCode).toBe(403);
  });

  it('filters the variation matrix and rejects a malformed where (400)', async () => {
    const res = await h.request(
      'admin',
      'GET',
      `/api/reports/variation-matrix?region=${gm}&where=accepted_routes=self_referral&where=specialism=generic`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json<{ rows: { key: string }[]; totals: Record<string, Record<string, number>> }>();
    expect(m.rows.map((r) => r.key)).toContain(alphaId);
    expect(m.totals['accepted_routes']?.['self_referral']).toBe(m.rows.length);
    const bad = await h.request('admin', 'GET', '/api/reports/variation-matrix?where=colour=blue');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.details?.issues?.[0]?.path).toBe('query.where.0');
  });

  it('prints the TIDieR checklist as HTML (escaped) and PDF', async () => {
    const html = await h.request('admin', 'GET', `/api/schemes/${alphaId}/tidier?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('Alpha &lt;Link&gt; &amp; &quot;Workers&quot;');
    expect(html.body).not.toContain(NAME);
    const pdf = await h.request('admin', 'GET', `/api/schemes/${alphaId}/tidier?format=pdf&versionNo=1`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const missing = await h.request('admin', 'GET', `/api/schemes/${alphaId}/tidier?versionNo=9`);
    expect(missing.statusCode).toBe(404);
  });

  it('exports the CSV and imports it back (dry run): every row unchanged', async () => {
    const exported = await h.request('admin', 'GET', '/api/schemes/export.csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    const csv = exported.body;
    expect(csv).toContain('API Test Connect');
    const res = await h.request('admin', 'POST', '/api/schemes/import', { csv, dryRun: true });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const r = res.json<Import>();
    expect(r.dryRun).toBe(true);
    expect(r.summary.rows).toBeGreaterThan(2);
    expect(r.summary).toMatchObject({ created: 0, updated: 0, rejected: 0, unchanged: r.summary.rows });
    expect(r.rejected).toEqual([]);

    // A scheme manager's export holds only their scheme.
    const mine = await h.request('scheme_manager', 'GET', '/api/schemes/export.csv');
    expect(mine.statusCode).toBe(200);
    const rows = parse<Record<string, string>>(mine.body, { bom: true, columns: true });
    const ids = new Set(rows.map((row) => row['scheme_id']));
    expect([...ids]).toEqual([h.schemeId]);
  });

  it('lists rejected rows with 200, and refuses a file that is not the CSV format with 400', async () => {
    const exported = (await h.request('admin', 'GET', '/api/schemes/export.csv')).body;
    const [header = '', first = ''] = exported.split('\r\n');
    const broken = first.replace(/^[^,]*/, '00000000-0000-4000-8000-000000000000');
    const res = await h.request('admin', 'POST', '/api/schemes/import', {
      csv: `${header}\r\n${broken}\r\n`,
      dryRun: true,
    });
    expect(res.statusCode).toBe(200);
    const r = res.json<Import>();
    expect(r.summary.rejected).toBe(1);
    expect(r.rejected).toHaveLength(1);
    const notCsv = await h.request('admin', 'POST', '/api/schemes/import', {
      csv: 'colour,size\nblue,"unclosed',
    });
    expect(notCsv.statusCode).toBe(400);
    expect(
      (await h.request('scheme_manager', 'POST', '/api/schemes/import', { csv: header })).statusCode,
    ).toBe(403);
  });
});
