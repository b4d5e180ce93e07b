import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import {
  EXIT_NOT_SCORED,
  EXIT_SCORED,
  EXIT_USAGE,
  parseAnswers,
  registerScoreCommand,
  runScore,
} from './score.js';

describe('parseAnswers', () => {
  it('reads numbers, and empty entries or "-" as missing', () => {
    expect(parseAnswers('4, 3,,-,5')).toEqual({ kind: 'ok', answers: [4, 3, null, null, 5] });
    expect(parseAnswers('2.5,-1')).toEqual({ kind: 'ok', answers: [2.5, -1] });
    expect(parseAnswers('')).toEqual({ kind: 'ok', answers: [null] });
  });

  it('rejects anything else, naming the position', () => {
    expect(parseAnswers('4,x,5')).toEqual({
      kind: 'error',
      message: 'answer 2 ("x") is not a number, "" or "-"',
    });
    expect(parseAnswers('1e3')).toMatchObject({ kind: 'error' });
  });
});

describe('runScore', () => {
  it('scores SWEMWBS: raw and metric, exit 0', () => {
    const out = runScore('swemwbs', { answers: '3,3,3,3,3,3,3' });
    expect(out.exitCode).toBe(EXIT_SCORED);
    expect(out.stdout).toBe('SWEMWBS 1.0 (rules swemwbs-1.0/rasch-2009)\n  raw: 21\n  metric: 19.25');
  });

  it('shows bands and alerts (PHQ-9 item 9)', () => {
    const out = runScore('PHQ9', { answers: '2,2,2,2,2,0,0,0,1' });
    expect(out.exitCode).toBe(EXIT_SCORED);
    expect(out.stdout).toContain('total: 11 (Moderate)');
    expect(out.stdout).toContain('ALERT phq9_item9_positive');
  });

  it('ONS4 with a missing item still scores the others and says which are missing', () => {
    const out = runScore('ons4', { answers: '8,-,6,2' });
    expect(out.exitCode).toBe(EXIT_SCORED);
    expect(out.stdout).toContain('life_satisfaction: 8 (High)');
    expect(out.stdout).toContain('anxiety: 2 (Low)');
    expect(out.stdout).toContain('not answered (allowed by the per_measure rule): 2');
  });

  it('incomplete: exit 1 with the missing items', () => {
    const out = runScore('wemwbs', { answers: '3,3,3' });
    expect(out.exitCode).toBe(EXIT_NOT_SCORED);
    expect(out.stdout).toContain('incomplete: WEMWBS is scored only when all 14 items are answered');
    expect(out.stdout).toContain('missing items: 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14');
  });

  it('invalid: exit 1 naming the item and rule', () => {
    const out = runScore('gad7', { answers: '0,1,2,3,4,0,2.5' });
    expect(out.exitCode).toBe(EXIT_NOT_SCORED);
    expect(out.stdout).toContain('item 5 must be from 0 to 3, got 4 [out_of_range]');
    expect(out.stdout).toContain('[integer]');
  });

  it('--json prints the domain result unchanged', () => {
    const out = runScore('ucla3', { answers: '1,2,3', json: true });
    expect(out.exitCode).toBe(EXIT_SCORED);
    expect(JSON.parse(out.stdout)).toEqual({
      instrumentId: 'ucla3',
      instrumentVersion: '1.0',
      rulesVersion: 'ucla3-1.0/sum-2004',
      kind: 'scored',
      scores: [{ measure: 'total', value: 6 }],
      missingItems: [],
      alerts: [],
    });
    expect(JSON.parse(runScore('ucla3', { answers: '1,9,3', json: true }).stdout)).toMatchObject({
      kind: 'invalid',
    });
  });

  it('--list shows every instrument with version, rules and source; --json lists as data', () => {
    const out = runScore('', { list: true });
    expect(out.exitCode).toBe(EXIT_SCORED);
    for (const id of ['ons4', 'wemwbs', 'swemwbs', 'ucla3', 'ons-loneliness', 'phq9', 'gad7']) {
      expect(out.stdout).toContain(id);
    }
    expect(out.stdout).toContain('swemwbs-1.0/rasch-2009');
    expect(out.stdout).toContain('Source: Kroenke, Spitzer & Williams 2001');
    const listed = JSON.parse(runScore('ignored', { list: true, json: true }).stdout) as { id: string }[];
    expect(listed.map((d) => d.id)).toHaveLength(7);
  });

  it('usage errors exit 2 and list the known instruments', () => {
    for (const out of [
      runScore('eq5d', { answers: '1' }),
      runScore('', { answers: '1' }),
      runScore('swemwbs', {}),
      runScore('swemwbs', { answers: '1,two' }),
    ]) {
      expect(out.exitCode).toBe(EXIT_USAGE);
      expect(out.stdout).toContain('Known instruments: ons4, wemwbs, swemwbs');
    }
    expect(runScore('eq5d', { answers: '1' }).stdout).toContain('Unknown instrument "eq5d".');
    const json = JSON.parse(runScore('eq5d', { json: true }).stdout) as { error: { code: string } };
    expect(json.error.code).toBe('not_found');
  });
});

describe('registerScoreCommand', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  function run(...argv: string[]): string[] {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
      printed.push(String(text));
    });
    const program = new Command().exitOverride();
    registerScoreCommand(program);
    program.parse(argv, { from: 'user' });
    return printed;
  }

  it('wires the arguments, prints, and sets the exit code', () => {
    expect(run('score', 'swemwbs', '--answers', '-,3,3,3,3,3,3')[0]).toContain('incomplete');
    expect(process.exitCode).toBe(EXIT_NOT_SCORED);
    expect(run('score', 'swemwbs', '--answers=5,5,5,5,5,5,5')[0]).toContain('metric: 35');
    expect(process.exitCode).toBe(EXIT_SCORED);
    expect(run('score', '--list')[0]).toContain('ons-loneliness');
    expect(run('score')[0]).toContain('Missing INSTRUMENT.');
    expect(process.exitCode).toBe(EXIT_USAGE);
  });
});
