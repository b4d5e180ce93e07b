// Loads the synthetic demo data set in bulk: every table by COPY, in one transaction, so that a
// failed load leaves nothing behind; then gathers planner statistics (ANALYZE).
import { DomainError } from '../../domain/errors.js';
import type { DbHandle } from '../../db/connect.js';
import { analyzeDatabase } from '../../db/maintenance/statistics.repository.js';
import { generateDemo, type DemoOptions, type RowCounts } from './generate.js';

export type { DemoOptions, RowCounts };
export { DEMO_COLUMNS, DEMO_TABLES, generateDemo } from './generate.js';

export interface DemoLoadResult {
  readonly counts: RowCounts;
  readonly totalRows: number;
  /** The load itself (generation and COPY, one transaction). */
  readonly seconds: number;
  /** ANALYZE afterwards, so the planner knows the tables' sizes (PGlite has no autovacuum). */
  readonly analyzeSeconds: number;
}

/** Default demo options: `scale` referrals ending yesterday, with a fixed seed. */
export function demoOptions(scale: number, seed = 20_221_130, today = new Date()): DemoOptions {
  const yesterday = new Date(today.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { scale, seed, today: yesterday };
}

/** True when the database holds no organisations yet (the demo only loads into an empty database). */
export async function isEmpty(handle: DbHandle): Promise<boolean> {
  const row = await handle.db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return (row?.n ?? 0) === 0;
}

/**
 * Generates and loads the demo data. Refuses (conflict) when the database already holds data.
 * `onProgress(done, total)` is called after each batch of referrals.
 */
export async function loadDemo(
  handle: DbHandle,
  options: DemoOptions,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<DemoLoadResult> {
  if (!Number.isInteger(options.scale) || options.scale < 1 || options.scale > 5_000_000) {
    throw new DomainError('validation_failed', 'scale: must be a whole number from 1 to 5,000,000', {
      issues: [{ path: 'scale', rule: 'range', message: 'must be a whole number from 1 to 5,000,000' }],
    });
  }
  if (!(await isEmpty(handle))) {
    throw new DomainError(
      'conflict',
      'The database already holds data; load the demo into an empty database',
    );
  }
  const started = performance.now();
  const counts: Record<string, number> = {};
  await handle.bulk(async (copy) => {
    for (const chunk of generateDemo(options)) {
      for (const batch of chunk.batches) {
        await copy(batch.table, batch.columns, batch.rows);
        counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length;
      }
      onProgress(chunk.referralsDone, options.scale);
    }
  });
  const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
  const loaded = performance.now();
  await analyzeDatabase(handle.db);
  return {
    counts,
    totalRows,
    seconds: (loaded - started) / 1000,
    analyzeSeconds: (performance.now() - loaded) / 1000,
  };
}
