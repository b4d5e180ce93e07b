import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { SchemeVersionInput } from '../../domain/schemes/scheme-description.js';
import type { Database } from '../../db/database.js';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import {
  classifyScheme,
  describeScheme,
  listSchemeVersions,
  regionModelReport,
  variationMatrix,
} from './scheme-mapping.service.js';
import { loadTidierPage, renderTidierHtml, renderTidierPdf } from './tidier-page.js';

const TODAY = '2026-01-15';

async function org(
  db: Kysely<Database>,
  kind: string,
  name: string,
  nation: string,
  parent: string | null = null,
) {
  const row = await db
    .insertInto('organisation')
    .values({ kind, name, nation, parent_id: parent })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A small hand-built world: an English region with three PCNs, a Scottish one with two HSCPs. */
async function buildWorld(db: Kysely<Database>) {
  const shire = await org(db, 'region', 'Testshire', 'england');
  const icb = await org(db, 'icb', 'Testshire ICB', 'england', shire);
  const pcn = await Promise.all(
    ['Alpha PCN', 'Beta PCN', 'Gamma PCN'].map((n) => org(db, 'pcn', n, 'england', icb)),
  );
  const vcse = await org(db, 'vcse', 'Testshire Connect <Trust> & "Friends"', 'england', shire);
  const fed = await org(db, 'gp_federation', 'Testshire GP Federation', 'england', icb);
  const lothian = await org(db, 'region', 'Testlothian', 'scotland');
  const board = await org(db, 'health_board', 'NHS Testlothian', 'scotland', lothian);
  const hscp = await Promise.all(
    ['North HSCP', 'South HSCP'].map((n) => org(db, 'hscp', n, 'scotland', board)),
  );
  const vcseScot = await org(db, 'vcse', 'Testlothian Links', 'scotland', lothian);
  const network = await org(db, 'network', 'City SPLW Network', 'scotland', board);
  return {
    shire,
    icb,
    pcn: pcn as [string, string, string],
    vcse,
    fed,
    lothian,
    hscp: hscp as [string, string],
    vcseScot,
    network,
  };
}

const BASE: SchemeVersionInput = {
  validFrom: '2022-04-01',
  voice: 'PCN social prescribing lead',
  checkedOn: '2022-05-10',
  tidier: { brief_name: 'Alpha link workers', why: 'Connect people to community support' },
  ageRange: 'adults',
  minAge: 18,
  acceptedRoutes: ['gp_practice', 'self_referral'],
  specialism: 'generic',
  sessionCap: 6,
  keepsAtRisk: false,
  rereferralPolicy: 'allowed',
  accompaniesFirstMeeting: 'if_needed',
  homeVisits: true,
  dataSystems: ['elemental'],
  dataRecorded: ['referral_numbers', 'age'],
  outcomeTools: ['ons4'],
  outcomeToolConsistency: 'sporadic',
  fundingSources: ['arrs'],
};

describe.each(TEST_ENGINES)('[%s] scheme mapping services', (engine) => {
  let db: TestDb;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let alphaId = '';

  beforeAll(async () => {
    db = await openTestDb(engine);
    w = await buildWorld(db.db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates a scheme with version 1 and derives Model 3 with the reason', async () => {
    const r = await describeScheme(
      db.db,
      {
        name: 'Alpha social prescribing',
        regionId: w.shire,
        version: {
          ...BASE,
          employerOrgId: w.vcse,
          managerOrgId: w.vcse,
          commissionerOrgId: w.pcn[0],
          coverageOrgIds: [w.pcn[0]],
        },
      },
      { today: TODAY },
    );
    alphaId = r.schemeId;
    expect(r).toMatchObject({ createdScheme: true, versionNo: 1, validFrom: '2022-04-01', previous: null });
    expect(r.classification).toMatchObject({ kind: 'classified', model: 3 });
    const [v1] = await listSchemeVersions(db.db, alphaId);
    expect(v1).toMatchObject({ deliveryModel: '3', validTo: null, schemeName: 'Alpha social prescribing' });
    expect(v1?.deliveryModelReason).toMatch(/^Model 3: a VCSE employs the link workers/);
  });

  it('adds a version that closes the previous one the day before (the PCN that moved from Model 3 to Model 1)', async () => {
    const r = await describeScheme(
      db.db,
      {
        schemeId: alphaId,
        version: {
          ...BASE,
          validFrom: '2023-10-01',
          employerOrgId: w.pcn[0],
          managerOrgId: w.pcn[0],
          coverageOrgIds: [w.pcn[0]],
          tidier: { ...BASE.tidier, modifications: 'Brought in house for more "ownership" of the role' },
        },
      },
      { today: TODAY },
    );
    expect(r).toMatchObject({
      createdScheme: false,
      versionNo: 2,
      previous: { versionNo: 1, validTo: '2023-09-30' },
    });
    expect(r.classification).toMatchObject({ kind: 'classified', model: 1 });
    const versions = await listSchemeVersions(db.db, alphaId);
    expect(versions.map((v) => [v.versionNo, v.record.validFrom, v.validTo, v.deliveryModel])).toEqual([
      [1, '2022-04-01', '2023-09-30', '3'],
      [2, '2023-10-01', null, '1'],
    ]);
    const c = await classifyScheme(db.db, alphaId, { today: TODAY });
    expect(c).toMatchObject({ matchesStored: true, classification: { kind: 'classified', model: 1 } });
    expect(c.view.versionNo).toBe(2);
    // On a date in the first version, the first version (Model 3) is the one in force.
    expect((await classifyScheme(db.db, alphaId, { on: '2022-12-01' })).view.versionNo).toBe(1);
  });

  it('refuses a version that does not start after the latest one, and reports every problem', async () => {
    await expect(
      describeScheme(db.db, {
        schemeId: alphaId,
        version: { ...BASE, validFrom: '2023-10-01', coverageOrgIds: [w.pcn[0]] },
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'validFrom', rule: 'after_previous_version' }] },
    });
    const error: unknown = await describeScheme(db.db, {
      name: '',
      regionId: w.icb,
      version: { ...BASE, acceptedRoutes: ['carrier_pigeon'], networkOrgId: w.vcse, coverageOrgIds: [] },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed' });
    const issues = (error as { details: { issues: { path: string; rule: string }[] } }).details.issues;
    expect(issues.map((i) => `${i.path}:${i.rule}`).sort()).toEqual([
      'acceptedRoutes[0]:unknown_code',
      'coverageOrgIds:required',
      'name:required',
      'networkOrgId:org_kind',
      'regionId:exists',
    ]);
    await expect(
      describeScheme(db.db, { schemeId: '00000000-0000-4000-8000-000000000000', version: BASE }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(classifyScheme(db.db, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(listSchemeVersions(db.db, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('stores ambiguous and unclassified descriptions with their reasons and no model', async () => {
    const ambiguous = await describeScheme(
      db.db,
      {
        name: 'North links',
        regionId: w.lothian,
        version: {
          ...BASE,
          ageRange: 'adults',
          minAge: 16,
          acceptedRoutes: ['gp_practice'],
          fundingSources: ['pcif'],
          employerOrgId: w.vcseScot,
          managerOrgId: w.vcseScot,
          commissionerOrgId: w.hscp[0],
          networkOrgId: w.network,
          coverageOrgIds: [w.hscp[0]],
        },
      },
      { today: TODAY },
    );
    expect(ambiguous.classification).toMatchObject({ kind: 'ambiguous', candidates: [3, 4] });
    const [stored] = await listSchemeVersions(db.db, ambiguous.schemeId);
    expect(stored?.deliveryModel).toBeNull();
    expect(stored?.deliveryModelReason).toMatch(/^Ambiguous: Fits Models 3 and 4/);
    // The network takes on line management: Model 4 (Lothian's largest HSCP).
    const fixed = await describeScheme(
      db.db,
      {
        schemeId: ambiguous.schemeId,
        version: {
          ...BASE,
          validFrom: '2023-01-01',
          minAge: 16,
          acceptedRoutes: ['gp_practice'],
          fundingSources: ['pcif'],
          employerOrgId: w.vcseScot,
          managerOrgId: w.network,
          commissionerOrgId: w.hscp[0],
          networkOrgId: w.network,
          coverageOrgIds: [w.hscp[0]],
        },
      },
      { today: TODAY },
    );
    expect(fixed.classification).toMatchObject({ kind: 'classified', model: 4 });
    const unclassified = await describeScheme(
      db.db,
      {
        name: 'South links',
        regionId: w.lothian,
        version: { ...BASE, minAge: 16, coverageOrgIds: [w.hscp[1]] },
      },
      { today: TODAY },
    );
    expect(unclassified.classification.kind).toBe('unclassified');
  });

  it('reports per region how many PCNs/HSCPs use each model, and which schemes', async () => {
    await describeScheme(
      db.db,
      {
        name: 'Federation link workers',
        regionId: w.shire,
        version: {
          ...BASE,
          employerOrgId: w.fed,
          managerOrgId: w.fed,
          commissionerOrgId: w.fed,
          coverageOrgIds: [w.pcn[1], w.pcn[2]],
        },
      },
      { today: TODAY },
    );
    const report = await regionModelReport(db.db, { today: TODAY });
    expect(
      report.map((r) => [
        r.regionName,
        r.areaLabel,
        r.areas,
        r.models.map((m) => `M${m.model}:${m.areas}`).join(' '),
      ]),
    ).toEqual([
      ['Testlothian', 'HSCP', 2, 'M4:1 Munclassified:1'],
      ['Testshire', 'PCN', 3, 'M1:1 M2:2'],
    ]);
    expect(report[1]?.models[1]?.schemes).toEqual([
      { id: expect.any(String) as unknown, name: 'Federation link workers', areas: 2 },
    ]);
    // On 2022-12-01 Alpha was still Model 3 (its Model 1 version starts 2023-10-01).
    const before = await regionModelReport(db.db, { on: '2022-12-01' });
    expect(before[1]?.models.map((m) => `M${m.model}:${m.areas}`)).toEqual(['M2:2', 'M3:1']);
  });

  it('builds the variation matrix with counts, by scheme and by region, with filters', async () => {
    const byScheme = await variationMatrix(db.db, { today: TODAY });
    expect(byScheme.rows.map((r) => [r.regionName, r.label, r.model])).toEqual([
      ['Testlothian', 'North links', '4'],
      ['Testlothian', 'South links', 'unclassified'],
      ['Testshire', 'Alpha social prescribing', '1'],
      ['Testshire', 'Federation link workers', '2'],
    ]);
    expect(byScheme.totals.accepted_routes).toEqual({ gp_practice: 4, self_referral: 3 });
    expect(byScheme.totals.funding_sources).toEqual({ arrs: 3, pcif: 1 });
    const byRegion = await variationMatrix(db.db, { today: TODAY, by: 'region' });
    expect(byRegion.rows.map((r) => [r.label, r.schemes, r.cells.accepted_routes])).toEqual([
      ['Testlothian', 2, { gp_practice: 2, self_referral: 1 }],
      ['Testshire', 2, { gp_practice: 2, self_referral: 2 }],
    ]);
    const filtered = await variationMatrix(db.db, {
      today: TODAY,
      filters: { regions: ['Testshire'], models: ['1', '2'], where: { session_cap: ['6'] } },
    });
    expect(filtered.schemes).toBe(2);
    expect(filtered.totals.session_cap).toEqual({ '6': 2 });
  });

  it('renders the TIDieR checklist as escaped HTML and as a PDF', async () => {
    const page = await loadTidierPage(db.db, alphaId, { versionNo: 1, today: TODAY });
    const html = renderTidierHtml(page);
    expect(html).toContain('<title>TIDieR description: Alpha social prescribing</title>');
    expect(html).toContain(
      'Testshire Connect &lt;Trust&gt; &amp; &quot;Friends&quot; (Voluntary, community or social',
    );
    expect(html).not.toContain('<Trust>');
    expect(html).toContain('<th scope="row">10. Modifications</th><td>Not described</td>');
    expect(html).toContain('Model 3: subcontracted to a VCSE with PCN/HSCP oversight');
    expect(html).toContain('Version 2</th><td>2023-10-01 to now: Model 1');
    const current = await loadTidierPage(db.db, alphaId, { today: TODAY });
    expect(renderTidierHtml(current)).toContain(
      'Brought in house for more &quot;ownership&quot; of the role',
    );
    const pdf = await renderTidierPdf(current);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    await expect(loadTidierPage(db.db, alphaId, { versionNo: 9 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(loadTidierPage(db.db, w.icb)).rejects.toMatchObject({ code: 'not_found' });
  });
});
