// CSV fields for PostgreSQL COPY … WITH (FORMAT csv): NULL is an empty unquoted field; anything
// with a comma, quote, newline or that is empty text is quoted with inner quotes doubled.

export type CsvValue = string | number | boolean | null | undefined | Date | readonly string[];

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return csvField(`{${value.map(arrayElement).join(',')}}`);
  return value === '' || /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One element of a PostgreSQL array literal (quoted when it holds special characters). */
function arrayElement(value: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
