import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../errors.js';
import {
  bindSheet,
  columnsOf,
  compileProfile,
  describeIssues,
  matchesName,
  normaliseKey,
  type CompiledProfile,
  type ProfileSpec,
  type SheetSpec,
} from './profile.js';

const person = { id: 'Ref', fields: { givenName: 'First', familyName: 'Last', dateOfBirth: 'DOB' } };
const referral = { id: 'Case', fields: { referredAt: 'Referred', route: { value: 'gp_practice' } } };
const contact = { id: 'Act', fields: { contactAt: 'When', mode: 'How' } };

const spec = (sheets: SheetSpec[], extra: Partial<ProfileSpec> = {}): ProfileSpec => ({
  name: 'test',
  title: 'Test',
  sourceSystem: 'test',
  sheets,
  ...extra,
});

const compiled = (s: ProfileSpec): CompiledProfile => {
  const c = compileProfile(s);
  if (c.kind !== 'valid') throw new Error(describeIssues(c.issues));
  return c.value;
};

const issuesOf = (s: ProfileSpec): FieldIssue[] => {
  const c = compileProfile(s);
  return c.kind === 'invalid' ? [...c.issues] : [];
};

describe('compileProfile', () => {
  it('compiles a profile with defaults', () => {
    const c = compiled(spec([{ name: 'rows', person, referral, contact }]));
    expect(c).toMatchObject({ name: 'test', timeZone: 'Europe/London', delimiter: ',', encoding: 'utf-8' });
    const [sheet] = c.sheets;
    expect(sheet?.headerRow).toBe(1);
    expect(sheet?.sheet).toBeNull();
    expect(sheet?.file).toBeNull();
    expect(sheet?.person?.fields.map((f) => f.path)).toEqual([
      'person.givenName',
      'person.familyName',
      'person.dateOfBirth',
    ]);
    expect(sheet?.referral?.fields[1]).toMatchObject({
      value: 'gp_practice',
      column: null,
      unmapped: 'keep',
      split: ';',
    });
  });

  it('takes the options a profile gives', () => {
    const c = compiled(
      spec(
        [
          {
            name: 'rows',
            sheet: 'Data',
            file: '*.csv',
            headerRow: 3,
            person: {
              fields: {
                ...person.fields,
                sex: { column: 'Sex', map: { M: 'male', ' f ': 'female' }, unmapped: 'reject' },
                dateOfBirth: { column: 'DOB', formats: ['d MMM yyyy'] },
                postcode: { column: 'PC', pattern: '^[A-Z]' },
              },
            },
          },
        ],
        { timeZone: 'UTC', csv: { delimiter: ';', encoding: 'windows-1252' }, dateFormats: ['dd/MM/yyyy'] },
      ),
    );
    expect(c).toMatchObject({ timeZone: 'UTC', delimiter: ';', encoding: 'windows-1252' });
    const fields = c.sheets[0]?.person?.fields ?? [];
    expect(fields.find((f) => f.field === 'sex')?.map).toEqual(
      new Map([
        ['m', 'male'],
        ['f', 'female'],
      ]),
    );
    expect(fields.find((f) => f.field === 'dateOfBirth')?.formats.map((f) => f.source)).toEqual([
      'd MMM yyyy',
    ]);
    expect(fields.find((f) => f.field === 'givenName')?.formats.map((f) => f.source)).toEqual(['dd/MM/yyyy']);
    expect(c.sheets[0]).toMatchObject({ sheet: 'Data', file: '*.csv', headerRow: 3 });
  });

  it('reports every problem it finds, naming the profile key', () => {
    const issues = issuesOf(
      spec(
        [
          {
            name: 'a',
            person: {
              fields: {
                givenName: { column: 'X', value: 'Y' },
                familyName: { template: 'no columns' },
                dateOfBirth: { column: 'DOB', formats: ['DD/MM/YYYY'] },
                nickname: 'Nick',
                sex: { column: 'Sex', pattern: '(', group: 'g', split: ',', unmapped: 'reject' },
                gender: { column: 'Gender', group: 'g', formats: ['dd/MM/yyyy'] },
                email: { column: 'E', map: { a: 'x', ' A ': 'y' } },
              },
            },
          },
          { name: 'A' },
          { name: 'b', referral: { fields: { referredAt: 'R' }, repeat: ['1'] } },
          { name: 'c', contact: { id: 'Id', fields: { contactAt: 'When {n}', mode: 'How' }, repeat: [] } },
          {
            name: 'd',
            contact: {
              id: 'Id',
              fields: { contactAt: 'When', mode: 'How', referral: 'R' },
              repeat: ['1', '1'],
            },
          },
          {
            name: 'e',
            contact: { id: 'Id', fields: { contactAt: 'When', mode: 'How', referral: 'R' }, repeat: ['1'] },
          },
          {
            name: 'f',
            contact: {
              id: { template: '{Id}-{n}' },
              fields: { contactAt: 'When', mode: 'How', referral: 'R' },
            },
          },
          { name: 'g', person, referral: { ...referral, fields: { ...referral.fields, person: 'P' } } },
          { name: 'h', referral, contact: { ...contact, fields: { ...contact.fields, referral: 'R' } } },
          { name: 'i', contact },
        ],
        { dateFormats: ['yyyy-MM'], csv: { delimiter: ';;' } },
      ),
    );
    const found = issues.map((i) => `${i.path} ${i.rule}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'dateFormats[0] date_format',
        'sheets[0].person.fields.givenName one_source',
        'sheets[0].person.fields.familyName.template template',
        'sheets[0].person.fields.dateOfBirth.formats[0] date_format',
        'sheets[0].person.fields.nickname unknown_field',
        'sheets[0].person.fields.sex.pattern pattern',
        'sheets[0].person.fields.sex.group pattern_group',
        'sheets[0].person.fields.sex.split not_allowed',
        'sheets[0].person.fields.sex.unmapped not_allowed',
        'sheets[0].person.fields.gender.group not_allowed',
        'sheets[0].person.fields.gender.formats not_allowed',
        'sheets[0].person.fields.email.map duplicate_key',
        'sheets[1].name duplicate_key',
        'sheets[1] required',
        'sheets[2].referral.fields.route required',
        'sheets[2].referral.id required',
        'sheets[2].referral.repeat not_allowed',
        'sheets[2].referral.fields.person required',
        'sheets[3].contact.repeat repeat',
        'sheets[3].contact.fields.referral required',
        'sheets[4].contact.repeat repeat',
        'sheets[5].contact.repeat repeat',
        'sheets[6].contact repeat',
        'sheets[7].referral.fields.person not_allowed',
        'sheets[8].contact.fields.referral not_allowed',
        'csv.delimiter delimiter',
      ]),
    );
    // With several sheets, each must say where it comes from.
    expect(found).toContain('sheets[0] required');
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
  });

  it('accepts a default alone as a field source', () => {
    const c = compiled(
      spec([
        {
          name: 'r',
          referral: {
            ...referral,
            fields: { ...referral.fields, person: 'P', status: { default: 'waiting' } },
          },
        },
      ]),
    );
    expect(c.sheets[0]?.referral?.fields.find((f) => f.field === 'status')?.default).toBe('waiting');
  });
});

describe('names and columns', () => {
  it('normalises keys', () => {
    expect(normaliseKey('\uFEFF  Date   of  Birth ')).toBe('date of birth');
  });

  it('matches file name patterns', () => {
    expect(matchesName('*people*.csv', 'Export-People-2025.CSV')).toBe(true);
    expect(matchesName('ref?.csv', 'ref1.csv')).toBe(true);
    expect(matchesName('ref?.csv', 'ref12.csv')).toBe(false);
    expect(matchesName('a.b(c).csv', 'a.b(c).csv')).toBe(true);
    expect(matchesName('a.b.csv', 'aXb.csv')).toBe(false);
  });

  it('lists the columns a field reads', () => {
    const c = compiled(
      spec([
        {
          name: 'r',
          contact: {
            id: { template: 'C-{Id}-{n}' },
            fields: { contactAt: 'When {n}', mode: { value: 'telephone' }, referral: 'R' },
            repeat: ['1', '2'],
          },
        },
      ]),
    );
    const record = c.sheets[0]?.contact;
    expect(record?.id === null || record?.id === undefined ? [] : columnsOf(record.id)).toEqual(['Id']);
    expect(record?.fields.map(columnsOf)).toEqual([['When {n}'], [], ['R']]);
  });
});

describe('bindSheet', () => {
  const profile = compiled(
    spec([
      {
        name: 'rows',
        person,
        referral,
        contact: {
          id: { template: '{Act}-{n}' },
          fields: { contactAt: 'When {n}', mode: 'How {n}' },
          repeat: ['1', '2'],
        },
      },
    ]),
  );
  const sheet = profile.sheets[0]!;

  it('finds every column, ignoring case and spaces, and lists those not read', () => {
    const header = [
      ' ref ',
      'FIRST',
      'Last',
      'DOB',
      'Case',
      'Referred',
      'Act',
      'When 1',
      'How 1',
      'When 2',
      'How 2',
      'Extra',
      '',
    ];
    const bound = bindSheet(profile, sheet, header);
    expect(bound.kind).toBe('valid');
    if (bound.kind !== 'valid') return;
    expect(bound.value.unusedColumns).toEqual(['Extra']);
    expect(bound.value.person?.fields[0]?.parts).toEqual([{ kind: 'cell', index: 1, own: true }]);
    expect(bound.value.contacts.map((c) => [c.repeatKey, c.fields[0]?.parts])).toEqual([
      ['1', [{ kind: 'cell', index: 7, own: true }]],
      ['2', [{ kind: 'cell', index: 9, own: true }]],
    ]);
    // The id template reads a column of the whole row and the repeat key.
    expect(bound.value.contacts[1]?.id?.parts).toEqual([
      { kind: 'cell', index: 6, own: false },
      { kind: 'text', text: '-' },
      { kind: 'text', text: '2' },
    ]);
    expect(bound.value.referral?.fields[1]?.parts).toBeNull();
    expect(bound.value.timeZone).toBe('Europe/London');
  });

  it('reports missing and doubled columns', () => {
    const bound = bindSheet(profile, sheet, [
      'Ref',
      'First',
      'Last',
      'Last',
      'Case',
      'Referred',
      'Act',
      'When 1',
      'How 1',
      'How 2',
    ]);
    expect(bound.kind).toBe('invalid');
    if (bound.kind !== 'invalid') return;
    expect(bound.issues.map((i) => `${i.path} ${i.rule} ${i.message}`)).toEqual([
      'sheets[0].person.fields.familyName ambiguous_column the header of rows has "Last" twice',
      'sheets[0].person.fields.dateOfBirth missing_column column "DOB" is not in the header of rows',
      'sheets[0].contact.fields.contactAt missing_column column "When 2" is not in the header of rows',
    ]);
  });

  it('binds sheets without some records', () => {
    const only = compiled(spec([{ name: 'p', person }]));
    const bound = bindSheet(only, only.sheets[0]!, ['Ref', 'First', 'Last', 'DOB']);
    expect(bound.kind === 'valid' && bound.value.referral === null && bound.value.contacts.length === 0).toBe(
      true,
    );
    const noId = compiled(spec([{ name: 'p', person: { fields: person.fields } }]));
    const b2 = bindSheet(noId, noId.sheets[0]!, ['First', 'Last', 'DOB']);
    expect(b2.kind === 'valid' && b2.value.person?.id === null).toBe(true);
  });
});

describe('describeIssues', () => {
  it('writes one line per issue', () => {
    expect(
      describeIssues([
        { path: 'a', rule: 'r', message: 'm' },
        { path: 'b', rule: 's', message: 'n' },
      ]),
    ).toBe('a: m [r]\nb: n [s]');
  });
});
