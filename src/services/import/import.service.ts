// `linkwork import`: files (CSV, or one XLSX workbook) through a mapping profile into the common
// record (docs/import.md). Rows stream through in batches; each batch commits in one transaction
// together with the run's checkpoint (sheet, rows done, results-file length), so a killed import
// resumes after the last committed batch and never leaves half a batch. Records keep their source
// system and id, so importing the same file again changes nothing. A dry run does the whole import
// in one transaction and rolls it back.
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DomainError, isDomainError, validationError, type FieldIssue } from '../../domain/errors.js';
import {
  bindSheet,
  columnsOf,
  matchesName,
  normaliseKey,
  type BoundSheet,
  type CompiledSheet,
} from '../../domain/harmonisation/profile.js';
import type { CopyFn, DbHandle } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import {
  advanceImportCheckpoint,
  commitWithoutWaiting,
  finishImportRun,
  findRunningImport,
  insertImportRun,
  releaseSavepoint,
  rollbackToSavepoint,
  savepoint,
  type ImportRunRow,
} from '../../db/import/import.repository.js';
import type { Kysely } from 'kysely';
import { loadCodeLookup } from '../reference/reference.service.js';
import { csvRecord } from '../schemes/csv-text.js';
import {
  applyBatch,
  mapSourceRow,
  type BatchContext,
  type MappedSourceRow,
  type RowOutcome,
} from './import-batch.js';
import type { LoadedProfile } from './profile-schema.js';
import {
  describeFile,
  extractSheets,
  hashFile,
  readRows,
  type ImportFile,
  type RowSource,
} from './readers.js';
import { loadReferenceData } from './reference-data.js';

export const DEFAULT_BATCH_SIZE = 1000;

export interface ImportOptions {
  readonly profile: LoadedProfile;
  /** CSV files (one per sheet of the profile) or one workbook. */
  readonly files: readonly string[];
  /** The scheme for rows that name none, by id or name. */
  readonly scheme?: string | undefined;
  /** Overrides the profile's source system (two instances of one product need different ones). */
  readonly sourceSystem?: string | undefined;
  readonly dryRun?: boolean | undefined;
  readonly batchSize?: number | undefined;
  /** Where the per-row results go (CSV); a resumed run keeps its own file. */
  readonly resultsPath?: string | null | undefined;
  /** Abandon an unfinished run of this import and start again from the first row. */
  readonly restart?: boolean | undefined;
  /** Who is importing (audit trail and import_run.started_by). */
  readonly actor: string;
  readonly now?: Date | undefined;
  readonly onProgress?: ((p: ImportProgress) => void) | undefined;
  readonly onNotice?: ((line: string) => void) | undefined;
}

export interface ImportProgress {
  readonly sheet: string;
  readonly rows: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

export type RowCounts = Record<'created' | 'updated' | 'unchanged' | 'rejected' | 'blank', number>;

export interface RecordCounts {
  readonly person: Record<'created' | 'updated' | 'unchanged' | 'matched' | 'review', number>;
  readonly referral: Record<'created' | 'updated' | 'unchanged', number>;
  readonly contact: Record<'created' | 'updated' | 'unchanged', number>;
}

export interface SheetSummary {
  readonly name: string;
  /** The file (and sheet) it was read from, or null when the import had none for it. */
  readonly source: string | null;
  readonly rows: number;
  readonly unusedColumns: readonly string[];
}

export interface ImportSummary {
  readonly runId: string | null;
  readonly dryRun: boolean;
  /** Rows already committed by an earlier, interrupted attempt that this one resumed after. */
  readonly resumedAfterRows: number;
  /** Rows of this attempt. */
  readonly counts: RowCounts;
  /** Rows of the whole run, across attempts (equal to counts for a run done in one go). */
  readonly runCounts: RowCounts;
  readonly records: RecordCounts;
  readonly reviewPeople: number;
  readonly sheets: readonly SheetSummary[];
  readonly resultsPath: string | null;
  readonly seconds: number;
}

export const RESULTS_COLUMNS = [
  'sheet',
  'row',
  'status',
  'person',
  'person_id',
  'referral',
  'referral_id',
  'contacts',
  'contact_ids',
  'field',
  'column',
  'rule',
  'message',
] as const;

interface PlannedSheet {
  readonly sheet: CompiledSheet;
  readonly source: RowSource;
  /** The file (and workbook sheet) it is read from, for messages. */
  readonly label: string;
  readonly size: number;
}

const reject = (rule: string, message: string): DomainError =>
  validationError([{ path: 'file', rule, message }]);

/**
 * Pairs the profile's sheets with the files given (in profile order); sheets with no file are
 * skipped. A workbook's wanted sheets are copied out to `workDir` first.
 */
async function planSheets(
  options: ImportOptions,
  files: readonly ImportFile[],
  workDir: () => Promise<string>,
): Promise<{ planned: PlannedSheet[]; missing: CompiledSheet[] }> {
  const sheets = options.profile.compiled.sheets;
  const [workbook] = files.filter((f) => f.kind === 'xlsx');
  const planned: PlannedSheet[] = [];
  const missing: CompiledSheet[] = [];
  if (workbook !== undefined) {
    if (files.length > 1) {
      throw reject('file_count', 'give one workbook, or CSV files (not both, nor several workbooks)');
    }
    const only = sheets.length === 1 && sheets[0]?.sheet === null;
    const wantedNames = sheets.flatMap((s) => (s.sheet === null ? [] : [normaliseKey(s.sheet)]));
    const extracted = await extractSheets(
      workbook,
      (name, index) => (only ? index === 0 : wantedNames.includes(normaliseKey(name))),
      await workDir(),
    );
    for (const s of sheets) {
      const found = extracted.sheets.find((e) =>
        s.sheet === null ? only : normaliseKey(e.name) === normaliseKey(s.sheet),
      );
      if (found === undefined) missing.push(s);
      else {
        planned.push({
          sheet: s,
          source: { kind: 'sheet', sheet: found },
          label: `${workbook.name} (${found.name})`,
          size: found.size,
        });
      }
    }
    if (planned.length === 0) {
      throw reject(
        'missing_sheet',
        `${workbook.name} has none of the sheets the profile reads (it has: ${extracted.names.join(', ')})`,
      );
    }
    return { planned, missing };
  }
  const used = new Set<ImportFile>();
  for (const s of sheets) {
    const matching = files.filter((f) =>
      s.file === null ? sheets.length === 1 : matchesName(s.file, f.name),
    );
    const [only, other] = matching;
    if (other !== undefined) {
      throw reject(
        'ambiguous_file',
        `several files fit sheet ${s.name} (${s.file ?? '*'}): ${matching.map((f) => f.name).join(', ')}`,
      );
    }
    if (only === undefined) missing.push(s);
    else {
      used.add(only);
      planned.push({ sheet: s, source: { kind: 'csv', file: only }, label: only.name, size: only.size });
    }
  }
  const unused = files.filter((f) => !used.has(f));
  if (unused.length > 0) {
    throw reject(
      'unknown_file',
      `no sheet of profile ${options.profile.compiled.name} reads ${unused.map((f) => f.name).join(', ')} (file patterns: ${sheets.map((s) => s.file ?? '*').join(', ')})`,
    );
  }
  return { planned, missing };
}

/** Reads a sheet up to its header row and binds the profile to it (missing columns stop the import). */
async function bindPlanned(options: ImportOptions, p: PlannedSheet): Promise<BoundSheet> {
  const compiled = options.profile.compiled;
  let header: readonly string[] | null = null;
  for await (const row of readRows(p.source, {
    delimiter: compiled.delimiter,
    encoding: compiled.encoding,
  })) {
    if (row.rowNo === p.sheet.headerRow) {
      header = row.cells;
      break;
    }
    if (row.rowNo > p.sheet.headerRow) break;
  }
  if (header === null) {
    throw reject('missing_header', `${p.label} has no row ${p.sheet.headerRow} (the header row)`);
  }
  const bound = bindSheet(compiled, p.sheet, header);
  if (bound.kind === 'invalid') throw validationError(bound.issues);
  return bound.value;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The column (header) an issue's field was read from, for the results file. */
function columnOf(bound: BoundSheet, path: string): string {
  const m = /^(person|referral|contact)(?:\[([^\]]+)\])?\.([A-Za-z]+)/.exec(path);
  if (m === null) return '';
  const [, type = '', key, field] = m;
  const record =
    type === 'person'
      ? bound.person
      : type === 'referral'
        ? bound.referral
        : bound.contacts.find((c) => c.repeatKey === (key ?? null));
  const compiled =
    field === 'id' ? record?.id?.field : record?.fields.find((f) => f.field.field === field)?.field;
  if (compiled === undefined) return '';
  return columnsOf(compiled)
    .map((c) => (key === undefined ? c : c.replaceAll('{n}', key)))
    .join(' + ');
}

/** The results-file lines of a batch. */
function resultLines(bound: BoundSheet, outcomes: readonly RowOutcome[]): string {
  let text = '';
  for (const o of outcomes) {
    if (o.status === 'blank') continue;
    const base = [
      bound.sheet.name,
      String(o.rowNo),
      o.status,
      o.person?.status ?? '',
      o.person?.id ?? '',
      o.referral?.status ?? '',
      o.referral?.id ?? '',
      o.contacts.map((c) => c.status).join(';'),
      o.contacts.map((c) => c.id).join(';'),
    ];
    if (o.issues.length === 0) text += csvRecord([...base, '', '', '', '']);
    for (const i of o.issues) {
      text += csvRecord([...base, i.path, columnOf(bound, i.path), i.rule, i.message]);
    }
  }
  return text;
}

const emptyCounts = (): RowCounts => ({ created: 0, updated: 0, unchanged: 0, rejected: 0, blank: 0 });

function emptyRecords(): RecordCounts {
  return {
    person: { created: 0, updated: 0, unchanged: 0, matched: 0, review: 0 },
    referral: { created: 0, updated: 0, unchanged: 0 },
    contact: { created: 0, updated: 0, unchanged: 0 },
  };
}

function tally(counts: RowCounts, records: RecordCounts, outcomes: readonly RowOutcome[]): number {
  let reviews = 0;
  for (const o of outcomes) {
    counts[o.status] += 1;
    reviews += o.reviews > 0 ? 1 : 0;
    if (o.person !== null) records.person[o.person.status] += 1;
    if (o.referral !== null && o.referral.status !== 'matched' && o.referral.status !== 'review') {
      records.referral[o.referral.status] += 1;
    }
    for (const c of o.contacts) {
      if (c.status !== 'matched' && c.status !== 'review') records.contact[c.status] += 1;
    }
  }
  return reviews;
}

/** Appends text to the results file and resolves when it is written. */
function append(stream: WriteStream | null, text: string): Promise<void> {
  if (stream === null || text === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Rolls back a dry run once every row has been tried. */
class DryRunDone extends Error {
  constructor() {
    super('dry run');
  }
}

/**
 * Imports files through a profile. Throws validation_failed before importing anything when the
 * files do not fit the profile (missing columns, unknown files, an unknown --scheme); rows that
 * break a rule are rejected one by one and reported, never thrown.
 */
export async function importFiles(handle: DbHandle, options: ImportOptions): Promise<ImportSummary> {
  const work: { dir: string | null } = { dir: null };
  try {
    return await runImport(
      handle,
      options,
      async () => (work.dir ??= await mkdtemp(join(tmpdir(), 'linkwork-import-'))),
    );
  } finally {
    if (work.dir !== null) await rm(work.dir, { recursive: true, force: true });
  }
}

async function runImport(
  handle: DbHandle,
  options: ImportOptions,
  workDir: () => Promise<string>,
): Promise<ImportSummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const profile = options.profile.compiled;
  const sourceSystem = options.sourceSystem ?? profile.sourceSystem;
  if (sourceSystem.length < 1 || sourceSystem.length > 50) {
    throw validationError([
      { path: 'sourceSystem', rule: 'max_length', message: 'must be 1 to 50 characters' },
    ]);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw validationError([
      { path: 'batchSize', rule: 'range', message: 'must be a whole number from 1 to 100,000' },
    ]);
  }
  const dryRun = options.dryRun ?? false;
  const notice = options.onNotice ?? (() => undefined);

  const files = await Promise.all(options.files.map(describeFile));
  if (files.length === 0) throw reject('required', 'give at least one file');
  const { planned, missing } = await planSheets(options, files, workDir);
  for (const m of missing) {
    notice(`sheet ${m.name}: no file or workbook sheet for it in this import (skipped)`);
  }
  const bound: BoundSheet[] = [];
  for (const p of planned) bound.push(await bindPlanned(options, p));

  const reference = await loadReferenceData(handle.db);
  const codes = await loadCodeLookup(handle.db);
  let schemeId: string | null = null;
  if (options.scheme !== undefined) {
    const s = reference.scheme(options.scheme);
    if (!s.ok) throw validationError([{ path: 'scheme', ...s.issue }]);
    schemeId = s.value.id;
  }
  const fileHash = sha256(
    (await Promise.all(files.map(async (f) => `${f.name}:${await hashFile(f.path)}`))).join('\n'),
  );
  const runKey = sha256([options.profile.hash, fileHash, sourceSystem, schemeId ?? ''].join('\n'));
  const totalBytes = planned.reduce((n, p) => n + p.size, 0);

  // The run: a new one, or the unfinished one this import resumes.
  let run: ImportRunRow | null = null;
  let resultsPath = options.resultsPath ?? null;
  if (!dryRun) {
    const running = await findRunningImport(handle.db, runKey);
    if (running !== undefined && options.restart === true) {
      await finishImportRun(handle.db, running.id, 'abandoned');
      notice(`abandoned the unfinished run ${running.id}; starting again from the first row`);
    } else if (running !== undefined) {
      run = running;
      if (resultsPath !== null && running.results_path !== null && resultsPath !== running.results_path) {
        notice(
          `resuming run ${running.id}: its results go on in ${running.results_path} (not ${resultsPath})`,
        );
      }
      resultsPath = running.results_path;
      notice(`resuming run ${running.id} after ${running.rows_committed} rows already committed`);
    }
    run ??= await insertImportRun(handle.db, {
      runKey,
      profileName: profile.name,
      profileHash: options.profile.hash,
      sourceSystem,
      schemeId,
      fileNames: files
        .map((f) => f.name)
        .join(', ')
        .slice(0, 2000),
      fileHash,
      batchSize,
      resultsPath,
      startedBy: options.actor,
    }).catch((error: unknown) => {
      // Two processes starting the same import at once: only one run of it may be unfinished.
      if ((error as { code?: unknown }).code === '23505') {
        throw new DomainError(
          'conflict',
          'Another process is running this import: wait for it, or stop it first',
        );
      }
      throw error;
    });
  }

  // The results file: cut back to what committed batches wrote (a resumed run), or started afresh.
  let stream: WriteStream | null = null;
  let resultsBytes = run?.results_bytes ?? 0;
  if (resultsPath !== null) {
    await mkdir(dirname(resultsPath), { recursive: true });
    const size = (await stat(resultsPath).catch(() => null))?.size ?? null;
    if (run !== null && run.rows_committed > 0 && size !== null && size >= resultsBytes) {
      await truncate(resultsPath, resultsBytes);
      stream = createWriteStream(resultsPath, { flags: 'a' });
    } else {
      if (run !== null && run.rows_committed > 0) {
        notice(
          `the results file ${resultsPath} is missing or shorter than recorded: results of the first ${run.rows_committed} rows are lost (their records are in the database)`,
        );
      }
      stream = createWriteStream(resultsPath, { flags: 'w' });
      const header = csvRecord(RESULTS_COLUMNS);
      await append(stream, header);
      resultsBytes = Buffer.byteLength(header);
    }
  }

  const counts = emptyCounts();
  const records = emptyRecords();
  let reviewPeople = 0;
  const sheets: SheetSummary[] = missing.map((m) => ({
    name: m.name,
    source: null,
    rows: 0,
    unusedColumns: [],
  }));
  let checkpoint = { sheet: run?.checkpoint_sheet ?? 0, row: run?.checkpoint_row ?? 0 };
  const resumedAfterRows = run?.rows_committed ?? 0;
  let bytesBefore = 0;

  const runBatch = async (
    trx: Kysely<Database>,
    copy: CopyFn,
    ctx: BatchContext,
    batch: readonly MappedSourceRow[],
    rowsDoneAfter: number,
    sheetIndex: number,
  ): Promise<RowOutcome[]> => {
    let outcomes: RowOutcome[];
    if (dryRun) {
      await savepoint(trx, 'import_batch');
      try {
        outcomes = await applyBatch(trx, copy, ctx, batch);
        await releaseSavepoint(trx, 'import_batch');
      } catch (error) {
        if (isDomainError(error)) throw error;
        await rollbackToSavepoint(trx, 'import_batch');
        outcomes = await rowByRow(trx, copy, ctx, batch);
      }
    } else {
      outcomes = await applyBatch(trx, copy, ctx, batch);
    }
    await commitBatch(trx, ctx, outcomes, rowsDoneAfter, sheetIndex);
    return outcomes;
  };

  const commitBatch = async (
    trx: Kysely<Database>,
    ctx: BatchContext,
    outcomes: readonly RowOutcome[],
    rowsDoneAfter: number,
    sheetIndex: number,
  ): Promise<void> => {
    const text = resultLines(ctx.bound, outcomes);
    const batchCounts = emptyCounts();
    const batchRecords = emptyRecords();
    const reviews = tally(batchCounts, batchRecords, outcomes);
    if (run !== null) {
      const next = {
        sheet: sheetIndex,
        row: rowsDoneAfter,
        resultsBytes: resultsBytes + Buffer.byteLength(text),
        rows: outcomes.length,
        ...batchCounts,
        review: reviews,
      };
      // On server PostgreSQL a killed import leaves the server (and its commits) running, so batches
      // need not wait for the WAL flush. PGlite runs inside this process: it waits, or a kill would
      // lose the batches since the last flush (still never half a batch, but resume would redo them).
      if (handle.engine === 'postgres') await commitWithoutWaiting(trx);
      const moved = await advanceImportCheckpoint(trx, run.id, checkpoint, next);
      if (!moved) {
        throw new DomainError(
          'conflict',
          'Another process is running this import: wait for it, or stop it first',
        );
      }
    }
    // Written before the transaction commits: a kill after this point leaves lines past the
    // committed length, which the next attempt cuts off.
    await append(stream, text);
    // Only now does this attempt count the batch (a failed transaction is retried row by row).
    resultsBytes += Buffer.byteLength(text);
    checkpoint = { sheet: sheetIndex, row: rowsDoneAfter };
    for (const k of Object.keys(counts) as (keyof RowCounts)[]) counts[k] += batchCounts[k];
    for (const type of ['person', 'referral', 'contact'] as const) {
      const into = records[type] as Record<string, number>;
      for (const [k, v] of Object.entries(batchRecords[type] as Record<string, number>)) {
        into[k] = (into[k] ?? 0) + v;
      }
    }
    reviewPeople += reviews;
  };

  /** A batch the database refused: each row on its own savepoint, so one bad row rejects only itself. */
  const rowByRow = async (
    trx: Kysely<Database>,
    copy: CopyFn,
    ctx: BatchContext,
    batch: readonly MappedSourceRow[],
  ): Promise<RowOutcome[]> => {
    const outcomes: RowOutcome[] = [];
    for (const row of batch) {
      await savepoint(trx, 'import_row');
      try {
        const [outcome] = await applyBatch(trx, copy, ctx, [row]);
        await releaseSavepoint(trx, 'import_row');
        if (outcome !== undefined) outcomes.push(outcome);
      } catch (error) {
        await rollbackToSavepoint(trx, 'import_row');
        let issues: readonly FieldIssue[];
        try {
          translateDbError(error);
        } catch (translated) {
          if (!isDomainError(translated)) throw translated;
          issues = translated.details?.issues ?? [
            { path: 'row', rule: translated.code, message: translated.message },
          ];
          outcomes.push({
            rowNo: row.rowNo,
            status: 'rejected',
            person: null,
            referral: null,
            contacts: [],
            issues,
            reviews: 0,
          });
        }
      }
    }
    return outcomes;
  };

  const importSheets = async (
    inTrx: (work: (copy: CopyFn, trx: Kysely<Database>) => Promise<void>) => Promise<void>,
  ): Promise<void> => {
    for (let i = 0; i < planned.length; i++) {
      const p = planned[i];
      const b = bound[i];
      if (p === undefined || b === undefined) continue;
      const profileIndex = p.sheet.index;
      const skipRows =
        profileIndex === checkpoint.sheet ? checkpoint.row : profileIndex < checkpoint.sheet ? Infinity : 0;
      const ctx: BatchContext = {
        runId: run?.id ?? null,
        sourceSystem,
        bound: b,
        reference,
        actor: options.actor,
        prepare: {
          codes,
          now,
          today: now.toISOString().slice(0, 10),
          defaultScheme: options.scheme ?? null,
          sheet: { person: p.sheet.person !== null, referral: p.sheet.referral !== null },
        },
      };
      const source = p.label;
      if (skipRows === Infinity) {
        sheets.push({ name: p.sheet.name, source, rows: 0, unusedColumns: b.unusedColumns });
        continue;
      }
      let dataRows = 0;
      let batch: MappedSourceRow[] = [];
      const flush = async (rows: readonly MappedSourceRow[], after: number): Promise<void> => {
        if (rows.length === 0) return;
        await inTrx(async (copy, trx) => {
          await runBatch(trx, copy, ctx, rows, after, profileIndex);
        }).catch(async (error: unknown) => {
          if (isDomainError(error) || dryRun) throw error;
          // The database refused something the checks let through: try the rows one by one.
          await inTrx(async (copy, trx) => {
            const outcomes = await rowByRow(trx, copy, ctx, rows);
            await commitBatch(trx, ctx, outcomes, after, profileIndex);
          });
        });
        options.onProgress?.({
          sheet: p.sheet.name,
          rows: counts.created + counts.updated + counts.unchanged + counts.rejected + counts.blank,
          bytes: bytesBefore + bytesRead,
          totalBytes,
        });
      };
      // While a batch is with the database, the next one is read and mapped (batches still commit
      // one after the other, in order).
      const pipeline: { inFlight: Promise<void>; failure: { error: unknown } | null } = {
        inFlight: Promise.resolve(),
        failure: null,
      };
      const next = async (rows: MappedSourceRow[], after: number): Promise<void> => {
        await pipeline.inFlight;
        if (pipeline.failure !== null) throw pipeline.failure.error;
        pipeline.inFlight = flush(rows, after).catch((error: unknown) => {
          pipeline.failure = { error };
        });
      };
      let bytesRead = 0;
      for await (const row of readRows(p.source, {
        delimiter: profile.delimiter,
        encoding: profile.encoding,
        onBytes: (n) => {
          bytesRead = n;
        },
      })) {
        if (row.rowNo <= p.sheet.headerRow) continue;
        dataRows += 1;
        if (dataRows <= skipRows) continue;
        batch.push(mapSourceRow(b, row));
        if (batch.length >= batchSize) {
          await next(batch, dataRows);
          batch = [];
        }
      }
      await next(batch, dataRows);
      await pipeline.inFlight;
      if (pipeline.failure !== null) throw pipeline.failure.error;
      bytesBefore += p.size;
      sheets.push({ name: p.sheet.name, source, rows: dataRows, unusedColumns: b.unusedColumns });
    }
  };

  try {
    if (dryRun) {
      await handle
        .bulk(async (copy, trx) => {
          await importSheets(async (work) => {
            await work(copy, trx);
          });
          throw new DryRunDone();
        })
        .catch((error: unknown) => {
          if (!(error instanceof DryRunDone)) throw error;
        });
    } else {
      await importSheets((work) => handle.bulk(work));
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (stream === null) resolve();
      else {
        stream.end(() => {
          resolve();
        });
      }
    });
  }

  let runCounts = counts;
  if (run !== null) {
    const finished = await finishImportRun(handle.db, run.id, 'completed');
    if (finished !== undefined) {
      runCounts = {
        created: finished.created_rows,
        updated: finished.updated_rows,
        unchanged: finished.unchanged_rows,
        rejected: finished.rejected_rows,
        blank: finished.blank_rows,
      };
    }
  }
  return {
    runId: run?.id ?? null,
    dryRun,
    resumedAfterRows,
    counts,
    runCounts,
    records,
    reviewPeople,
    sheets,
    resultsPath,
    seconds: (performance.now() - started) / 1000,
  };
}
