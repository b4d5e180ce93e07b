// The reference lists as a CodeLookup for the domain validators. Only active codes are accepted
// for new records; inactive ones stay valid in old rows.
import type { Kysely } from 'kysely';
import type { CodeLookup } from '../../domain/validation.js';
import type { Database } from '../../db/database.js';
import { findAllCodes, type ReferenceCodeRow } from '../../db/reference/reference.repository.js';

export type { ReferenceCodeRow };

/**
 * How long a loaded set of reference lists is reused. Lists change rarely (an administrator adds a
 * code); a change made through Linkwork clears the cache at once (`forgetReferenceCodes`), one made
 * directly in the database is seen within this time.
 */
export const REFERENCE_CACHE_MS = 60_000;
const cache = new WeakMap<Kysely<Database>, { at: number; lookup: Promise<CodeLookup> }>();

async function readCodeLookup(db: Kysely<Database>): Promise<CodeLookup> {
  const rows = await findAllCodes(db);
  const active = new Set(rows.filter((r) => r.active).map((r) => `${r.list}\u0000${r.code}`));
  return { has: (list, code) => active.has(`${list}\u0000${code}`) };
}

/** Every reference list (one query, cached per database for REFERENCE_CACHE_MS) as a CodeLookup of active codes. */
export function loadCodeLookup(db: Kysely<Database>, now = Date.now()): Promise<CodeLookup> {
  const hit = cache.get(db);
  if (hit !== undefined && now - hit.at < REFERENCE_CACHE_MS) return hit.lookup;
  const lookup = readCodeLookup(db);
  cache.set(db, { at: now, lookup });
  lookup.catch(() => cache.delete(db));
  return lookup;
}

/** Drops the cached lists (call after changing a reference list). */
export function forgetReferenceCodes(db: Kysely<Database>): void {
  cache.delete(db);
}

/** Every reference list with its codes and labels, for forms and documentation. */
export async function listReferenceCodes(db: Kysely<Database>): Promise<Record<string, ReferenceCodeRow[]>> {
  const out: Record<string, ReferenceCodeRow[]> = {};
  for (const row of await findAllCodes(db)) (out[row.list] ??= []).push(row);
  return out;
}
