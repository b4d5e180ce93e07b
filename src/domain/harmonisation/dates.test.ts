import { describe, expect, it } from 'vitest';
import { compileDateFormat, isBritishSummerTime, readDateTime, toInstant, type DateFormat } from './dates.js';

const fmt = (source: string): DateFormat => {
  const c = compileDateFormat(source);
  if (c.kind !== 'valid') throw new Error(c.message);
  return c.format;
};

describe('compileDateFormat', () => {
  it.each([
    ['DD/MM/YYYY', 'unknown date token "DD"'],
    ['dd/MM/yyyy dd', 'names the day twice'],
    ['dd/MM/yyyy HH h a', 'names the hour twice'],
    ['dd/MM/yyyy h HH', 'names the hour twice'],
    ['dd/MM', 'must name a year'],
    ['yyyy-dd', 'must name a year'],
    ['yyyy-MM', 'must name a year'],
    ['dd/MM/yyyy hh:mm', 'needs AM/PM'],
    ['dd/MM/yyyy a', 'needs AM/PM'],
    ['dd/MM/yyyy mm', 'minutes and seconds need an hour'],
    ['dd/MM/yyyy HH:ss', 'seconds need minutes'],
  ])('rejects %s', (source, message) => {
    const c = compileDateFormat(source);
    expect(c.kind).toBe('invalid');
    if (c.kind === 'invalid') expect(c.message).toContain(message);
  });

  it('compiles tokens and literals', () => {
    const f = fmt('d MMM yyyy, h:mm a');
    expect(f.hasTime).toBe(true);
    expect(f.parts).toEqual(['day', 'monthName', 'year', 'hour12', 'minute', 'ampm']);
    expect(fmt('yyyy.MM.dd').regex.test('2025.03.07')).toBe(true);
    expect(fmt('yyyy.MM.dd').regex.test('2025x03x07')).toBe(false);
  });
});

describe('readDateTime', () => {
  it.each([
    ['07/03/2025', ['dd/MM/yyyy'], { date: '2025-03-07', time: null, zone: null }],
    ['7/3/2025', ['d/M/yyyy'], { date: '2025-03-07', time: null, zone: null }],
    ['3 Mar 2025', ['d MMM yyyy'], { date: '2025-03-03', time: null, zone: null }],
    ['3  march 2025', ['d MMMM yyyy'], { date: '2025-03-03', time: null, zone: null }],
    ['3 Sept 2025', ['d MMM yyyy'], { date: '2025-09-03', time: null, zone: null }],
    ['29/02/2000', ['dd/MM/yyyy'], { date: '2000-02-29', time: null, zone: null }],
    ['29/02/2024', ['dd/MM/yyyy'], { date: '2024-02-29', time: null, zone: null }],
    ['07/03/2025 09:05', ['dd/MM/yyyy HH:mm'], { date: '2025-03-07', time: '09:05:00', zone: null }],
    ['07/03/2025 9:05:30', ['dd/MM/yyyy H:mm:ss'], { date: '2025-03-07', time: '09:05:30', zone: null }],
    ['07/03/2025 2:30 pm', ['dd/MM/yyyy h:mm a'], { date: '2025-03-07', time: '14:30:00', zone: null }],
    ['07/03/2025 12:10 AM', ['dd/MM/yyyy h:mm a'], { date: '2025-03-07', time: '00:10:00', zone: null }],
    ['07/03/2025 12:10 PM', ['dd/MM/yyyy hh:mm a'], { date: '2025-03-07', time: '12:10:00', zone: null }],
    ['07/03/2025 9 pm', ['dd/MM/yyyy h a'], { date: '2025-03-07', time: '21:00:00', zone: null }],
    ['  2025-03-07  ', [], { date: '2025-03-07', time: null, zone: null }],
    ['2025-03-07T09:30', [], { date: '2025-03-07', time: '09:30:00', zone: null }],
    ['2025-03-07 09:30:15.123', [], { date: '2025-03-07', time: '09:30:15', zone: null }],
    ['2025-03-07T09:30:00Z', [], { date: '2025-03-07', time: '09:30:00', zone: 'Z' }],
    ['2025-03-07T09:30:00+0100', [], { date: '2025-03-07', time: '09:30:00', zone: '+01:00' }],
    ['2025-03-07T09:30:00-05:30', ['dd/MM/yyyy'], { date: '2025-03-07', time: '09:30:00', zone: '-05:30' }],
  ])('reads %s', (text, formats, expected) => {
    expect(readDateTime(text, formats.map(fmt))).toEqual(expected);
  });

  it.each([
    ['31/02/2025', ['dd/MM/yyyy']],
    ['3 Foo 2025', ['d MMM yyyy']],
    ['07/03/2025 24:00', ['dd/MM/yyyy HH:mm']],
    ['07/03/2025 10:60', ['dd/MM/yyyy HH:mm']],
    ['07/03/2025 10:00:61', ['dd/MM/yyyy HH:mm:ss']],
    ['07/03/2025 13:00 pm', ['dd/MM/yyyy h:mm a']],
    ['07/03/2025 0:00 am', ['dd/MM/yyyy h:mm a']],
    ['2025-02-30', []],
    ['2025-03-07T25:00', []],
    ['2025-03-07T10:61', []],
    ['2025-03-07T10:00:61', []],
    ['March 2025', ['dd/MM/yyyy']],
    ['13/13/2025', ['dd/MM/yyyy']],
    ['00/01/2025', ['dd/MM/yyyy']],
    ['31/04/2025', ['dd/MM/yyyy']],
    ['29/02/1900', ['dd/MM/yyyy']],
  ])('refuses %s', (text, formats) => {
    expect(readDateTime(text, formats.map(fmt))).toBeNull();
  });

  it('tries the formats in order', () => {
    expect(readDateTime('03/04/2025', [fmt('MM/dd/yyyy'), fmt('dd/MM/yyyy')])?.date).toBe('2025-03-04');
  });
});

describe('British Summer Time', () => {
  it('follows the last Sundays of March and October at 01:00 UTC', () => {
    // 2025: BST from 30 March 01:00 UTC to 26 October 01:00 UTC.
    expect(isBritishSummerTime(Date.parse('2025-03-30T00:59:59Z'))).toBe(false);
    expect(isBritishSummerTime(Date.parse('2025-03-30T01:00:00Z'))).toBe(true);
    expect(isBritishSummerTime(Date.parse('2025-10-26T00:59:59Z'))).toBe(true);
    expect(isBritishSummerTime(Date.parse('2025-10-26T01:00:00Z'))).toBe(false);
    expect(isBritishSummerTime(Date.parse('2024-07-01T12:00:00Z'))).toBe(true);
    expect(isBritishSummerTime(Date.parse('2024-12-01T12:00:00Z'))).toBe(false);
  });

  it('turns UK wall-clock time into an instant', () => {
    const at = (date: string, time: string | null, zone: string | null = null) => ({ date, time, zone });
    expect(toInstant(at('2025-01-15', '09:30:00'), 'Europe/London')).toBe('2025-01-15T09:30:00.000Z');
    expect(toInstant(at('2025-07-15', '09:30:00'), 'Europe/London')).toBe('2025-07-15T08:30:00.000Z');
    // Clocks go forward at 01:00: 01:30 does not exist and is read as GMT.
    expect(toInstant(at('2025-03-30', '01:30:00'), 'Europe/London')).toBe('2025-03-30T01:30:00.000Z');
    expect(toInstant(at('2025-03-30', '02:30:00'), 'Europe/London')).toBe('2025-03-30T01:30:00.000Z');
    // Clocks go back at 02:00 BST: 01:30 happens twice and is read as the first (BST).
    expect(toInstant(at('2025-10-26', '01:30:00'), 'Europe/London')).toBe('2025-10-26T00:30:00.000Z');
    expect(toInstant(at('2025-10-26', '02:00:00'), 'Europe/London')).toBe('2025-10-26T02:00:00.000Z');
    expect(toInstant(at('2025-07-15', '09:30:00'), 'UTC')).toBe('2025-07-15T09:30:00.000Z');
    expect(toInstant(at('2025-07-15', '09:30:00', '+02:00'), 'Europe/London')).toBe(
      '2025-07-15T07:30:00.000Z',
    );
    expect(toInstant(at('2025-07-15', null), 'Europe/London')).toBe('2025-07-15T00:00:00.000Z');
  });
});
