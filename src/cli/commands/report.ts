/**
 * `linkwork report <metric-set> [--by DIM]... --from DATE --to DATE [--format text|csv|xlsx|json|html|pdf]
 * [--out FILE] [--scheme ID]... [--region ID]... [--model M]... [--disclosure POLICY]`: the evaluation
 * reports of the API, from the command line (issue #8 point 5). Whoever runs the CLI holds the
 * database, so every scheme is in scope; output still passes disclosure control (NHS England preset
 * by default), and `--disclosure none` output is marked "not for publication".
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { DISCLOSURE_POLICY_IDS, type DisclosurePolicyId } from '../../domain/evaluation/disclosure.js';
import { DIMENSIONS, METRIC_SETS } from '../../domain/evaluation/metrics.js';
import { protectReport, type PublishedReport } from '../../services/evaluation/disclosure.service.js';
import { pendingFactReferrals, runReport } from '../../services/evaluation/evaluation.service.js';
import {
  reportToCsv,
  reportToHtml,
  reportToPdf,
  reportToXlsx,
} from '../../services/evaluation/report-output.js';
import { withDb, type DbOptions } from '../context.js';
import { parseInteger } from '../parse.js';
import { parseDate } from './schemes.js';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const FORMATS = ['text', 'csv', 'xlsx', 'json', 'html', 'pdf'] as const;

interface ReportOptions {
  by?: string[];
  from: string;
  to: string;
  format: (typeof FORMATS)[number];
  out?: string;
  scheme?: string[];
  region?: string[];
  model?: string[];
  disclosure: DisclosurePolicyId;
  lightMax?: number;
  shortMax?: number;
}

/** The report as aligned text columns, for a terminal. */
export function reportToText(r: PublishedReport): string {
  const out: string[] = [];
  if (r.disclosure.notForPublication) out.push('NOT FOR PUBLICATION');
  for (const t of r.tables) {
    out.push('', t.title);
    const withMeasure = t.rows.some((x) => x.measure !== null);
    const header = [...t.dimensions, ...(withMeasure ? ['measure'] : []), ...t.columns.map((c) => c.key)];
    const lines = t.rows.map((x) => [
      ...t.dimensions.map((_, i) => x.labels[i] ?? ''),
      ...(withMeasure ? [x.measure ?? ''] : []),
      ...t.columns.map((c) => x.cells[c.key]?.display ?? '-'),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
    const fmt = (l: readonly string[]): string =>
      l
        .map((v, i) => v.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    out.push(fmt(header), ...lines.map(fmt));
  }
  out.push('', `Disclosure control: ${r.disclosure.name}. ${r.disclosure.note}`);
  return `${out.join('\n')}\n`;
}

export function registerReportCommand(program: Command, dbOptions: () => DbOptions): void {
  program
    .command('report')
    .description('evaluation report: a metric set grouped by up to two dimensions, with disclosure control')
    .addArgument(
      program.createArgument('<metric-set>', `one of ${METRIC_SETS.join(', ')}`).choices(METRIC_SETS),
    )
    .addOption(
      new Option('--by <dimension>', 'group by (repeat for two)').choices(DIMENSIONS).argParser(collect),
    )
    .requiredOption('--from <date>', 'first referral date (YYYY-MM-DD)', (v) => parseDate('--from', v))
    .requiredOption('--to <date>', 'last referral date (YYYY-MM-DD, inclusive)', (v) => parseDate('--to', v))
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--out <file>', 'write to a file instead of standard output (needed for xlsx and pdf)')
    .option('--scheme <id>', 'only this scheme (repeatable)', collect)
    .option('--region <id>', 'only this region (repeatable)', collect)
    .option('--model <m>', 'only this delivery model 1-4 (repeatable)', collect)
    .addOption(
      new Option('--disclosure <policy>', 'disclosure control preset')
        .choices(DISCLOSURE_POLICY_IDS)
        .default('nhs-england'),
    )
    .option('--light-max <n>', 'most contacts of a light-touch episode (default 1)', (v) =>
      parseInteger('--light-max', v, 1, 1000),
    )
    .option('--short-max <n>', 'most contacts of a short episode (default 6)', (v) =>
      parseInteger('--short-max', v, 2, 1000),
    )
    .action(async (set: string, opts: ReportOptions) => {
      if ((opts.format === 'xlsx' || opts.format === 'pdf') && opts.out === undefined) {
        throw new Error(`--format ${opts.format} needs --out FILE`);
      }
      await withDb(dbOptions(), async (handle) => {
        // After a bulk load or import the first report rebuilds many referrals' facts: say so.
        const pending = await pendingFactReferrals(handle);
        if (pending >= 10_000) {
          process.stderr.write(
            `Updating the evaluation facts of ${pending.toLocaleString('en-GB')} referrals first (once, after new data)...\n`,
          );
        }
        const report = await runReport(
          handle,
          {
            set,
            from: opts.from,
            to: opts.to,
            ...(opts.by === undefined ? {} : { by: opts.by }),
            ...(opts.lightMax === undefined ? {} : { lightMax: opts.lightMax }),
            ...(opts.shortMax === undefined ? {} : { shortMax: opts.shortMax }),
          },
          {
            ...(opts.scheme === undefined ? {} : { schemeIds: opts.scheme }),
            ...(opts.region === undefined ? {} : { regionIds: opts.region }),
            ...(opts.model === undefined ? {} : { models: opts.model }),
          },
          'all schemes (command line)',
        );
        const published = protectReport(report, opts.disclosure);
        const body: string | Buffer =
          opts.format === 'json'
            ? `${JSON.stringify(published, null, 2)}\n`
            : opts.format === 'csv'
              ? reportToCsv(published)
              : opts.format === 'xlsx'
                ? await reportToXlsx(published)
                : opts.format === 'html'
                  ? reportToHtml(published)
                  : opts.format === 'pdf'
                    ? await reportToPdf(published)
                    : reportToText(published);
        if (opts.out === undefined) process.stdout.write(body);
        else {
          await writeFile(opts.out, body);
          console.error(
            `Wrote ${opts.out} (${published.tables.length} table(s), ${published.disclosure.name})`,
          );
        }
      });
    });
}
