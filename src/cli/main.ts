#!/usr/bin/env node
// The `linkwork` command line. Configuration comes from options, then the environment
// (DATABASE_URL, LINKWORK_DATA_DIR); this file and server/config.ts are the only env readers.
import { Command, CommanderError } from 'commander';
import { isDomainError } from '../domain/errors.js';
import { registerBenchCommand } from './commands/bench.js';
import { registerDbCommands } from './commands/db.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerExportCommand } from './commands/export.js';
import { registerImportCommand } from './commands/import.js';
import { registerDirectoryCommand } from './commands/directory.js';
import { registerReportCommand } from './commands/report.js';
import { registerSchemesCommand } from './commands/schemes.js';
import { registerScoreCommand } from './commands/score.js';
import { registerUserCommands } from './commands/user.js';
import { dbOptionsFromEnv, type DbOptions } from './context.js';

const program = new Command();
program
  .name('linkwork')
  .description('Linkwork: social prescribing link-worker casework, scheme mapping and evaluation')
  .version('0.1.0')
  .option('--database-url <url>', 'server PostgreSQL (default: $DATABASE_URL; absent means embedded PGlite)')
  .option('--data-dir <dir>', 'PGlite data directory (default: $LINKWORK_DATA_DIR or ./data)')
  .showHelpAfterError();

const dbOptions = (): DbOptions => {
  const global = program.opts<{ databaseUrl?: string; dataDir?: string }>();
  const env = dbOptionsFromEnv(process.env);
  return { databaseUrl: global.databaseUrl ?? env.databaseUrl, dataDir: global.dataDir ?? env.dataDir };
};

registerDbCommands(program, dbOptions);
registerDemoCommand(program, dbOptions);
registerDirectoryCommand(program, dbOptions);
registerScoreCommand(program);
registerSchemesCommand(program, dbOptions);
registerImportCommand(program, dbOptions);
registerReportCommand(program, dbOptions);
registerExportCommand(program, dbOptions);
registerUserCommands(program, dbOptions);
registerBenchCommand(program, () => process.env['DATABASE_URL']);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
    return;
  }
  if (isDomainError(error)) {
    console.error(`Error (${error.code}): ${error.message}`);
    for (const issue of error.details?.issues ?? []) {
      console.error(`  ${issue.path}: ${issue.message} [${issue.rule}]`);
    }
    process.exitCode = 2;
    return;
  }
  // Stack traces only on request: LINKWORK_DEBUG=1.
  const debug = process.env['LINKWORK_DEBUG'] === '1';
  console.error(
    error instanceof Error
      ? debug
        ? (error.stack ?? error.message)
        : `Error: ${error.message}`
      : String(error),
  );
  process.exitCode = 1;
});
