// The shipped profiles, their JSON Schema and the template files stay in step with the code:
// every profile in profiles/ is valid, profile.schema.json is what the zod schema exports, the
// template CSVs are what `linkwork import template` writes, and the template profile and the
// example files fit each other column for column.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bindSheet, describeIssues } from '../../domain/harmonisation/profile.js';
import { parseProfile, profileJsonSchema, type LoadedProfile } from './profile-schema.js';
import { TEMPLATE, templateCsv } from './template.js';

const PROFILES = resolve(import.meta.dirname, '../../../profiles');
const read = (...path: string[]): string => readFileSync(join(PROFILES, ...path), 'utf8');
const profile = (name: string): LoadedProfile => parseProfile(read(`${name}.json`));

describe('profiles/', () => {
  it('holds valid profiles only', () => {
    const names = readdirSync(PROFILES).filter((f) => f.endsWith('.json') && f !== 'profile.schema.json');
    expect(names.sort()).toEqual(['charitylog-style.json', 'gp-spreadsheet.json', 'linkwork-template.json']);
    for (const name of names) expect(() => parseProfile(read(name))).not.toThrow();
  });

  it('has the JSON Schema the profile schema exports (regenerate: linkwork import schema --out profiles/profile.schema.json)', () => {
    expect(JSON.parse(read('profile.schema.json'))).toEqual(profileJsonSchema());
  });

  it('has the template CSVs the template writes (regenerate: linkwork import template --out profiles/templates)', () => {
    for (const sheet of TEMPLATE) expect(read('templates', sheet.file)).toBe(templateCsv(sheet));
  });

  it('reads every template column, and the example files fit their profiles', () => {
    const fits = (p: LoadedProfile, index: number, text: string): string[] => {
      const sheet = p.compiled.sheets[index];
      if (sheet === undefined) throw new Error('no sheet');
      const rows: string[][] = parse(text, { relax_column_count: true });
      const bound = bindSheet(p.compiled, sheet, rows[sheet.headerRow - 1] ?? []);
      if (bound.kind === 'invalid') throw new Error(describeIssues(bound.issues));
      return [...bound.value.unusedColumns];
    };
    const template = profile('linkwork-template');
    TEMPLATE.forEach((sheet, i) => {
      expect(template.compiled.sheets[i]?.sheet).toBe(sheet.sheet);
      expect(fits(template, i, templateCsv(sheet))).toEqual([]);
    });
    expect(fits(profile('charitylog-style'), 0, read('examples', 'charitylog-activities.csv'))).toEqual([]);
    expect(fits(profile('gp-spreadsheet'), 0, read('examples', 'gp-referrals.csv'))).toEqual([]);
  });

  it('refuses profiles that are not JSON, not shaped as a profile, or inconsistent', () => {
    expect(() => parseProfile('{')).toThrow(/profile: is not JSON/);
    try {
      parseProfile(
        JSON.stringify({
          name: 'Bad Name',
          title: 'x',
          sourceSystem: 'x',
          sheets: [{ name: 'a', extra: 1 }],
        }),
      );
      expect.unreachable();
    } catch (error) {
      const issues = (error as { details: { issues: { path: string; rule: string }[] } }).details.issues;
      expect(issues.map((i) => `${i.path} ${i.rule}`)).toEqual([
        'name invalid_format',
        'sheets[0] unrecognized_keys',
      ]);
    }
    expect(() =>
      parseProfile(JSON.stringify({ name: 'ok', title: 'x', sourceSystem: 'x', sheets: [{ name: 'a' }] })),
    ).toThrow(/sheets\[0\]: map at least one of person, referral or contact/);
  });
});
