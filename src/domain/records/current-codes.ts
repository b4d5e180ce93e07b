/**
 * Editing an existing record: the reference lists accept only active codes for new values (a code
 * retired from a list is no longer offered), but a code the record already holds stays valid, so a
 * record carrying a retired code can still be corrected in its other fields.
 */
import type { CodeLookup } from '../validation.js';

/**
 * A CodeLookup that accepts everything `codes` accepts, plus each `[list, code]` the record already
 * holds (null codes are ignored).
 */
export function withCurrentCodes(
  codes: CodeLookup,
  current: readonly (readonly [list: string, code: string | null])[],
): CodeLookup {
  const kept = new Set(
    current.filter(([, code]) => code !== null).map(([list, code]) => `${list}\u0000${code}`),
  );
  return { has: (list, code) => codes.has(list, code) || kept.has(`${list}\u0000${code}`) };
}
