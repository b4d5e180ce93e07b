/**
 * `linkwork score INSTRUMENT --answers 4,3,5,... [--json]` and `linkwork score --list`: score one
 * questionnaire with a built-in instrument, through the same engine the server uses
 * (src/domain/questionnaires). Exit codes: 0 scored (or listed), 1 incomplete or invalid answers,
 * 2 usage error (unknown instrument, missing or unreadable --answers).
 */
import type { Command } from 'commander';
import type { ErrorCode } from '../../domain/errors.js';
import type {
  AnswerValue,
  InstrumentDefinition,
  ScoreResult,
} from '../../domain/questionnaires/instrument.js';
import { measuresOf, scoreInstrument } from '../../domain/questionnaires/instrument.js';
import { BUILT_IN_INSTRUMENTS, findBuiltInInstrument } from '../../domain/questionnaires/registry.js';

/** Options of `linkwork score`, as commander parses them. */
export interface ScoreOptions {
  readonly answers?: string;
  readonly json?: boolean;
  readonly list?: boolean;
}

/** What `runScore` wants printed, and the process exit code. */
export interface ScoreOutput {
  readonly stdout: string;
  readonly exitCode: number;
}

/** Exit code: scored (or listed). */
export const EXIT_SCORED = 0;
/** Exit code: the answers were incomplete or invalid. */
export const EXIT_NOT_SCORED = 1;
/** Exit code: usage error (unknown instrument, missing or unreadable --answers). */
export const EXIT_USAGE = 2;

const NUMBER = /^-?\d+(?:\.\d+)?$/;

type ParsedAnswers =
  | { readonly kind: 'ok'; readonly answers: readonly AnswerValue[] }
  | { readonly kind: 'error'; readonly message: string };

/** Parses "4,3,,-,5": an empty entry or "-" is a missing answer; anything else must be a number. */
export function parseAnswers(text: string): ParsedAnswers {
  const answers: AnswerValue[] = [];
  const tokens = text.split(',');
  for (const [index, raw] of tokens.entries()) {
    const token = raw.trim();
    if (token === '' || token === '-') {
      answers.push(null);
    } else if (NUMBER.test(token)) {
      answers.push(Number(token));
    } else {
      return {
        kind: 'error',
        message: `answer ${index + 1} (${JSON.stringify(token)}) is not a number, "" or "-"`,
      };
    }
  }
  return { kind: 'ok', answers };
}

function knownIds(): string[] {
  return BUILT_IN_INSTRUMENTS.map((d) => d.id);
}

function usage(json: boolean, code: ErrorCode, message: string): ScoreOutput {
  const known = knownIds();
  const stdout = json
    ? JSON.stringify({ error: { code, message, details: { knownInstruments: known } } }, null, 2)
    : `${message}\nKnown instruments: ${known.join(', ')}\nUsage: linkwork score INSTRUMENT --answers 4,3,5,... [--json] | linkwork score --list`;
  return { stdout, exitCode: EXIT_USAGE };
}

function listing(json: boolean): string {
  if (json) {
    return JSON.stringify(
      BUILT_IN_INSTRUMENTS.map((d) => ({
        id: d.id,
        version: d.version,
        name: d.name,
        rulesVersion: d.rulesVersion,
        items: d.items.length,
        measures: measuresOf(d).map((m) => ({ id: m.id, min: m.min, max: m.max, direction: m.direction })),
        source: d.source,
        licence: d.licence,
      })),
      null,
      2,
    );
  }
  const lines = BUILT_IN_INSTRUMENTS.map((d) => {
    const measures = measuresOf(d)
      .map((m) => `${m.id} ${m.min}-${m.max}`)
      .join(', ');
    const url = d.source.url === undefined ? '' : `\n    ${d.source.url}`;
    return `${d.id.padEnd(15)} ${d.version.padEnd(4)} ${d.rulesVersion.padEnd(32)} ${d.name}\n    ${d.items.length} items; ${measures}\n    Source: ${d.source.citation}${url}`;
  });
  return ['ID              VER  RULES                            NAME', ...lines].join('\n');
}

function describeResult(definition: InstrumentDefinition, result: ScoreResult): string {
  const header = `${definition.name} ${definition.version} (rules ${result.rulesVersion})`;
  const lines = [header];
  switch (result.kind) {
    case 'scored':
      for (const score of result.scores) {
        lines.push(`  ${score.measure}: ${score.value}${score.band === undefined ? '' : ` (${score.band})`}`);
      }
      if (result.missingItems.length > 0) {
        lines.push(
          `  not answered (allowed by the ${definition.missingData.kind} rule): ${result.missingItems.join(', ')}`,
        );
      }
      break;
    case 'incomplete':
      lines.push(`  incomplete: ${result.message}`);
      lines.push(`  missing items: ${result.missingItems.join(', ')}`);
      break;
    case 'invalid':
      lines.push('  invalid answers:');
      for (const issue of result.issues) lines.push(`    ${issue.message} [${issue.rule}]`);
      break;
  }
  if (result.kind !== 'invalid') {
    for (const alert of result.alerts) lines.push(`  ALERT ${alert.code}: ${alert.message}`);
  }
  return lines.join('\n');
}

/**
 * The `score` command without I/O: returns what to print and the exit code. `--list` wins over
 * everything else.
 */
export function runScore(instrumentId: string, opts: ScoreOptions): ScoreOutput {
  const json = opts.json === true;
  if (opts.list === true) return { stdout: listing(json), exitCode: EXIT_SCORED };
  if (instrumentId.trim() === '') return usage(json, 'validation_failed', 'Missing INSTRUMENT.');
  const definition = findBuiltInInstrument(instrumentId);
  if (definition === undefined) return usage(json, 'not_found', `Unknown instrument "${instrumentId}".`);
  if (opts.answers === undefined) return usage(json, 'validation_failed', 'Missing --answers.');
  const parsed = parseAnswers(opts.answers);
  if (parsed.kind === 'error') return usage(json, 'validation_failed', `--answers: ${parsed.message}.`);
  const result = scoreInstrument(definition, parsed.answers);
  const exitCode = result.kind === 'scored' ? EXIT_SCORED : EXIT_NOT_SCORED;
  return { stdout: json ? JSON.stringify(result, null, 2) : describeResult(definition, result), exitCode };
}

/** Registers `linkwork score` on the program (wired in src/cli/main.ts). */
export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description('Score one questionnaire with a built-in instrument (the same engine as the server)')
    .argument('[instrument]', `instrument id: ${knownIds().join(', ')}`)
    .option('--answers <list>', 'answers in item order, comma separated; an empty entry or - is missing')
    .option('--json', 'print the result as JSON')
    .option('--list', 'list the built-in instruments with versions and sources')
    .action((instrument: string | undefined, opts: ScoreOptions) => {
      const output = runScore(instrument ?? '', opts);
      console.log(output.stdout);
      process.exitCode = output.exitCode;
    });
}
