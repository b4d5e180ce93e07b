// Keeps docs/data-model.md honest: every PRSB path it names must exist in the PRSB Social Prescribing
// Information Standard v1.1 JSON, and every `table.column` it names must exist in the migrations.
// Reads files but needs no database, so it runs in the unit project.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const DOC_FILE = path.join(REPO_ROOT, 'docs', 'data-model.md');
// In CI the repository is cloned with `shared/` beside it, so this relative location holds.
const PRSB_FILE = path.resolve(REPO_ROOT, '..', 'shared', 'standards', 'prsb-social-prescribing-v1.1.json');
const MIGRATIONS_DIR = path.join(REPO_ROOT, 'src', 'db', 'migrations');

/** One node of the PRSB JSON (only the fields this test reads). */
interface PrsbNode {
  readonly name: string;
  readonly type: 'group' | 'item';
  readonly mro?: 'M' | 'R' | 'O' | null;
  readonly concept?: readonly PrsbNode[];
}

interface PrsbFile {
  readonly dataset: readonly { readonly concept: readonly PrsbNode[] }[];
}

const PATH_SEPARATOR = ' > ';
const COLUMN_TOKEN = /^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$/;
const REF_TABLE_TOKEN = /^ref_[a-z0-9_]+$/;

function loadPrsbSections(): readonly PrsbNode[] {
  const file = JSON.parse(readFileSync(PRSB_FILE, 'utf8')) as PrsbFile;
  return file.dataset.flatMap((d) => d.concept);
}

/** Every node the path names, matching names exactly after trimming (some JSON names end in a space). */
function resolvePrsbPath(sections: readonly PrsbNode[], prsbPath: string): readonly PrsbNode[] {
  let level: readonly PrsbNode[] = sections;
  let matched: readonly PrsbNode[] = [];
  for (const segment of prsbPath.split(PATH_SEPARATOR).map((s) => s.trim())) {
    matched = level.filter((node) => node.name.trim() === segment);
    level = matched.flatMap((node) => node.concept ?? []);
  }
  return matched;
}

/** The doc without fenced code blocks, so that only inline code spans are read. */
function loadDoc(): string {
  return readFileSync(DOC_FILE, 'utf8').replace(/```[\s\S]*?```/g, '');
}

function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => (m[1] ?? '').trim());
}

/** A table row's cells, without the outer pipes. */
function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** Index of the parenthesis closing the one at `open`, skipping SQL string literals. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === "'") inString = !inString;
    else if (!inString && ch === '(') depth++;
    else if (!inString && ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced parenthesis at offset ${open}`);
}

/** Column names of a CREATE TABLE body: each top-level comma-separated part that starts with a
 * lower-case identifier and a type. Constraints (CHECK, FOREIGN KEY, PRIMARY KEY, UNIQUE) are upper case. */
function columnsOf(body: string): Set<string> {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === "'") inString = !inString;
    else if (!inString && ch === '(') depth++;
    else if (!inString && ch === ')') depth--;
    else if (!inString && depth === 0 && ch === ',') {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  const columns = new Set<string>();
  for (const part of parts) {
    const match = /^([a-z_][a-z0-9_]*)\s+[a-z]/.exec(part.trim());
    if (match?.[1] !== undefined) columns.add(match[1]);
  }
  return columns;
}

/**
 * Tables and their columns from the migration sources. Template constants such as `${TRACKING}` are
 * expanded first. Reference lists are created in a loop (`CREATE TABLE ${list.table} (`): that
 * block's columns are given to every quoted 'ref_…' name in the same file.
 */
function loadSchema(): Map<string, Set<string>> {
  const schema = new Map<string, Set<string>>();
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const file of files) {
    let source = readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    for (const [, name, body] of source.matchAll(/const ([A-Z][A-Z0-9_]*) = `([^`]*)`/g)) {
      if (name !== undefined && body !== undefined) source = source.replaceAll(`\${${name}}`, body);
    }
    const loopColumns = new Set<string>();
    for (const match of source.matchAll(/CREATE TABLE (\$\{[^}]+\}|[a-z_][a-z0-9_]*) \(/g)) {
      const open = match.index + match[0].length - 1;
      const columns = columnsOf(source.slice(open + 1, closingParen(source, open)));
      const table = match[1] ?? '';
      if (table.startsWith('${')) columns.forEach((c) => loopColumns.add(c));
      else schema.set(table, columns);
    }
    if (loopColumns.size > 0) {
      for (const [, table] of source.matchAll(/'(ref_[a-z0-9_]+)'/g)) {
        if (table !== undefined && !schema.has(table)) schema.set(table, new Set(loopColumns));
      }
    }
  }
  return schema;
}

describe('docs/data-model.md', () => {
  const doc = loadDoc();
  const spans = codeSpans(doc);
  const sections = loadPrsbSections();

  it('reads the PRSB standard with its 19 top-level sections', () => {
    expect(sections).toHaveLength(19);
  });

  it('names only PRSB paths that exist in the standard', () => {
    const paths = [...new Set(spans.filter((s) => s.includes(PATH_SEPARATOR)))];
    const missing = paths.filter((p) => resolvePrsbPath(sections, p).length === 0);
    expect(missing).toEqual([]);
    expect(paths.length).toBeGreaterThanOrEqual(60);
  });

  it('has one section per PRSB top-level section, in the standard’s order', () => {
    const headings = [...doc.matchAll(/^## \d+\. (.+)$/gm)].map((m) => (m[1] ?? '').trim());
    expect(headings).toEqual(sections.map((s) => s.name.trim()));
  });

  it('gives each mapped row the MRO flag the standard gives (– where it gives none)', () => {
    const wrong: string[] = [];
    let rows = 0;
    for (const line of doc.split('\n')) {
      if (!line.trimStart().startsWith('|')) continue;
      const [first, mro] = tableCells(line);
      const only = /^`([^`]+)`$/.exec(first ?? '')?.[1];
      if (only === undefined) continue;
      rows++;
      const nodes = resolvePrsbPath(sections, only);
      const expected: string[] = nodes.map((n) => n.mro ?? '–');
      if (nodes.length === 0 || !expected.includes(mro ?? '')) {
        wrong.push(
          `${only}: doc says ${mro ?? '(nothing)'}, standard says ${expected.join('/') || '(no node)'}`,
        );
      }
    }
    expect(wrong).toEqual([]);
    expect(rows).toBeGreaterThanOrEqual(60);
  });

  it('names only tables and columns that exist in the migrations', () => {
    const schema = loadSchema();
    const tokens = [...new Set(spans)];
    const columns = tokens.filter((t) => COLUMN_TOKEN.test(t));
    const missing = columns.filter((t) => {
      const [, table = '', column = ''] = COLUMN_TOKEN.exec(t) ?? [];
      return schema.get(table)?.has(column) !== true;
    });
    const missingRefTables = tokens.filter((t) => REF_TABLE_TOKEN.test(t) && !schema.has(t));
    expect(missing).toEqual([]);
    expect(missingRefTables).toEqual([]);
    expect(columns.length).toBeGreaterThanOrEqual(40);
  });

  it('parses the migrations well enough to catch a wrong column', () => {
    const schema = loadSchema();
    expect(schema.get('person')?.has('nhs_number')).toBe(true);
    expect(schema.get('referral')?.has('source_system')).toBe(true);
    expect(schema.get('ref_need')?.has('system_code')).toBe(true);
    expect(schema.get('person')?.has('nhs_numbr')).toBe(false);
    expect(schema.get('person')?.has('check')).toBe(false);
  });
});
