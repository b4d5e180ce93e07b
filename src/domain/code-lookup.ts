/**
 * A CodeLookup over a fixed table of lists, for unit tests and for callers that already hold the
 * reference lists in memory (the services build one from the ref_* tables).
 */
import type { CodeLookup } from './validation.js';

/** Builds a CodeLookup from `{ list: [codes...] }`. */
export function codeLookup(lists: Readonly<Record<string, readonly string[]>>): CodeLookup {
  const sets = new Map(Object.entries(lists).map(([list, codes]) => [list, new Set(codes)]));
  return { has: (list, code) => sets.get(list)?.has(code) ?? false };
}
