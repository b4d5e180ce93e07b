// Synthetic files in the shape of the Linkwork template (people.csv, referrals.csv, contacts.csv),
// deterministic for a seed: for the import benchmark (1,000,000 referrals) and the tests that kill
// an import half-way. Every person is invented; NHS numbers come from the 999 test range (from
// 999 100 000 up, above the demo data set's first numbers), each used once.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { readDateTime, toInstant } from '../../domain/harmonisation/dates.js';
import { modulus11CheckDigit } from '../../domain/identifiers/nhs-number.js';
import { snomedCodeFor, type ReferralStatus } from '../../domain/referrals/referral.js';
import { FAMILY_NAMES, GIVEN_NAMES } from '../demo/catalogue.js';
import { csvLine } from '../demo/csv.js';
import { Random } from '../demo/random.js';
import { csvRecord } from '../schemes/csv-text.js';
import { COPY_COLUMNS } from './import-batch.js';
import { TEMPLATE } from './template.js';

export interface TemplateDataOptions {
  readonly referrals: number;
  readonly seed: number;
  /** The last day of the data (YYYY-MM-DD): nothing is dated after it. */
  readonly today: string;
  /** Link workers' display names (of the scheme given to the import), or none. */
  readonly linkWorkers: readonly string[];
  /**
   * Also write the rows an import of these files makes, in PostgreSQL COPY format, to `raw.dir`
   * (person, referral, referral_need, person_scheme, contact): the raw COPY a benchmark compares
   * the import with. `staffIds` gives the id of each link worker named.
   */
  readonly raw?: {
    readonly dir: string;
    readonly schemeId: string;
    readonly sourceSystem: string;
    readonly staffIds: ReadonlyMap<string, string>;
    readonly recordedAt: Date;
  };
}

/** A raw COPY file: its table, columns and rows. */
export interface RawCopyFile {
  readonly table: string;
  readonly columns: readonly string[];
  readonly path: string;
  readonly rows: number;
}

export interface TemplateDataFiles {
  readonly people: string;
  readonly referrals: string;
  readonly contacts: string;
  readonly rows: { readonly people: number; readonly referrals: number; readonly contacts: number };
  /** The raw COPY files, in an order that satisfies the foreign keys (empty unless asked for). */
  readonly raw: readonly RawCopyFile[];
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

  constructor(path: string, header: readonly string[] | null) {
    this.stream = createWriteStream(path);
    if (header !== null) this.buffer.push(csvRecord(header));
  }

  async add(cells: readonly string[]): Promise<void> {
    await this.line(csvRecord(cells));
  }

  /** Adds a line as it is (raw COPY rows). */
  async line(text: string): Promise<void> {
    this.buffer.push(text);
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

/** Deterministic uuids for raw rows: a kind prefix and a counter. */
const uuid = (kind: string, n: number): string =>
  `${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The instant the import reads a template date or date-time as (UK time). */
function instant(text: string): Date | null {
  if (text === '') return null;
  const read = readDateTime(text, []);
  return read === null ? null : new Date(toInstant(read, 'Europe/London'));
}

const RAW_COLUMNS = {
  person: COPY_COLUMNS.person,
  referral: COPY_COLUMNS.referral,
  referral_need: COPY_COLUMNS.referral_need,
  person_scheme: ['person_id', 'scheme_id'],
  contact: COPY_COLUMNS.contact,
} as const;

/**
 * Writes template-shaped files to `dir`: about 0.8 people per referral (some people are referred
 * twice), and for each referral that was taken up 1 to 3 contacts (about 1.6 a referral overall).
 * With `raw`, also the table rows an import of them makes, for a raw COPY of the same data.
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
  const raw = options.raw;
  const rawWriters =
    raw === undefined
      ? null
      : (Object.fromEntries(
          Object.keys(RAW_COLUMNS).map((table) => [table, new Writer(join(raw.dir, `${table}.csv`), null)]),
        ) as Record<keyof typeof RAW_COLUMNS, Writer>);
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
  for (let i = 0; i < peopleCount; i++) {
    const year = rnd.int(1940, 2006);
    const dob = `${year}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`;
    const nhs = nhsPrefix < 999_999_990 && rnd.chance(0.7) ? nextNhs() : '';
    const given = rnd.pick(GIVEN_NAMES);
    const family = rnd.pick(FAMILY_NAMES);
    const sex = rnd.pick(['female', 'male', 'female', 'male', 'not_known']);
    const ethnicity = rnd.pick(['A', 'A', 'A', 'C', 'H', 'J', 'N', 'Z', '']);
    const postcode = `${rnd.pick(POSTAREAS)} ${rnd.int(1, 9)}${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}`;
    await people.add([`P-${i}`, nhs, '', given, family, dob, sex, '', ethnicity, postcode, '', '', '', '']);
    if (raw !== undefined && rawWriters !== null) {
      const id = uuid('b1000001', i);
      await rawWriters.person.line(
        csvLine([
          id,
          nhs === '' ? null : nhs,
          null,
          given,
          family,
          dob,
          sex,
          null,
          ethnicity === '' ? null : 'england',
          ethnicity === '' ? null : ethnicity,
          postcode,
          null,
          null,
          null,
          raw.sourceSystem,
          `P-${i}`,
          raw.recordedAt,
        ]),
      );
      await rawWriters.person_scheme.line(csvLine([id, raw.schemeId]));
    }
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
    const method =
      route === 'self_referral' ? 'self_referral' : rnd.pick(['secure_email', 'phone', 'ers', 'letter']);
    const why = rnd.chance(0.8) ? rnd.pick(REASONS) : '';
    const needs = [...new Set([rnd.pick(NEEDS), ...(rnd.chance(0.4) ? [rnd.pick(NEEDS)] : [])])];
    const consent = rnd.pick(['yes', 'yes', 'no', '']);
    const referredText = dateTimeText(referredAt);
    const acceptedText = acceptedAt === null ? '' : dateTimeText(acceptedAt);
    const closedText = closedAt === null ? '' : dateText(closedAt);
    await referrals.add([
      `R-${j}`,
      `P-${person}`,
      '',
      referredText,
      route,
      role,
      '',
      '',
      method,
      why,
      needs.join(';'),
      '',
      worker,
      consent,
      status,
      acceptedText,
      closedText,
      reason,
    ]);
    const referralId = uuid('b1000002', j);
    if (raw !== undefined && rawWriters !== null) {
      const accepted = instant(acceptedText);
      await rawWriters.referral.line(
        csvLine([
          referralId,
          uuid('b1000001', person),
          raw.schemeId,
          instant(referredText),
          route,
          role,
          null,
          null,
          method,
          why === '' ? null : why,
          null,
          status,
          snomedCodeFor(status as ReferralStatus, accepted !== null),
          worker === '' ? null : (raw.staffIds.get(worker) ?? null),
          accepted,
          instant(closedText),
          reason === '' ? null : reason,
          consent === '' ? null : consent === 'yes',
          raw.sourceSystem,
          `R-${j}`,
          raw.recordedAt,
        ]),
      );
      for (const need of needs) await rawWriters.referral_need.line(csvLine([referralId, need]));
    }
    for (const at of kept) {
      const contactId = `C-${contactN}`;
      const text = dateTimeText(at);
      const mode = rnd.weighted(MODES);
      const minutes = rnd.int(15, 90);
      const outcome =
        status === 'did_not_engage' ? 'did_not_attend' : rnd.chance(0.9) ? 'attended' : 'did_not_attend';
      await contacts.add([contactId, `R-${j}`, text, mode, String(minutes), '', outcome, worker, '', '']);
      if (raw !== undefined && rawWriters !== null) {
        await rawWriters.contact.line(
          csvLine([
            uuid('b1000003', contactN),
            referralId,
            instant(text),
            mode,
            minutes,
            null,
            outcome,
            worker === '' ? null : (raw.staffIds.get(worker) ?? null),
            null,
            null,
            raw.sourceSystem,
            contactId,
            raw.recordedAt,
          ]),
        );
      }
      contactN += 1;
    }
  }
  await Promise.all([people.close(), referrals.close(), contacts.close()]);
  const rawFiles: RawCopyFile[] = [];
  if (raw !== undefined && rawWriters !== null) {
    for (const table of Object.keys(RAW_COLUMNS) as (keyof typeof RAW_COLUMNS)[]) {
      const writer = rawWriters[table];
      await writer.close();
      rawFiles.push({
        table,
        columns: RAW_COLUMNS[table],
        path: join(raw.dir, `${table}.csv`),
        rows: writer.rows,
      });
    }
  }
  return {
    ...paths,
    rows: { people: people.rows, referrals: referrals.rows, contacts: contacts.rows },
    raw: rawFiles,
  };
}
