/**
 * Scottish Community Health Index (CHI) number: 10 digits, DDMMYY date of birth, two digits, a
 * sex digit (odd male, even female) and a Modulus 11 check digit computed exactly as for the NHS
 * number (../shared/standards/standards.md section 2.4; NHS Scotland CHI data dictionary).
 */
import { modulus11CheckDigit, normaliseIdentifier, type IdentifierCheck } from './nhs-number.js';

/** True when DD/MM/YY is a calendar date in at least one century (1900s or 2000s). */
function isCalendarDate(dd: number, mm: number, yy: number): boolean {
  return [1900, 2000].some((century) => {
    const d = new Date(Date.UTC(century + yy, mm - 1, dd));
    return d.getUTCFullYear() === century + yy && d.getUTCMonth() === mm - 1 && d.getUTCDate() === dd;
  });
}

/**
 * Validates a CHI number: format, the DDMMYY date part and the check digit. When `dateOfBirth`
 * (ISO yyyy-mm-dd) is given, the date part must match it (rule `chi_number_date_of_birth`).
 */
export function checkChiNumber(raw: string, dateOfBirth?: string): IdentifierCheck {
  const value = normaliseIdentifier(raw);
  if (!/^\d{10}$/.test(value)) {
    return { kind: 'invalid', rule: 'chi_number_format', message: 'must be 10 digits' };
  }
  const dd = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  const yy = Number(value.slice(4, 6));
  if (!isCalendarDate(dd, mm, yy)) {
    return {
      kind: 'invalid',
      rule: 'chi_number_date',
      message: 'the first six digits must be a date of birth (DDMMYY)',
    };
  }
  const expected = modulus11CheckDigit(value.slice(0, 9));
  if (expected === null || expected !== Number(value[9])) {
    return {
      kind: 'invalid',
      rule: 'chi_number_check_digit',
      message: 'fails the Modulus 11 check digit',
    };
  }
  if (dateOfBirth !== undefined) {
    const ddmmyy = `${dateOfBirth.slice(8, 10)}${dateOfBirth.slice(5, 7)}${dateOfBirth.slice(2, 4)}`;
    if (ddmmyy !== value.slice(0, 6)) {
      return {
        kind: 'invalid',
        rule: 'chi_number_date_of_birth',
        message: 'the date part (DDMMYY) does not match the date of birth',
      };
    }
  }
  return { kind: 'valid', value };
}
