// Imports through mapping profiles on a real database: the template and the two example profiles
// load their files; importing again changes nothing; a changed row updates its record; a dry run
// keeps nothing; rejected rows name the field, column and rule; people are matched or queued for
// review; an interrupted run resumes after its last committed batch; a batch the database refuses
// is retried row by row.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import { loadDemo } from '../demo/demo.service.js';
import { csvText } from '../schemes/csv-text.js';
import { listMatchReviews, listRuns } from './import-queries.service.js';
import { importFiles, type ImportOptions, type ImportSummary } from './import.service.js';
import { loadProfile, type LoadedProfile } from './profile-schema.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const PROFILES = join(ROOT, 'profiles');
const NOW = new Date('2025-06-01T12:00:00Z');
const SCHEME = 'Import Test Scheme (synthetic)';

type Row = Record<string, string>;
const readResults = async (path: string): Promise<Row[]> =>
  parse<Row>(await readFile(path, 'utf8'), { columns: true });

describe.each(TEST_ENGINES)('[%s] import through mapping profiles', (engine) => {
  let db: TestDb;
  let dir: string;
  let schemeId: string;
  let template: LoadedProfile;
  let charity: LoadedProfile;
  let gp: LoadedProfile;

  const run = (
    profile: LoadedProfile,
    files: string[],
    over: Partial<ImportOptions> = {},
  ): Promise<ImportSummary> =>
    importFiles(db, { profile, files, scheme: SCHEME, actor: 'test', now: NOW, ...over });

  const count = async (
    table: 'person' | 'referral' | 'contact' | 'referral_need' | 'person_scheme',
  ): Promise<number> =>
    Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db.db)).rows[0]
        ?.n,
    );

  const counts = async (): Promise<number[]> =>
    Promise.all((['person', 'referral', 'contact', 'referral_need', 'person_scheme'] as const).map(count));

  beforeAll(async () => {
    db = await openTestDb(engine);
    await loadDemo(db, { scale: 30, seed: 11, today: '2025-05-31' });
    const region = await db.db
      .selectFrom('organisation')
      .select('id')
      .where('kind', '=', 'region')
      .where('name', '=', 'North East and North Cumbria')
      .executeTakeFirstOrThrow();
    schemeId = (
      await db.db
        .insertInto('scheme')
        .values({ name: SCHEME, region_id: region.id, nation: 'england', synthetic: true })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db.db
      .insertInto('staff')
      .values(
        ['Jo Linkworker (synthetic)', 'Sam Linkworker (synthetic)'].map((display_name) => ({
          scheme_id: schemeId,
          display_name,
          role: 'link_worker',
          synthetic: true,
        })),
      )
      .execute();
    await db.db
      .insertInto('organisation')
      .values({
        kind: 'gp_practice',
        name: 'Example Surgery (synthetic)',
        ods_code: 'Y99999',
        nation: 'england',
        synthetic: true,
      })
      .execute();
    dir = await mkdtemp(join(tmpdir(), 'linkwork-import-test-'));
    const loaded = await Promise.all(
      ['linkwork-template.json', 'charitylog-style.json', 'gp-spreadsheet.json'].map((f) =>
        loadProfile(join(PROFILES, f)),
      ),
    );
    [template, charity, gp] = loaded as [LoadedProfile, LoadedProfile, LoadedProfile];
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const templateCsv = ['people.csv', 'referrals.csv', 'contacts.csv'].map((f) =>
    join(PROFILES, 'templates', f),
  );

  it('imports the template CSVs, then changes nothing when they are imported again', async () => {
    const before = await counts();
    const dry = await run(template, templateCsv, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, runId: null, counts: { created: 10, rejected: 0 } });
    expect(await counts()).toEqual(before);

    const results = join(dir, 'template.csv');
    const first = await run(template, templateCsv, { resultsPath: results });
    expect(first.counts).toEqual({ created: 10, updated: 0, unchanged: 0, rejected: 0, blank: 0 });
    expect(first.records.person).toMatchObject({ created: 3 });
    expect(first.records.contact).toMatchObject({ created: 4 });
    const after = await counts();
    // 3 people, 3 referrals, 4 contacts, 4 needs, 3 scheme links.
    expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual([3, 3, 4, 4, 3]);
    const rows = await readResults(results);
    expect(rows.map((r) => `${r.sheet} ${r.row} ${r.status}`)).toEqual([
      'people 2 created',
      'people 3 created',
      'people 4 created',
      'referrals 2 created',
      'referrals 3 created',
      'referrals 4 created',
      'contacts 2 created',
      'contacts 3 created',
      'contacts 4 created',
      'contacts 5 created',
    ]);
    const discharged = await db.db
      .selectFrom('referral')
      .selectAll()
      .where('source_system', '=', 'linkwork-template')
      .where('source_record_id', '=', 'R-0001')
      .executeTakeFirstOrThrow();
    expect(discharged).toMatchObject({
      scheme_id: schemeId,
      status: 'discharged',
      discharge_reason: 'goals_met',
      snomed_code: '871731000000106',
      // 10:15 UK winter time is 10:15 UTC; accepted 20 January 11:00.
      referred_at: new Date('2025-01-06T10:15:00Z'),
      accepted_at: new Date('2025-01-20T11:00:00Z'),
      closed_at: new Date('2025-03-31T00:00:00Z'),
      version: 1,
    });

    const again = await run(template, templateCsv, { resultsPath: join(dir, 'template-again.csv') });
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 10, rejected: 0, blank: 0 });
    expect(again.runId).not.toBe(first.runId);
    expect(await counts()).toEqual(after);

    // The workbook holds the same rows: nothing to change either.
    const xlsx = await run(template, [join(PROFILES, 'templates', 'linkwork-template.xlsx')]);
    expect(xlsx.counts).toEqual({ created: 0, updated: 0, unchanged: 10, rejected: 0, blank: 0 });
    expect(xlsx.sheets.map((s) => s.source)).toEqual([
      'linkwork-template.xlsx (People)',
      'linkwork-template.xlsx (Referrals)',
      'linkwork-template.xlsx (Contacts)',
    ]);
  });

  it('updates what changed, and only that', async () => {
    const people = join(dir, 'people.csv');
    const text = await readFile(templateCsv[0] ?? '', 'utf8');
    await writeFile(people, text.replace('M4 5JD', 'M4 6JD'));
    const r = await run(template, [people]);
    expect(r.counts).toEqual({ created: 0, updated: 1, unchanged: 2, rejected: 0, blank: 0 });
    const ben = await db.db
      .selectFrom('person')
      .select(['postcode', 'version'])
      .where('source_system', '=', 'linkwork-template')
      .where('source_record_id', '=', 'P-0002')
      .executeTakeFirstOrThrow();
    expect(ben).toEqual({ postcode: 'M4 6JD', version: 2 });
  });

  it('rejects rows that break a rule, naming the field, column and rule, and keeps nothing of them', async () => {
    const file = join(dir, 'bad-referrals.csv');
    const header =
      'referral_id,person_id,scheme,referred_at,route,referrer_role,referrer_name,referrer_organisation,method,reason,needs,priority_group,link_worker,consent_to_share,status,accepted_at,closed_at,discharge_reason';
    await writeFile(
      file,
      [
        header,
        'R-9001,P-0001,,2025-02-01,gp_practice,,,,,,loneliness,,Jo Linkworker (synthetic),yes,,,,',
        'R-9002,P-0001,,2030-01-01,carrier_pigeon,,,,,,,,,,,,,',
        'R-9003,P-9999,,2025-02-01,gp_practice,,,,,,,,Nobody,maybe,discharged,,,',
        ',,,,,,,,,,,,,,,,,',
      ].join('\n'),
    );
    const before = await counts();
    const results = join(dir, 'bad.csv');
    const r = await run(template, [file], { resultsPath: results });
    expect(r.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 2, blank: 1 });
    expect(r.runCounts.rejected).toBe(2);
    expect((await counts())[1]).toBe((before[1] ?? 0) + 1);
    const rows = await readResults(results);
    expect(
      rows.filter((x) => x.status === 'rejected').map((x) => `${x.row} ${x.field} (${x.column}) ${x.rule}`),
    ).toEqual([
      '3 referral.referredAt (referred_at) not_in_future',
      '3 referral.route (route) unknown_code',
      '4 referral.consentToShare (consent_to_share) boolean',
      '4 referral.person (person_id) exists',
      '4 referral.linkWorker (link_worker) exists',
      '4 referral.closedAt (closed_at) required',
      '4 referral.dischargeReason (discharge_reason) required',
    ]);
  });

  it('loads a CRM export with one row per contact, and matches people already recorded', async () => {
    // Someone the service already holds from another source, with the same name, birth and postcode.
    await db.db
      .insertInto('person')
      .values({
        given_name: 'Eric',
        family_name: 'Sample',
        date_of_birth: '1979-09-02',
        postcode: 'NE6 2AB',
        synthetic: true,
      })
      .execute();
    // And someone who may be Fay (same family name and date of birth, another given name): review.
    const fern = await db.db
      .insertInto('person')
      .values({
        given_name: 'Fern',
        family_name: 'Specimen',
        date_of_birth: '1990-11-30',
        postcode: 'NE3 1XY',
        synthetic: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const file = join(PROFILES, 'examples', 'charitylog-activities.csv');
    const r = await run(charity, [file], { resultsPath: join(dir, 'charity.csv') });
    expect(r.counts).toEqual({ created: 8, updated: 0, unchanged: 0, rejected: 0, blank: 0 });
    expect(r.records).toEqual({
      person: { created: 1, updated: 0, unchanged: 4, matched: 2, review: 1 },
      referral: { created: 4, updated: 0, unchanged: 4 },
      contact: { created: 8, updated: 0, unchanged: 0 },
    });
    expect(r.reviewPeople).toBe(1);
    const reviews = await listMatchReviews(db.db, 10);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      candidate: { id: fern.id, name: 'Fern Specimen' },
      person: { name: 'Fay Specimen' },
      reason: 'same family name, date of birth and postcode; given name differs',
    });
    // Eric's referral belongs to the person already recorded, who is now also held by the scheme.
    const eric = await db.db
      .selectFrom('referral as r')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .select(['p.source_system', 'r.status', 'r.scheme_id'])
      .where('r.source_system', '=', 'charitylog')
      .where('r.source_record_id', '=', 'CASE-502')
      .executeTakeFirstOrThrow();
    expect(eric).toEqual({ source_system: null, status: 'active', scheme_id: schemeId });
    // A contact kept the CRM's codes as Linkwork's.
    const accompanied = await db.db
      .selectFrom('contact')
      .select(['mode', 'duration_minutes', 'outcome', 'contact_at'])
      .where('source_record_id', '=', 'ACT-9003')
      .executeTakeFirstOrThrow();
    expect(accompanied).toEqual({
      mode: 'accompanied',
      duration_minutes: 90,
      outcome: 'attended',
      contact_at: new Date('2025-02-10T11:00:00Z'),
    });

    const again = await run(charity, [file]);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 8 });
    expect(again.records.person).toEqual({ created: 0, updated: 0, unchanged: 6, matched: 2, review: 0 });
    expect(await listMatchReviews(db.db, 10)).toHaveLength(1);
  });

  it('links one person known by two ids of a source, and updates it only through the id that made it', async () => {
    const header = (await readFile(join(PROFILES, 'examples', 'charitylog-activities.csv'), 'utf8')).split(
      '\n',
    )[2];
    const row = (client: string, postcode: string, activity: string): string =>
      `${client},Hana,Double,01/02/1970,F,${postcode},999 800 0068,White British,CASE-${client},06/01/2025,GP,GP,,,,Open,,,${activity},13/01/2025 10:30,TEL,10,Y,`;
    const file = join(dir, 'double.csv');
    const write = (lines: string[]): Promise<void> =>
      writeFile(file, ['Title', '', header, ...lines].join('\n'));
    await write([
      row('CL7001', 'NE1 4ST', 'ACT-7001'),
      row('CL7002', 'NE9 9ZZ', 'ACT-7002'),
      row('CL7002', 'NE9 9ZZ', 'ACT-7003'),
    ]);
    const first = await run(charity, [file]);
    expect(first.records.person).toEqual({ created: 1, updated: 0, unchanged: 0, matched: 2, review: 0 });
    const people = await db.db
      .selectFrom('person')
      .select(['id', 'postcode', 'source_record_id'])
      .where('nhs_number', '=', '9998000068')
      .execute();
    expect(people).toEqual([{ id: people[0]?.id, postcode: 'NE1 4ST', source_record_id: 'CL7001' }]);
    const alias = await db.db
      .selectFrom('person_source_alias')
      .select(['source_record_id', 'person_id'])
      .where('source_system', '=', 'charitylog')
      .where('source_record_id', '=', 'CL7002')
      .executeTakeFirstOrThrow();
    expect(alias.person_id).toBe(people[0]?.id);
    // Again, with CL7002 now in a batch of its own first: still linked, never changing the record.
    await write([
      row('CL7002', 'NE9 9ZZ', 'ACT-7002'),
      row('CL7001', 'NE1 4ST', 'ACT-7001'),
      row('CL7002', 'NE9 9ZZ', 'ACT-7003'),
    ]);
    const again = await run(charity, [file], { batchSize: 1 });
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0, blank: 0 });
    expect(again.records.person).toEqual({ created: 0, updated: 0, unchanged: 1, matched: 2, review: 0 });
    // The id that made the record still updates it.
    await write([row('CL7001', 'NE2 2AA', 'ACT-7001'), row('CL7002', 'NE9 9ZZ', 'ACT-7002')]);
    const moved = await run(charity, [file]);
    expect(moved.records.person).toEqual({ created: 0, updated: 1, unchanged: 0, matched: 1, review: 0 });
  });

  it('loads a wide GP spreadsheet with appointments across the row, and applies a changed outcome', async () => {
    const file = join(PROFILES, 'examples', 'gp-referrals.csv');
    const r = await run(gp, [file]);
    expect(r.counts).toEqual({ created: 4, updated: 0, unchanged: 0, rejected: 0, blank: 0 });
    expect(r.records.contact.created).toBe(6);
    const gwen = await db.db
      .selectFrom('person as p')
      .innerJoin('referral as r', 'r.person_id', 'p.id')
      .select([
        'p.given_name',
        'p.family_name',
        'p.chi_number',
        'r.referrer_role',
        'r.status',
        'r.discharge_reason',
        'r.version',
      ])
      .where('p.chi_number', '=', '1405620021')
      .executeTakeFirstOrThrow();
    expect(gwen).toEqual({
      given_name: 'Gwen',
      family_name: 'EXAMPLE',
      chi_number: '1405620021',
      referrer_role: 'gp',
      status: 'discharged',
      discharge_reason: 'goals_met',
      version: 1,
    });
    const appointments = await db.db
      .selectFrom('contact')
      .select(['source_record_id', 'contact_at', 'mode'])
      .where('source_system', '=', 'gp-spreadsheet')
      .where('source_record_id', 'like', '1405620021-%')
      .orderBy('contact_at')
      .execute();
    expect(appointments.map((a) => [a.source_record_id, a.contact_at.toISOString(), a.mode])).toEqual([
      ['1405620021-6 Jan 2025-appt1', '2025-01-13T10:00:00.000Z', 'face_to_face'],
      ['1405620021-6 Jan 2025-appt2', '2025-01-27T10:00:00.000Z', 'telephone'],
      ['1405620021-6 Jan 2025-appt3', '2025-02-10T14:30:00.000Z', 'group'],
    ]);
    // Hamish's referral closes: the same row, now "No further support" on 1 April.
    const changed = join(dir, 'gp-changed.csv');
    const text = await readFile(file, 'utf8');
    await writeFile(
      changed,
      text.replace('Anxiety/Money,,Open,,', 'Anxiety/Money,,No further support,1 Apr 2025,'),
    );
    const second = await run(gp, [changed]);
    expect(second.counts).toEqual({ created: 0, updated: 1, unchanged: 3, rejected: 0, blank: 0 });
    const hamish = await db.db
      .selectFrom('referral')
      .select(['status', 'discharge_reason', 'closed_at', 'version'])
      .where('source_system', '=', 'gp-spreadsheet')
      .where('source_record_id', '=', '0307910016-14 Jan 2025')
      .executeTakeFirstOrThrow();
    expect(hamish).toEqual({
      status: 'discharged',
      discharge_reason: 'no_further_support',
      closed_at: new Date('2025-04-01T00:00:00Z'),
      version: 2,
    });
  });

  it('refuses files that do not fit the profile before writing anything', async () => {
    const file = join(dir, 'people-missing.csv');
    await writeFile(file, 'person_id,given_name,family_name\nP1,A,B\n');
    await expect(run(template, [file])).rejects.toMatchObject({
      code: 'validation_failed',
      details: {
        issues: [
          { path: 'sheets[0].person.fields.nhsNumber', rule: 'missing_column' },
          expect.anything(),
          expect.anything(),
          expect.anything(),
          expect.anything(),
          expect.anything(),
          expect.anything(),
          expect.anything(),
          expect.anything(),
          expect.anything(),
          expect.anything(),
        ],
      },
    });
    const stray = join(dir, 'stray.csv');
    await writeFile(stray, 'a,b\n1,2\n');
    await expect(run(template, [stray])).rejects.toMatchObject({
      details: { issues: [{ rule: 'unknown_file' }] },
    });
    await expect(run(template, templateCsv, { scheme: 'No Such Scheme' })).rejects.toMatchObject({
      details: { issues: [{ path: 'scheme', rule: 'exists' }] },
    });
  });

  it('resumes an interrupted run after its last committed batch, with nothing lost or doubled', async () => {
    // 250 people and their referrals, imported 40 rows a batch; the first attempt stops after 3 batches.
    const people = [['person_id', 'given_name', 'family_name', 'date_of_birth', 'postcode']];
    const referrals = [['referral_id', 'person_id', 'referred_at', 'route']];
    for (let i = 0; i < 250; i++) {
      people.push([`RP-${i}`, `Given${i}`, `Resume${i}`, '1970-01-01', 'NE1 1AA']);
      referrals.push([`RR-${i}`, `RP-${i}`, '2025-02-01', 'gp_practice']);
    }
    const profileText = JSON.stringify({
      name: 'resume-test',
      title: 'Resume test',
      sourceSystem: 'resume-test',
      sheets: [
        {
          name: 'people',
          file: 'resume-people.csv',
          person: {
            id: 'person_id',
            fields: {
              givenName: 'given_name',
              familyName: 'family_name',
              dateOfBirth: 'date_of_birth',
              postcode: 'postcode',
            },
          },
        },
        {
          name: 'referrals',
          file: 'resume-referrals.csv',
          referral: {
            id: 'referral_id',
            fields: { person: 'person_id', referredAt: 'referred_at', route: 'route' },
          },
        },
      ],
    });
    const profilePath = join(dir, 'resume.json');
    await writeFile(profilePath, profileText);
    const profile = await loadProfile(profilePath);
    const files = [join(dir, 'resume-people.csv'), join(dir, 'resume-referrals.csv')];
    await writeFile(files[0] ?? '', csvText(people[0] ?? [], people.slice(1)));
    await writeFile(files[1] ?? '', csvText(referrals[0] ?? [], referrals.slice(1)));
    const results = join(dir, 'resume-results.csv');
    const before = await counts();
    let batches = 0;
    await expect(
      run(profile, files, {
        batchSize: 40,
        resultsPath: results,
        onProgress: () => {
          batches += 1;
          if (batches === 8) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    // 7 people batches (250 rows) then 1 referral batch committed: 250 + 40 rows.
    const [interrupted] = await listRuns(db.db, 1);
    expect(interrupted).toMatchObject({
      status: 'running',
      rowsCommitted: 290,
      checkpointSheet: 1,
      checkpointRow: 40,
    });
    // As if the process died while writing the results of a batch it never committed.
    await writeFile(results, 'resume-people,999,created,half a li', { flag: 'a' });
    const resumed = await run(profile, files, { batchSize: 40, resultsPath: join(dir, 'ignored.csv') });
    expect(resumed).toMatchObject({ runId: interrupted?.id, resumedAfterRows: 290, resultsPath: results });
    expect(resumed.counts).toEqual({ created: 210, updated: 0, unchanged: 0, rejected: 0, blank: 0 });
    expect(resumed.runCounts).toEqual({ created: 500, updated: 0, unchanged: 0, rejected: 0, blank: 0 });
    const after = await counts();
    expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual([250, 250, 0, 0, 250]);
    // The results file has each row once, in order.
    const rows = await readResults(results);
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((x) => `${x.sheet} ${x.row}`)).size).toBe(500);
    expect((await listRuns(db.db, 1))[0]).toMatchObject({
      status: 'completed',
      rowsCommitted: 500,
      created: 500,
    });
  });

  it('retries a batch the database refuses one row at a time, rejecting only the row at fault', async () => {
    await sql`ALTER TABLE contact ADD CONSTRAINT import_test_no_boom CHECK (notes IS DISTINCT FROM 'boom')`.execute(
      db.db,
    );
    try {
      const file = join(dir, 'contacts-boom.csv');
      await writeFile(
        file,
        [
          'contact_id,referral_id,contact_at,mode,duration_minutes,location_type,outcome,staff,contact_type,notes',
          'C-7001,R-0001,2025-02-03 10:00,telephone,10,,,,,fine',
          'C-7002,R-0001,2025-02-04 10:00,telephone,10,,,,,boom',
          'C-7003,R-0001,2025-02-05 10:00,telephone,10,,,Jo Linkworker (synthetic),,',
        ].join('\n'),
      );
      const results = join(dir, 'boom.csv');
      const r = await run(template, [file], { resultsPath: results });
      expect(r.counts).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 1, blank: 0 });
      const rows = await readResults(results);
      expect(rows.map((x) => `${x.row} ${x.status} ${x.rule}`)).toEqual([
        '2 created ',
        '3 rejected db_23514',
        '4 created ',
      ]);
    } finally {
      await sql`ALTER TABLE contact DROP CONSTRAINT import_test_no_boom`.execute(db.db);
    }
  });
});
