// SQL for imports through mapping profiles: import runs and their checkpoints, the batch lookups
// that find records already imported (by source id) and people who may match (by NHS/CHI number,
// family name and date of birth), column updates of records an import owns, scheme links, and the
// queue of uncertain person matches.
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { ContactTable, ReferralTable } from '../casework/casework.table.js';
import type { Database } from '../database.js';
import type { PersonTable } from '../people/person.table.js';
import type { ImportRunTable, PersonMatchReviewTable } from './import.table.js';

export type ImportRunRow = Selectable<ImportRunTable>;
export type PersonMatchReviewRow = Selectable<PersonMatchReviewTable>;
export type ImportPersonRow = Selectable<PersonTable>;
export type ImportReferralRow = Selectable<ReferralTable> & { needs: string[] };
export type ImportContactRow = Selectable<ContactTable>;

export interface NewImportRun {
  readonly runKey: string;
  readonly profileName: string;
  readonly profileHash: string;
  readonly sourceSystem: string;
  readonly schemeId: string | null;
  readonly fileNames: string;
  readonly fileHash: string;
  readonly batchSize: number;
  readonly resultsPath: string | null;
  readonly startedBy: string | null;
}

export function insertImportRun(db: Kysely<Database>, run: NewImportRun): Promise<ImportRunRow> {
  return db
    .insertInto('import_run')
    .values({
      run_key: run.runKey,
      profile_name: run.profileName,
      profile_hash: run.profileHash,
      source_system: run.sourceSystem,
      scheme_id: run.schemeId,
      file_names: run.fileNames,
      file_hash: run.fileHash,
      batch_size: run.batchSize,
      results_path: run.resultsPath,
      started_by: run.startedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The unfinished run of this import (same profile, files, source system and scheme), if any. */
export function findRunningImport(db: Kysely<Database>, runKey: string): Promise<ImportRunRow | undefined> {
  return db
    .selectFrom('import_run')
    .selectAll()
    .where('run_key', '=', runKey)
    .where('status', '=', 'running')
    .executeTakeFirst();
}

export function findImportRun(db: Kysely<Database>, id: string): Promise<ImportRunRow | undefined> {
  return db.selectFrom('import_run').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Import runs, newest first. */
export function listImportRuns(db: Kysely<Database>, limit: number): Promise<ImportRunRow[]> {
  return db
    .selectFrom('import_run')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface CheckpointAdvance {
  readonly sheet: number;
  readonly row: number;
  readonly resultsBytes: number;
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly blank: number;
  readonly review: number;
}

/**
 * Moves a run's checkpoint on, inside the batch's transaction, only if it is still where this
 * process left it (`expected`): false means another process has moved it (the row lock this takes
 * also makes a second process wait until the batch commits).
 */
export async function advanceImportCheckpoint(
  db: Kysely<Database>,
  id: string,
  expected: { readonly sheet: number; readonly row: number },
  next: CheckpointAdvance,
): Promise<boolean> {
  const result = await db
    .updateTable('import_run')
    .set((eb) => ({
      checkpoint_sheet: next.sheet,
      checkpoint_row: next.row,
      results_bytes: next.resultsBytes,
      rows_committed: eb('rows_committed', '+', next.rows),
      created_rows: eb('created_rows', '+', next.created),
      updated_rows: eb('updated_rows', '+', next.updated),
      unchanged_rows: eb('unchanged_rows', '+', next.unchanged),
      rejected_rows: eb('rejected_rows', '+', next.rejected),
      blank_rows: eb('blank_rows', '+', next.blank),
      review_people: eb('review_people', '+', next.review),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('checkpoint_sheet', '=', expected.sheet)
    .where('checkpoint_row', '=', expected.row)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Lets the current (batch) transaction commit without waiting for the WAL flush
 * (`synchronous_commit = off` until it ends). Safe for import batches because each carries its own
 * checkpoint: a database crash can lose only the last few commits, data and checkpoint together,
 * and the next attempt redoes exactly those batches.
 */
export async function commitWithoutWaiting(db: Kysely<Database>): Promise<void> {
  await sql`SELECT set_config('synchronous_commit', 'off', true)`.execute(db);
}

/** Ends a run: completed, or abandoned (a restart). */
export async function finishImportRun(
  db: Kysely<Database>,
  id: string,
  status: 'completed' | 'abandoned',
): Promise<ImportRunRow | undefined> {
  return db
    .updateTable('import_run')
    .set({ status, finished_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();
}

/** Schemes by id and name, for resolving the scheme a row names. */
export function findSchemesForImport(
  db: Kysely<Database>,
): Promise<{ id: string; name: string; nation: string }[]> {
  return db.selectFrom('scheme').select(['id', 'name', 'nation']).execute();
}

export function findStaffForImport(
  db: Kysely<Database>,
): Promise<{ id: string; scheme_id: string; display_name: string }[]> {
  return db.selectFrom('staff').select(['id', 'scheme_id', 'display_name']).execute();
}

export function findPracticesForImport(
  db: Kysely<Database>,
): Promise<{ id: string; name: string; ods_code: string | null }[]> {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'ods_code'])
    .where('kind', '=', 'gp_practice')
    .execute();
}

/**
 * People of one source system by their ids in it: those the source created (`owned`) and those it
 * was matched to (aliases), with the id they were found by.
 */
export async function findPeopleBySourceIds(
  db: Kysely<Database>,
  sourceSystem: string,
  ids: readonly string[],
): Promise<(ImportPersonRow & { found_by: string; owned: boolean })[]> {
  if (ids.length === 0) return [];
  const owned = await db
    .selectFrom('person')
    .selectAll()
    .where('source_system', '=', sourceSystem)
    .where(sql<boolean>`source_record_id = ANY(${[...ids]}::text[])`)
    .execute();
  const found = new Set(owned.map((p) => p.source_record_id));
  const rest = ids.filter((id) => !found.has(id));
  const aliased =
    rest.length === 0
      ? []
      : await db
          .selectFrom('person_source_alias as a')
          .innerJoin('person as p', 'p.id', 'a.person_id')
          .selectAll('p')
          .select('a.source_record_id as found_by')
          .where('a.source_system', '=', sourceSystem)
          .where(sql<boolean>`a.source_record_id = ANY(${rest}::text[])`)
          .execute();
  return [
    ...owned.map((p) => ({ ...p, found_by: p.source_record_id ?? '', owned: true })),
    ...aliased.map((p) => ({ ...p, owned: false })),
  ];
}

/**
 * What a referral needs of the person it names by id: the person's id, and the schemes already
 * holding them (so that only missing scheme links are written). Owned ids and aliases alike.
 */
export async function findPersonRefs(
  db: Kysely<Database>,
  sourceSystem: string,
  ids: readonly string[],
): Promise<{ id: string; found_by: string; scheme_ids: string[] }[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ id: string; found_by: string; scheme_ids: string[] }>`
    SELECT p.id, k.found_by,
           coalesce((SELECT array_agg(ps.scheme_id::text) FROM person_scheme ps WHERE ps.person_id = p.id), '{}'::text[]) AS scheme_ids
    FROM (
      SELECT p.id, p.source_record_id AS found_by FROM person p
      WHERE p.source_system = ${sourceSystem} AND p.source_record_id = ANY(${[...ids]}::text[])
      UNION ALL
      SELECT a.person_id, a.source_record_id FROM person_source_alias a
      WHERE a.source_system = ${sourceSystem} AND a.source_record_id = ANY(${[...ids]}::text[])
    ) AS k (id, found_by)
    JOIN person p ON p.id = k.id`.execute(db);
  return result.rows;
}

/** Records the ids a source uses for people it was matched to (an alias already held is left). */
export async function insertPersonAliases(
  db: Kysely<Database>,
  sourceSystem: string,
  aliases: readonly { readonly sourceId: string; readonly personId: string }[],
): Promise<void> {
  if (aliases.length === 0) return;
  await db
    .insertInto('person_source_alias')
    .values(
      aliases.map((a) => ({
        source_system: sourceSystem,
        source_record_id: a.sourceId,
        person_id: a.personId,
      })),
    )
    .onConflict((oc) => oc.columns(['source_system', 'source_record_id']).doNothing())
    .execute();
}

/**
 * People who may be one of the incoming: the same NHS or CHI number, or family name and date of
 * birth. Each key list travels as one array parameter (planning stays flat however long the batch).
 */
export async function findPeopleToMatch(
  db: Kysely<Database>,
  keys: {
    readonly nhsNumbers: readonly string[];
    readonly chiNumbers: readonly string[];
    readonly nameAndBirth: readonly { readonly familyName: string; readonly dateOfBirth: string }[];
  },
): Promise<ImportPersonRow[]> {
  const { nhsNumbers, chiNumbers, nameAndBirth } = keys;
  if (nhsNumbers.length === 0 && chiNumbers.length === 0 && nameAndBirth.length === 0) return [];
  const result = await sql<ImportPersonRow>`
    SELECT p.* FROM person p WHERE p.nhs_number = ANY(${[...nhsNumbers]}::text[])
    UNION ALL
    SELECT p.* FROM person p WHERE p.chi_number = ANY(${[...chiNumbers]}::text[])
    UNION ALL
    SELECT p.* FROM unnest(${nameAndBirth.map((k) => k.familyName.toLowerCase())}::text[],
                           ${nameAndBirth.map((k) => k.dateOfBirth)}::date[]) AS k(family, birth)
      JOIN person p ON lower(p.family_name) = k.family AND p.date_of_birth = k.birth`.execute(db);
  return result.rows;
}

/** Referrals of one source system by their ids in it, with their needs. */
export async function findReferralsBySourceIds(
  db: Kysely<Database>,
  sourceSystem: string,
  ids: readonly string[],
): Promise<ImportReferralRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('referral')
    .selectAll()
    .where('source_system', '=', sourceSystem)
    .where(sql<boolean>`source_record_id = ANY(${[...ids]}::text[])`)
    .execute();
  const needs = new Map<string, string[]>();
  if (rows.length > 0) {
    const found = await db
      .selectFrom('referral_need')
      .select(['referral_id', 'need'])
      .where(sql<boolean>`referral_id = ANY(${rows.map((r) => r.id)}::uuid[])`)
      .execute();
    for (const n of found) needs.set(n.referral_id, [...(needs.get(n.referral_id) ?? []), n.need]);
  }
  return rows.map((r) => ({ ...r, needs: needs.get(r.id) ?? [] }));
}

/** What a contact needs of the referral it names: its id, scheme and date (no other columns). */
export async function findReferralRefs(
  db: Kysely<Database>,
  sourceSystem: string,
  ids: readonly string[],
): Promise<{ id: string; source_record_id: string | null; scheme_id: string; referred_at: Date }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('referral')
    .select(['id', 'source_record_id', 'scheme_id', 'referred_at'])
    .where('source_system', '=', sourceSystem)
    .where(sql<boolean>`source_record_id = ANY(${[...ids]}::text[])`)
    .execute();
}

export async function findContactsBySourceIds(
  db: Kysely<Database>,
  sourceSystem: string,
  ids: readonly string[],
): Promise<ImportContactRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('contact')
    .selectAll()
    .where('source_system', '=', sourceSystem)
    .where(sql<boolean>`source_record_id = ANY(${[...ids]}::text[])`)
    .execute();
}

/** Sets changed columns of a person an import owns (version and updated_at move on). */
export async function updateImportedPerson(
  db: Kysely<Database>,
  id: string,
  set: Updateable<PersonTable>,
): Promise<void> {
  await db
    .updateTable('person')
    .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function updateImportedReferral(
  db: Kysely<Database>,
  id: string,
  set: Updateable<ReferralTable>,
): Promise<void> {
  await db
    .updateTable('referral')
    .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function updateImportedContact(
  db: Kysely<Database>,
  id: string,
  set: Updateable<ContactTable>,
): Promise<void> {
  await db
    .updateTable('contact')
    .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Holds people in schemes (links that exist already are left alone); one statement, two array parameters. */
export async function linkPeopleToSchemes(
  db: Kysely<Database>,
  links: readonly { readonly personId: string; readonly schemeId: string }[],
): Promise<void> {
  if (links.length === 0) return;
  await sql`INSERT INTO person_scheme (person_id, scheme_id)
    SELECT * FROM unnest(${links.map((l) => l.personId)}::uuid[], ${links.map((l) => l.schemeId)}::uuid[])
    ON CONFLICT (person_id, scheme_id) DO NOTHING`.execute(db);
}

/** Queues uncertain matches for review (a pair already queued is left as it is). */
export async function insertMatchReviews(
  db: Kysely<Database>,
  reviews: readonly {
    readonly personId: string;
    readonly candidateId: string;
    readonly runId: string | null;
    readonly reason: string;
  }[],
): Promise<void> {
  if (reviews.length === 0) return;
  await db
    .insertInto('person_match_review')
    .values(
      reviews.map((r) => ({
        person_id: r.personId,
        candidate_id: r.candidateId,
        import_run_id: r.runId,
        reason: r.reason,
      })),
    )
    .onConflict((oc) => oc.columns(['person_id', 'candidate_id']).doNothing())
    .execute();
}

/** Open review items, oldest first, with both people's names and dates of birth. */
export function listOpenMatchReviews(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('person_match_review as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('person as c', 'c.id', 'r.candidate_id')
    .select([
      'r.id',
      'r.person_id',
      'r.candidate_id',
      'r.import_run_id',
      'r.reason',
      'r.created_at',
      'p.given_name as person_given_name',
      'p.family_name as person_family_name',
      'p.date_of_birth as person_date_of_birth',
      'p.postcode as person_postcode',
      'c.given_name as candidate_given_name',
      'c.family_name as candidate_family_name',
      'c.date_of_birth as candidate_date_of_birth',
      'c.postcode as candidate_postcode',
    ])
    .where('r.status', '=', 'open')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** Savepoints, for a dry run and for retrying a failed batch one row at a time. */
export async function savepoint(db: Kysely<Database>, name: string): Promise<void> {
  await sql.raw(`SAVEPOINT ${safeName(name)}`).execute(db);
}

export async function releaseSavepoint(db: Kysely<Database>, name: string): Promise<void> {
  await sql.raw(`RELEASE SAVEPOINT ${safeName(name)}`).execute(db);
}

export async function rollbackToSavepoint(db: Kysely<Database>, name: string): Promise<void> {
  await sql.raw(`ROLLBACK TO SAVEPOINT ${safeName(name)}`).execute(db);
}

function safeName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe savepoint name: ${name}`);
  return name;
}
