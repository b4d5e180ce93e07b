import { describe, expect, it } from 'vitest';
import type { SchemeVersionView } from '../../domain/schemes/scheme-description.js';
import {
  escapeHtml,
  printable,
  renderTidierHtml,
  renderTidierPdf,
  tidierSections,
  type TidierPage,
} from './tidier-page.js';

const HOSTILE = `<script>alert("x")</script> & 'quotes'`;

const VIEW: SchemeVersionView = {
  schemeId: 's',
  schemeName: HOSTILE,
  regionId: 'r',
  regionName: 'Lothian',
  nation: 'scotland',
  versionId: 'v',
  versionNo: 1,
  validTo: null,
  deliveryModel: null,
  deliveryModelReason: null,
  organisations: { operator: null, employer: null, manager: null, commissioner: null, network: null },
  coverage: [],
  record: {
    validFrom: '2024-01-01',
    voice: null,
    checkedOn: null,
    tidier: { why: `${HOSTILE}\nsecond line`, brief_name: 'Ω ≠ – “ok”' },
    operatorOrgId: null,
    employerOrgId: null,
    managerOrgId: null,
    commissionerOrgId: null,
    networkOrgId: null,
    coverageOrgIds: [],
    ageRange: 'adults',
    minAge: 16,
    maxAge: null,
    specialism: null,
    sessionCap: 4,
    sessionCapMode: 'warn',
    keepsAtRisk: true,
    rereferralPolicy: 'after_interval',
    rereferralMinDays: 90,
    accompaniesFirstMeeting: null,
    homeVisits: null,
    exclusionNotes: 'No one in <crisis>',
    outcomeToolConsistency: null,
    acceptedRoutes: ['gp_practice', 'unlisted_code'],
    priorityGroups: [],
    exclusionCriteria: ['current_crisis'],
    dataSystems: [],
    dataRecorded: [],
    outcomeTools: [],
    fundingSources: [],
  },
};

const PAGE: TidierPage = {
  view: VIEW,
  history: [{ versionNo: 1, validFrom: '2024-01-01', validTo: null, deliveryModel: null }],
  labels: {
    referral_route: { gp_practice: 'GP practice staff (any role)' },
    nation: { scotland: 'Scotland' },
  },
  generatedOn: '2026-01-15',
};

describe('TIDieR page', () => {
  it('escapes every piece of text in the HTML', () => {
    expect(escapeHtml(HOSTILE)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;',
    );
    const html = renderTidierHtml(PAGE);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<h1>TIDieR description: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&amp; &#39;quotes&#39;<br>second line');
    expect(html).toContain('No one in &lt;crisis&gt;');
  });

  it('says what is missing and uses labels where it has them', () => {
    const rows = new Map(tidierSections(PAGE).flatMap((s) => s.rows));
    expect(rows.get('1. Brief name')).toBe('Ω ≠ – “ok”');
    expect(rows.get('3. What (materials)')).toBe('Not described');
    expect(rows.get('Delivery model')).toBe('Not classified');
    expect(rows.get('Employer')).toBe('Not recorded');
    expect(rows.get('Age range')).toBe('Adults only (16 to any age)');
    expect(rows.get('Referral routes accepted')).toBe('GP practice staff (any role); unlisted_code');
    expect(rows.get('Session cap')).toBe('4 sessions (warn when reached); people at risk kept on: Yes');
    expect(rows.get('Re-referral')).toBe('Allowed after an interval of 90 days');
    expect(rows.get('Exclusion criteria')).toBe('current_crisis\nNo one in <crisis>');
    expect(rows.get('Version 1')).toBe('2024-01-01 to now: not classified');
  });

  it('renders a PDF, replacing characters the standard fonts cannot print', async () => {
    const pdf = await renderTidierPdf(PAGE, { compress: false });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain(`(TIDieR description: <script>alert\\("x"\\)</script> & 'quotes')`);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(printable('Ω ≠ – “ok” café\tend\nnext')).toBe('? ? – “ok” café end\nnext');
  });
});
