import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkNhsNumber, modulus11CheckDigit, normaliseIdentifier } from './nhs-number.js';
import { checkChiNumber } from './chi-number.js';

describe('NHS number (Modulus 11)', () => {
  // Valid examples from standards.md 3.1 (checked there with nhs-number-validator 1.1.2).
  it.each(['9000000009', '9434765919', '9912003888', '943 476 5919', '943-476-5919'])('accepts %s', (n) => {
    expect(checkNhsNumber(n)).toEqual({ kind: 'valid', value: normaliseIdentifier(n) });
  });

  it('rejects the UK Core example 9912003890, which fails the check digit', () => {
    expect(checkNhsNumber('9912003890')).toMatchObject({ kind: 'invalid', rule: 'nhs_number_check_digit' });
  });

  it.each(['', '123', '12345678901', '94347659X9'])('rejects the format of %j', (n) => {
    expect(checkNhsNumber(n)).toMatchObject({ kind: 'invalid', rule: 'nhs_number_format' });
  });

  it('rejects a number whose check value would be 10', () => {
    // 000000006: sum = 6 * 2 = 12, 12 mod 11 = 1, check = 10 -> no valid final digit.
    expect(modulus11CheckDigit('000000006')).toBeNull();
    expect(checkNhsNumber('0000000060')).toMatchObject({ kind: 'invalid', rule: 'nhs_number_check_digit' });
  });

  it('maps a check value of 11 to 0', () => {
    expect(modulus11CheckDigit('000000000')).toBe(0);
  });

  it('property: exactly one final digit completes a valid number unless the prefix is invalid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (prefix) => {
        const valid = '0123456789'.split('').filter((d) => checkNhsNumber(prefix + d).kind === 'valid');
        expect(valid.length).toBe(modulus11CheckDigit(prefix) === null ? 0 : 1);
      }),
    );
  });
});

describe('CHI number', () => {
  // 010190123x: digits 0,1,0,1,9,0,1,2,3 weights 10..2 -> 0+9+0+7+54+0+4+6+6 = 86, 86 mod 11 = 9, check 2.
  it('accepts a CHI number with a valid date and check digit', () => {
    expect(checkChiNumber('0101901232')).toEqual({ kind: 'valid', value: '0101901232' });
    expect(checkChiNumber('010190 1232', '1990-01-01')).toEqual({ kind: 'valid', value: '0101901232' });
  });

  it('rejects a bad format', () => {
    expect(checkChiNumber('01019012')).toMatchObject({ rule: 'chi_number_format' });
  });

  it.each(['3202901230', '0013901230', '2902010000', '0000001230'])(
    'rejects the impossible date in %s',
    (n) => {
      expect(checkChiNumber(n)).toMatchObject({ rule: 'chi_number_date' });
    },
  );

  it('accepts 29 February in a leap year of either century', () => {
    // 290200: 29 Feb 2000 exists. digits 2,9,0,2,0,0,1,2,3 -> 20+81+0+14+0+0+4+6+6 = 131, mod 11 = 10, check 1.
    expect(checkChiNumber('2902001231')).toEqual({ kind: 'valid', value: '2902001231' });
  });

  it('rejects a wrong check digit', () => {
    expect(checkChiNumber('0101901233')).toMatchObject({ rule: 'chi_number_check_digit' });
    // 010190004: 0+9+0+7+54+0+0+0+8 = 78, 78 mod 11 = 1, check = 10 -> invalid whatever the last digit.
    expect(checkChiNumber('0101900040')).toMatchObject({ rule: 'chi_number_check_digit' });
  });

  it('rejects a CHI whose date part does not match the date of birth', () => {
    expect(checkChiNumber('0101901232', '1990-01-02')).toMatchObject({ rule: 'chi_number_date_of_birth' });
  });
});
