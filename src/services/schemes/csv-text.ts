// CSV text as RFC 4180 writes it: fields with a comma, quote, CR or LF, or leading/trailing spaces,
// are quoted with inner quotes doubled; records end with CRLF. (The demo's csv.ts writes PostgreSQL
// COPY format instead, where an empty quoted field and NULL differ.) Reading is csv-parse's job.

/** One field, quoted when it needs to be. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record, with its CRLF line ending. */
export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A header and records as CSV text; `bom` prefixes a UTF-8 byte-order mark (for spreadsheets). */
export function csvText(
  header: readonly string[],
  records: readonly (readonly string[])[],
  options: { readonly bom?: boolean } = {},
): string {
  return `${options.bom === true ? '\uFEFF' : ''}${csvRecord(header)}${records.map(csvRecord).join('')}`;
}
