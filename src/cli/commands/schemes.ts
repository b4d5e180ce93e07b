/**
 * `linkwork schemes ...`: scheme mapping from the command line, through the same services the API
 * will use (src/services/schemes).
 *
 * - `export [--out FILE] [--on DATE] [--region NAME]...`: the tidy CSV (one row per version);
 * - `import FILE [--dry-run] [--results FILE]`: load the CSV back, a result per row; exit 1 if any
 *   row was rejected;
 * - `classify --scheme ID [--on DATE] [--format text|json]`: the delivery model and why;
 * - `report [--by region] [--format text|csv|json] [--on DATE] [--counts-only]`: per-region model counts;
 * - `matrix [--by scheme|region] [--region R]... [--model M]... [--where attr=v1,v2]... [--format ...]`;
 * - `tidier --scheme ID --format html|pdf --out FILE [--version-no N]`: the printable TIDieR checklist.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { RegionModelRow } from '../../domain/schemes/region-report.js';
import {
  VARIATION_ATTRIBUTES,
  type MatrixFilters,
  type ModelKey,
  type VariationAttribute,
  type VariationMatrix,
} from '../../domain/schemes/variation-matrix.js';
import { isIsoDate } from '../../domain/validation.js';
import { csvText } from '../../services/schemes/csv-text.js';
import {
  exportSchemesCsv,
  importSchemesCsv,
  type ImportResult,
} from '../../services/schemes/scheme-csv.service.js';
import {
  classifyScheme,
  regionModelReport,
  variationMatrix,
  type SchemeClassification,
} from '../../services/schemes/scheme-mapping.service.js';
import { loadTidierPage, renderTidierHtml, renderTidierPdf } from '../../services/schemes/tidier-page.js';
import { withDb, type DbOptions } from '../context.js';
import { parseInteger } from '../parse.js';

/** Exit code when an import rejected at least one row. */
export const EXIT_ROWS_REJECTED = 1;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Parses `--on`: a real date YYYY-MM-DD. */
export function parseDate(option: string, raw: string): string {
  if (!isIsoDate(raw)) throw new InvalidArgumentError(`${option} must be a date YYYY-MM-DD (got "${raw}")`);
  return raw;
}

/** Parses `--model`: 1-4 or unclassified. */
export function parseModel(raw: string): ModelKey {
  const models: readonly ModelKey[] = ['1', '2', '3', '4', 'unclassified'];
  const found = models.find((m) => m === raw.trim());
  if (found === undefined) {
    throw new InvalidArgumentError(`--model must be 1, 2, 3, 4 or unclassified (got "${raw}")`);
  }
  return found;
}

/** Parses `--where attribute=v1,v2` options into matrix filters (OR within, AND across attributes). */
export function parseWhere(clauses: readonly string[]): Partial<Record<VariationAttribute, string[]>> {
  const where: Partial<Record<VariationAttribute, string[]>> = {};
  for (const clause of clauses) {
    const [name = '', values = ''] = clause.split('=', 2);
    const attribute = VARIATION_ATTRIBUTES.find((a) => a === name.trim());
    const wanted = values
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (attribute === undefined || wanted.length === 0) {
      throw new InvalidArgumentError(
        `--where must be attribute=value[,value] with attribute one of ${VARIATION_ATTRIBUTES.join(', ')} (got "${clause}")`,
      );
    }
    where[attribute] = [...(where[attribute] ?? []), ...wanted];
  }
  return where;
}

const modelName = (model: string): string => (model === 'unclassified' ? 'Unclassified' : `Model ${model}`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The per-region report as text. */
export function formatReportText(rows: readonly RegionModelRow[], on: string, countsOnly = false): string {
  const lines = [`Delivery models in force on ${on} (study 4.1.2: PCNs in England, HSCPs in Scotland)`, ''];
  for (const r of rows) {
    lines.push(`${r.regionName} (${r.nation}): ${plural(r.areas, r.areaLabel)}`);
    if (r.models.length === 0) lines.push('  no schemes described');
    for (const m of r.models) {
      lines.push(
        `  ${modelName(m.model).padEnd(13)} ${plural(m.areas, r.areaLabel).padStart(9)}  ${plural(m.schemes.length, 'scheme')}`,
      );
      if (!countsOnly) {
        for (const s of m.schemes) lines.push(`      ${s.name} (${plural(s.areas, r.areaLabel)}) ${s.id}`);
      }
    }
  }
  return lines.join('\n');
}

/** The per-region report as CSV: one row per region and model, with the schemes' names. */
export function formatReportCsv(rows: readonly RegionModelRow[]): string {
  return csvText(
    ['region', 'nation', 'model', 'areas', 'area_kind', 'schemes', 'scheme_names'],
    rows.flatMap((r) =>
      r.models.map((m) => [
        r.regionName,
        r.nation,
        m.model,
        String(m.areas),
        r.areaLabel,
        String(m.schemes.length),
        m.schemes.map((s) => s.name).join('; '),
      ]),
    ),
  );
}

const cellText = (counts: Readonly<Record<string, number>>, withCounts: boolean): string =>
  Object.entries(counts)
    .map(([value, n]) => (withCounts ? `${value} (${n})` : value))
    .join('; ');

/** The variation matrix as text: the totals, then each row (region rows in full, scheme rows by name). */
export function formatMatrixText(m: VariationMatrix, on: string): string {
  const width = Math.max(...m.attributes.map((a) => a.length));
  const block = (cells: VariationMatrix['totals']): string[] =>
    m.attributes.map((a) => `  ${a.padEnd(width)}  ${cellText(cells[a], true)}`);
  const lines = [
    `Variation matrix on ${on}: ${plural(m.schemes, 'scheme')} (counts are schemes with each value)`,
    '',
  ];
  lines.push('All', ...block(m.totals));
  if (m.by === 'region') {
    for (const r of m.rows) lines.push('', `${r.label} (${plural(r.schemes, 'scheme')})`, ...block(r.cells));
  } else {
    lines.push('', 'Schemes (use --format csv for every value of every scheme):');
    for (const r of m.rows) {
      lines.push(`  ${r.regionName} / ${r.label} (${modelName(r.model ?? 'unclassified')})`);
    }
  }
  return lines.join('\n');
}

/** The variation matrix as CSV: one row per scheme or region, one column per attribute, and a total row. */
export function formatMatrixCsv(m: VariationMatrix): string {
  const header =
    m.by === 'scheme' ? ['scheme_id', 'scheme', 'region', 'model'] : ['region_id', 'region', 'schemes'];
  return csvText(
    [...header, ...m.attributes],
    [
      ...m.rows.map((r) => [
        ...(m.by === 'scheme'
          ? [r.key, r.label, r.regionName, r.model ?? '']
          : [r.key, r.label, String(r.schemes)]),
        ...m.attributes.map((a) => cellText(r.cells[a], m.by === 'region')),
      ]),
      [
        ...(m.by === 'scheme' ? ['', 'TOTAL', '', ''] : ['', 'TOTAL', String(m.schemes)]),
        ...m.attributes.map((a) => cellText(m.totals[a], true)),
      ],
    ],
  );
}

/** Import results as CSV: one line per row, or per issue of a rejected row (field and rule). */
export function formatImportResultsCsv(result: ImportResult): string {
  return csvText(
    [
      'row',
      'status',
      'scheme_id',
      'scheme_name',
      'version_no',
      'delivery_model',
      'field',
      'rule',
      'message',
      'notes',
      'reason',
    ],
    result.rows.flatMap((r) => {
      const base = [
        String(r.row),
        r.status,
        r.schemeId ?? '',
        r.schemeName ?? '',
        r.versionNo === null ? '' : String(r.versionNo),
        r.deliveryModel ?? '',
      ];
      const tail = [r.notes.join(' | '), r.reason ?? ''];
      return r.issues.length === 0
        ? [[...base, '', '', '', ...tail]]
        : r.issues.map((i) => [...base, i.path, i.rule, i.message, ...tail]);
    }),
  );
}

/** Import results as text: a summary, then every row that was not unchanged. */
export function formatImportText(result: ImportResult): string {
  const c = result.counts;
  const lines = [
    `${plural(result.rows.length, 'row')}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected${
      result.dryRun ? ' (dry run: nothing was kept)' : ''
    }`,
  ];
  for (const r of result.rows) {
    if (r.status === 'unchanged' && r.notes.length === 0) continue;
    const what = `${r.schemeName ?? ''}${r.versionNo === null ? '' : ` v${r.versionNo}`}`;
    const model =
      r.status === 'rejected'
        ? ''
        : `, ${r.deliveryModel === null ? 'no model' : `Model ${r.deliveryModel}`}`;
    lines.push(`  row ${r.row} ${r.status}: ${what}${model}`);
    for (const i of r.issues) lines.push(`      ${i.path}: ${i.message} [${i.rule}]`);
    for (const n of r.notes) lines.push(`      ${n}`);
  }
  return lines.join('\n');
}

/** A classification as text. */
export function formatClassification(c: SchemeClassification): string {
  const v = c.view;
  const lines = [
    `${v.schemeName} (${v.regionName}), version ${v.versionNo} from ${v.record.validFrom}${v.validTo === null ? '' : ` to ${v.validTo}`}`,
  ];
  const k = c.classification;
  switch (k.kind) {
    case 'classified':
      lines.push(
        `Model ${k.model}`,
        k.reason,
        'Rules:',
        ...k.rules.map((r) => `  - ${r.statement} [${r.source}]`),
      );
      break;
    case 'ambiguous':
      lines.push(`Ambiguous: Model ${k.candidates.join(' or ')}`, k.reason);
      break;
    case 'unclassified':
      lines.push('Unclassified', k.reason);
      break;
  }
  if (!c.matchesStored) {
    lines.push(
      `Note: the stored model is ${v.deliveryModel ?? 'none'}; describe the scheme again to update it.`,
    );
  }
  return lines.join('\n');
}

const today = (): string => new Date().toISOString().slice(0, 10);

export function registerSchemesCommand(program: Command, dbOptions: () => DbOptions): void {
  const schemes = program
    .command('schemes')
    .description(
      'Scheme mapping: TIDieR descriptions, delivery models, variation (CSV export/import, reports)',
    );

  schemes
    .command('export')
    .description('Write every scheme version as a tidy CSV (one row per version, one column per variable)')
    .option(
      '--out <file>',
      'write to a file (with a UTF-8 byte-order mark for spreadsheets) instead of stdout',
    )
    .option('--on <date>', 'only the versions in force on this date', (v) => parseDate('--on', v))
    .option('--region <id>', 'only this region (id); repeatable', collect)
    .action(async (opts: { out?: string; on?: string; region?: string[] }) => {
      await withDb(dbOptions(), async (handle) => {
        const text = await exportSchemesCsv(handle.db, {
          bom: opts.out !== undefined,
          ...(opts.on === undefined ? {} : { on: opts.on }),
          ...(opts.region === undefined ? {} : { regionIds: opts.region }),
        });
        const rows = text.split('\r\n').length - 2;
        if (opts.out === undefined) {
          process.stdout.write(text);
        } else {
          await writeFile(opts.out, text, 'utf8');
          console.log(`Exported ${plural(rows, 'scheme version')} to ${opts.out}`);
        }
      });
    });

  schemes
    .command('import')
    .description(
      'Load scheme descriptions from CSV (the export format); a result per row; exit 1 if any row is rejected',
    )
    .argument('<file>', 'the CSV file')
    .option('--dry-run', 'check and apply the whole file in one transaction, then roll it back')
    .option('--results <file>', 'write the per-row results as CSV (one line per problem of a rejected row)')
    .action(async (file: string, opts: { dryRun?: boolean; results?: string }) => {
      const text = await readFile(file, 'utf8');
      const rejected = await withDb(dbOptions(), async (handle) => {
        const result = await importSchemesCsv(handle.db, text, { dryRun: opts.dryRun === true });
        console.log(formatImportText(result));
        if (opts.results !== undefined) {
          await writeFile(opts.results, formatImportResultsCsv(result), 'utf8');
          console.log(`Results written to ${opts.results}`);
        }
        return result.counts.rejected;
      });
      // Set after the database is closed: closing PGlite resets process.exitCode.
      if (rejected > 0) process.exitCode = EXIT_ROWS_REJECTED;
    });

  schemes
    .command('classify')
    .description("Derive a scheme's delivery model from its organisational facts, with the reason")
    .requiredOption('--scheme <id>', 'the scheme id')
    .option('--on <date>', 'classify the version in force on this date (default today)', (v) =>
      parseDate('--on', v),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts: { scheme: string; on?: string; format: 'text' | 'json' }) => {
      await withDb(dbOptions(), async (handle) => {
        const c = await classifyScheme(handle.db, opts.scheme, opts.on === undefined ? {} : { on: opts.on });
        console.log(
          opts.format === 'json'
            ? JSON.stringify(
                {
                  schemeId: c.view.schemeId,
                  schemeName: c.view.schemeName,
                  versionNo: c.view.versionNo,
                  storedModel: c.view.deliveryModel,
                  classification: c.classification,
                },
                null,
                2,
              )
            : formatClassification(c),
        );
      });
    });

  schemes
    .command('report')
    .description('Per region: how many PCNs/HSCPs use each delivery model, and which schemes')
    .addOption(new Option('--by <grouping>', 'group by').choices(['region']).default('region'))
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'csv', 'json']).default('text'),
    )
    .option('--on <date>', 'schemes in force on this date (default today)', (v) => parseDate('--on', v))
    .option('--counts-only', 'text format: leave out the scheme lists')
    .action(async (opts: { format: 'text' | 'csv' | 'json'; on?: string; countsOnly?: boolean }) => {
      const on = opts.on ?? today();
      await withDb(dbOptions(), async (handle) => {
        const rows = await regionModelReport(handle.db, { on });
        if (opts.format === 'json') console.log(JSON.stringify({ on, regions: rows }, null, 2));
        else if (opts.format === 'csv') process.stdout.write(formatReportCsv(rows));
        else console.log(formatReportText(rows, on, opts.countsOnly === true));
      });
    });

  schemes
    .command('matrix')
    .description('The variation matrix: schemes or regions by variation attribute, with counts')
    .addOption(new Option('--by <grouping>', 'rows').choices(['scheme', 'region']).default('scheme'))
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'csv', 'json']).default('text'),
    )
    .option('--region <name>', 'only this region (name or id); repeatable', collect)
    .option(
      '--model <model>',
      'only this model (1-4 or unclassified); repeatable',
      (v: string, p: ModelKey[] | undefined) => [...(p ?? []), parseModel(v)],
    )
    .option('--where <attribute=values>', 'only schemes with any of these values; repeatable (AND)', collect)
    .option('--on <date>', 'schemes in force on this date (default today)', (v) => parseDate('--on', v))
    .action(
      async (opts: {
        by: 'scheme' | 'region';
        format: 'text' | 'csv' | 'json';
        region?: string[];
        model?: ModelKey[];
        where?: string[];
        on?: string;
      }) => {
        const on = opts.on ?? today();
        const filters: MatrixFilters = {
          ...(opts.region === undefined ? {} : { regions: opts.region }),
          ...(opts.model === undefined ? {} : { models: opts.model }),
          ...(opts.where === undefined ? {} : { where: parseWhere(opts.where) }),
        };
        await withDb(dbOptions(), async (handle) => {
          const m = await variationMatrix(handle.db, { on, by: opts.by, filters });
          if (opts.format === 'json') console.log(JSON.stringify({ on, filters, ...m }, null, 2));
          else if (opts.format === 'csv') process.stdout.write(formatMatrixCsv(m));
          else console.log(formatMatrixText(m, on));
        });
      },
    );

  schemes
    .command('tidier')
    .description("Write a scheme's TIDieR checklist as a printable page (HTML or PDF)")
    .requiredOption('--scheme <id>', 'the scheme id')
    .addOption(new Option('--format <format>', 'page format').choices(['html', 'pdf']).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write')
    .option('--version-no <n>', 'this version (default: the one in force today)', (v) =>
      parseInteger('--version-no', v, 1, 32_767),
    )
    .action(async (opts: { scheme: string; format: 'html' | 'pdf'; out: string; versionNo?: number }) => {
      await withDb(dbOptions(), async (handle) => {
        const page = await loadTidierPage(
          handle.db,
          opts.scheme,
          opts.versionNo === undefined ? {} : { versionNo: opts.versionNo },
        );
        const content = opts.format === 'pdf' ? await renderTidierPdf(page) : renderTidierHtml(page);
        await writeFile(opts.out, content);
        console.log(
          `Wrote the TIDieR checklist of ${page.view.schemeName} (version ${page.view.versionNo}) to ${opts.out}`,
        );
      });
    });
}
