// The reference lists as a CodeLookup for the domain validators. Only active codes are accepted
// for new records; inactive ones stay valid in old rows.
import type { Kysely } from 'kysely';
import type { CodeLookup } from '../../domain/validation.js';
import type { Database } from '../../db/database.js';
import { findAllCodes, type ReferenceCodeRow } from '../../db/reference/reference.repository.js';

export type { ReferenceCodeRow };

/** Loads every reference list (one query) as a CodeLookup of active codes. */
export async function loadCodeLookup(db: Kysely<Database>): Promise<CodeLookup> {
  const rows = await findAllCodes(db);
  const active = new Set(rows.filter((r) => r.active).map((r) => `${r.list}\u0000${r.code}`));
  return { has: (list, code) => active.has(`${list}\u0000${code}`) };
}

/** Every reference list with its codes and labels, for forms and documentation. */
export async function listReferenceCodes(db: Kysely<Database>): Promise<Record<string, ReferenceCodeRow[]>> {
  const out: Record<string, ReferenceCodeRow[]> = {};
  for (const row of await findAllCodes(db)) (out[row.list] ??= []).push(row);
  return out;
}
