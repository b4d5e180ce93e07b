// Runs a list of SQL statements one at a time. PGlite's extended-protocol `query` accepts one
// statement per call, so migrations never send several statements in one string.
import { sql, type Kysely } from 'kysely';

export async function runSteps(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

/** SQL string literal with quotes doubled (migration seed data is literal, frozen in time). */
export function lit(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}
