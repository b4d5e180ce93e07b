// The reference data an import resolves names against, loaded once per import and held in memory:
// schemes (by id or name), their staff (by id or display name) and GP practices (by ODS code or
// name). Names are compared without case or extra spaces; a name two records share is ambiguous.
import type { Kysely } from 'kysely';
import { normaliseKey } from '../../domain/harmonisation/profile.js';
import type { Resolved } from '../../domain/harmonisation/prepare.js';
import type { Database } from '../../db/database.js';
import {
  findPracticesForImport,
  findSchemesForImport,
  findStaffForImport,
} from '../../db/import/import.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReferenceData {
  scheme(ref: string): Resolved<{ readonly id: string; readonly nation: string }>;
  staff(schemeId: string, ref: string): Resolved<string>;
  practice(ref: string): Resolved<string>;
}

/** Groups values by key (several values under one key make the key ambiguous). */
function index<T>(items: readonly T[], keys: (item: T) => readonly (string | null)[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      if (key === null || key === '') continue;
      out.set(key, [...(out.get(key) ?? []), item]);
    }
  }
  return out;
}

function lookup<T, V>(
  found: readonly T[] | undefined,
  what: string,
  ref: string,
  value: (t: T) => V,
): Resolved<V> {
  const [only, other] = found ?? [];
  if (only === undefined) return { ok: false, issue: { rule: 'exists', message: `no ${what} "${ref}"` } };
  if (other !== undefined) {
    return {
      ok: false,
      issue: { rule: 'ambiguous_reference', message: `several ${what}s are called "${ref}": use the id` },
    };
  }
  return { ok: true, value: value(only) };
}

/** Loads schemes, staff and practices for resolving the names rows give. */
export async function loadReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  const [schemes, staff, practices] = await Promise.all([
    findSchemesForImport(db),
    findStaffForImport(db),
    findPracticesForImport(db),
  ]);
  const schemesBy = index(schemes, (s) => [s.id.toLowerCase(), normaliseKey(s.name)]);
  const staffBy = index(staff, (s) => [
    `${s.scheme_id}|${s.id.toLowerCase()}`,
    `${s.scheme_id}|${normaliseKey(s.display_name)}`,
  ]);
  const practicesBy = index(practices, (p) => [
    p.id.toLowerCase(),
    p.ods_code?.toUpperCase() ?? null,
    normaliseKey(p.name),
  ]);
  return {
    scheme: (ref) =>
      lookup(schemesBy.get(UUID.test(ref) ? ref.toLowerCase() : normaliseKey(ref)), 'scheme', ref, (s) => ({
        id: s.id,
        nation: s.nation,
      })),
    staff: (schemeId, ref) =>
      lookup(
        staffBy.get(`${schemeId}|${UUID.test(ref) ? ref.toLowerCase() : normaliseKey(ref)}`),
        'member of staff of the scheme',
        ref,
        (s) => s.id,
      ),
    practice: (ref) =>
      lookup(
        practicesBy.get(
          UUID.test(ref)
            ? ref.toLowerCase()
            : /^[A-Za-z0-9]{3,10}$/.test(ref.trim())
              ? ref.trim().toUpperCase()
              : normaliseKey(ref),
        ) ?? practicesBy.get(normaliseKey(ref)),
        'GP practice',
        ref,
        (p) => p.id,
      ),
  };
}
