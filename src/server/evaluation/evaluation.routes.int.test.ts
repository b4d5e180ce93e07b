// Evaluation over HTTP on the demo data: scoping by role, disclosure control on every output,
// unprotected figures only for permitted roles, and each download format.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../db/testing/test-db.js';
import { openHarness, type Harness } from '../testing/api-harness.js';
import type { PublishedReportBody } from './evaluation.schema.js';

const Q = 'from=2021-01-01&to=2025-12-31';

describe.each(TEST_ENGINES)('[%s] evaluation routes', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(engine);
  });
  afterAll(async () => {
    await h.close();
  });

  it('protects every count: 0, * or a multiple of 5 (NHS England preset)', async () => {
    const res = await h.request('admin', 'GET', `/api/evaluation/activity?by=model&${Q}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<PublishedReportBody>();
    expect(body.disclosure).toMatchObject({ policy: 'nhs-england', notForPublication: false });
    const table = body.tables[0]!;
    const counts = table.columns.filter((c) => c.kind === 'count').map((c) => c.key);
    let shown = 0;
    for (const r of table.rows) {
      for (const k of counts) {
        const c = r.cells[k]!;
        if (c.value === null) expect(['*', '-']).toContain(c.display);
        else {
          expect(c.value % 5).toBe(0);
          shown++;
        }
      }
    }
    expect(shown).toBeGreaterThan(0);
  });

  it("a regional lead's report is the report for their region", async () => {
    const lead = await h.request('regional_lead', 'GET', `/api/evaluation/activity?by=model&${Q}`);
    const admin = await h.request(
      'admin',
      'GET',
      `/api/evaluation/activity?by=model&${Q}&region=${h.regionId}`,
    );
    const cells = (b: PublishedReportBody) => b.tables[0]!.rows.map((r) => [r.labels, r.cells]);
    expect(cells(lead.json<PublishedReportBody>())).toEqual(cells(admin.json<PublishedReportBody>()));
    const everyone = await h.request('admin', 'GET', `/api/evaluation/activity?${Q}&disclosure=none`);
    const regional = await h.request(
      'admin',
      'GET',
      `/api/evaluation/activity?${Q}&disclosure=none&region=${h.regionId}`,
    );
    const total = (b: PublishedReportBody) => b.tables[0]!.rows[0]!.cells.received!.value!;
    expect(total(regional.json<PublishedReportBody>())).toBeLessThan(
      total(everyone.json<PublishedReportBody>()),
    );
  });

  it('refuses unprotected figures to a regional lead, naming the rule', async () => {
    const res = await h.request('regional_lead', 'GET', `/api/evaluation/activity?${Q}&disclosure=none`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      error: {
        code: 'forbidden',
        details: { issues: [{ path: 'query.disclosure', rule: 'role_not_permitted' }] },
      },
    });
  });

  it('gives a scheme manager unprotected figures for their scheme, marked not for publication', async () => {
    const res = await h.request(
      'scheme_manager',
      'GET',
      `/api/evaluation/activity?by=month&${Q}&disclosure=none`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json<PublishedReportBody>();
    expect(body.disclosure.notForPublication).toBe(true);
    expect(body.scopeNote).toBe('your 1 scheme(s)');
    const csv = await h.request(
      'scheme_manager',
      'GET',
      `/api/evaluation/activity/download?${Q}&disclosure=none`,
    );
    expect(csv.body).toContain('NOT FOR PUBLICATION');
  });

  it('link workers and researchers get no aggregates', async () => {
    for (const role of ['link_worker', 'researcher'] as const) {
      const res = await h.request(role, 'GET', `/api/evaluation/activity?${Q}`);
      expect(res.statusCode).toBe(403);
    }
  });

  it('downloads the data-quality league table as CSV with disclosure control and no personal data', async () => {
    const res = await h.request(
      'regional_lead',
      'GET',
      `/api/evaluation/data-quality/download?${Q}&format=csv`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const rows: string[][] = parse(res.body, { relax_column_count: true });
    const header = rows.find((r) => r[0] === 'Scheme')!;
    expect(header).toContain('Overall score (%)');
    expect(res.body).toContain('Disclosure control: NHS England');
    // No person names or NHS numbers: the demo's family names never appear.
    expect(res.body).not.toMatch(/\b9\d{9}\b/);
  });

  it('serves XLSX, HTML and PDF', async () => {
    const xlsx = await h.request(
      'scheme_manager',
      'GET',
      `/api/evaluation/outcomes/download?${Q}&format=xlsx&by=model`,
    );
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'outcome-completion', 'change']);
    const html = await h.request(
      'scheme_manager',
      'GET',
      `/api/evaluation/equity/download?${Q}&format=html&by=age_band`,
    );
    expect(html.body).toContain('<h2>Who is referred and who improves</h2>');
    const pdf = await h.request('scheme_manager', 'GET', `/api/evaluation/routes/download?${Q}&format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('fine groupings give a protected table or a 422 saying it is too sparse, never a 500', async () => {
    const seen = new Set<number>();
    for (const by of ['scheme,month', 'link_worker,month', 'pcn,age_band', 'scheme,ethnic_group']) {
      for (const set of ['activity', 'outcomes', 'equity']) {
        if (set === 'equity' && !/age_band|ethnic_group/.test(by)) continue;
        const res = await h.request('admin', 'GET', `/api/evaluation/${set}?${Q}&by=${by}`);
        seen.add(res.statusCode);
        if (res.statusCode !== 200) {
          expect(res.statusCode).toBe(422);
          expect(res.json()).toMatchObject({
            error: {
              code: 'policy_violation',
              details: { issues: [{ path: 'query.by', rule: 'too_sparse_to_protect' }] },
            },
          });
        } else {
          // Which kind of suppression hid a cell is never published.
          expect(res.body).not.toMatch(/suppressed_(primary|secondary)/);
        }
      }
    }
    expect(seen.has(200)).toBe(true);
  });

  it('rejects a bad request with the field and rule', async () => {
    const res = await h.request(
      'admin',
      'GET',
      '/api/evaluation/equity?from=2025-01-01&to=2024-01-01&by=model',
    );
    expect(res.statusCode).toBe(400);
    const issues = res.json<{ error: { details: { issues: { path: string; rule: string }[] } } }>().error
      .details.issues;
    expect(issues.map((i) => `${i.path}:${i.rule}`)).toEqual(['by:equity_dimension', 'to:not_before_from']);
  });
});
