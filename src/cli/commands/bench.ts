import type { Command } from 'commander';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteTarget, postgresTarget, type BenchTarget } from '../../services/bench/bench-db.js';
import { benchLoad, type LoadBenchResult } from '../../services/bench/load-bench.js';
import { benchEvaluation, type EvaluationBenchRow } from '../../services/bench/evaluation-bench.js';
import { demoOptions } from '../../services/demo/demo.service.js';
import { parseInteger } from '../parse.js';
import { benchApi, type ApiBenchRow } from './bench-api.js';
import { printImportBench, runImportBench } from './bench-import.js';
import { progressBar } from '../progress.js';

function targetsFor(engines: string, databaseUrl: string | undefined, workDir: string): BenchTarget[] {
  return engines.split(',').map((e) => {
    if (e === 'pglite') return pgliteTarget(workDir);
    if (e === 'postgres') {
      if (databaseUrl === undefined) throw new Error('--engines postgres needs DATABASE_URL (an admin URL)');
      return postgresTarget(databaseUrl);
    }
    throw new Error(`Unknown engine "${e}" (use pglite, postgres)`);
  });
}

function printLoad(results: readonly LoadBenchResult[]): void {
  console.log('\nBulk load: demo generator + COPY vs raw COPY of the same rows (same run)');
  console.log(
    'engine    referrals       rows  raw COPY s  load s  raw rows/s  load rows/s  ratio  peak RSS MB',
  );
  for (const r of results) {
    console.log(
      `${r.engine.padEnd(9)} ${String(r.referrals).padStart(9)} ${String(r.rows).padStart(10)} ${r.rawCopySeconds.toFixed(1).padStart(11)} ${r.loadSeconds.toFixed(1).padStart(7)} ${Math.round(r.rawRowsPerSecond).toString().padStart(11)} ${Math.round(r.loadRowsPerSecond).toString().padStart(12)} ${r.ratio.toFixed(2).padStart(6)}x ${String(r.peakRssMb).padStart(12)}`,
    );
  }
  console.log('ratio = raw COPY time / load time; target >= 0.5x');
}

function printApi(rows: readonly ApiBenchRow[]): void {
  console.log(
    '\nAPI: requests/s and p99 per route vs a trivial route (/ping) and vs the same work as hand-written SQL',
  );
  console.log('straight against the engine (the engine limit), same run, 20 connections, 10 s each');
  console.log(
    'engine    route                                    req/s   p99 ms  ratio  errors   limit req/s  limit p99  vs limit',
  );
  for (const r of rows) {
    const limit =
      r.engineLimit === undefined
        ? ''
        : ` ${Math.round(r.engineLimit.requestsPerSecond).toString().padStart(13)} ${r.engineLimit.p99Ms.toFixed(0).padStart(10)} ${(r.ratioToEngine ?? 0).toFixed(2).padStart(8)}x`;
    console.log(
      `${r.engine.padEnd(9)} ${r.route.padEnd(38)} ${Math.round(r.requestsPerSecond).toString().padStart(7)} ${r.p99Ms.toFixed(0).padStart(8)} ${r.ratioToTrivial.toFixed(2).padStart(5)}x ${String(r.errors).padStart(7)}${limit}`,
    );
  }
  console.log('targets: ratio >= 0.3x, p99 < 50 ms (demo data set of min(scale, 50,000) referrals)');
}

function printEvaluation(rows: readonly EvaluationBenchRow[]): void {
  console.log(
    '\nEvaluation reports vs one hand-written SQL query computing the same figures (same run, median of 3)',
  );
  console.log(
    'engine    referrals  report                      report s  hand SQL s (ratio)   facts SQL s (ratio)  totals agree',
  );
  for (const r of rows) {
    console.log(
      `${r.engine.padEnd(9)} ${String(r.referrals).padStart(9)}  ${r.report.padEnd(26)} ${r.reportSeconds.toFixed(3).padStart(9)} ${r.handSqlSeconds.toFixed(3).padStart(11)} (${r.ratio.toFixed(2)}x) ${r.factsSqlSeconds.toFixed(3).padStart(11)} (${r.factsRatio.toFixed(2)}x)  ${r.totalsAgree ? 'yes' : 'NO'}`,
    );
  }
  for (const engine of new Set(rows.map((r) => r.engine))) {
    const build = rows.find((r) => r.engine === engine)?.factBuildSeconds ?? 0;
    console.log(`${engine}: evaluation facts built after the load in ${build.toFixed(1)} s (once)`);
  }
  console.log(
    'hand SQL = from the casework tables; facts SQL = from the evaluation facts the report reads.\n' +
      'ratio = report time / hand-written SQL time; targets: ratio <= 1.5, each report < 1 s on PostgreSQL at 1M',
  );
}

export function registerBenchCommand(program: Command, databaseUrl: () => string | undefined): void {
  const run = async (
    which: string[],
    opts: { scale: string; engines?: string; out: string },
  ): Promise<void> => {
    const scale = parseInteger('--scale', opts.scale, 1, 5_000_000);
    const url = databaseUrl();
    const engines = opts.engines ?? (url === undefined ? 'pglite' : 'pglite,postgres');
    const workDir = await mkdtemp(join(tmpdir(), 'linkwork-bench-'));
    const report: Record<string, unknown> = { date: new Date().toISOString(), scale, engines };
    try {
      if (which.includes('load')) {
        const bar = progressBar('bench', 'rows');
        let phase = '';
        const results = await benchLoad(
          targetsFor(engines, url, workDir),
          demoOptions(scale),
          workDir,
          (line) => {
            console.log(line);
          },
          (p, done, total) => {
            if (p !== phase) {
              bar.stop();
              console.error(p);
              phase = p;
            }
            bar.update(done, total);
          },
        );
        bar.stop();
        printLoad(results);
        report['load'] = results;
      }
      if (which.includes('evaluation')) {
        const bar = progressBar('load', 'referrals');
        const rows = await benchEvaluation(
          targetsFor(engines, url, workDir),
          demoOptions(scale),
          (line) => {
            bar.stop();
            console.log(line);
          },
          (_phase, done, total) => {
            bar.update(done, total);
          },
        );
        bar.stop();
        printEvaluation(rows);
        report['evaluation'] = rows;
      }
      if (which.includes('api')) {
        const rows = await benchApi(
          engines.split(','),
          url,
          { scale: Math.min(scale, 50_000), seconds: 10, connections: 20 },
          (line) => {
            console.log(line);
          },
        );
        printApi(rows);
        report['api'] = rows;
      }
      if (which.includes('import')) {
        const bar = progressBar('bench', 'rows');
        let phase = '';
        const results = await runImportBench(
          targetsFor(engines, url, workDir).map((t) => t.engine),
          { referrals: scale, adminUrl: url },
          workDir,
          (line) => {
            bar.stop();
            console.log(line);
          },
          (p, done, total) => {
            if (p !== phase) {
              bar.stop();
              console.error(p);
              phase = p;
            }
            bar.update(done, total);
          },
        );
        bar.stop();
        printImportBench(results);
        report['import'] = results;
      }
      await mkdir(opts.out, { recursive: true });
      const file = join(opts.out, `bench-${Date.now()}.json`);
      await writeFile(file, JSON.stringify(report, null, 2));
      console.log(`\nResults written to ${file}`);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  };
  program
    .command('bench')
    .description('Benchmarks, each against the engine limit measured in the same run')
    .argument('[suites...]', 'which benchmarks to run: load, api, evaluation, import (default: all)')
    .option('--scale <referrals>', 'referrals to generate', '1000000')
    .option('--engines <list>', 'pglite,postgres (default: pglite, plus postgres when DATABASE_URL is set)')
    .option('--out <dir>', 'where to write the JSON results', 'bench-results')
    .action((suites: string[], opts: { scale: string; engines?: string; out: string }) => {
      const known = ['load', 'api', 'evaluation', 'import'];
      const unknown = suites.filter((s) => !known.includes(s));
      if (unknown.length > 0) {
        throw new Error(`Unknown benchmark(s): ${unknown.join(', ')} (known: ${known.join(', ')})`);
      }
      return run(suites.length === 0 ? known : suites, opts);
    });
}
