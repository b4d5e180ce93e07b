/**
 * A person (service user): PRSB Social Prescribing Information Standard v1.1 section 1 "Person
 * demographics" and section 2 "GP practice" (../shared/standards/standards.md section 1.2).
 */
import { checkChiNumber } from '../identifiers/chi-number.js';
import { checkNhsNumber } from '../identifiers/nhs-number.js';
import { LIMITS } from '../limits.js';
import {
  checkCode,
  checkDate,
  checkInteger,
  checkText,
  IssueList,
  result,
  type CodeLookup,
  type Validated,
} from '../validation.js';

/** What a caller supplies to record a person (API body, import row, demo generator). */
export interface PersonInput {
  readonly nhsNumber?: string | null;
  readonly chiNumber?: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly sex?: string | null;
  readonly gender?: string | null;
  readonly ethnicity?: { readonly nation: string; readonly code: string } | null;
  readonly postcode?: string | null;
  readonly deprivation?: { readonly index: string; readonly decile: number } | null;
  readonly registeredPracticeId?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
}

/** A person after validation: normalised identifiers and postcode, nulls for absent values. */
export interface PersonRecord {
  readonly nhsNumber: string | null;
  readonly chiNumber: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly sex: string | null;
  readonly gender: string | null;
  readonly ethnicity: { readonly nation: string; readonly code: string } | null;
  readonly postcode: string | null;
  readonly deprivation: { readonly index: string; readonly decile: number } | null;
  readonly registeredPracticeId: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

const POSTCODE = /^([A-Z]{1,2}[0-9][0-9A-Z]?) ?([0-9][A-Z]{2})$/;

/** Normalises a UK postcode to upper case with one space ("m1 1ae" -> "M1 1AE"), or null if malformed. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  return POSTCODE.test(compact) ? compact.replace(POSTCODE, '$1 $2') : null;
}

/** Subtracts whole years from an ISO date (29 Feb falls back to 28 Feb). */
function yearsBefore(isoDate: string, years: number): string {
  const y = String(Number(isoDate.slice(0, 4)) - years).padStart(4, '0');
  const md = isoDate.slice(5) === '02-29' ? '02-28' : isoDate.slice(5);
  return `${y}-${md}`;
}

/**
 * Validates a person. `today` (YYYY-MM-DD) bounds the date of birth: not in the future and not more
 * than LIMITS.maxAgeYears ago. NHS numbers must pass Modulus 11; CHI numbers their date part and
 * check digit, and must agree with the date of birth.
 */
export function validatePerson(
  input: PersonInput,
  codes: CodeLookup,
  today: string,
): Validated<PersonRecord> {
  const issues = new IssueList();
  const givenName = checkText(issues, 'givenName', input.givenName, {
    required: true,
    max: LIMITS.personName,
  });
  const familyName = checkText(issues, 'familyName', input.familyName, {
    required: true,
    max: LIMITS.personName,
  });
  const dateOfBirth = checkDate(issues, 'dateOfBirth', input.dateOfBirth, {
    required: true,
    notAfter: today,
  });
  if (dateOfBirth !== null && dateOfBirth < yearsBefore(today, LIMITS.maxAgeYears)) {
    issues.add('dateOfBirth', 'max_age', `must be within the last ${LIMITS.maxAgeYears} years`);
  }
  let nhsNumber: string | null = null;
  if (input.nhsNumber) {
    const check = checkNhsNumber(input.nhsNumber);
    if (check.kind === 'valid') nhsNumber = check.value;
    else issues.add('nhsNumber', check.rule, check.message);
  }
  let chiNumber: string | null = null;
  if (input.chiNumber) {
    const check = checkChiNumber(input.chiNumber, dateOfBirth ?? undefined);
    if (check.kind === 'valid') chiNumber = check.value;
    else issues.add('chiNumber', check.rule, check.message);
  }
  const sex = checkCode(issues, codes, 'sex', 'sex', input.sex);
  const gender = checkCode(issues, codes, 'gender', 'gender', input.gender);
  let ethnicity: PersonRecord['ethnicity'] = null;
  if (input.ethnicity) {
    const nation = checkCode(issues, codes, 'ethnicity.nation', 'nation', input.ethnicity.nation, {
      required: true,
    });
    if (nation !== null) {
      const code = checkCode(issues, codes, 'ethnicity.code', `ethnicity_${nation}`, input.ethnicity.code, {
        required: true,
      });
      if (code !== null) ethnicity = { nation, code };
    }
  }
  let postcode: string | null = null;
  if (input.postcode) {
    postcode = normalisePostcode(input.postcode);
    if (postcode === null) issues.add('postcode', 'postcode_format', 'must be a UK postcode such as M1 1AE');
  }
  let deprivation: PersonRecord['deprivation'] = null;
  if (input.deprivation) {
    const index = checkCode(
      issues,
      codes,
      'deprivation.index',
      'deprivation_index',
      input.deprivation.index,
      {
        required: true,
      },
    );
    const decile = checkInteger(issues, 'deprivation.decile', input.deprivation.decile, {
      required: true,
      min: 1,
      max: 10,
    });
    if (index !== null && decile !== null) deprivation = { index, decile };
  }
  const phone = checkText(issues, 'phone', input.phone, { max: 30 });
  const email = checkText(issues, 'email', input.email, { max: LIMITS.email });
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    issues.add('email', 'email_format', 'must be an email address');
  }
  return result(issues, {
    nhsNumber,
    chiNumber,
    givenName: givenName ?? '',
    familyName: familyName ?? '',
    dateOfBirth: dateOfBirth ?? '',
    sex,
    gender,
    ethnicity,
    postcode,
    deprivation,
    registeredPracticeId: input.registeredPracticeId ?? null,
    phone,
    email,
  });
}
