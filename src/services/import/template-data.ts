// Synthetic files in the shape of the Linkwork template (people.csv, referrals.csv, contacts.csv),
// deterministic for a seed: for the import benchmark (1,000,000 referrals) and the tests that kill
// an import half-way. Every person is invented; NHS numbers come from the 999 test range (from
// 999 100 000 up, above the demo data set's first numbers), each used once.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { modulus11CheckDigit } from '../../domain/identifiers/nhs-number.js';
import { FAMILY_NAMES, GIVEN_NAMES } from '../demo/catalogue.js';
import { Random } from '../demo/random.js';
import { csvRecord } from '../schemes/csv-text.js';
import { TEMPLATE } from './template.js';

export interface TemplateDataOptions {
  readonly referrals: number;
  readonly seed: number;
  /** The last day of the data (YYYY-MM-DD): nothing is dated after it. */
  readonly today: string;
  /** Link workers' display names (of the scheme given to the import), or none. */
  readonly linkWorkers: readonly string[];
}

export interface TemplateDataFiles {
  readonly people: string;
  readonly referrals: string;
  readonly contacts: string;
  readonly rows: { readonly people: number; readonly referrals: number; readonly contacts: number };
}

const DAY = 86_400_000;
const ROUTES = [
  ['gp_practice', 70],
  ['self_referral', 12],
  ['vcse', 6],
  ['adult_social_care', 4],
  ['dwp', 3],
  ['mental_health_service', 3],
  ['housing', 2],
] as const;
const GP_ROLES = ['gp', 'practice_nurse', 'receptionist', 'care_coordinator', 'pharmacist'] as const;
const NEEDS = [
  'loneliness',
  'mental_wellbeing',
  'money_debt',
  'benefits',
  'housing',
  'physical_activity',
  'carer_support',
];
const REASONS = [
  'Feeling isolated',
  'Money worries',
  'Low mood',
  'Housing problems',
  'Wants to be more active',
];
const MODES = [
  ['face_to_face', 45],
  ['telephone', 35],
  ['video', 8],
  ['home_visit', 5],
  ['accompanied', 7],
] as const;
const POSTAREAS = ['M1', 'M4', 'M14', 'NE1', 'NE6', 'BS1', 'BS5', 'G12', 'G41', 'EH6'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dateText = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** UK wall-clock text as the template writes it (the import reads it in Europe/London). */
const dateTimeText = (ms: number): string => {
  const d = new Date(ms);
  return `${dateText(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

class Writer {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    this.buffer.push(csvRecord(header));
  }

  async add(cells: readonly string[]): Promise<void> {
    this.buffer.push(csvRecord(cells));
    this.rows += 1;
    if (this.buffer.length >= 2000) await this.flush();
  }

  async flush(): Promise<void> {
    const text = this.buffer.join('');
    this.buffer = [];
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }
}

const headerOf = (file: string): string[] =>
  TEMPLATE.find((s) => s.file === file)?.columns.map((c) => c.name) ?? [];

/**
 * Writes template-shaped files to `dir`: about 0.8 people per referral (some people are referred
 * twice), and for each referral that was taken up 1 to 3 contacts (about 1.2 a referral overall).
 */
export async function writeTemplateData(
  dir: string,
  options: TemplateDataOptions,
): Promise<TemplateDataFiles> {
  const rnd = new Random(options.seed);
  const end = Date.parse(`${options.today}T18:00:00Z`);
  const start = end - 3 * 365 * DAY;
  const paths = {
    people: join(dir, 'people.csv'),
    referrals: join(dir, 'referrals.csv'),
    contacts: join(dir, 'contacts.csv'),
  };
  const people = new Writer(paths.people, headerOf('people.csv'));
  const referrals = new Writer(paths.referrals, headerOf('referrals.csv'));
  const contacts = new Writer(paths.contacts, headerOf('contacts.csv'));
  const peopleCount = Math.max(1, Math.ceil(options.referrals * 0.8));
  let nhsPrefix = 999_100_000;
  const nextNhs = (): string => {
    for (;;) {
      const prefix = String(nhsPrefix++);
      const check = modulus11CheckDigit(prefix);
      if (check !== null) return `${prefix}${check}`;
    }
  };
  // People first (the referrals name them).
  const birthYears: number[] = [];
  for (let i = 0; i < peopleCount; i++) {
    const year = rnd.int(1940, 2006);
    birthYears.push(year);
    const dob = `${year}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`;
    const nhs = nhsPrefix < 999_999_990 && rnd.chance(0.7) ? nextNhs() : '';
    await people.add([
      `P-${i}`,
      nhs,
      '',
      rnd.pick(GIVEN_NAMES),
      rnd.pick(FAMILY_NAMES),
      dob,
      rnd.pick(['female', 'male', 'female', 'male', 'not_known']),
      '',
      rnd.pick(['A', 'A', 'A', 'C', 'H', 'J', 'N', 'Z', '']),
      `${rnd.pick(POSTAREAS)} ${rnd.int(1, 9)}${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}`,
      '',
      '',
      '',
      '',
    ]);
  }
  let contactN = 0;
  for (let j = 0; j < options.referrals; j++) {
    const person = j < peopleCount ? j : rnd.int(0, peopleCount - 1);
    const referredAt = start + Math.floor(rnd.next() * (end - start - 30 * DAY));
    const route = rnd.weighted(ROUTES);
    const role =
      route === 'gp_practice' ? rnd.pick(GP_ROLES) : route === 'self_referral' ? 'self' : 'agency_worker';
    const fate = rnd.next();
    let status: string;
    let acceptedAt: number | null = null;
    let closedAt: number | null = null;
    let reason = '';
    const sessions: number[] = [];
    const first = referredAt + rnd.int(1, 20) * DAY + rnd.int(0, 8) * 3_600_000;
    if (fate < 0.08) {
      status = 'declined';
      closedAt = referredAt + rnd.int(1, 10) * DAY;
    } else if (fate < 0.15) {
      status = 'waiting';
    } else if (fate < 0.22) {
      status = 'did_not_engage';
      sessions.push(first);
      closedAt = first + 14 * DAY;
    } else {
      acceptedAt = first;
      const n = rnd.int(1, 3);
      for (let k = 0; k < n; k++) sessions.push(first + k * rnd.int(7, 14) * DAY);
      const last = sessions[sessions.length - 1] ?? first;
      if (rnd.chance(0.6) && last + 7 * DAY < end) {
        status = 'discharged';
        closedAt = last + rnd.int(1, 7) * DAY;
        reason = rnd.pick(['goals_met', 'no_further_support', 'referred_elsewhere']);
      } else status = 'active';
    }
    const kept = sessions.filter((s) => s < end);
    if (closedAt !== null && closedAt > end) {
      closedAt = null;
      reason = '';
      status = acceptedAt === null ? 'waiting' : 'active';
    }
    if (acceptedAt !== null && acceptedAt > end) {
      acceptedAt = null;
      status = 'waiting';
    }
    const worker =
      options.linkWorkers.length > 0 && status !== 'waiting' ? rnd.pick(options.linkWorkers) : '';
    await referrals.add([
      `R-${j}`,
      `P-${person}`,
      '',
      dateTimeText(referredAt),
      route,
      role,
      '',
      '',
      route === 'self_referral' ? 'self_referral' : rnd.pick(['secure_email', 'phone', 'ers', 'letter']),
      rnd.chance(0.8) ? rnd.pick(REASONS) : '',
      [...new Set([rnd.pick(NEEDS), ...(rnd.chance(0.4) ? [rnd.pick(NEEDS)] : [])])].join(';'),
      '',
      worker,
      rnd.pick(['yes', 'yes', 'no', '']),
      status,
      acceptedAt === null ? '' : dateTimeText(acceptedAt),
      closedAt === null ? '' : dateText(closedAt),
      reason,
    ]);
    for (const at of kept) {
      await contacts.add([
        `C-${contactN++}`,
        `R-${j}`,
        dateTimeText(at),
        rnd.weighted(MODES),
        String(rnd.int(15, 90)),
        '',
        status === 'did_not_engage' ? 'did_not_attend' : rnd.chance(0.9) ? 'attended' : 'did_not_attend',
        worker,
        '',
        '',
      ]);
    }
  }
  await Promise.all([people.close(), referrals.close(), contacts.close()]);
  return { ...paths, rows: { people: people.rows, referrals: referrals.rows, contacts: contacts.rows } };
}
