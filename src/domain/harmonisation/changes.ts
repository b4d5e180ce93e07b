/**
 * What an import would change in a record it already holds: the columns whose values differ.
 * Dates compare by instant, lists as sets (the order of needs carries no meaning), and everything
 * else by value. No difference means the row is `unchanged` and nothing is written.
 */

export type ColumnValue = string | number | boolean | Date | readonly string[] | null;

function same(a: ColumnValue, b: ColumnValue): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    const left = new Set<string>(a as readonly string[]);
    const right = new Set<string>(b as readonly string[]);
    return left.size === right.size && [...left].every((v) => right.has(v));
  }
  return a === b;
}

/** The keys of `next` whose values differ from `current` (keys absent from `current` count as null). */
export function changedColumns(
  current: Readonly<Record<string, ColumnValue>>,
  next: Readonly<Record<string, ColumnValue>>,
): string[] {
  return Object.keys(next).filter((key) => !same(current[key] ?? null, next[key] ?? null));
}
