import { describe, expect, it } from 'vitest';
import { codeLookup } from './code-lookup.js';
import { DomainError, ERROR_CODES, isDomainError, validationError } from './errors.js';
import { LIMITS } from './limits.js';
import {
  ageOn,
  checkCode,
  checkDate,
  checkDateTime,
  checkInteger,
  checkText,
  isIsoDate,
  IssueList,
} from './validation.js';

const codes = codeLookup({ sex: ['male', 'female'] });

describe('field checks', () => {
  it('checkText trims, requires and bounds length in code points', () => {
    const issues = new IssueList();
    expect(checkText(issues, 'a', '  hi ', { max: 5 })).toBe('hi');
    expect(checkText(issues, 'b', '   ', { max: 5 })).toBeNull();
    expect(checkText(issues, 'c', undefined, { required: true, max: 5 })).toBeNull();
    expect(checkText(issues, 'd', '😀😀😀', { max: 3 })).toBe('😀😀😀');
    expect(
      checkText(issues, 'e', 'x'.repeat(LIMITS.referralReason + 1), { max: LIMITS.referralReason }),
    ).not.toBeNull();
    expect(issues.issues).toEqual([
      { path: 'c', rule: 'required', message: 'is required' },
      { path: 'e', rule: 'max_length', message: 'must be at most 150 characters' },
    ]);
  });

  it('isIsoDate accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
  });

  it('checkDate reports format, future and required', () => {
    const issues = new IssueList();
    expect(checkDate(issues, 'a', '2024-01-01', { notAfter: '2024-06-01' })).toBe('2024-01-01');
    expect(checkDate(issues, 'b', '2024-07-01', { notAfter: '2024-06-01' })).toBe('2024-07-01');
    expect(checkDate(issues, 'c', '01/02/2024', {})).toBeNull();
    expect(checkDate(issues, 'd', null, { required: true })).toBeNull();
    expect(checkDate(issues, 'e', '', {})).toBeNull();
    expect(issues.issues.map((i) => `${i.path}:${i.rule}`)).toEqual([
      'b:not_in_future',
      'c:date_format',
      'd:required',
    ]);
  });

  it('checkDateTime needs a zone and a real date', () => {
    const issues = new IssueList();
    const now = new Date('2025-01-01T00:00:00Z');
    expect(checkDateTime(issues, 'a', '2024-05-01T10:00:00Z', { notAfter: now })?.toISOString()).toBe(
      '2024-05-01T10:00:00.000Z',
    );
    expect(checkDateTime(issues, 'b', '2024-05-01T10:00+01:00', {})?.toISOString()).toBe(
      '2024-05-01T09:00:00.000Z',
    );
    expect(checkDateTime(issues, 'c', '2024-05-01 10:00', {})).toBeNull();
    expect(checkDateTime(issues, 'd', '2023-02-30T10:00:00Z', {})).toBeNull();
    expect(checkDateTime(issues, 'e', '2026-05-01T10:00:00Z', { notAfter: now })).not.toBeNull();
    expect(checkDateTime(issues, 'f', undefined, { required: true })).toBeNull();
    expect(checkDateTime(issues, 'g', '', {})).toBeNull();
    expect(issues.issues.map((i) => `${i.path}:${i.rule}`)).toEqual([
      'c:datetime_format',
      'd:datetime_format',
      'e:not_in_future',
      'f:required',
    ]);
  });

  it('checkCode looks codes up in their list', () => {
    const issues = new IssueList();
    expect(checkCode(issues, codes, 'sex', 'sex', 'male')).toBe('male');
    expect(checkCode(issues, codes, 'sex', 'sex', 'M')).toBeNull();
    expect(checkCode(issues, codes, 'x', 'nolist', 'a')).toBeNull();
    expect(checkCode(issues, codes, 'y', 'sex', '', { required: true })).toBeNull();
    expect(checkCode(issues, codes, 'z', 'sex', null)).toBeNull();
    expect(issues.issues).toEqual([
      { path: 'sex', rule: 'unknown_code', message: '"M" is not in the sex list' },
      { path: 'x', rule: 'unknown_code', message: '"a" is not in the nolist list' },
      { path: 'y', rule: 'required', message: 'is required' },
    ]);
  });

  it('checkInteger checks integer and range', () => {
    const issues = new IssueList();
    expect(checkInteger(issues, 'a', 5, { min: 1, max: 10 })).toBe(5);
    expect(checkInteger(issues, 'b', 5.5, { min: 1, max: 10 })).toBeNull();
    expect(checkInteger(issues, 'c', 11, { min: 1, max: 10 })).toBeNull();
    expect(checkInteger(issues, 'd', null, { required: true, min: 1, max: 10 })).toBeNull();
    expect(checkInteger(issues, 'e', undefined, { min: 1, max: 10 })).toBeNull();
    expect(issues.issues.map((i) => `${i.path}:${i.rule}`)).toEqual(['b:integer', 'c:range', 'd:required']);
  });

  it('ageOn counts whole years', () => {
    expect(ageOn('2000-06-15', '2025-06-14')).toBe(24);
    expect(ageOn('2000-06-15', '2025-06-15')).toBe(25);
  });
});

describe('errors', () => {
  it('validationError summarises the first issue and counts the rest', () => {
    const one = validationError([{ path: 'a', rule: 'required', message: 'is required' }]);
    expect(one.message).toBe('a: is required');
    expect(one.code).toBe('validation_failed');
    const two = validationError([
      { path: 'a', rule: 'r', message: 'm' },
      { path: 'b', rule: 'r', message: 'm' },
    ]);
    expect(two.message).toBe('a: m (and 1 more)');
    expect(validationError([]).message).toBe('Invalid input');
    expect(isDomainError(two)).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(new DomainError('not_found', 'x').details).toBeUndefined();
    expect(ERROR_CODES).toContain('internal_error');
  });
});
