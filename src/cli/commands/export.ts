/**
 * `linkwork export ...`: the exports of issue #9 from the command line, through the same services as
 * the API (src/services/harmonisation). The command line is for the data owner, who holds the
 * database credentials: it sees every record, and every export is audited under the operator's
 * operating-system account (`cli:<name>`, no Linkwork user) with a run id.
 *
 * - `fhir --person ID | --scheme ID [--out FILE]`: a FHIR R4 Bundle (collection) of one person's
 *   record or everything a scheme holds (streamed); stdout without `--out`.
 * - `research [--scheme ID]... [--from DATE] [--to DATE] --out FILE [--secret-out FILE]`: the
 *   pseudonymised research extract as CSV. The pseudonyms' secret is made for this extract alone and
 *   is never written into it: it goes to `--secret-out` (a new file, readable by its owner only),
 *   or, without that option, is printed once on stderr. Keep it away from the extract: whoever holds
 *   both can test NHS numbers against the pseudonyms.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { validationError } from '../../domain/errors.js';
import type { DbHandle } from '../../db/connect.js';
import type { Exporter } from '../../services/harmonisation/export-audit.js';
import {
  exportPersonFhir,
  findSchemeToExport,
  FULL_ACCESS,
  streamSchemeFhir,
} from '../../services/harmonisation/fhir-export.service.js';
import { beginResearchExtract } from '../../services/harmonisation/research-extract.service.js';
import { withDb, type DbOptions } from '../context.js';
import { parseDate } from './schemes.js';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The operator as the audit trail names them, and this run's id (the events' request id). */
export function operator(): Exporter {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No account name (some containers): the run id still ties the events together.
  }
  return { kind: 'operator', name, runId: `cli-${randomUUID()}` };
}

export interface FhirExportOptions {
  readonly person?: string;
  readonly scheme?: string;
  readonly out?: string;
}

/** Checks that exactly one of --person and --scheme is given. */
export function fhirTarget(opts: FhirExportOptions): { kind: 'person' | 'scheme'; id: string } {
  if ((opts.person === undefined) === (opts.scheme === undefined)) {
    throw validationError([
      { path: '--person', rule: 'one_of', message: 'give exactly one of --person ID and --scheme ID' },
    ]);
  }
  return opts.person !== undefined
    ? { kind: 'person', id: opts.person }
    : { kind: 'scheme', id: opts.scheme ?? '' };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses an id option (a UUID), naming the option in the error. */
export function parseId(option: string, raw: string): string {
  if (!UUID.test(raw)) throw new InvalidArgumentError(`${option} must be an id (a UUID) (got "${raw}")`);
  return raw.toLowerCase();
}

/** Writes a FHIR export to `out` (a stream); returns what to tell the operator. */
export async function runFhirExport(
  handle: DbHandle,
  who: Exporter,
  target: { kind: 'person' | 'scheme'; id: string },
  out: Writable,
  now: Date = new Date(),
): Promise<string> {
  if (target.kind === 'person') {
    const bundle = await exportPersonFhir(handle.db, who, target.id, FULL_ACCESS, now);
    await pipeline(Readable.from([JSON.stringify(bundle)]), out);
    return `Exported person ${target.id}: ${bundle.entry.length} resources (Bundle ${bundle.id})`;
  }
  const scheme = await findSchemeToExport(handle.db, target.id);
  await pipeline(Readable.from(streamSchemeFhir(handle.db, who, scheme.id, now)), out);
  return `Exported scheme ${scheme.name} (${scheme.id})`;
}

export interface ResearchExportOptions {
  readonly scheme?: string[];
  readonly from?: string;
  readonly to?: string;
  readonly out: string;
  readonly secretOut?: string;
}

/**
 * Writes a research extract to `opts.out` and its secret to `opts.secretOut` (a new file, mode 0600)
 * or returns it for printing once. Refuses a secret file that is the extract itself.
 */
export async function runResearchExport(
  handle: DbHandle,
  who: Exporter,
  opts: ResearchExportOptions,
): Promise<{ summary: string; secret: string | null }> {
  if (opts.secretOut !== undefined && resolve(opts.secretOut) === resolve(opts.out)) {
    throw validationError([
      {
        path: '--secret-out',
        rule: 'apart',
        message: 'must not be the extract (--out): keep the key apart from it',
      },
    ]);
  }
  // Claim the secret file first (a new file, owner-only), so a clash fails before anything is written.
  const secretFile = opts.secretOut === undefined ? null : await open(opts.secretOut, 'wx', 0o600);
  try {
    const extract = await beginResearchExtract(handle.db, who, {
      ...(opts.scheme === undefined ? {} : { schemeIds: opts.scheme }),
      ...(opts.from === undefined ? {} : { from: opts.from }),
      ...(opts.to === undefined ? {} : { to: opts.to }),
    });
    await pipeline(Readable.from(extract.csv), createWriteStream(opts.out));
    const lines = [
      `Wrote ${extract.rows()} referrals to ${opts.out} (extract ${extract.extractId}; audit run ${who.kind === 'operator' ? who.runId : who.ctx.requestId})`,
    ];
    if (secretFile === null) return { summary: lines.join('\n'), secret: extract.secret };
    await secretFile.writeFile(
      [
        `Linkwork research extract ${extract.extractId} (${opts.out})`,
        'Pseudonyms are HMAC-SHA-256 of "person:nhs:<NHS number>", "person:chi:<CHI number>",',
        '"person:linkwork:<person id>" or "referral:<referral id>" under this key (hex), first 32 hex',
        'characters. Keep this file away from the extract.',
        extract.secret,
        '',
      ].join('\n'),
      'utf8',
    );
    lines.push(
      `The pseudonym key is in ${opts.secretOut ?? ''} (readable by you only); it is stored nowhere else.`,
    );
    return { summary: lines.join('\n'), secret: null };
  } catch (error) {
    // No extract, no key: remove the file claimed for it.
    if (opts.secretOut !== undefined) await unlink(opts.secretOut).catch(() => undefined);
    throw error;
  } finally {
    await secretFile?.close().catch(() => undefined);
  }
}

export function registerExportCommand(program: Command, dbOptions: () => DbOptions): void {
  const exp = program
    .command('export')
    .description('Exports: FHIR R4 Bundles, the pseudonymised research extract');

  exp
    .command('fhir')
    .description(
      "A person's social prescribing record, or everything a scheme holds, as a FHIR R4 Bundle (UK Core)",
    )
    .option('--person <id>', 'one person (every referral)', (v) => parseId('--person', v))
    .option('--scheme <id>', 'every person the scheme holds, with their referrals to it (streamed)', (v) =>
      parseId('--scheme', v),
    )
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: FhirExportOptions) => {
      const target = fhirTarget(opts);
      await withDb(dbOptions(), async (handle) => {
        const out = opts.out === undefined ? process.stdout : createWriteStream(opts.out);
        const summary = await runFhirExport(handle, operator(), target, out);
        console.error(opts.out === undefined ? summary : `${summary} to ${opts.out}`);
      });
    });

  exp
    .command('research')
    .description(
      'The pseudonymised research extract as CSV: one row per referral, keyed-hash pseudonyms under a new secret, age bands, deprivation deciles, no free text',
    )
    .requiredOption('--out <file>', 'the CSV file')
    .option(
      '--scheme <id>',
      'only this scheme; repeatable (default: every scheme)',
      (v, prev: string[] | undefined) => collect(parseId('--scheme', v), prev),
    )
    .option('--from <date>', 'first referral date included (UK time)', (v) => parseDate('--from', v))
    .option('--to <date>', 'last referral date included', (v) => parseDate('--to', v))
    .option(
      '--secret-out <file>',
      'write the pseudonym key to this new file (mode 0600) instead of printing it once',
    )
    .action(async (opts: ResearchExportOptions) => {
      await withDb(dbOptions(), async (handle) => {
        const { summary, secret } = await runResearchExport(handle, operator(), opts);
        console.error(summary);
        if (secret !== null) {
          console.error(
            `Pseudonym key (shown once, not stored; keep it apart from the extract, or re-run with --secret-out FILE):\n${secret}`,
          );
        }
      });
    });
}
