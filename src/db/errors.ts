// Turns PostgreSQL constraint errors (which both engines raise with the same SQLSTATE codes) into
// DomainErrors that name the field, so a rule the database enforces as a backstop still reaches
// the user as a clear 4xx, never a 500.
import { DomainError } from '../domain/errors.js';

interface PgErrorShape {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
  column?: unknown;
  table?: unknown;
}

const asPgError = (error: unknown): PgErrorShape | null =>
  typeof error === 'object' && error !== null && 'code' in error ? error : null;

/** The column a constraint is about, from Postgres's "Key (col)=(...)" detail or the constraint name. */
function columnOf(e: PgErrorShape): string {
  const detail = typeof e.detail === 'string' ? /Key \(([^)]+)\)/.exec(e.detail)?.[1] : undefined;
  if (detail !== undefined) return detail;
  if (typeof e.column === 'string') return e.column;
  const name = typeof e.constraint === 'string' ? e.constraint : '';
  const table = typeof e.table === 'string' ? e.table : '';
  return name.replace(`${table}_`, '').replace(/_(fkey|key|idx|check)$/, '') || 'unknown';
}

/**
 * Maps 23505 unique -> conflict, 23503 foreign key -> validation_failed (rule unknown_reference),
 * 23514 check / 23502 not-null / 22001 too long -> validation_failed; anything else is rethrown.
 */
export function translateDbError(error: unknown): never {
  if (error instanceof DomainError) throw error;
  const e = asPgError(error);
  const code = typeof e?.code === 'string' ? e.code : '';
  if (e !== null) {
    const path = columnOf(e);
    switch (code) {
      case '23505':
        throw new DomainError('conflict', `A record with this ${path} already exists`, {
          issues: [{ path, rule: 'unique', message: 'already exists' }],
        });
      case '23503':
        throw new DomainError(
          'validation_failed',
          `${path}: refers to a record or code that does not exist`,
          {
            issues: [
              { path, rule: 'unknown_reference', message: 'refers to a record or code that does not exist' },
            ],
          },
        );
      case '23514':
      case '23502':
      case '22001':
      case '22007':
      case '22008':
      case '22P02':
        throw new DomainError('validation_failed', `${path}: breaks database rule ${code}`, {
          issues: [{ path, rule: `db_${code}`, message: 'breaks a database rule' }],
        });
      default:
        break;
    }
  }
  throw error;
}
