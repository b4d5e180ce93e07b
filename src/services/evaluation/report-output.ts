// A published (disclosure-controlled) report as CSV, XLSX, printable HTML and PDF. Only protected
// cells' display text is written, so nothing here can leak a suppressed value. Every format carries
// the disclosure note, and "NOT FOR PUBLICATION" when the report is unprotected.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { DIMENSION_LABELS } from '../../domain/evaluation/metrics.js';
import { escapeHtml } from '../schemes/tidier-page.js';
import type { PublishedReport, PublishedTable } from './disclosure.service.js';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

function title(r: PublishedReport): string {
  return `Linkwork evaluation: ${r.set}, ${r.from} to ${r.to}${r.by.length > 0 ? `, by ${r.by.map((d) => DIMENSION_LABELS[d]).join(' and ')}` : ''}`;
}

function headerOf(t: PublishedTable): string[] {
  return [
    ...t.dimensions.map((d) => DIMENSION_LABELS[d]),
    ...(t.rows.some((r) => r.measure !== null) ? ['Measure'] : []),
    ...t.columns.map((c) => c.label),
    'Warnings',
  ];
}

function linesOf(t: PublishedTable): string[][] {
  const withMeasure = t.rows.some((r) => r.measure !== null);
  return t.rows.map((r) => [
    ...t.dimensions.map((_, i) => r.labels[i] ?? ''),
    ...(withMeasure ? [r.measure ?? ''] : []),
    ...t.columns.map((c) => r.cells[c.key]?.display ?? '-'),
    r.warnings.map((w) => w.message).join('; '),
  ]);
}

function notes(r: PublishedReport): string[] {
  return [
    ...(r.disclosure.notForPublication ? ['NOT FOR PUBLICATION'] : []),
    `Disclosure control: ${r.disclosure.name}. ${r.disclosure.note}`,
    `Scope: ${r.scopeNote}. Generated ${r.generatedAt}. Metric definitions: docs/metrics.md.`,
  ];
}

/** CSV: each table under a title line, then the notes. Spreadsheet-safe (formula-looking text quoted). */
export function reportToCsv(r: PublishedReport): string {
  const rows: string[][] = [[title(r)]];
  for (const t of r.tables) {
    rows.push([], [t.title], headerOf(t), ...linesOf(t));
  }
  rows.push([], ...notes(r).map((n) => [n]));
  // A cell starting with = + - @ would be run as a formula by spreadsheets: prefix with '.
  const safe = rows.map((line) =>
    line.map((v) => (/^[=+\-@]/.test(v) && !/^-?\d/.test(v) && v !== '-' ? `'${v}` : v)),
  );
  return stringify(safe);
}

/** XLSX: one sheet per table, and an "About" sheet with the notes. */
export async function reportToXlsx(r: PublishedReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linkwork';
  wb.created = new Date(r.generatedAt);
  const about = wb.addWorksheet('About');
  about.addRow([title(r)]).font = { bold: true };
  for (const n of notes(r)) about.addRow([n]);
  about.getColumn(1).width = 120;
  for (const t of r.tables) {
    const ws = wb.addWorksheet(t.id.slice(0, 31));
    ws.addRow([t.title]).font = { bold: true };
    if (r.disclosure.notForPublication) {
      ws.addRow(['NOT FOR PUBLICATION']).font = { bold: true, color: { argb: 'FFD5281B' } };
    }
    ws.addRow(headerOf(t)).font = { bold: true };
    for (const line of linesOf(t)) ws.addRow(line);
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A printable HTML page (no scripts), for a scheme's or a region's report. */
export function reportToHtml(r: PublishedReport): string {
  const tables = r.tables
    .map(
      (t) => `<section>
<h2>${escapeHtml(t.title)}</h2>
<table>
<thead><tr>${headerOf(t)
        .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
        .join('')}</tr></thead>
<tbody>
${linesOf(t)
  .map(
    (line, i) =>
      `<tr${t.rows[i]?.level === 'total' ? ' class="total"' : ''}>${line.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title(r))}</title>
<style>
body { font-family: Arial, sans-serif; color: #212b32; margin: 2rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; color: #005eb8; margin-top: 2rem; }
table { border-collapse: collapse; font-size: 0.8rem; }
th, td { border: 1px solid #aeb7bd; padding: 0.2rem 0.4rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr.total td { font-weight: bold; }
.warning { color: #d5281b; font-weight: bold; }
@media print { body { margin: 0; } section { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${escapeHtml(title(r))}</h1>
${r.disclosure.notForPublication ? '<p class="warning">NOT FOR PUBLICATION</p>' : ''}
${tables}
<footer>${notes(r)
    .map((n) => `<p>${escapeHtml(n)}</p>`)
    .join('')}</footer>
</body>
</html>
`;
}

/** The same report as a PDF (tables as text rows; A4 landscape). */
export function reportToPdf(r: PublishedReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: title(r), Creator: 'Linkwork' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  const width = doc.page.width - 72;
  doc.font('Helvetica-Bold').fontSize(14).text(title(r), { width });
  if (r.disclosure.notForPublication) {
    doc.fillColor('#d5281b').text('NOT FOR PUBLICATION').fillColor('#212b32');
  }
  for (const t of r.tables) {
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor('#005eb8')
      .text(t.title, { width })
      .fillColor('#212b32');
    const header = headerOf(t);
    doc.font('Helvetica-Bold').fontSize(7).text(header.join('  |  '), { width });
    doc.font('Helvetica').fontSize(7);
    for (const line of linesOf(t)) doc.text(line.join('  |  '), { width });
  }
  doc.moveDown(1).font('Helvetica').fontSize(8);
  for (const n of notes(r)) doc.text(n, { width });
  doc.end();
  return done;
}
