/**
 * `linkwork import`: load another system's export through a mapping profile (docs/import.md).
 *
 * - `import --profile P [--dry-run] [--results FILE] [--batch-size N] [--scheme S] FILE...`: CSV
 *   files (one per sheet of the profile) or one workbook; a progress bar, a summary, a results file
 *   with one line per row; exit 1 if any row of the run was rejected. Run it again after a kill and
 *   it resumes after the last committed batch; run it again after it finished and nothing changes.
 * - `import reviews [--limit N]`: people an import could not match with certainty (the review queue);
 * - `import runs [--limit N]`: recent import runs and their checkpoints;
 * - `import schema [--out FILE]`: the profile JSON Schema (for editors);
 * - `import template --out DIR`: the Linkwork template (CSV per record type and one XLSX workbook).
 */
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { listMatchReviews, listRuns } from '../../services/import/import-queries.service.js';
import { importFiles, type ImportSummary } from '../../services/import/import.service.js';
import { loadProfile, profileJsonSchema } from '../../services/import/profile-schema.js';
import { writeTemplate } from '../../services/import/template.js';
import { withDb, type DbOptions } from '../context.js';
import { parseInteger } from '../parse.js';

/** Exit code when an import rejected at least one row. */
export const EXIT_ROWS_REJECTED = 1;

/**
 * On PGlite the database runs inside the import's process, and PGlite reserves its shared buffers
 * (128MB by default) at start: the import asks for 16MB, so that its memory stays well bounded
 * (docs/import.md "Memory"). Server PostgreSQL is not affected.
 */
export const IMPORT_PGLITE_SETTINGS = ['shared_buffers = 16MB'] as const;

const n = (v: number): string => v.toLocaleString('en-GB');

function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function defaultResultsPath(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join('import-results', `${basename(file).replace(/\.[^.]+$/, '')}-${stamp}.csv`);
}

export function printImportSummary(s: ImportSummary, log: (line: string) => void): void {
  for (const sheet of s.sheets) {
    const unused =
      sheet.unusedColumns.length > 0 ? ` (columns not read: ${sheet.unusedColumns.join(', ')})` : '';
    log(
      `  ${sheet.name.padEnd(12)} ${sheet.source === null ? 'not in this import' : `${sheet.source}: ${n(sheet.rows)} rows${unused}`}`,
    );
  }
  const c = s.counts;
  log(
    `${s.dryRun ? 'Would import' : 'Rows'}: ${n(c.created)} created, ${n(c.updated)} updated, ${n(c.unchanged)} unchanged, ${n(c.rejected)} rejected${c.blank > 0 ? `, ${n(c.blank)} blank` : ''}`,
  );
  const p = s.records.person;
  const r = s.records.referral;
  const k = s.records.contact;
  log(
    `  people:    ${n(p.created)} created, ${n(p.updated)} updated, ${n(p.unchanged)} unchanged, ${n(p.matched)} matched to people already recorded, ${n(p.review)} created and sent to review`,
  );
  log(`  referrals: ${n(r.created)} created, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged`);
  log(`  contacts:  ${n(k.created)} created, ${n(k.updated)} updated, ${n(k.unchanged)} unchanged`);
  if (s.resumedAfterRows > 0) {
    const w = s.runCounts;
    log(
      `Resumed after ${n(s.resumedAfterRows)} rows committed earlier; whole run: ${n(w.created)} created, ${n(w.updated)} updated, ${n(w.unchanged)} unchanged, ${n(w.rejected)} rejected`,
    );
  }
  if (s.reviewPeople > 0) {
    log(`${n(s.reviewPeople)} people may already be recorded: see \`linkwork import reviews\``);
  }
  if (s.resultsPath !== null) log(`Results (one line per row): ${s.resultsPath}`);
  log(
    `${s.dryRun ? 'Dry run: nothing was kept. ' : ''}${n(Math.round(s.seconds * 10) / 10)} s${s.runId === null ? '' : `, run ${s.runId}`}`,
  );
}

export function registerImportCommand(program: Command, dbOptions: () => DbOptions): void {
  const command = program
    .command('import')
    .description("Import another system's export through a mapping profile (docs/import.md)")
    .argument('[files...]', 'CSV files (one per sheet of the profile) or one .xlsx workbook')
    .option('--profile <file>', 'the mapping profile (JSON), e.g. profiles/linkwork-template.json')
    .option(
      '--dry-run',
      'check and apply everything in a transaction that is rolled back: report what would happen',
    )
    .option(
      '--results <file>',
      'where to write one result line per row (CSV; default import-results/<file>-<time>.csv)',
    )
    .option('--batch-size <rows>', 'rows per transaction (and checkpoint)', '1000')
    .option('--scheme <scheme>', 'the scheme (id or name) for rows that name none')
    .option('--source-system <name>', "the source system recorded with each record (default: the profile's)")
    .option('--restart', 'abandon an unfinished run of this import and start from the first row')
    .option('--json', 'print the summary as JSON')
    .action(
      async (
        files: string[],
        opts: {
          profile?: string;
          dryRun?: boolean;
          results?: string;
          batchSize: string;
          scheme?: string;
          sourceSystem?: string;
          restart?: boolean;
          json?: boolean;
        },
      ) => {
        if (opts.profile === undefined) {
          throw new Error('--profile is required (e.g. profiles/linkwork-template.json)');
        }
        const [first] = files;
        if (first === undefined) throw new Error('give the file(s) to import');
        const batchSize = parseInteger('--batch-size', opts.batchSize, 1, 100_000);
        const profile = await loadProfile(opts.profile);
        const now = new Date();
        const dryRun = opts.dryRun === true;
        // Absolute, because the run remembers it: a resumed import writes on in the same file.
        const chosen = opts.results ?? (dryRun ? null : defaultResultsPath(first, now));
        const resultsPath = chosen === null ? null : resolve(chosen);
        await withDb(
          dbOptions(),
          async (handle) => {
            if (opts.json !== true) {
              console.log(`Importing through profile ${profile.compiled.name} into ${handle.description}`);
            }
            const bar = new cliProgress.SingleBar(
              {
                format:
                  'import {sheet} [{bar}] {percentage}% | {rows} rows | {duration_formatted} elapsed, ETA {eta_formatted}',
                stream: process.stderr,
                noTTYOutput: true,
                notTTYSchedule: 5000,
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            );
            const progress = { started: false };
            try {
              const summary = await importFiles(handle, {
                profile,
                files,
                scheme: opts.scheme,
                sourceSystem: opts.sourceSystem,
                dryRun,
                batchSize,
                resultsPath,
                restart: opts.restart === true,
                actor: actor(),
                now,
                onNotice: (line) => {
                  console.error(line);
                },
                onProgress: (p) => {
                  if (!progress.started) {
                    bar.start(Math.max(p.totalBytes, 1), 0, { sheet: p.sheet, rows: '0' });
                    progress.started = true;
                  }
                  bar.update(Math.min(p.bytes, p.totalBytes), { sheet: p.sheet, rows: n(p.rows) });
                },
              });
              bar.stop();
              progress.started = false;
              if (opts.json === true) {
                // Peak memory of this process (the benchmark reads it): resourceUsage gives kilobytes.
                const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
                console.log(JSON.stringify({ ...summary, peakRssMb }, null, 2));
              } else {
                printImportSummary(summary, (line) => {
                  console.log(line);
                });
              }
              const rejected = dryRun ? summary.counts.rejected : summary.runCounts.rejected;
              if (rejected > 0) process.exitCode = EXIT_ROWS_REJECTED;
            } finally {
              if (progress.started) bar.stop();
            }
          },
          { pgliteSettings: IMPORT_PGLITE_SETTINGS },
        );
      },
    );

  command
    .command('reviews')
    .description('People an import could not match with certainty: each pair waits for a person to decide')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { limit: string }) => {
      const limit = parseInteger('--limit', opts.limit, 1, 10_000);
      await withDb(dbOptions(), async (handle) => {
        const rows = await listMatchReviews(handle.db, limit);
        if (rows.length === 0) {
          console.log('No open reviews.');
          return;
        }
        for (const r of rows) {
          console.log(
            `${r.id}  new ${r.person.name} (${r.person.dateOfBirth}, ${r.person.postcode ?? 'no postcode'}) ${r.person.id}\n` +
              `      may be ${r.candidate.name} (${r.candidate.dateOfBirth}, ${r.candidate.postcode ?? 'no postcode'}) ${r.candidate.id}\n` +
              `      why: ${r.reason}`,
          );
        }
      });
    });

  command
    .command('runs')
    .description('Recent import runs, their checkpoints and counts')
    .option('--limit <n>', 'at most this many', '20')
    .action(async (opts: { limit: string }) => {
      const limit = parseInteger('--limit', opts.limit, 1, 1000);
      await withDb(dbOptions(), async (handle) => {
        for (const r of await listRuns(handle.db, limit)) {
          console.log(
            `${r.id}  ${r.status.padEnd(9)} ${r.startedAt.toISOString()}  ${r.profileName} <- ${r.fileNames}\n` +
              `      ${n(r.rowsCommitted)} rows committed (sheet ${r.checkpointSheet}, row ${n(r.checkpointRow)}): ${n(r.created)} created, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged, ${n(r.rejected)} rejected`,
          );
        }
      });
    });

  command
    .command('schema')
    .description('The mapping profile JSON Schema, for editors')
    .option('--out <file>', 'write it to a file instead of stdout')
    .action(async (opts: { out?: string }) => {
      const text = `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
      if (opts.out === undefined) process.stdout.write(text);
      else await writeFile(opts.out, text);
    });

  command
    .command('template')
    .description(
      'Write the Linkwork import template: people.csv, referrals.csv, contacts.csv and linkwork-template.xlsx',
    )
    .requiredOption('--out <dir>', 'the folder to write them to')
    .action(async (opts: { out: string }) => {
      for (const file of await writeTemplate(opts.out)) console.log(file);
    });
}
