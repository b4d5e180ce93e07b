// Benchmark of the bulk demo load against the engine's own limit: the same rows, pre-generated as
// CSV files, loaded by raw COPY in the same run. ratio = raw COPY time / demo load time, so 1.0
// means the generator costs nothing on top of COPY (target >= 0.5).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemo, loadDemo, type DemoOptions } from '../demo/demo.service.js';
import type { BenchTarget } from './bench-db.js';

export interface LoadBenchResult {
  readonly engine: string;
  readonly referrals: number;
  readonly rows: number;
  readonly rawCopySeconds: number;
  readonly loadSeconds: number;
  readonly rawRowsPerSecond: number;
  readonly loadRowsPerSecond: number;
  /** raw COPY time / load time (higher is better; 1.0 = as fast as raw COPY). */
  readonly ratio: number;
  readonly peakRssMb: number;
}

interface ManifestEntry {
  readonly file: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: number;
}

let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

/** Writes the demo data set as CSV chunk files (the raw COPY input) and returns their manifest. */
async function writeChunks(dir: string, options: DemoOptions): Promise<ManifestEntry[]> {
  await mkdir(dir, { recursive: true });
  const manifest: ManifestEntry[] = [];
  let i = 0;
  for (const chunk of generateDemo(options)) {
    for (const batch of chunk.batches) {
      const file = join(dir, `${String(i++).padStart(5, '0')}-${batch.table}.csv`);
      await writeFile(file, batch.rows.join(''));
      manifest.push({ file, table: batch.table, columns: batch.columns, rows: batch.rows.length });
    }
  }
  return manifest;
}

export async function benchLoad(
  targets: readonly BenchTarget[],
  options: DemoOptions,
  workDir: string,
  log: (line: string) => void,
  onProgress: (phase: string, done: number, total: number) => void,
): Promise<LoadBenchResult[]> {
  const csvDir = join(workDir, 'csv');
  log(`Generating ${options.scale} referrals as CSV (the raw COPY input)...`);
  const manifest = await writeChunks(csvDir, options);
  const rows = manifest.reduce((n, m) => n + m.rows, 0);
  log(`  ${rows} rows in ${manifest.length} files`);
  const results: LoadBenchResult[] = [];
  const timer = setInterval(sampleRss, 250);
  try {
    for (const target of targets) {
      // 1. The engine's limit: raw COPY of the pre-generated files, one transaction, same chunks.
      const raw = await target.fresh('raw');
      let rawSeconds: number;
      try {
        const started = performance.now();
        let done = 0;
        await raw.handle.bulk(async (copy) => {
          for (const m of manifest) {
            await copy(m.table, m.columns, await readFile(m.file, 'utf8'));
            done += m.rows;
            onProgress(`${target.engine} raw COPY`, done, rows);
          }
        });
        rawSeconds = (performance.now() - started) / 1000;
      } finally {
        await raw.dispose();
      }
      // 2. Linkwork's demo load: generate and COPY in one pass.
      const load = await target.fresh('load');
      peakRss = 0;
      try {
        const result = await loadDemo(load.handle, options, (done, total) => {
          // PGlite runs on this thread, so the interval timer cannot sample while it works: sample here too.
          sampleRss();
          onProgress(`${target.engine} demo load`, done, total);
        });
        results.push({
          engine: target.engine,
          referrals: options.scale,
          rows: result.totalRows,
          rawCopySeconds: rawSeconds,
          loadSeconds: result.seconds,
          rawRowsPerSecond: rows / rawSeconds,
          loadRowsPerSecond: result.totalRows / result.seconds,
          ratio: rawSeconds / result.seconds,
          peakRssMb: Math.round(peakRss / 1_048_576),
        });
      } finally {
        await load.dispose();
      }
    }
  } finally {
    clearInterval(timer);
    await rm(csvDir, { recursive: true, force: true });
  }
  return results;
}
