import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import { normalisePostcode, validatePerson, type PersonInput } from './person.js';

const codes = codeLookup({
  sex: ['male', 'female'],
  gender: ['man', 'woman'],
  nation: ['england', 'scotland'],
  ethnicity_england: ['A', 'Z'],
  ethnicity_scotland: ['1A'],
  deprivation_index: ['imd2019', 'simd2020'],
});
const TODAY = '2025-06-01';
const base: PersonInput = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1980-12-10' };

const rules = (input: PersonInput, today = TODAY): string[] => {
  const r = validatePerson(input, codes, today);
  return r.kind === 'invalid' ? r.issues.map((i) => `${i.path}:${i.rule}`) : [];
};

describe('validatePerson', () => {
  it('accepts a full, valid person and normalises identifiers and postcode', () => {
    const r = validatePerson(
      {
        ...base,
        nhsNumber: '943 476 5919',
        sex: 'female',
        gender: 'woman',
        ethnicity: { nation: 'england', code: 'A' },
        postcode: 'm1  1ae',
        deprivation: { index: 'imd2019', decile: 3 },
        phone: '0161 000 0000',
        email: 'ada@example.org',
        registeredPracticeId: 'p1',
      },
      codes,
      TODAY,
    );
    expect(r).toMatchObject({
      kind: 'valid',
      value: { nhsNumber: '9434765919', postcode: 'M1 1AE', deprivation: { index: 'imd2019', decile: 3 } },
    });
  });

  it('accepts a Scottish person with a CHI number matching the date of birth', () => {
    const r = validatePerson(
      {
        ...base,
        dateOfBirth: '1990-01-01',
        chiNumber: '0101901232',
        ethnicity: { nation: 'scotland', code: '1A' },
      },
      codes,
      TODAY,
    );
    expect(r.kind).toBe('valid');
  });

  it('rejects each bad field with its path and rule', () => {
    expect(
      rules({
        givenName: ' ',
        familyName: 'x'.repeat(101),
        dateOfBirth: '2025-07-01',
        nhsNumber: '9434765918',
        chiNumber: '3202901230',
        sex: 'M',
        gender: 'robot',
        postcode: 'NOT A POSTCODE',
        email: 'nope',
      }),
    ).toEqual([
      'givenName:required',
      'familyName:max_length',
      'dateOfBirth:not_in_future',
      'nhsNumber:nhs_number_check_digit',
      'chiNumber:chi_number_date',
      'sex:unknown_code',
      'gender:unknown_code',
      'postcode:postcode_format',
      'email:email_format',
    ]);
  });

  it('rejects implausible ages and bad coded groups', () => {
    expect(rules({ ...base, dateOfBirth: '1900-01-01' })).toEqual(['dateOfBirth:max_age']);
    expect(rules({ ...base, familyName: '' })).toEqual(['familyName:required']);
    expect(rules({ ...base, dateOfBirth: '1905-03-01' }, '2025-03-01')).toEqual([]);
    expect(rules({ ...base, dateOfBirth: '1904-02-27' }, '2024-02-29')).toEqual(['dateOfBirth:max_age']);
    expect(rules({ ...base, ethnicity: { nation: 'wales', code: 'A' } })).toEqual([
      'ethnicity.nation:unknown_code',
    ]);
    expect(rules({ ...base, ethnicity: { nation: 'scotland', code: 'A' } })).toEqual([
      'ethnicity.code:unknown_code',
    ]);
    expect(rules({ ...base, deprivation: { index: 'imd2030', decile: 11 } })).toEqual([
      'deprivation.index:unknown_code',
      'deprivation.decile:range',
    ]);
    expect(rules({ ...base, dateOfBirth: '1990-01-02', chiNumber: '0101901232' })).toEqual([
      'chiNumber:chi_number_date_of_birth',
    ]);
    expect(rules({ ...base, dateOfBirth: 'x', chiNumber: '0101901232' })).toEqual([
      'dateOfBirth:date_format',
    ]);
  });

  it('normalisePostcode formats or refuses', () => {
    expect(normalisePostcode('eh11ye')).toBe('EH1 1YE');
    expect(normalisePostcode('SW1A 1AA')).toBe('SW1A 1AA');
    expect(normalisePostcode('12345')).toBeNull();
  });
});
