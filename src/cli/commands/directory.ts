/**
 * `linkwork directory import FILE | --feed URL [--source NAME] [--dry-run] [--results FILE]`:
 * load community services from an Open Referral UK / HSDS 3.0 file or live feed into the
 * directory used for signposting (issue #9 point 5). Per-service results go to the results file
 * (CSV); the summary to standard error; exit 1 when any service was rejected.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import {
  importHsdsServices,
  readHsdsFeed,
  servicesInDocument,
  type DirectoryImportSummary,
} from '../../services/directory/hsds-import.service.js';
import { withDb, type DbOptions } from '../context.js';
import { progressBar } from '../progress.js';

export const EXIT_SERVICES_REJECTED = 1;

export function resultsCsv(summary: DirectoryImportSummary): string {
  return stringify([
    ['index', 'id', 'name', 'outcome', 'issues'],
    ...summary.results.map((r) => [
      String(r.index),
      r.id ?? '',
      r.name ?? '',
      r.outcome,
      r.issues.map((i) => `${i.path}: ${i.message} [${i.rule}]`).join('; '),
    ]),
  ]);
}

export function registerDirectoryCommand(program: Command, dbOptions: () => DbOptions): void {
  const directory = program
    .command('directory')
    .description('the community-services directory used for signposting');
  directory
    .command('import')
    .description('import services from an Open Referral UK / HSDS 3.0 JSON file or feed')
    .argument('[file]', 'a JSON file: one service, an array of services, or a /services page')
    .option('--feed <url>', 'an HSDS 3.0 API base URL (reads GET /services page by page)')
    .option(
      '--source <name>',
      'source system name kept with each service (default: the file name or feed host)',
    )
    .option('--dry-run', 'check and report without writing')
    .option('--results <file>', 'write per-service results (CSV) here')
    .action(
      async (
        file: string | undefined,
        opts: { feed?: string; source?: string; dryRun?: boolean; results?: string },
      ) => {
        if ((file === undefined) === (opts.feed === undefined)) {
          throw new Error('give either a FILE or --feed URL');
        }
        const source =
          opts.source ??
          (opts.feed !== undefined ? `oruk:${new URL(opts.feed).host}` : `oruk:${basename(file ?? '')}`);
        const bar = progressBar('feed', 'pages');
        const services =
          opts.feed !== undefined
            ? readHsdsFeed(opts.feed, {
                onPage: (page, pages) => {
                  bar.update(page, pages);
                },
              })
            : servicesInDocument(JSON.parse(await readFile(file ?? '', 'utf8')) as unknown);
        const summary = await withDb(dbOptions(), (handle) =>
          importHsdsServices(handle, services, { source, dryRun: opts.dryRun === true }),
        );
        bar.stop();
        if (opts.results !== undefined) await writeFile(opts.results, resultsCsv(summary));
        const c = summary.counts;
        console.error(
          `${summary.dryRun ? 'Dry run (nothing written): ' : ''}${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected (source ${summary.source})`,
        );
        for (const r of summary.results.filter((x) => x.outcome === 'rejected').slice(0, 20)) {
          console.error(
            `  #${r.index} ${r.id ?? ''}: ${r.issues.map((i) => `${i.path} [${i.rule}] ${i.message}`).join('; ')}`,
          );
        }
        if (c.rejected > 0) process.exitCode = EXIT_SERVICES_REJECTED;
      },
    );
}
