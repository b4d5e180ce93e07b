import type { Command } from 'commander';
import { currentMigration, migrateDownAll, migrateToLatest, MIGRATION_NAMES } from '../../db/migrate.js';
import { withDb, type DbOptions } from '../context.js';

export function registerDbCommands(program: Command, dbOptions: () => DbOptions): void {
  const db = program.command('db').description('Database schema: migrations and status');
  db.command('migrate')
    .description('Apply every pending migration (or roll all back with --down-all)')
    .option('--down-all', 'roll every migration back (drops all Linkwork tables)')
    .action(async (opts: { downAll?: boolean }) => {
      await withDb(
        dbOptions(),
        async (handle) => {
          console.log(`Database: ${handle.description}`);
          const result =
            opts.downAll === true ? await migrateDownAll(handle.db) : await migrateToLatest(handle.db);
          for (const r of result.results ?? []) {
            console.log(`  ${r.direction} ${r.migrationName}: ${r.status}`);
          }
          if ((result.results ?? []).length === 0) console.log('  nothing to do');
          if (result.error !== undefined) {
            console.error(
              `Migration failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`,
            );
            process.exitCode = 1;
          }
        },
        { migrate: false },
      );
    });
  db.command('status')
    .description('Show the newest applied migration and the ones Linkwork knows')
    .action(async () => {
      await withDb(
        dbOptions(),
        async (handle) => {
          const current = await currentMigration(handle.db);
          console.log(`Database: ${handle.description}`);
          for (const name of MIGRATION_NAMES) {
            const applied = current !== null && name <= current;
            console.log(`  [${applied ? 'x' : ' '}] ${name}`);
          }
        },
        { migrate: false },
      );
    });
}
