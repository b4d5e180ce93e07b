import type { Command } from 'commander';
import { createUser } from '../../services/accounts/auth.service.js';
import { withDb, type DbOptions } from '../context.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerUserCommands(program: Command, dbOptions: () => DbOptions): void {
  const user = program.command('user').description('Accounts');
  user
    .command('create')
    .description('Create an account (bootstrap the first administrator with --role admin)')
    .requiredOption('--username <name>', 'sign-in name (lower case letters, digits, . _ @ -)')
    .requiredOption('--role <role>', 'link_worker | scheme_manager | regional_lead | researcher | admin')
    .option('--display-name <name>', 'name shown in the app (default: the username)')
    .option('--password-stdin', 'read the password from standard input (otherwise $LINKWORK_PASSWORD)')
    .option('--scheme <id...>', 'scheme ids the account works in')
    .option('--staff <id>', 'the link-worker (staff) record of a link worker')
    .option('--region <id>', 'the region of a regional lead')
    .action(
      async (opts: {
        username: string;
        role: string;
        displayName?: string;
        passwordStdin?: boolean;
        scheme?: string[];
        staff?: string;
        region?: string;
      }) => {
        const password =
          opts.passwordStdin === true ? await readStdin() : (process.env['LINKWORK_PASSWORD'] ?? '');
        await withDb(dbOptions(), async (handle) => {
          const created = await createUser(handle.db, {
            username: opts.username,
            displayName: opts.displayName ?? opts.username,
            role: opts.role,
            password,
            schemeIds: opts.scheme ?? [],
            staffId: opts.staff ?? null,
            regionId: opts.region ?? null,
          });
          console.log(`Created ${created.role} account ${created.username} (${created.id})`);
        });
      },
    );
}
