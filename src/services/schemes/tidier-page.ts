// The TIDieR checklist of one scheme version as a printable page, in HTML and PDF: the twelve
// TIDieR items (Hoffmann et al. 2014, BMJ 348:g1687), who described the scheme ("voice") and when it
// was checked with the service (study 3.2, 7.2), the delivery model with its reason (4.1.1), the
// organisations and the variation attributes (4.3-4.6). Both formats render one content model, so
// they always say the same thing. Every piece of text is escaped (HTML) or made printable (PDF).
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import { DomainError } from '../../domain/errors.js';
import {
  TIDIER_ITEMS,
  type OrgRole,
  type SchemeVersionView,
} from '../../domain/schemes/scheme-description.js';
import type { Database } from '../../db/database.js';
import { listReferenceCodes } from '../reference/reference.service.js';
import { isoToday, loadVersionViews } from './scheme-store.js';

/** Everything the page shows. */
export interface TidierPage {
  readonly view: SchemeVersionView;
  /** Every version of the scheme, oldest first (the page lists the history). */
  readonly history: readonly {
    readonly versionNo: number;
    readonly validFrom: string;
    readonly validTo: string | null;
    readonly deliveryModel: string | null;
  }[];
  /** Reference list -> code -> label. */
  readonly labels: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly generatedOn: string;
}

/**
 * Loads the TIDieR page of a scheme: version `versionNo`, or the version in force on `on` (default
 * today), or else the latest. `not_found` when there is no such scheme or version.
 */
export async function loadTidierPage(
  db: Kysely<Database>,
  schemeId: string,
  options: { readonly versionNo?: number; readonly on?: string; readonly today?: string } = {},
): Promise<TidierPage> {
  const today = options.today ?? isoToday();
  const views = await loadVersionViews(db, { schemeIds: [schemeId] });
  const on = options.on ?? today;
  const view =
    options.versionNo === undefined
      ? (views.find((v) => v.record.validFrom <= on && (v.validTo === null || v.validTo >= on)) ??
        views.at(-1))
      : views.find((v) => v.versionNo === options.versionNo);
  if (view === undefined) {
    throw new DomainError(
      'not_found',
      options.versionNo === undefined ? 'No scheme with that id' : 'No such version',
    );
  }
  const lists = await listReferenceCodes(db);
  const labels = Object.fromEntries(
    Object.entries(lists).map(([list, rows]) => [
      list,
      Object.fromEntries(rows.map((r) => [r.code, r.label])),
    ]),
  );
  return {
    view,
    history: views.map((v) => ({
      versionNo: v.versionNo,
      validFrom: v.record.validFrom,
      validTo: v.validTo,
      deliveryModel: v.deliveryModel,
    })),
    labels,
    generatedOn: today,
  };
}

/** A section of the page: a title and label/value rows (values are plain text, possibly multi-line). */
export interface PageSection {
  readonly title: string;
  readonly rows: readonly (readonly [label: string, value: string])[];
}

const NOT_DESCRIBED = 'Not described';
const NOT_RECORDED = 'Not recorded';

const ENUM_LABELS: Readonly<Record<string, string>> = {
  adults: 'Adults only',
  all_ages: 'All ages',
  children: 'Children and young people',
  generic: 'Generic',
  specialist: 'Specialist',
  allowed: 'Allowed',
  after_interval: 'Allowed after an interval',
  not_allowed: 'Not allowed',
  routinely: 'Routinely',
  if_needed: 'If needed',
  last_resort: 'As a last resort',
  no: 'No',
  none: 'None',
  sporadic: 'Sporadically',
  occasional: 'Occasionally',
  systematic: 'Systematically',
  warn: 'warn when reached',
  block: 'block further sessions',
};

/** The page's content, in order: the scheme, the TIDieR checklist, organisations, variation, history. */
export function tidierSections(page: TidierPage): PageSection[] {
  const { view } = page;
  const r = view.record;
  const label = (list: string, code: string): string => page.labels[list]?.[code] ?? code;
  const codes = (list: string, values: readonly string[]): string =>
    values.length === 0 ? 'None' : values.map((c) => label(list, c)).join('; ');
  const value = (v: string | null): string => (v === null ? NOT_RECORDED : (ENUM_LABELS[v] ?? v));
  const yesNo = (v: boolean | null): string => (v === null ? NOT_RECORDED : v ? 'Yes' : 'No');
  const model = view.deliveryModel === null ? 'Not classified' : label('delivery_model', view.deliveryModel);
  const ages =
    r.minAge === null && r.maxAge === null
      ? value(r.ageRange)
      : `${value(r.ageRange)} (${r.minAge ?? 0} to ${r.maxAge === null ? 'any age' : String(r.maxAge)})`;
  const cap =
    r.sessionCap === null
      ? 'No limit'
      : `${r.sessionCap} sessions (${value(r.sessionCapMode)}); people at risk kept on: ${yesNo(r.keepsAtRisk)}`;
  const rereferral =
    r.rereferralPolicy === 'after_interval' && r.rereferralMinDays !== null
      ? `${value(r.rereferralPolicy)} of ${r.rereferralMinDays} days`
      : value(r.rereferralPolicy);
  const org = (role: OrgRole): string => {
    const o = view.organisations[role];
    return o === null ? NOT_RECORDED : `${o.name} (${label('org_kind', o.kind)})`;
  };
  return [
    {
      title: 'Scheme',
      rows: [
        ['Scheme', view.schemeName],
        ['Region', `${view.regionName} (${label('nation', view.nation)})`],
        [
          'Version',
          `${view.versionNo}, from ${r.validFrom}${view.validTo === null ? ' (current)' : ` to ${view.validTo}`}`,
        ],
        ['Voice (who described it)', r.voice ?? NOT_RECORDED],
        ['Checked with the service on', r.checkedOn ?? 'Not yet checked'],
        ['Delivery model', model],
        ['Why this model', view.deliveryModelReason ?? NOT_RECORDED],
      ],
    },
    {
      title: 'TIDieR checklist',
      rows: TIDIER_ITEMS.map(([item, title]) => [title, r.tidier[item] ?? NOT_DESCRIBED] as const),
    },
    {
      title: 'Organisations',
      rows: [
        ['Operator', org('operator')],
        ['Employer', org('employer')],
        ['Line manager', org('manager')],
        ['Commissioner', org('commissioner')],
        ['Coordinating network', org('network')],
        [
          'Serves',
          view.coverage.length === 0
            ? NOT_RECORDED
            : view.coverage.map((o) => `${o.name} (${label('org_kind', o.kind)})`).join('; '),
        ],
      ],
    },
    {
      title: 'Variation attributes',
      rows: [
        ['Age range', ages],
        ['Referral routes accepted', codes('referral_route', r.acceptedRoutes)],
        ['Priority groups', codes('priority_group', r.priorityGroups)],
        ['Generic or specialist', value(r.specialism)],
        ['Session cap', cap],
        ['Re-referral', rereferral],
        ['Accompanies to first VCSE meeting', value(r.accompaniesFirstMeeting)],
        ['Home visits', yesNo(r.homeVisits)],
        [
          'Exclusion criteria',
          `${codes('exclusion_criterion', r.exclusionCriteria)}${r.exclusionNotes === null ? '' : `\n${r.exclusionNotes}`}`,
        ],
        ['Data systems', codes('data_system', r.dataSystems)],
        ['Data recorded', codes('data_item', r.dataRecorded)],
        ['Outcome tools', codes('outcome_tool', r.outcomeTools)],
        ['Outcome tools used', value(r.outcomeToolConsistency)],
        ['Funding sources', codes('funding_source', r.fundingSources)],
      ],
    },
    {
      title: 'Version history',
      rows: page.history.map(
        (h) =>
          [
            `Version ${h.versionNo}`,
            `${h.validFrom} to ${h.validTo ?? 'now'}: ${
              h.deliveryModel === null ? 'not classified' : label('delivery_model', h.deliveryModel)
            }`,
          ] as const,
      ),
    },
  ];
}

const FOOTER = (page: TidierPage): string =>
  `Generated by Linkwork on ${page.generatedOn}. TIDieR: Hoffmann et al. 2014, BMJ 348:g1687. Delivery models: ` +
  'the typology of SPLW schemes in five regions of England and Scotland (section 4.1.1).';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const multiline = (text: string): string => escapeHtml(text).replace(/\r?\n/g, '<br>');

/** The page as a self-contained HTML document (no scripts, no external resources), print-ready. */
export function renderTidierHtml(page: TidierPage): string {
  const title = `TIDieR description: ${page.view.schemeName}`;
  const sections = tidierSections(page)
    .map(
      (s) =>
        `<section>\n<h2>${escapeHtml(s.title)}</h2>\n<table>\n${s.rows
          .map(
            ([label, value]) =>
              `<tr><th scope="row">${escapeHtml(label)}</th><td>${multiline(value)}</td></tr>`,
          )
          .join('\n')}\n</table>\n</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #212b32; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 18pt; margin-bottom: 0.5rem; }
h2 { font-size: 13pt; border-bottom: 2px solid #005eb8; padding-bottom: 0.2rem; margin-top: 1.5rem; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid #d8dde0; }
th { width: 30%; font-weight: bold; }
footer { margin-top: 2rem; font-size: 9pt; color: #4c6272; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${sections}
<footer>${escapeHtml(FOOTER(page))}</footer>
</body>
</html>
`;
}

// The PDF standard fonts encode text as Windows-1252 (WinAnsi): keep those characters, turn common
// typographic ones into their nearest equivalent and anything else into "?", so nothing prints as
// garbage. (Embedding a Unicode font would lift this; the page is English text and names.)
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Text the PDF standard fonts can print (Windows-1252), other characters as "?". */
export function printable(text: string): string {
  return Array.from(text.normalize('NFC'))
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      if (
        c === '\n' ||
        (code >= 0x20 && code <= 0x7e) ||
        (code >= 0xa0 && code <= 0xff) ||
        WIN_ANSI_EXTRA.has(c)
      ) {
        return c;
      }
      return c === '\t' ? ' ' : '?';
    })
    .join('');
}

/** The page as a PDF (A4, standard Helvetica), resolved when the document is complete. */
export function renderTidierPdf(
  page: TidierPage,
  options: { readonly compress?: boolean } = {},
): Promise<Buffer> {
  const title = `TIDieR description: ${page.view.schemeName}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: options.compress ?? true,
    info: {
      Title: printable(title),
      Creator: 'Linkwork',
      CreationDate: new Date(`${page.generatedOn}T00:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  const width = doc.page.width - 100;
  doc.font('Helvetica-Bold').fontSize(16).text(printable(title), { width });
  for (const section of tidierSections(page)) {
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor('#005eb8')
      .text(printable(section.title), { width });
    doc.fillColor('#212b32');
    for (const [label, value] of section.rows) {
      doc.moveDown(0.3).font('Helvetica-Bold').fontSize(9.5).text(printable(label), { width });
      doc.font('Helvetica').fontSize(9.5).text(printable(value), { width });
    }
  }
  doc
    .moveDown(1)
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#4c6272')
    .text(printable(FOOTER(page)), { width });
  doc.end();
  return done;
}
