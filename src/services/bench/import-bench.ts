// Benchmark of `linkwork import` against the engine's own limit: template-shaped files (N referrals
// with their people and contacts) imported through profiles/linkwork-template.json with every check
// on, and the same table rows loaded by a raw COPY in the same run. ratio = raw COPY time / import
// time (target >= 0.3). The import runs as its own process (the caller starts it), so its peak RSS
// is the import's alone (target < 500 MB).
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDb, type DbHandle, type Engine } from '../../db/connect.js';
import { migrateToLatestOrThrow } from '../../db/migrate.js';
import { loadDemo } from '../demo/demo.service.js';
import { writeTemplateData, type RawCopyFile, type TemplateDataFiles } from '../import/template-data.js';
import { createBenchDatabase, dropBenchDatabase } from './bench-db.js';

export interface ImportBenchResult {
  readonly engine: string;
  readonly referrals: number;
  /** Rows in the source files (people + referrals + contacts). */
  readonly sourceRows: number;
  /** Table rows the raw COPY loads (person, referral, referral_need, person_scheme, contact). */
  readonly tableRows: number;
  readonly rawCopySeconds: number;
  readonly importSeconds: number;
  readonly importRowsPerSecond: number;
  readonly rawRowsPerSecond: number;
  /** raw COPY time / import time (higher is better; 1.0 = as fast as raw COPY). */
  readonly ratio: number;
  readonly peakRssMb: number;
  readonly rejected: number;
}

/** What the caller's import process reports. */
export interface ImportRun {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly rows: number;
  readonly rejected: number;
}

/** A database for the benchmark: where the import process finds it, and a handle for this one. */
export interface BenchDatabase {
  /** `--data-dir DIR` or `--database-url URL`, for the import process. */
  readonly args: readonly string[];
  open(): Promise<DbHandle>;
  dispose(): Promise<void>;
}

const SOURCE = 'linkwork-template';
const DEMO = { scale: 20, seed: 5 } as const;

/** A fresh database with the demo's organisations, schemes and staff (and 20 demo referrals). */
async function freshDatabase(
  engine: Engine,
  name: string,
  workDir: string,
  adminUrl: string | undefined,
  today: string,
): Promise<BenchDatabase> {
  let db: BenchDatabase;
  if (engine === 'postgres') {
    if (adminUrl === undefined) throw new Error('the postgres engine needs DATABASE_URL (an admin URL)');
    const url = await createBenchDatabase(adminUrl, name);
    db = {
      args: ['--database-url', url],
      open: () => openDb({ databaseUrl: url, poolSize: 2 }),
      dispose: () => dropBenchDatabase(adminUrl, name),
    };
  } else {
    const dir = join(workDir, `pglite-${name}`);
    await rm(dir, { recursive: true, force: true });
    db = {
      args: ['--data-dir', dir],
      open: () => openDb({ dataDir: dir }),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const handle = await db.open();
  try {
    await migrateToLatestOrThrow(handle.db);
    await loadDemo(handle, { ...DEMO, today });
  } finally {
    await handle.close();
  }
  return db;
}

/** COPYs the raw files in one transaction, streaming each in chunks; returns the seconds. */
async function rawCopy(
  handle: DbHandle,
  files: readonly RawCopyFile[],
  onProgress: (done: number) => void,
): Promise<number> {
  const started = performance.now();
  let done = 0;
  await handle.bulk(async (copy) => {
    for (const file of files) {
      let chunk: string[] = [];
      const lines = createInterface({ input: createReadStream(file.path), crlfDelay: Infinity });
      for await (const line of lines) {
        chunk.push(`${line}\n`);
        if (chunk.length >= 50_000) {
          await copy(file.table, file.columns, chunk.join(''));
          done += chunk.length;
          chunk = [];
          onProgress(done);
        }
      }
      if (chunk.length > 0) await copy(file.table, file.columns, chunk.join(''));
      done += chunk.length;
      onProgress(done);
    }
  });
  return (performance.now() - started) / 1000;
}

export interface ImportBenchOptions {
  readonly referrals: number;
  readonly seed: number;
  /** The last day of the synthetic data (YYYY-MM-DD). */
  readonly today: string;
  readonly adminUrl: string | undefined;
}

/**
 * Per engine: a fresh database for the import and one for the raw COPY (both with the same demo
 * schemes and staff); the import through `runImport` (the caller's own process), then the raw COPY
 * of the same rows. The files are written once, before the first engine.
 */
export async function benchImport(
  engines: readonly Engine[],
  options: ImportBenchOptions,
  workDir: string,
  runImport: (
    db: BenchDatabase,
    files: TemplateDataFiles,
    scheme: string,
    resultsPath: string,
  ) => Promise<ImportRun>,
  log: (line: string) => void,
  onProgress: (phase: string, done: number, total: number) => void,
): Promise<ImportBenchResult[]> {
  const dataDir = join(workDir, 'import-data');
  const rawDir = join(dataDir, 'raw');
  await mkdir(rawDir, { recursive: true });
  const results: ImportBenchResult[] = [];
  let files: TemplateDataFiles | null = null;
  let scheme = '';
  try {
    for (const engine of engines) {
      const importDb = await freshDatabase(engine, 'import', workDir, options.adminUrl, options.today);
      try {
        if (files === null) {
          // The demo is deterministic: the same scheme and staff ids on every engine.
          const handle = await importDb.open();
          let staff: { id: string; display_name: string }[];
          try {
            const first = await handle.db
              .selectFrom('staff')
              .select('scheme_id')
              .orderBy('scheme_id')
              .executeTakeFirstOrThrow();
            scheme = first.scheme_id;
            staff = await handle.db
              .selectFrom('staff')
              .select(['id', 'display_name'])
              .where('scheme_id', '=', scheme)
              .execute();
          } finally {
            await handle.close();
          }
          log(
            `Writing ${options.referrals} referrals with their people and contacts as template CSV (and the raw COPY rows)...`,
          );
          const started = performance.now();
          files = await writeTemplateData(dataDir, {
            referrals: options.referrals,
            seed: options.seed,
            today: options.today,
            linkWorkers: staff.map((s) => s.display_name),
            raw: {
              dir: rawDir,
              schemeId: scheme,
              sourceSystem: SOURCE,
              staffIds: new Map(staff.map((s) => [s.display_name, s.id])),
              recordedAt: new Date(),
            },
          });
          const r = files.rows;
          log(
            `  ${r.people + r.referrals + r.contacts} source rows (${r.people} people, ${r.referrals} referrals, ${r.contacts} contacts), ${files.raw.reduce((n, f) => n + f.rows, 0)} table rows, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
        }
        const data = files;
        const sourceRows = data.rows.people + data.rows.referrals + data.rows.contacts;
        const tableRows = data.raw.reduce((n, f) => n + f.rows, 0);
        // 1. The import, in its own process.
        onProgress(`${engine} import`, 0, sourceRows);
        const imported = await runImport(
          importDb,
          data,
          scheme,
          join(workDir, `import-results-${engine}.csv`),
        );
        if (imported.rows !== sourceRows) {
          throw new Error(`the import reported ${imported.rows} rows; the files hold ${sourceRows}`);
        }
        // 2. The engine's limit: a raw COPY of the same rows into a fresh database.
        const rawDb = await freshDatabase(engine, 'raw', workDir, options.adminUrl, options.today);
        let rawSeconds: number;
        try {
          const handle = await rawDb.open();
          try {
            rawSeconds = await rawCopy(handle, data.raw, (done) => {
              onProgress(`${engine} raw COPY`, done, tableRows);
            });
          } finally {
            await handle.close();
          }
        } finally {
          await rawDb.dispose();
        }
        results.push({
          engine,
          referrals: options.referrals,
          sourceRows,
          tableRows,
          rawCopySeconds: rawSeconds,
          importSeconds: imported.seconds,
          importRowsPerSecond: sourceRows / imported.seconds,
          rawRowsPerSecond: tableRows / rawSeconds,
          ratio: rawSeconds / imported.seconds,
          peakRssMb: imported.peakRssMb,
          rejected: imported.rejected,
        });
      } finally {
        await importDb.dispose();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return results;
}
