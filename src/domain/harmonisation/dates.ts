/**
 * Dates and date-times as other systems write them, read through the formats a mapping profile
 * names (docs/import.md "Dates"). A format is a pattern of tokens and literal characters:
 *
 * | token | meaning | example |
 * | --- | --- | --- |
 * | `yyyy` | four-digit year | 2025 |
 * | `MMMM`, `MMM` | English month name, full or abbreviated (any case; "Sept" too) | March, Mar |
 * | `MM`, `M` | month number, two digits / one or two | 03, 3 |
 * | `dd`, `d` | day of the month, two digits / one or two | 07, 7 |
 * | `HH`, `H` | hour 0-23, two digits / one or two | 09, 9 |
 * | `hh`, `h` | hour 1-12 (with `a`) | 02, 2 |
 * | `a` | AM or PM (any case) | pm |
 * | `mm` | minutes | 05 |
 * | `ss` | seconds | 30 |
 *
 * Any other letter is an error (so that "DD/MM/YYYY" is caught rather than misread); digits,
 * spaces and punctuation are literal. ISO 8601 (`2025-03-07`, `2025-03-07T09:30`, with or without
 * seconds and zone) is always accepted as well, because spreadsheet cells that hold real dates
 * reach the importer in that form.
 *
 * Date-times without a zone are wall-clock time in the profile's time zone: `UTC` or
 * `Europe/London` (GMT, or BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 * last Sunday of October, the rule in force since 1996: The Summer Time Order 2002, SI 2002/262).
 * A date without a time, where a date-time is expected, is midnight UTC of that day, so that the
 * calendar date is the same in UTC and in UK local time.
 */

export type TimeZone = 'UTC' | 'Europe/London';

type Part = 'year' | 'monthName' | 'month' | 'day' | 'hour' | 'hour12' | 'ampm' | 'minute' | 'second';

/** A compiled date format: a regular expression and which group holds which part. */
export interface DateFormat {
  readonly source: string;
  readonly hasTime: boolean;
  readonly regex: RegExp;
  readonly parts: readonly Part[];
}

const TOKENS: readonly (readonly [token: string, part: Part, pattern: string])[] = [
  ['yyyy', 'year', '(\\d{4})'],
  ['MMMM', 'monthName', '([A-Za-z]+)'],
  ['MMM', 'monthName', '([A-Za-z]+)'],
  ['MM', 'month', '(\\d{2})'],
  ['M', 'month', '(\\d{1,2})'],
  ['dd', 'day', '(\\d{2})'],
  ['d', 'day', '(\\d{1,2})'],
  ['HH', 'hour', '(\\d{2})'],
  ['H', 'hour', '(\\d{1,2})'],
  ['hh', 'hour12', '(\\d{2})'],
  ['h', 'hour12', '(\\d{1,2})'],
  ['a', 'ampm', '([AaPp][Mm])'],
  ['mm', 'minute', '(\\d{2})'],
  ['ss', 'second', '(\\d{2})'],
];

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Month number (1-12) for an English month name, full or abbreviated to three letters (or "sept"). */
function monthFromName(name: string): number | null {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex(
    (m) => m === lower || m.slice(0, 3) === lower || (lower === 'sept' && m === 'september'),
  );
  return index < 0 ? null : index + 1;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type CompiledFormat =
  | { readonly kind: 'valid'; readonly format: DateFormat }
  | { readonly kind: 'invalid'; readonly message: string };

/** Compiles a format such as `dd/MM/yyyy HH:mm`; an unknown token or a repeated part is invalid. */
export function compileDateFormat(source: string): CompiledFormat {
  let pattern = '';
  const parts: Part[] = [];
  let i = 0;
  while (i < source.length) {
    const match = TOKENS.find(([token]) => source.startsWith(token, i));
    if (match !== undefined) {
      const [token, part, group] = match;
      if (
        parts.includes(part) ||
        (part === 'hour' && parts.includes('hour12')) ||
        (part === 'hour12' && parts.includes('hour'))
      ) {
        return {
          kind: 'invalid',
          message: `"${source}" names the ${part === 'hour12' ? 'hour' : part} twice`,
        };
      }
      parts.push(part);
      pattern += group;
      i += token.length;
      continue;
    }
    const ch = source.charAt(i);
    if (/[A-Za-z]/.test(ch)) {
      let end = i;
      while (end < source.length && /[A-Za-z]/.test(source.charAt(end))) end += 1;
      const run = source.slice(i, end);
      return {
        kind: 'invalid',
        message: `"${source}": unknown date token "${run}" (use yyyy, MMMM, MMM, MM, M, dd, d, HH, H, hh, h, a, mm, ss)`,
      };
    }
    pattern += ch === ' ' ? '\\s+' : escapeRegex(ch);
    i += 1;
  }
  const has = (p: Part): boolean => parts.includes(p);
  if (!has('year') || !(has('month') || has('monthName')) || !has('day')) {
    return {
      kind: 'invalid',
      message: `"${source}" must name a year (yyyy), a month (MM, M, MMM) and a day (dd, d)`,
    };
  }
  if (has('hour12') !== has('ampm')) {
    return {
      kind: 'invalid',
      message: `"${source}": a 12-hour clock (hh, h) needs AM/PM (a), and a needs hh or h`,
    };
  }
  if ((has('minute') || has('second')) && !(has('hour') || has('hour12'))) {
    return { kind: 'invalid', message: `"${source}": minutes and seconds need an hour` };
  }
  if (has('second') && !has('minute')) {
    return { kind: 'invalid', message: `"${source}": seconds need minutes` };
  }
  return {
    kind: 'valid',
    format: { source, hasTime: has('hour') || has('hour12'), regex: new RegExp(`^${pattern}$`), parts },
  };
}

/** A wall-clock date and time read from text (time null for a date alone). */
export interface LocalDateTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:mm:ss, or null when the text had no time. */
  readonly time: string | null;
  /** A zone the text itself gave (ISO 8601 `Z` or `±hh:mm`), or null. */
  readonly zone: string | null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** True for a real calendar date (Gregorian leap years), without building a Date. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

function fromFormat(format: DateFormat, text: string): LocalDateTime | null {
  const m = format.regex.exec(text);
  if (m === null) return null;
  const values: Partial<Record<Part, string>> = {};
  format.parts.forEach((part, i) => {
    // Every group of a compiled format takes part in a match.
    values[part] = String(m[i + 1]);
  });
  const month = values.monthName === undefined ? Number(values.month) : monthFromName(values.monthName);
  if (month === null) return null;
  const year = Number(values.year);
  const day = Number(values.day);
  if (!isCalendarDate(year, month, day)) return null;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (!format.hasTime) return { date, time: null, zone: null };
  let hour = Number(values.hour ?? values.hour12);
  if (values.ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (values.ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  const minute = Number(values.minute ?? '0');
  const second = Number(values.second ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { date, time: `${pad(hour)}:${pad(minute)}:${pad(second)}`, zone: null };
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function fromIso(text: string): LocalDateTime | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const [, date = '', hh, mi, ss, zone] = m;
  if (!isCalendarDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)))) {
    return null;
  }
  if (hh === undefined || mi === undefined) return { date, time: null, zone: null };
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? '0') > 59) return null;
  const z = zone === undefined ? null : zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return { date, time: `${hh}:${mi}:${ss ?? '00'}`, zone: z };
}

/** Reads text with the first format that fits, then as ISO 8601; null when nothing fits. */
export function readDateTime(text: string, formats: readonly DateFormat[]): LocalDateTime | null {
  const trimmed = text.trim();
  for (const format of formats) {
    const found = fromFormat(format, trimmed);
    if (found !== null) return found;
  }
  return fromIso(trimmed);
}

/** Milliseconds since the epoch of 01:00 UTC on the last Sunday of `month` (0-based) in `year`. */
function lastSundayOneAm(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** True when UK clocks show BST (UTC+1) at the instant `utcMs`. */
export function isBritishSummerTime(utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayOneAm(year, 2) && utcMs < lastSundayOneAm(year, 9);
}

/**
 * The instant (ISO 8601 in UTC, `…Z`) of a wall-clock date-time. A date alone is midnight UTC. In
 * Europe/London the hour that does not exist (clocks going forward) is read as GMT, and the hour
 * that happens twice (clocks going back) as its first occurrence, in BST.
 */
export function toInstant(value: LocalDateTime, zone: TimeZone): string {
  if (value.time === null) return `${value.date}T00:00:00.000Z`;
  const text = `${value.date}T${value.time}${value.zone ?? 'Z'}`;
  const wall = new Date(text).getTime();
  if (value.zone !== null || zone === 'UTC') return new Date(wall).toISOString();
  const asBst = wall - 3_600_000;
  return new Date(isBritishSummerTime(asBst) ? asBst : wall).toISOString();
}
