/**
 * NHS number (England, Wales, Isle of Man): 10 digits, the last a Modulus 11 check digit.
 *
 * Rule (../shared/standards/standards.md section 3.1, NHS Data Dictionary "NHS Number"): multiply
 * digits 1-9 by the weights 10..2, sum, r = sum mod 11, check = 11 - r; 11 becomes 0; 10 means the
 * number is invalid. The same algorithm checks the Scottish CHI number (see chi-number.ts).
 */

/** Removes spaces and hyphens that people type in "943 476 5919" or "943-476-5919". */
export function normaliseIdentifier(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/**
 * The Modulus 11 check digit for the first nine digits, or `null` when the remainder makes the
 * number invalid (check value 10). Expects exactly nine ASCII digits.
 */
export function modulus11CheckDigit(nineDigits: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    sum += (nineDigits.charCodeAt(i) - 48) * (10 - i);
  }
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export type IdentifierCheck =
  | { readonly kind: 'valid'; readonly value: string }
  | { readonly kind: 'invalid'; readonly rule: string; readonly message: string };

/** Validates an NHS number; on success returns it normalised to 10 digits. */
export function checkNhsNumber(raw: string): IdentifierCheck {
  const value = normaliseIdentifier(raw);
  if (!/^\d{10}$/.test(value)) {
    return { kind: 'invalid', rule: 'nhs_number_format', message: 'must be 10 digits' };
  }
  const expected = modulus11CheckDigit(value.slice(0, 9));
  if (expected === null || expected !== Number(value[9])) {
    return {
      kind: 'invalid',
      rule: 'nhs_number_check_digit',
      message: 'fails the Modulus 11 check digit',
    };
  }
  return { kind: 'valid', value };
}
