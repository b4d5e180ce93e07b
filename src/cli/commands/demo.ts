import type { Command } from 'commander';
import { demoOptions, loadDemo } from '../../services/demo/demo.service.js';
import { withDb, type DbOptions } from '../context.js';
import { progressBar } from '../progress.js';
import { parseInteger } from '../parse.js';

export function registerDemoCommand(program: Command, dbOptions: () => DbOptions): void {
  program
    .command('demo')
    .description('Load the deterministic synthetic demo data set (no real person) into an empty database')
    .option('--scale <referrals>', 'number of referrals to generate', '5000')
    .option('--seed <n>', 'random seed (same seed and scale give the same data)', '20221130')
    .action(async (opts: { scale: string; seed: string }) => {
      const scale = parseInteger('--scale', opts.scale, 1, 5_000_000);
      const seed = parseInteger('--seed', opts.seed, 0, 2 ** 31);
      await withDb(dbOptions(), async (handle) => {
        console.log(`Database: ${handle.description}`);
        const bar = progressBar('demo', 'referrals');
        try {
          const result = await loadDemo(handle, demoOptions(scale, seed), (done, total) => {
            bar.update(done, total);
          });
          bar.stop();
          for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(26)} ${n}`);
          console.log(
            `Loaded ${result.totalRows} synthetic rows in ${result.seconds.toFixed(1)} s (${Math.round(result.totalRows / result.seconds)} rows/s)`,
          );
        } finally {
          bar.stop();
        }
      });
    });
}
