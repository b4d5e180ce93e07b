// `npm run bench -- import`: the import runs as a child process of this one (the built CLI, as a
// user runs it), so that its time and peak RSS are its own; services/bench/import-bench.ts prepares
// the databases and files and times the raw COPY of the same rows.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Engine } from '../../db/connect.js';
import {
  benchImport,
  type BenchDatabase,
  type ImportBenchResult,
  type ImportRun,
} from '../../services/bench/import-bench.js';
import type { TemplateDataFiles } from '../../services/import/template-data.js';

const CLI = join(import.meta.dirname, '..', 'main.js');
const PROFILE = join(import.meta.dirname, '..', '..', '..', 'profiles', 'linkwork-template.json');

/** Runs `linkwork import` on the files in a child process and reads its JSON summary. */
function runImportProcess(
  db: BenchDatabase,
  files: TemplateDataFiles,
  scheme: string,
  resultsPath: string,
  onStderr: (text: string) => void,
): Promise<ImportRun> {
  // The database comes from the arguments alone (an inherited DATABASE_URL would override --data-dir).
  const env: Record<string, string | undefined> = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['LINKWORK_DATA_DIR'];
  const args = [
    CLI,
    ...db.args,
    'import',
    '--profile',
    PROFILE,
    '--scheme',
    scheme,
    '--json',
    '--results',
    resultsPath,
    files.people,
    files.referrals,
    files.contacts,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      onStderr(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const summary = JSON.parse(out) as {
          seconds: number;
          peakRssMb: number;
          counts: Record<'created' | 'updated' | 'unchanged' | 'rejected' | 'blank', number>;
        };
        const c = summary.counts;
        resolve({
          seconds: summary.seconds,
          peakRssMb: summary.peakRssMb,
          rows: c.created + c.updated + c.unchanged + c.rejected + c.blank,
          rejected: c.rejected,
        });
      } catch {
        reject(new Error(`linkwork import exited with ${code}: ${out.slice(-1000)}`));
      }
    });
  });
}

export function runImportBench(
  engines: readonly Engine[],
  options: { referrals: number; adminUrl: string | undefined },
  workDir: string,
  log: (line: string) => void,
  onProgress: (phase: string, done: number, total: number) => void,
): Promise<ImportBenchResult[]> {
  const today = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return benchImport(
    engines,
    { referrals: options.referrals, seed: 20_221_130, today, adminUrl: options.adminUrl },
    workDir,
    (db, files, scheme, resultsPath) =>
      runImportProcess(db, files, scheme, resultsPath, (text) => {
        // The child's progress bar: pass through its latest line as progress of this run.
        const m = /\| ([\d,]+) rows \|/.exec(
          text
            .split('\n')
            .filter((l) => l.includes('rows'))
            .at(-1) ?? '',
        );
        if (m?.[1] !== undefined) {
          onProgress(
            'import',
            Number(m[1].replace(/,/g, '')),
            files.rows.people + files.rows.referrals + files.rows.contacts,
          );
        }
      }),
    log,
    onProgress,
  );
}

export function printImportBench(results: readonly ImportBenchResult[]): void {
  console.log(
    '\nImport: template CSV through profiles/linkwork-template.json (every check on) vs raw COPY of the same rows (same run)',
  );
  console.log(
    'engine    referrals  source rows  table rows  raw COPY s  import s  import rows/s  raw rows/s  ratio  peak RSS MB  rejected',
  );
  for (const r of results) {
    console.log(
      `${r.engine.padEnd(9)} ${String(r.referrals).padStart(9)} ${String(r.sourceRows).padStart(12)} ${String(r.tableRows).padStart(11)} ${r.rawCopySeconds.toFixed(1).padStart(11)} ${r.importSeconds.toFixed(1).padStart(9)} ${Math.round(r.importRowsPerSecond).toString().padStart(14)} ${Math.round(r.rawRowsPerSecond).toString().padStart(11)} ${r.ratio.toFixed(2).padStart(5)}x ${String(r.peakRssMb).padStart(12)} ${String(r.rejected).padStart(9)}`,
    );
  }
  console.log('ratio = raw COPY time / import time; targets: ratio >= 0.3x, import peak RSS < 500 MB');
}
