import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../errors.js';
import {
  applyDisclosureControl,
  cubeRelations,
  DISCLOSURE_POLICIES,
  DISCLOSURE_POLICY_IDS,
  roundToBase,
  type DisclosureColumn,
  type DisclosurePolicyId,
  type DisclosureTable,
  type ProtectedCell,
  type ProtectedTable,
} from './disclosure.js';

// ---------------------------------------------------------------------------------------------
// Helpers.

const count = (key: string): DisclosureColumn => ({ kind: 'count', key });

/** One row per value, one count column `n`, no relations: primary suppression and rounding only. */
function single(values: readonly number[], policy: DisclosurePolicyId): ProtectedCell[] {
  const out = applyDisclosureControl(
    { columns: [count('n')], rows: values.map((n, i) => ({ key: `r${i}`, values: { n } })) },
    policy,
  );
  return out.rows.map((r) => r.cells.n!);
}

function cellOf(out: ProtectedTable, row: string, column: string): ProtectedCell {
  const r = out.rows.find((x) => x.key === row);
  const c = r?.cells[column];
  if (c === undefined) throw new Error(`no cell ${row}/${column}`);
  return c;
}

/** The display of every row as a string, e.g. 'r0: * 20 * 40'. */
function displays(out: ProtectedTable): string[] {
  return out.rows.map((r) => `${r.key}: ${out.columns.map((c) => r.cells[c]?.display).join(' ')}`);
}

function issuesOf(run: () => unknown): { path: string; rule: string; message: string }[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const err = e as DomainError;
    expect(err.code).toBe('validation_failed');
    return [...(err.details?.issues ?? [])];
  }
  throw new Error('expected validation_failed');
}

/**
 * A two-way table of counts with row totals (column `all`) and column totals (row `total`), the
 * shape of "schemes x outcome" tables: inner[r][c] for rows r0.. and columns c0...
 */
function twoWay(inner: readonly (readonly number[])[]): DisclosureTable {
  const width = inner[0]?.length ?? 0;
  const cols = Array.from({ length: width }, (_, c) => `c${c}`);
  const rowValues = inner.map((r) => {
    const values: Record<string, number> = { all: r.reduce((a, b) => a + b, 0) };
    r.forEach((v, c) => (values[`c${c}`] = v));
    return values;
  });
  const totals: Record<string, number> = {};
  for (const key of [...cols, 'all']) totals[key] = rowValues.reduce((a, r) => a + r[key]!, 0);
  return {
    columns: [...cols, 'all'].map(count),
    rows: [...rowValues.map((values, r) => ({ key: `r${r}`, values })), { key: 'total', values: totals }],
    rowRelations: [{ total: 'total', parts: inner.map((_, r) => `r${r}`) }],
    columnRelations: [{ total: 'all', parts: cols }],
  };
}

// ---------------------------------------------------------------------------------------------
// The independent auditor. It knows only what a reader of the published table knows (the displays
// and statuses, the policy's published rules) and the table's additive structure, and asks, for
// every suppressed cell, whether some other value is consistent with all of it. It shares no code
// with disclosure.ts: an interval constraint solver (bounds propagation over the sums, then
// bisection of the narrowest undecided cell), which enumerates every consistent assignment
// implicitly and stops at the first one found.

interface AuditLine {
  /** Σ coefs[k] · x[cells[k]] = 0 (parts +1, total -1). */
  readonly cells: readonly number[];
  readonly coefs: readonly number[];
}

/** Upper limit for a secondary-suppressed cell ("any value >= 0"); far above any sum in the tests. */
const CAP = 100_000;

interface PublishedRules {
  /** Counts 1..t are suppressed. */
  readonly t: number;
  /** Counts above t are rounded to the nearest multiple of this (1: exact). */
  readonly base: number;
}

// The rules as published (standards.md section 6; issue #8), written out here rather than read
// from DISCLOSURE_POLICIES so the auditor stays independent.
const RULES: Record<'nhs-england' | 'scotland-conservative', PublishedRules> = {
  'nhs-england': { t: 7, base: 5 },
  'scotland-conservative': { t: 9, base: 1 },
};

/** What a reader knows of one count cell: an interval for its true value. */
function knowledge(cell: ProtectedCell, rules: PublishedRules): [number, number] {
  switch (cell.status) {
    case 'shown':
      return [cell.value!, cell.value!];
    case 'rounded': {
      // Nearest multiple of base, halves up: r - floor(base/2) .. r + ceil(base/2) - 1; and above t.
      const r = cell.value!;
      return [Math.max(r - Math.floor(rules.base / 2), rules.t + 1), r + Math.ceil(rules.base / 2) - 1];
    }
    case 'suppressed_primary':
      return [1, rules.t];
    case 'suppressed_secondary':
      return [0, CAP];
    case 'withheld_small_n':
    case 'not_applicable':
      throw new Error(`a count cannot be ${cell.status}`);
  }
}

/** Bounds propagation over the sums; false when some line cannot hold. Narrows lo/hi in place. */
function propagate(lo: number[], hi: number[], lines: readonly AuditLine[]): boolean {
  for (let changed = true; changed;) {
    changed = false;
    for (const { cells, coefs } of lines) {
      let min = 0;
      let max = 0;
      cells.forEach((c, k) => {
        if (coefs[k]! > 0) {
          min += lo[c]!;
          max += hi[c]!;
        } else {
          min -= hi[c]!;
          max -= lo[c]!;
        }
      });
      if (min > 0 || max < 0) return false;
      for (let k = 0; k < cells.length; k++) {
        const c = cells[k]!;
        const positive = coefs[k]! > 0;
        const ownMin = positive ? lo[c]! : -hi[c]!;
        const ownMax = positive ? hi[c]! : -lo[c]!;
        // coef·x = -(sum of the others), and the others lie in [min - ownMin, max - ownMax].
        const termLo = -(max - ownMax);
        const termHi = -(min - ownMin);
        const newLo = Math.max(lo[c]!, positive ? termLo : -termHi);
        const newHi = Math.min(hi[c]!, positive ? termHi : -termLo);
        if (newLo > newHi) return false;
        if (newLo !== lo[c] || newHi !== hi[c]) {
          lo[c] = newLo;
          hi[c] = newHi;
          changed = true;
        }
      }
    }
  }
  return true;
}

/** Whether some integer assignment within lo..hi satisfies every line. */
function feasible(lo0: readonly number[], hi0: readonly number[], lines: readonly AuditLine[]): boolean {
  let nodes = 0;
  const search = (lo: number[], hi: number[]): boolean => {
    if (++nodes > 200_000) throw new Error('auditor search too large');
    if (!propagate(lo, hi, lines)) return false;
    let pick = -1;
    for (let c = 0; c < lo.length; c++) {
      if (lo[c]! < hi[c]! && (pick < 0 || hi[c]! - lo[c]! < hi[pick]! - lo[pick]!)) pick = c;
    }
    if (pick < 0) return true;
    const mid = Math.floor((lo[pick]! + hi[pick]!) / 2);
    const left = [...hi];
    left[pick] = mid;
    if (search([...lo], left)) return true;
    const right = [...lo];
    right[pick] = mid + 1;
    return search(right, [...hi]);
  };
  return search([...lo0], [...hi0]);
}

/**
 * Audits a protected table: `cells` lists (row, column) of every count cell, `truth` their true
 * values, `lines` the additive structure over those indices. Returns the suppressed cells that have
 * a single feasible value (should be none), after checking the truth is consistent with what was
 * published.
 */
function recoverable(
  out: ProtectedTable,
  cells: readonly (readonly [string, string])[],
  truth: readonly number[],
  lines: readonly AuditLine[],
  rules: PublishedRules,
): string[] {
  const published = cells.map(([r, c]) => cellOf(out, r, c));
  const lo = published.map((p) => knowledge(p, rules)[0]);
  const hi = published.map((p) => knowledge(p, rules)[1]);
  truth.forEach((v, i) => {
    if (v < lo[i]! || v > hi[i]!) {
      throw new Error(`truth ${v} of ${cells[i]!.join('/')} is outside what was published`);
    }
  });
  const found: string[] = [];
  published.forEach((p, i) => {
    if (p.status !== 'suppressed_primary' && p.status !== 'suppressed_secondary') return;
    const v = truth[i]!;
    const below = [...hi];
    below[i] = v - 1;
    const above = [...lo];
    above[i] = v + 1;
    if (!feasible(lo, below, lines) && !feasible(above, hi, lines)) found.push(`${cells[i]!.join('/')}=${v}`);
  });
  return found;
}

/** The auditor's own description of a two-way table built by twoWay(). */
function twoWayStructure(inner: readonly (readonly number[])[]) {
  const rows = [...inner.map((_, r) => `r${r}`), 'total'];
  const cols = [...(inner[0] ?? []).map((_, c) => `c${c}`), 'all'];
  const index = (r: number, c: number) => r * cols.length + c;
  const cells: [string, string][] = [];
  const truth: number[] = [];
  const full = [...inner.map((r) => [...r, r.reduce((a, b) => a + b, 0)])];
  full.push(cols.map((_, c) => full.reduce((a, r) => a + r[c]!, 0)));
  rows.forEach((r, i) => {
    cols.forEach((c, j) => {
      cells.push([r, c]);
      truth.push(full[i]![j]!);
    });
  });
  const lines: AuditLine[] = [];
  const R = rows.length - 1;
  const C = cols.length - 1;
  for (let r = 0; r <= R; r++) {
    lines.push({
      cells: [...Array.from({ length: C }, (_, c) => index(r, c)), index(r, C)],
      coefs: [...Array.from({ length: C }, () => 1), -1],
    });
  }
  for (let c = 0; c <= C; c++) {
    lines.push({
      cells: [...Array.from({ length: R }, (_, r) => index(r, c)), index(R, c)],
      coefs: [...Array.from({ length: R }, () => 1), -1],
    });
  }
  return { cells, truth, lines };
}

/** Counts 0..40, often small so that suppression patterns are rich. */
const countArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 40 }) },
);

const twoWayArb = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([r, c]) =>
    fc.array(fc.array(countArb, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
  );

// ---------------------------------------------------------------------------------------------

describe('roundToBase', () => {
  it('nearest 5: 8 -> 10, 12 -> 10, 13 -> 15 (no whole number is half-way between multiples of 5)', () => {
    expect([8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 102, 103].map((v) => roundToBase(v, 5))).toEqual([
      10, 10, 10, 10, 10, 15, 15, 15, 15, 20, 100, 105,
    ]);
  });

  it('exact halves go up (base 10: 15 -> 20, 25 -> 30; base 2: 3 -> 4)', () => {
    expect([14, 15, 24, 25, 35].map((v) => roundToBase(v, 10))).toEqual([10, 20, 20, 30, 40]);
    expect([1, 3, 5].map((v) => roundToBase(v, 2))).toEqual([2, 4, 6]);
    expect(roundToBase(7, 1)).toBe(7);
  });

  it('property: the result is a multiple of the base within base/2 of the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1000 }), (v, base) => {
        const r = roundToBase(v, base);
        return r % base === 0 && r - v <= base / 2 && v - r < base / 2;
      }),
    );
  });
});

describe('DISCLOSURE_POLICIES', () => {
  it('presets as cited (standards.md section 6, issue #8)', () => {
    expect(DISCLOSURE_POLICY_IDS).toEqual(['nhs-england', 'scotland-conservative', 'none']);
    expect(DISCLOSURE_POLICIES['nhs-england']).toMatchObject({
      suppressUpTo: 7,
      roundTo: 5,
      minStatisticN: 8,
      minComplexN: 8,
      secondarySuppression: true,
      notForPublication: false,
    });
    expect(DISCLOSURE_POLICIES['scotland-conservative']).toMatchObject({
      suppressUpTo: 9,
      roundTo: 1,
      minStatisticN: 10,
      minComplexN: 10,
      secondarySuppression: true,
      notForPublication: false,
    });
    expect(DISCLOSURE_POLICIES.none).toMatchObject({
      suppressUpTo: 0,
      roundTo: 1,
      minStatisticN: 0,
      secondarySuppression: false,
      notForPublication: true,
    });
    for (const id of DISCLOSURE_POLICY_IDS) expect(DISCLOSURE_POLICIES[id].id).toBe(id);
  });
});

describe('primary suppression and rounding', () => {
  it('NHS England: 0 shown as 0, 1-7 as *, others rounded to the nearest 5', () => {
    const cells = single([0, 1, 2, 7, 8, 9, 12, 13, 17, 18, 100, 1234], 'nhs-england');
    expect(cells.map((c) => c.display)).toEqual([
      '0',
      '*',
      '*',
      '*',
      '10',
      '10',
      '10',
      '15',
      '15',
      '20',
      '100',
      '1235',
    ]);
    expect(cells.map((c) => c.status)).toEqual([
      'shown',
      'suppressed_primary',
      'suppressed_primary',
      'suppressed_primary',
      ...Array.from({ length: 8 }, () => 'rounded'),
    ]);
    expect(cells[0]!.value).toBe(0);
    expect(cells[1]!.value).toBeNull();
    expect(cells[4]!.value).toBe(10);
  });

  it('Scotland (conservative): 1-9 as *, 10 and above shown exactly', () => {
    const cells = single([0, 1, 9, 10, 11, 13], 'scotland-conservative');
    expect(cells.map((c) => c.display)).toEqual(['0', '*', '*', '10', '11', '13']);
    expect(cells.map((c) => c.status)).toEqual([
      'shown',
      'suppressed_primary',
      'suppressed_primary',
      'shown',
      'shown',
      'shown',
    ]);
  });

  it('none: every count exactly, marked not for publication', () => {
    const out = applyDisclosureControl(
      twoWay([
        [1, 2],
        [3, 40],
      ]),
      'none',
    );
    expect(out.notForPublication).toBe(true);
    expect(out.policy).toBe('none');
    expect(out.note).toMatch(/^NOT FOR PUBLICATION/);
    expect(displays(out)).toEqual(['r0: 1 2 3', 'r1: 3 40 43', 'total: 4 42 46']);
    expect(out.summary).toEqual({ suppressedPrimary: 0, suppressedSecondary: 0, withheldSmallN: 0 });
  });

  it('published policies are not marked not for publication and carry their note', () => {
    for (const id of ['nhs-england', 'scotland-conservative'] as const) {
      const out = applyDisclosureControl(twoWay([[20]]), id);
      expect(out.notForPublication).toBe(false);
      expect(out.note).toBe(DISCLOSURE_POLICIES[id].note);
    }
  });

  it('a null count is not applicable', () => {
    const out = applyDisclosureControl(
      { columns: [count('n')], rows: [{ key: 'a', values: { n: null } }] },
      'nhs-england',
    );
    expect(cellOf(out, 'a', 'n')).toEqual({ value: null, display: '-', status: 'not_applicable' });
  });
});

describe('secondary suppression', () => {
  it('worked example (docs/disclosure-control.md): NHS England', () => {
    const out = applyDisclosureControl(
      twoWay([
        [3, 20, 15],
        [12, 9, 30],
        [25, 14, 2],
      ]),
      'nhs-england',
    );
    expect(displays(out)).toEqual([
      'r0: * 20 * 40',
      'r1: 10 10 30 50',
      'r2: * 15 * 40',
      'total: 40 45 45 130',
    ]);
    expect(cellOf(out, 'r0', 'c0').status).toBe('suppressed_primary');
    expect(cellOf(out, 'r0', 'c2').status).toBe('suppressed_secondary');
    expect(cellOf(out, 'r2', 'c0').status).toBe('suppressed_secondary');
    expect(cellOf(out, 'r2', 'c2').status).toBe('suppressed_primary');
    expect(out.summary).toEqual({ suppressedPrimary: 2, suppressedSecondary: 2, withheldSmallN: 0 });
    expect(out.unverified).toEqual([]);
  });

  it('worked example: Scotland (9 is suppressed too, and exact totals need a wider pattern)', () => {
    const out = applyDisclosureControl(
      twoWay([
        [3, 20, 15],
        [12, 9, 30],
        [25, 14, 2],
      ]),
      'scotland-conservative',
    );
    expect(displays(out)).toEqual(['r0: * 20 * 38', 'r1: * * 30 51', 'r2: 25 * * 41', 'total: 40 43 47 130']);
    expect(out.summary).toEqual({ suppressedPrimary: 3, suppressedSecondary: 3, withheldSmallN: 0 });
  });

  it('a single small count in a row is never alone: its smallest non-zero neighbour goes too', () => {
    // Only a column relation: received = accepted + declined + waiting.
    const out = applyDisclosureControl(
      {
        columns: ['received', 'accepted', 'declined', 'waiting'].map(count),
        rows: [{ key: 'A', values: { received: 60, accepted: 40, declined: 3, waiting: 17 } }],
        columnRelations: [{ total: 'received', parts: ['accepted', 'declined', 'waiting'] }],
      },
      'scotland-conservative',
    );
    expect(displays(out)).toEqual(['A: 60 40 * *']);
    expect(cellOf(out, 'A', 'waiting').status).toBe('suppressed_secondary');
  });

  it('zeros are never used to protect; the total goes when no other count can', () => {
    const out = applyDisclosureControl(
      {
        columns: ['all', 'a', 'b'].map(count),
        rows: [{ key: 'A', values: { all: 12, a: 12, b: 0 } }],
        columnRelations: [{ total: 'all', parts: ['a', 'b'] }],
      },
      'scotland-conservative',
    );
    // Nothing is small: nothing suppressed.
    expect(displays(out)).toEqual(['A: 12 12 0']);
    const small = applyDisclosureControl(
      {
        columns: ['all', 'a', 'b', 'c'].map(count),
        rows: [{ key: 'A', values: { all: 25, a: 0, b: 5, c: 20 } }],
        columnRelations: [{ total: 'all', parts: ['a', 'b', 'c'] }],
      },
      'scotland-conservative',
    );
    expect(displays(small)).toEqual(['A: 25 0 * *']);
    // 9 + 9 = 18 is the most two suppressed counts of at most 9 can add up to, so the pair would
    // be pinned; the only other non-zero count is the total.
    const onlyTotal = applyDisclosureControl(
      {
        columns: ['all', 'a', 'b', 'c'].map(count),
        rows: [{ key: 'A', values: { all: 18, a: 0, b: 9, c: 9 } }],
        columnRelations: [{ total: 'all', parts: ['a', 'b', 'c'] }],
      },
      'scotland-conservative',
    );
    expect(displays(onlyTotal)).toEqual(['A: * 0 * *']);
    expect(cellOf(onlyTotal, 'A', 'all').status).toBe('suppressed_secondary');
  });

  it('two small counts that reach the least possible sum are not protection: 1 + 1 = 2', () => {
    const out = applyDisclosureControl(
      {
        columns: ['all', 'a', 'b', 'c'].map(count),
        rows: [{ key: 'A', values: { all: 32, a: 1, b: 1, c: 30 } }],
        columnRelations: [{ total: 'all', parts: ['a', 'b', 'c'] }],
      },
      'nhs-england',
    );
    expect(displays(out)).toEqual(['A: 30 * * *']);
  });

  it('a count left alone in a single-row table is protected through its column totals as well', () => {
    const out = applyDisclosureControl(twoWay([[3, 40]]), 'nhs-england');
    expect(displays(out)).toEqual(['r0: * * 45', 'total: * * 45']);
  });

  it('a small count in a row of 0s: its row total is small too, so the pattern runs through the totals', () => {
    const out = applyDisclosureControl(
      twoWay([
        [0, 4, 0],
        [12, 20, 30],
      ]),
      'nhs-england',
    );
    // (r0, c1) + 1, (r0, all) + 1, (r1, c1) - 1, (r1, all) - 1 fits everything published.
    expect(displays(out)).toEqual(['r0: 0 * 0 *', 'r1: 10 * 30 *', 'total: 10 25 30 65']);
    expect(out.unverified).toEqual([]);
  });

  it('reports counts it cannot protect: seven 1s adding up to a suppressed 7 are each 1', () => {
    const parts = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const values: Record<string, number> = { all: 7, zero: 0 };
    for (const p of parts) values[p] = 1;
    const out = applyDisclosureControl(
      {
        columns: ['all', ...parts, 'zero'].map(count),
        rows: [{ key: 'A', values }],
        columnRelations: [{ total: 'all', parts: [...parts, 'zero'] }],
      },
      'nhs-england',
    );
    expect(displays(out)).toEqual(['A: * * * * * * * * 0']);
    expect(out.unverified.map((c) => c.column)).toEqual(['all', ...parts]);
  });

  it('a search budget of 0 proves nothing, so every connected count is suppressed and listed', () => {
    const out = applyDisclosureControl(
      twoWay([
        [3, 20],
        [25, 30],
      ]),
      'nhs-england',
      { searchBudget: 0 },
    );
    expect(displays(out)).toEqual(['r0: * * *', 'r1: * * *', 'total: * * *']);
    expect(out.unverified).toHaveLength(9);
    for (const searchBudget of [-1, 1.5, Number.NaN]) {
      expect(issuesOf(() => applyDisclosureControl(twoWay([[3]]), 'nhs-england', { searchBudget }))).toEqual([
        expect.objectContaining({ path: 'searchBudget', rule: 'range' }),
      ]);
    }
  });

  it('a suppressed count with no relation needs no partner', () => {
    const out = applyDisclosureControl(
      {
        columns: [count('a'), count('b')],
        rows: [{ key: 'A', values: { a: 3, b: 30 } }],
      },
      'nhs-england',
    );
    expect(displays(out)).toEqual(['A: * 30']);
  });

  it('is deterministic', () => {
    const table = twoWay([
      [3, 3, 8, 9],
      [5, 12, 0, 2],
      [30, 1, 14, 14],
    ]);
    expect(applyDisclosureControl(table, 'nhs-england')).toEqual(
      applyDisclosureControl(table, 'nhs-england'),
    );
  });

  it('row relations can be limited to some columns (e.g. people, who are not additive across schemes)', () => {
    const out = applyDisclosureControl(
      {
        columns: [count('referrals'), count('people')],
        rows: [
          { key: 'A', values: { referrals: 3, people: 3 } },
          { key: 'B', values: { referrals: 40, people: 38 } },
          { key: 'all', values: { referrals: 43, people: 40 } },
        ],
        rowRelations: [{ total: 'all', parts: ['A', 'B'], columns: ['referrals'] }],
      },
      'nhs-england',
    );
    // referrals: A alone in its column, so B goes too; people: no relation, only A.
    expect(displays(out)).toEqual(['A: * *', 'B: * 40', 'all: 45 40']);
  });

  it('relations whose cells are all null are skipped', () => {
    const out = applyDisclosureControl(
      {
        columns: [count('x'), count('y')],
        rows: [
          { key: 'A', values: { x: 3, y: null } },
          { key: 'B', values: { x: 40, y: null } },
          { key: 'all', values: { x: 43, y: null } },
        ],
        rowRelations: [{ total: 'all', parts: ['A', 'B'] }],
      },
      'nhs-england',
    );
    expect(displays(out)).toEqual(['A: * -', 'B: * -', 'all: 45 -']);
  });
});

describe('rates', () => {
  const table = (
    accepted: number,
    received: number,
    extra: Partial<DisclosureColumn> = {},
  ): DisclosureTable => ({
    columns: [
      count('received'),
      count('accepted'),
      {
        kind: 'rate',
        key: 'rate',
        numerator: 'accepted',
        denominator: 'received',
        ...extra,
      } as DisclosureColumn,
    ],
    rows: [{ key: 'A', values: { received, accepted, rate: 0.123 } }],
  });

  it('NHS England: calculated from the rounded counts (13/28 -> 15/30 = 50.0%)', () => {
    const out = applyDisclosureControl(table(13, 28), 'nhs-england');
    expect(cellOf(out, 'A', 'rate')).toEqual({ value: 50, display: '50.0', status: 'shown' });
  });

  it('Scotland and none: from the exact counts (13/28 = 46.4%)', () => {
    for (const id of ['scotland-conservative', 'none'] as const) {
      expect(cellOf(applyDisclosureControl(table(13, 28), id), 'A', 'rate')).toEqual({
        value: 46.4,
        display: '46.4',
        status: 'shown',
      });
    }
  });

  it('per and decimals', () => {
    const out = applyDisclosureControl(table(13, 28, { per: 1, decimals: 3 }), 'scotland-conservative');
    expect(cellOf(out, 'A', 'rate')).toEqual({ value: 0.464, display: '0.464', status: 'shown' });
  });

  it('suppressed when the numerator or denominator is suppressed; 0 numerators are fine', () => {
    expect(cellOf(applyDisclosureControl(table(3, 40), 'nhs-england'), 'A', 'rate')).toEqual({
      value: null,
      display: '*',
      status: 'suppressed_secondary',
    });
    expect(cellOf(applyDisclosureControl(table(3, 5), 'nhs-england'), 'A', 'rate').display).toBe('*');
    expect(cellOf(applyDisclosureControl(table(0, 40), 'nhs-england'), 'A', 'rate').display).toBe('0.0');
  });

  it('not applicable when the denominator is 0 or a count is null', () => {
    expect(cellOf(applyDisclosureControl(table(0, 0), 'nhs-england'), 'A', 'rate')).toEqual({
      value: null,
      display: '-',
      status: 'not_applicable',
    });
    const nulls: DisclosureTable = {
      ...table(0, 0),
      rows: [{ key: 'A', values: { received: 2, accepted: null } }],
    };
    expect(cellOf(applyDisclosureControl(nulls, 'nhs-england'), 'A', 'rate').status).toBe('not_applicable');
  });

  it('a denominator from another row (a share of the total), suppressed with it', () => {
    const out = applyDisclosureControl(
      {
        columns: [
          count('received'),
          {
            kind: 'rate',
            key: 'share',
            numerator: 'received',
            denominator: 'received',
            denominatorRow: 'all',
          },
        ],
        rows: [
          { key: 'A', values: { received: 13 } },
          { key: 'B', values: { received: 4 } },
          { key: 'C', values: { received: 41 } },
          { key: 'all', values: { received: 58 } },
        ],
        rowRelations: [{ total: 'all', parts: ['A', 'B', 'C'] }],
      },
      'nhs-england',
    );
    // B (4) is primary; A (13) is its partner; shares from the rounded 40 and 60.
    expect(displays(out)).toEqual(['A: * *', 'B: * *', 'C: 40 66.7', 'all: 60 100.0']);
  });
});

describe('statistics', () => {
  const table = (n: number, mean: number | null): DisclosureTable => ({
    columns: [
      count('n'),
      { kind: 'statistic', key: 'mean', n: 'n', decimals: 2 },
      { kind: 'complex', key: 'ciLower', n: 'n' },
    ],
    rows: [{ key: 'A', values: { n, mean, ciLower: mean === null ? null : mean - 1.234 } }],
  });

  it('NHS England: shown from 8 people, withheld below (simple by the rule, complex by our choice)', () => {
    const seven = applyDisclosureControl(table(7, 45.678), 'nhs-england');
    expect(cellOf(seven, 'A', 'mean')).toEqual({ value: null, display: '*', status: 'withheld_small_n' });
    expect(cellOf(seven, 'A', 'ciLower').status).toBe('withheld_small_n');
    expect(seven.summary.withheldSmallN).toBe(2);
    const eight = applyDisclosureControl(table(8, 45.678), 'nhs-england');
    expect(cellOf(eight, 'A', 'mean')).toEqual({ value: 45.68, display: '45.68', status: 'shown' });
    expect(cellOf(eight, 'A', 'ciLower')).toEqual({ value: 44.4, display: '44.4', status: 'shown' });
  });

  it('Scotland: shown from 10 people (our conservative choice)', () => {
    expect(
      cellOf(applyDisclosureControl(table(9, 45.678), 'scotland-conservative'), 'A', 'mean').status,
    ).toBe('withheld_small_n');
    expect(
      cellOf(applyDisclosureControl(table(9, 45.678), 'scotland-conservative'), 'A', 'ciLower').status,
    ).toBe('withheld_small_n');
    expect(
      cellOf(applyDisclosureControl(table(10, 45.678), 'scotland-conservative'), 'A', 'mean').display,
    ).toBe('45.68');
  });

  it('an n that is a null count counts as 0', () => {
    const out = applyDisclosureControl(
      {
        columns: [count('n'), { kind: 'statistic', key: 'mean', n: 'n' }],
        rows: [{ key: 'A', values: { n: null, mean: null } }],
      },
      'nhs-england',
    );
    expect(cellOf(out, 'A', 'mean').status).toBe('withheld_small_n');
  });

  it('none: shown whatever n is; a null value is not applicable', () => {
    expect(cellOf(applyDisclosureControl(table(1, 45.678), 'none'), 'A', 'mean').display).toBe('45.68');
    expect(cellOf(applyDisclosureControl(table(0, null), 'none'), 'A', 'mean')).toEqual({
      value: null,
      display: '-',
      status: 'not_applicable',
    });
    expect(cellOf(applyDisclosureControl(table(20, null), 'nhs-england'), 'A', 'mean').status).toBe(
      'not_applicable',
    );
  });
});

describe('cubeRelations', () => {
  it('margins of two dimensions, including the grand total twice', () => {
    const rows = [
      { key: 'a|x', groups: ['a', 'x'] },
      { key: 'a|y', groups: ['a', 'y'] },
      { key: 'b|x', groups: ['b', 'x'] },
      { key: 'a|*', groups: ['a', null] },
      { key: 'b|*', groups: ['b', null] },
      { key: '*|x', groups: [null, 'x'] },
      { key: '*|y', groups: [null, 'y'] },
      { key: '*|*', groups: [null, null] },
    ];
    expect(cubeRelations(rows)).toEqual([
      { total: 'a|*', parts: ['a|x', 'a|y'] },
      { total: 'b|*', parts: ['b|x'] },
      { total: '*|x', parts: ['a|x', 'b|x'] },
      { total: '*|y', parts: ['a|y'] },
      { total: '*|*', parts: ['a|*', 'b|*'] },
      { total: '*|*', parts: ['*|x', '*|y'] },
    ]);
  });

  it('one dimension; a total with no groups has no relation', () => {
    expect(
      cubeRelations([
        { key: 'a', groups: ['a'] },
        { key: 'all', groups: [null] },
      ]),
    ).toEqual([{ total: 'all', parts: ['a'] }]);
    expect(cubeRelations([{ key: 'all', groups: [null] }])).toEqual([]);
  });
});

describe('validation', () => {
  it('collects every issue in the table', () => {
    const issues = issuesOf(() =>
      applyDisclosureControl(
        {
          columns: [
            count('a'),
            count('a'),
            count('b'),
            {
              kind: 'rate',
              key: 'r',
              numerator: 'x',
              denominator: 's',
              denominatorRow: 'nowhere',
              per: 0,
              decimals: 1.5,
            },
            { kind: 'statistic', key: 's', n: 'a', decimals: 11 },
            { kind: 'complex', key: 'c', n: 'people' },
          ],
          rows: [
            { key: 'A', values: { a: 1.5, b: -1, s: 'x', c: Infinity, people: 3 } },
            { key: 'A', values: { a: '3', b: {}, s: null, c: null, people: undefined } },
          ],
          rowRelations: [{ total: 'T', parts: [], columns: ['s'] }],
          columnRelations: [{ total: 'a', parts: ['a', 'b', 'b', 'zz'] }],
        },
        'nhs-england',
      ),
    );
    expect(issues.map((i) => `${i.path} ${i.rule}`)).toEqual([
      'columns unique',
      'rows unique',
      'columns[3].numerator count_column',
      'columns[3].denominator count_column',
      'columns[3].denominatorRow unknown_row',
      'columns[3].per range',
      'columns[3].decimals range',
      'columns[4].decimals range',
      'rows[0].values.a count',
      'rows[0].values.b count',
      'rows[0].values.s finite',
      'rows[0].values.c finite',
      'rows[1].values.a count',
      'rows[1].values.b count',
      'rows[1].values.people count',
      'columnRelations[0].parts[3] count_column',
      'columnRelations[0].parts not_own_part',
      'columnRelations[0].parts unique',
      'rowRelations[0].total unknown_row',
      'rowRelations[0].columns[0] count_column',
      'rowRelations[0].parts required',
    ]);
    expect(issues.find((i) => i.rule === 'finite')?.message).toBe(
      "must be a finite number or null, got the text 'x'",
    );
    expect(issues.find((i) => i.path === 'rows[1].values.b')?.message).toMatch(/got an object$/);
    expect(issues.find((i) => i.path === 'rows[0].values.a')?.message).toMatch(/got 1.5$/);
    expect(issues.find((i) => i.path === 'rows[1].values.people')?.message).toBe(
      "n of 'c' must be a whole number >= 0, got undefined",
    );
  });

  it('relations must add up in the data, and not mix null and numbers', () => {
    const issues = issuesOf(() =>
      applyDisclosureControl(
        {
          columns: [count('all'), count('a'), count('b')],
          rows: [
            { key: 'A', values: { all: 10, a: 4, b: 5 } },
            { key: 'B', values: { all: 10, a: null, b: 10 } },
            { key: 'T', values: { all: 20, a: 4, b: 15 } },
          ],
          rowRelations: [{ total: 'T', parts: ['A', 'B'] }],
          columnRelations: [{ total: 'all', parts: ['a', 'b'] }],
        },
        'none',
      ),
    );
    expect(issues.map((i) => `${i.path} ${i.rule}: ${i.message}`)).toEqual([
      "columnRelations[0] not_additive: in row 'A' the total is 10 but its parts add up to 9",
      "columnRelations[0] not_additive: in row 'B' some cells are null and others are not",
      "columnRelations[0] not_additive: in row 'T' the total is 20 but its parts add up to 19",
      "rowRelations[0] not_additive: in column 'a' some cells are null and others are not",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The auditor on random tables.

describe('no suppressed count can be recovered (independent auditor)', () => {
  /** A hand-made publication: `cells` in the order of twoWayStructure, row by row. */
  const publish = (cells: readonly ProtectedCell[], width: number): ProtectedTable => {
    const columns = [...Array.from({ length: width - 1 }, (_, c) => `c${c}`), 'all'];
    const height = cells.length / width;
    return {
      policy: 'scotland-conservative',
      notForPublication: false,
      note: '',
      columns,
      rows: Array.from({ length: height }, (_, r) => ({
        key: r === height - 1 ? 'total' : `r${r}`,
        cells: Object.fromEntries(columns.map((c, j) => [c, cells[r * width + j]!])),
      })),
      summary: { suppressedPrimary: 0, suppressedSecondary: 0, withheldSmallN: 0 },
      unverified: [],
    };
  };
  const shown = (value: number): ProtectedCell => ({ value, display: String(value), status: 'shown' });
  const hidden = (status: 'suppressed_primary' | 'suppressed_secondary'): ProtectedCell => ({
    value: null,
    display: '*',
    status,
  });

  it('auditor self-check: a lone suppressed cell is recoverable, a 2x2 pattern is not', () => {
    const s = twoWayStructure([
      [3, 20],
      [25, 30],
    ]);
    const scotland = RULES['scotland-conservative'];
    const lone = publish(
      s.truth.map((v, i) => (i === 0 ? hidden('suppressed_primary') : shown(v))),
      3,
    );
    expect(recoverable(lone, s.cells, s.truth, s.lines, scotland)).toEqual(['r0/c0=3']);
    const block = publish(
      s.truth.map((v, i) =>
        i === 0
          ? hidden('suppressed_primary')
          : [1, 3, 4].includes(i)
            ? hidden('suppressed_secondary')
            : shown(v),
      ),
      3,
    );
    expect(recoverable(block, s.cells, s.truth, s.lines, scotland)).toEqual([]);
    // With rounding, a lone * can still be unrecoverable; the auditor knows that.
    const rounded = publish(
      s.truth.map((v, i) =>
        i === 0
          ? hidden('suppressed_primary')
          : { value: roundToBase(v, 5), display: String(roundToBase(v, 5)), status: 'rounded' },
      ),
      3,
    );
    expect(recoverable(rounded, s.cells, s.truth, s.lines, RULES['nhs-england'])).toEqual([]);
  });

  it('auditor self-check: two suppressed per row and column is not enough (a bridge is recoverable)', () => {
    // Two 2x2 blocks and a cell joining them: every row and column with a * has two or more, yet
    // the joining cell is (rows 0-1 minus columns 0-1) and the auditor must say so.
    const s = twoWayStructure([
      [20, 21, 22, 23],
      [24, 25, 26, 27],
      [28, 29, 30, 31],
      [32, 33, 34, 35],
    ]);
    const hiddenCells = ['r0/c0', 'r0/c1', 'r1/c0', 'r1/c1', 'r2/c2', 'r2/c3', 'r3/c2', 'r3/c3', 'r0/c2'];
    const out = publish(
      s.truth.map((v, i) =>
        hiddenCells.includes(s.cells[i]!.join('/')) ? hidden('suppressed_secondary') : shown(v),
      ),
      5,
    );
    expect(recoverable(out, s.cells, s.truth, s.lines, RULES['scotland-conservative'])).toEqual(['r0/c2=22']);
  });

  for (const policy of ['nhs-england', 'scotland-conservative'] as const) {
    it(`${policy}: two-way tables up to 4 x 4 with row and column totals`, () => {
      fc.assert(
        fc.property(twoWayArb, (inner) => {
          const out = applyDisclosureControl(twoWay(inner), policy);
          const s = twoWayStructure(inner);
          expect(out.unverified).toEqual([]);
          expect(recoverable(out, s.cells, s.truth, s.lines, RULES[policy])).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  }

  for (const policy of ['nhs-england', 'scotland-conservative'] as const) {
    it(`${policy}: two dimensions with margins (a three-way linked table)`, () => {
      // Rows are the groups of (g1, g2) with both margins and the grand total, as SQL CUBE
      // returns them; columns c0.. with a total column.
      const arb = fc
        .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
        .chain(([a, b, c]) =>
          fc.tuple(
            fc.constant([a, b, c] as const),
            fc.array(countArb, { minLength: a * b * c, maxLength: a * b * c }),
          ),
        );
      fc.assert(
        fc.property(arb, ([[A, B, C], flat]) => {
          const g1 = [...Array.from({ length: A }, (_, i) => `a${i}`), null];
          const g2 = [...Array.from({ length: B }, (_, i) => `b${i}`), null];
          const cols = [...Array.from({ length: C }, (_, i) => `c${i}`), 'all'];
          const value = (i: number, j: number, k: number): number => {
            // Sums over the null positions (i = A, j = B, k = C mean "all").
            let sum = 0;
            for (let x = 0; x < A; x++) {
              for (let y = 0; y < B; y++) {
                for (let z = 0; z < C; z++) {
                  if ((i === A || i === x) && (j === B || j === y) && (k === C || k === z)) {
                    sum += flat[(x * B + y) * C + z]!;
                  }
                }
              }
            }
            return sum;
          };
          const rows: { key: string; groups: (string | null)[]; values: Record<string, number> }[] = [];
          const cells: [string, string][] = [];
          const truth: number[] = [];
          const index = new Map<string, number>();
          g1.forEach((a, i) => {
            g2.forEach((b, j) => {
              const key = `${a ?? '*'}|${b ?? '*'}`;
              const values: Record<string, number> = {};
              cols.forEach((c, k) => {
                values[c] = value(i, j, k);
                index.set(`${i},${j},${k}`, cells.length);
                cells.push([key, c]);
                truth.push(values[c]);
              });
              rows.push({ key, groups: [a, b], values });
            });
          });
          // The auditor's lines: every (i, j, k) with a null position is the sum along it.
          const lines: AuditLine[] = [];
          const sizes = [A, B, C];
          for (const [key, total] of index) {
            const pos = key.split(',').map(Number);
            pos.forEach((p, d) => {
              if (p !== sizes[d]) return;
              const parts = Array.from({ length: sizes[d] }, (_, x) => {
                const q = [...pos];
                q[d] = x;
                return index.get(q.join(','))!;
              });
              lines.push({ cells: [total, ...parts], coefs: [-1, ...parts.map(() => 1)] });
            });
          }
          const out = applyDisclosureControl(
            {
              columns: cols.map(count),
              rows: rows.map(({ key, values }) => ({ key, values })),
              rowRelations: cubeRelations(rows),
              columnRelations: [{ total: 'all', parts: cols.slice(0, -1) }],
            },
            policy,
          );
          expect(out.unverified).toEqual([]);
          expect(recoverable(out, cells, truth, lines, RULES[policy])).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('rates are recomputed from the published counts, and hidden with them (property)', () => {
    fc.assert(
      fc.property(twoWayArb, (inner) => {
        const table = twoWay(inner);
        const withRate: DisclosureTable = {
          ...table,
          columns: [
            ...table.columns,
            { kind: 'rate', key: 'share0', numerator: 'c0', denominator: 'all', decimals: 4 },
          ],
        };
        const out = applyDisclosureControl(withRate, 'nhs-england');
        for (const row of out.rows) {
          const num = row.cells.c0!;
          const den = row.cells.all!;
          const rate = row.cells.share0!;
          if (num.value === null || den.value === null) expect(rate.display).toBe('*');
          else if (den.value === 0) expect(rate.status).toBe('not_applicable');
          else expect(rate.value).toBeCloseTo((100 * num.value) / den.value, 4);
        }
      }),
      { numRuns: 100 },
    );
  });
});
