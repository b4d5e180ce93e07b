// Streaming readers for import files: CSV through csv-parse, XLSX through ExcelJS's streaming
// workbook part parsers over the zip's central directory (each wanted sheet copied out once to a JSON-lines file, so sheets can be read in
// the profile's order). Rows come one at a time as text cells with the row number a spreadsheet
// shows, so memory stays bounded whatever the file size; `onBytes` reports how much of the file
// has been read, for a progress bar.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import unzipper, { type CentralDirectoryFile } from 'unzipper';
import { validationError } from '../../domain/errors.js';

export type FileKind = 'csv' | 'xlsx';

export interface ImportFile {
  readonly path: string;
  readonly name: string;
  readonly kind: FileKind;
  readonly size: number;
}

/** A file to import: CSV (.csv, .txt, .tsv) or a workbook (.xlsx). */
export async function describeFile(path: string): Promise<ImportFile> {
  const ext = extname(path).toLowerCase();
  const kind: FileKind | null =
    ext === '.xlsx' ? 'xlsx' : ['.csv', '.txt', '.tsv'].includes(ext) ? 'csv' : null;
  if (kind === null) {
    throw validationError([
      { path: 'file', rule: 'file_type', message: `${basename(path)}: import reads .csv and .xlsx files` },
    ]);
  }
  const info = await stat(path).catch(() => null);
  if (info?.isFile() !== true) {
    throw validationError([{ path: 'file', rule: 'exists', message: `${path}: no such file` }]);
  }
  return { path, name: basename(path), kind, size: info.size };
}

/** sha256 of a file's bytes (streamed). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface SourceRow {
  /** The row number as a spreadsheet shows it (1 = the first line). */
  readonly rowNo: number;
  readonly cells: readonly string[];
}

export interface ReadOptions {
  readonly delimiter: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly onBytes?: (bytesRead: number) => void;
}

/** The file as a stream, counting the bytes read through it (no data event: nothing is lost). */
function counted(
  path: string,
  onBytes: ((n: number) => void) | undefined,
): { file: Readable; stream: Readable } {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (onBytes === undefined) return { file, stream: file };
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      onBytes(read);
      done(null, chunk);
    },
  });
  file.on('error', (error) => counter.destroy(error));
  return { file, stream: file.pipe(counter) };
}

/** Decodes Windows-1252 (Excel's "CSV" on Windows) to text. */
function windows1252(): Transform {
  const decoder = new TextDecoder('windows-1252');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

async function* csvRows(file: ImportFile, options: ReadOptions): AsyncGenerator<SourceRow> {
  const { file: source, stream } = counted(file.path, options.onBytes);
  const parser = parse({
    bom: true,
    delimiter: options.delimiter,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: false,
  });
  const input = options.encoding === 'windows-1252' ? stream.pipe(windows1252()) : stream;
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let rowNo = 0;
  try {
    for await (const record of parser) {
      rowNo += 1;
      yield { rowNo, cells: record as string[] };
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
      throw validationError([
        { path: 'file', rule: 'csv_format', message: `${file.name} near row ${rowNo + 1}: ${error.message}` },
      ]);
    }
    throw error;
  } finally {
    source.destroy();
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ExcelJS gives date cells as Dates whose UTC fields are the wall-clock time the cell shows. */
function dateText(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? date : `${date}T${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** A cell's value as the text an import reads. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as {
      richText?: readonly { text?: string }[];
      result?: unknown;
      text?: unknown;
      error?: unknown;
      formula?: unknown;
    };
    if (v.richText !== undefined) return v.richText.map((r) => r.text ?? '').join('');
    if ('result' in v || v.formula !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

/** Reads an iterable to its end, dropping what it yields; returns how many items there were. */
async function drain(items: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const item of items) if (item !== undefined) n += 1;
  return n;
}

/** A workbook sheet copied out to a file of JSON lines ({ rowNo, cells }), so it can be read in any order. */
export interface ExtractedSheet {
  readonly name: string;
  readonly path: string;
  readonly size: number;
}

/**
 * The parts of ExcelJS's streaming workbook reader that parse one zip entry each (its own methods;
 * ExcelJS 4.4 is pinned, and the import tests read real workbooks through them).
 */
interface WorkbookPartParsers {
  model?: { sheets?: readonly { rId: string }[] };
  workbookRels?: readonly { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: Readable, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
}

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** The zip's directory, or a clear error when the file is not a workbook. */
async function openWorkbookZip(file: ImportFile): Promise<CentralDirectoryFile[]> {
  const notWorkbook = (why: string): Error =>
    validationError([{ path: 'file', rule: 'xlsx_format', message: `${file.name}: ${why}` }]);
  const directory = await unzipper.Open.file(file.path).catch(() => {
    throw notWorkbook('not an Excel workbook (.xlsx is a zip file; this one cannot be opened)');
  });
  const files = directory.files.filter((f) => f.type === 'File');
  if (!files.some((f) => f.path === 'xl/workbook.xml')) {
    throw notWorkbook('not an Excel workbook (it has no xl/workbook.xml)');
  }
  return files;
}

/**
 * Streams a workbook's sheets once and copies the sheets `wanted` picks out to JSON-lines files in
 * `dir`, row by row; the other sheets are skipped. The import then reads the copies in the
 * profile's order (people before referrals), whatever the workbook's order, with memory bounded
 * by one row.
 *
 * The zip is read through its central directory (unzipper's random-access reader), not as one
 * stream. ExcelJS's own streaming reader ends its zip stream when the last byte is written and can
 * drop the last entry still buffered: we saw it in 1-4% of reads of a workbook whose
 * xl/workbook.xml came last (a TypeError), and a sheet that came last would be lost without a word.
 * Reading the directory finds every entry, so ExcelJS's part parsers are given the parts in the
 * order they depend on: relationships, workbook, shared strings, styles, then the sheets in the
 * order the workbook lists them (its tabs).
 */
export async function extractSheets(
  file: ImportFile,
  wanted: (name: string, index: number) => boolean,
  dir: string,
  onBytes?: (bytesRead: number) => void,
): Promise<{ names: string[]; sheets: ExtractedSheet[] }> {
  const files = await openWorkbookZip(file);
  const entry = (path: string): CentralDirectoryFile | undefined => files.find((f) => f.path === path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file.path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookPartParsers;

  // Progress in compressed bytes: parts done, plus the share of the current sheet read so far.
  let done = 0;
  const read = (part: CentralDirectoryFile): Readable => {
    const stream = part.stream();
    if (onBytes === undefined) return stream;
    const ratio = part.uncompressedSize > 0 ? part.compressedSize / part.uncompressedSize : 0;
    let inflated = 0;
    const base = done;
    done += part.compressedSize;
    return stream.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, next) {
          inflated += chunk.length;
          onBytes(base + Math.round(inflated * ratio));
          next(null, chunk);
        },
      }),
    );
  };

  const rels = entry('xl/_rels/workbook.xml.rels');
  if (rels !== undefined) await reader._parseRels(read(rels));
  await reader._parseWorkbook(read(entry('xl/workbook.xml') as CentralDirectoryFile));
  const strings = entry('xl/sharedStrings.xml');
  if (strings !== undefined) await drain(reader._parseSharedStrings(read(strings)));
  const styles = entry('xl/styles.xml');
  if (styles !== undefined) await reader._parseStyles(read(styles));

  // The sheets in tab order: the workbook lists them, each by a relationship to its part.
  const tabOrder = new Map<string, number>();
  (reader.model?.sheets ?? []).forEach((sheet, i) => {
    const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
    if (target !== undefined) tabOrder.set(target.replace(/^\/?(xl\/)?/, 'xl/'), i);
  });
  const parts = files
    .filter((f) => WORKSHEET.test(f.path))
    .sort(
      (a, b) =>
        (tabOrder.get(a.path) ?? Infinity) - (tabOrder.get(b.path) ?? Infinity) ||
        Number(WORKSHEET.exec(a.path)?.[1]) - Number(WORKSHEET.exec(b.path)?.[1]),
    );

  const names: string[] = [];
  const sheets: ExtractedSheet[] = [];
  for (const part of parts) {
    const sheetNo = WORKSHEET.exec(part.path)?.[1] ?? '';
    for (const { value } of reader._parseWorksheet(read(part), sheetNo)) {
      const worksheet = value as AsyncIterable<ExcelJS.Row> & { name?: string };
      const name = worksheet.name ?? `Sheet${sheetNo}`;
      names.push(name);
      if (!wanted(name, names.length - 1)) {
        await drain(worksheet);
        continue;
      }
      const path = join(dir, `sheet-${names.length}.jsonl`);
      const out = createWriteStream(path);
      let size = 0;
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        const line = `${JSON.stringify({ rowNo: row.number, cells })}\n`;
        size += Buffer.byteLength(line);
        if (!out.write(line)) await once(out, 'drain');
      }
      await new Promise<void>((resolve, reject) => {
        out.end((error?: Error | null) => {
          if (error) reject(error);
          else resolve();
        });
      });
      sheets.push({ name, path, size });
    }
  }
  onBytes?.(file.size);
  return { names, sheets };
}

async function* jsonlRows(
  sheet: ExtractedSheet,
  onBytes: ((n: number) => void) | undefined,
): AsyncGenerator<SourceRow> {
  const { file: source, stream } = counted(sheet.path, onBytes);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line !== '') yield JSON.parse(line) as SourceRow;
    }
  } finally {
    lines.close();
    source.destroy();
  }
}

/** Where an import reads one sheet's rows from: a CSV file, or a sheet extracted from a workbook. */
export type RowSource =
  | { readonly kind: 'csv'; readonly file: ImportFile }
  | { readonly kind: 'sheet'; readonly sheet: ExtractedSheet };

/** Every row of a CSV file or of an extracted workbook sheet, in order. */
export function readRows(source: RowSource, options: ReadOptions): AsyncGenerator<SourceRow> {
  return source.kind === 'csv' ? csvRows(source.file, options) : jsonlRows(source.sheet, options.onBytes);
}
