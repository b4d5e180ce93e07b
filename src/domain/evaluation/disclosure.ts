/**
 * Statistical disclosure control (SDC) for every aggregate that leaves Linkwork (issue #8 point 4):
 * primary suppression of small counts, rounding, rates recomputed from the published counts,
 * small-n rules for statistics, and secondary suppression so that no suppressed count can be
 * recovered from the totals it adds up to. Rules, sources and the algorithm:
 * docs/disclosure-control.md; the cited rules are in ../shared/standards/standards.md section 6.
 *
 * Pure: a table in, a protected table out. Input that cannot be right (a count that is not a whole
 * number, a relation that does not add up in the data) throws `validation_failed` with every issue.
 */
import { validationError, type FieldIssue } from '../errors.js';

/** The selectable policies. `none` is unprotected output, only for roles permitted to see it. */
export const DISCLOSURE_POLICY_IDS = ['nhs-england', 'scotland-conservative', 'none'] as const;
export type DisclosurePolicyId = (typeof DISCLOSURE_POLICY_IDS)[number];

/** One preset. Every number is cited where the preset is defined (DISCLOSURE_POLICIES). */
export interface DisclosurePolicy {
  readonly id: DisclosurePolicyId;
  readonly name: string;
  /** Counts 1..suppressUpTo are suppressed (`*`); 0 means no primary suppression. 0 is always shown. */
  readonly suppressUpTo: number;
  /** Other counts are rounded to the nearest multiple of this (half up); 1 means shown exactly. */
  readonly roundTo: number;
  /** Simple statistics (mean, median, percentiles) need at least this many individuals. */
  readonly minStatisticN: number;
  /** Complex statistics (confidence limits, effect sizes) need at least this many individuals. */
  readonly minComplexN: number;
  /** Whether counts are also suppressed so that no suppressed count can be recovered from totals. */
  readonly secondarySuppression: boolean;
  /** True for unprotected output: it must be marked "not for publication". */
  readonly notForPublication: boolean;
  /** The rules applied, in words, for the footnote of every published table. */
  readonly note: string;
}

/**
 * The presets. Sources: ../shared/standards/standards.md section 6 (the NHS England rule is NHS
 * Digital, "Change to disclosure control methodology for HES and ECDS from September 2018",
 * https://digital.nhs.uk/data-and-information/data-tools-and-services/data-services/hospital-episode-statistics/change-to-disclosure-control-methodology-for-hes-and-ecds-from-september-2018);
 * issue #8 point 4 for the choice of presets and for secondary suppression.
 */
export const DISCLOSURE_POLICIES: Readonly<Record<DisclosurePolicyId, DisclosurePolicy>> = {
  'nhs-england': {
    id: 'nhs-england',
    name: 'NHS England (HES/ECDS method, September 2018)',
    // HES/ECDS 2018: sub-national counts 1-7 shown as *, 0 shown as 0 (standards.md section 6).
    suppressUpTo: 7,
    // HES/ECDS 2018: other counts rounded to the nearest 5 (standards.md section 6 marks the exact
    // wording UNCONFIRMED verbatim; issue #8 point 4 asks for it). Half up: docs/disclosure-control.md.
    roundTo: 5,
    // HES/ECDS 2018: means and medians shown only if based on >= 8 individuals, else *.
    minStatisticN: 8,
    // HES/ECDS 2018 applies no SDC to complex statistics; withholding them below 8 is Linkwork's
    // choice (our groups are small, and a CI or effect size from 3 people is not worth publishing).
    minComplexN: 8,
    // Issue #8 point 4. (The 2018 method relies on rounding; the method it replaced used
    // secondary suppression. We do both.)
    secondarySuppression: true,
    notForPublication: false,
    note:
      'NHS England disclosure control (HES/ECDS method, September 2018): 0 shown as 0; counts of 1 to 7 ' +
      'shown as *; other counts rounded to the nearest 5, each independently, so totals may differ from ' +
      'the sum of their rounded parts; percentages and rates calculated from the rounded counts; means ' +
      'and medians shown only when based on 8 or more people, confidence limits and effect sizes too ' +
      '(Linkwork); further counts shown as * so that no suppressed count can be worked out from the totals.',
  },
  'scotland-conservative': {
    id: 'scotland-conservative',
    name: 'Scotland, conservative (counts 1-9 suppressed)',
    // Public Health Scotland decides case by case (SDC Protocol v2.1, a risk assessment, no fixed
    // threshold); NHS Education for Scotland treats counts 1-9 as the trigger for an assessment
    // (standards.md section 6). Suppressing 1-9 without an assessment is our conservative preset.
    suppressUpTo: 9,
    // No rounding in either Scottish source; counts of 10 or more are shown exactly.
    roundTo: 1,
    // Linkwork's choice, matching the 1-9 threshold: statistics from fewer than 10 people withheld.
    minStatisticN: 10,
    minComplexN: 10,
    // Issue #8 point 4.
    secondarySuppression: true,
    notForPublication: false,
    note:
      'Scotland, conservative (Linkwork preset; Public Health Scotland requires a disclosure risk ' +
      'assessment): 0 shown as 0; counts of 1 to 9 shown as *; other counts shown exactly; percentages ' +
      'and rates only where both counts are shown; means, medians, confidence limits and effect sizes ' +
      'shown only when based on 10 or more people; further counts shown as * so that no suppressed count ' +
      'can be worked out from the totals.',
  },
  none: {
    id: 'none',
    name: 'None (unprotected, not for publication)',
    suppressUpTo: 0,
    roundTo: 1,
    minStatisticN: 0,
    minComplexN: 0,
    secondarySuppression: false,
    // Issue #8 point 4: unsuppressed output only for permitted roles, marked "not for publication".
    notForPublication: true,
    note:
      'NOT FOR PUBLICATION: no disclosure control applied. Small numbers may identify people. For ' +
      'permitted users only; do not share, publish or copy outside the system.',
  },
};

/** How a column is protected. `count` columns are the only ones that add up. */
export type DisclosureColumn =
  | {
      /** People or events: suppressed, rounded and secondarily suppressed. */
      readonly kind: 'count';
      readonly key: string;
    }
  | {
      /**
       * numerator / denominator × per, recomputed from the published (rounded) counts; both must be
       * count columns. The denominator is read from `denominatorRow` when given (e.g. the total row,
       * for a share of all referrals), else from the same row.
       */
      readonly kind: 'rate';
      readonly key: string;
      readonly numerator: string;
      readonly denominator: string;
      readonly denominatorRow?: string;
      /** 100 for a percentage (the default), 1 for a proportion, 1000 per thousand. */
      readonly per?: number;
      /** Decimal places shown (default 1). */
      readonly decimals?: number;
    }
  | {
      /** A simple statistic (mean, median, percentile) of `n` individuals (`n` names a value in the row). */
      readonly kind: 'statistic';
      readonly key: string;
      readonly n: string;
      readonly decimals?: number;
    }
  | {
      /** A complex statistic (confidence limit, effect size) of `n` individuals. */
      readonly kind: 'complex';
      readonly key: string;
      readonly n: string;
      readonly decimals?: number;
    };

/**
 * One row of the table: a unique key and its values by column key. `values` can be a SQL result row
 * as it is: only the declared columns (and statistics' `n`) are read; counts must be whole numbers
 * >= 0 or null (not applicable), statistics finite numbers or null.
 */
export interface DisclosureRow {
  readonly key: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Row `total` equals the sum of rows `parts`, in every count column (or only `columns`). Several
 * relations may share a total (a grand total is the sum of the scheme margins and of the month margins).
 */
export interface RowRelation {
  readonly total: string;
  readonly parts: readonly string[];
  readonly columns?: readonly string[];
}

/** Count column `total` equals the sum of count columns `parts`, in every row. */
export interface ColumnRelation {
  readonly total: string;
  readonly parts: readonly string[];
}

/** The input: columns, rows, and which rows and which count columns add up to which. */
export interface DisclosureTable {
  readonly columns: readonly DisclosureColumn[];
  readonly rows: readonly DisclosureRow[];
  readonly rowRelations?: readonly RowRelation[];
  readonly columnRelations?: readonly ColumnRelation[];
}

/**
 * What happened to a cell. `suppressed_primary`: a small count. `suppressed_secondary`: a count
 * hidden so a small one cannot be worked out, or a rate whose numerator or denominator is hidden.
 * `withheld_small_n`: a statistic of too few people. `not_applicable`: no value (a rate over 0, a
 * null statistic or count).
 */
export type CellStatus =
  'shown' | 'rounded' | 'suppressed_primary' | 'suppressed_secondary' | 'withheld_small_n' | 'not_applicable';

/** A protected cell: the number to publish (null when hidden or not applicable) and its text. */
export interface ProtectedCell {
  readonly value: number | null;
  readonly display: string;
  readonly status: CellStatus;
}

export interface ProtectedRow {
  readonly key: string;
  readonly cells: Readonly<Record<string, ProtectedCell>>;
}

/** Where a count cell is: row key and column key. */
export interface CellRef {
  readonly row: string;
  readonly column: string;
}

export interface ProtectedTable {
  readonly policy: DisclosurePolicyId;
  readonly notForPublication: boolean;
  /** The rules applied, in words (a footnote for the published table). */
  readonly note: string;
  /** Column keys, in the input's order. */
  readonly columns: readonly string[];
  /** Rows in the input's order. */
  readonly rows: readonly ProtectedRow[];
  readonly summary: {
    readonly suppressedPrimary: number;
    readonly suppressedSecondary: number;
    readonly withheldSmallN: number;
  };
  /**
   * Suppressed counts the check could not prove to be unrecoverable after every other count they
   * are connected to was suppressed too. Normally empty; a service should not publish a table
   * that has any (docs/disclosure-control.md "Guarantee").
   */
  readonly unverified: readonly CellRef[];
}

/** Shown for a suppressed count, a hidden rate and a withheld statistic (HES/ECDS 2018 uses `*`). */
export const SUPPRESSED_SYMBOL = '*';
/** Shown where there is no value (a rate with a denominator of 0, a null statistic). Linkwork's choice. */
export const NOT_APPLICABLE_SYMBOL = '-';

/**
 * Default step limit of the search for a proof that a suppressed count cannot be recovered (the
 * search by rectangle; the search over all cells gets a tenth of it). Measured on synthetic
 * scheme-by-month tables: larger budgets found few more proofs and took much longer.
 */
export const DEFAULT_SEARCH_BUDGET = 1000;

/**
 * Rounds a whole number >= 0 to the nearest multiple of `base` (a whole number >= 1), halves up:
 * with base 5, 8 -> 10, 12 -> 10, 13 -> 15 (whole numbers never fall half-way between multiples of
 * an odd base); with base 10, 15 -> 20. Integer arithmetic only, so exact.
 */
export function roundToBase(value: number, base: number): number {
  const remainder = value % base;
  return 2 * remainder >= base ? value - remainder + base : value - remainder;
}

/**
 * The row relations of a table of groups and margins, as SQL `GROUPING SETS`/`CUBE` return them:
 * each row names its group values, null meaning "all" (a margin or the total). A row with null in
 * position i is the sum of the rows that agree with it everywhere else and have a value in
 * position i; one relation per null position (a grand total of two dimensions gets two). Groups
 * absent from the result count as zero, which is what SQL's GROUP BY means.
 */
export function cubeRelations(
  rows: readonly { readonly key: string; readonly groups: readonly (string | null)[] }[],
): RowRelation[] {
  const relations: RowRelation[] = [];
  for (const total of rows) {
    total.groups.forEach((g, i) => {
      if (g !== null) return;
      const parts = rows
        .filter(
          (r) =>
            r.groups.length === total.groups.length &&
            r.groups[i] !== null &&
            r.groups.every((v, j) => j === i || v === total.groups[j]),
        )
        .map((r) => r.key);
      if (parts.length > 0) relations.push({ total: total.key, parts });
    });
  }
  return relations;
}

/** Options of `applyDisclosureControl`. */
export interface DisclosureOptions {
  /**
   * Step limit of the search for a proof that a suppressed count cannot be recovered (default
   * DEFAULT_SEARCH_BUDGET; a whole number >= 0). A search that runs out counts as "not proved",
   * which suppresses more: a smaller budget is faster and hides more.
   */
  readonly searchBudget?: number;
}

/**
 * Applies a disclosure control policy to a table: every count, rate and statistic comes back as a
 * ProtectedCell, with the policy's note and `notForPublication` for the unprotected `none` policy.
 * Deterministic: the same table and policy always give the same output. Throws `validation_failed`
 * listing every problem when the table is malformed or a declared relation does not add up.
 */
export function applyDisclosureControl(
  table: DisclosureTable,
  policyId: DisclosurePolicyId,
  options: DisclosureOptions = {},
): ProtectedTable {
  const policy = DISCLOSURE_POLICIES[policyId];
  const budget = options.searchBudget ?? DEFAULT_SEARCH_BUDGET;
  if (!(Number.isSafeInteger(budget) && budget >= 0)) {
    throw validationError([
      { path: 'searchBudget', rule: 'range', message: `must be a whole number >= 0, got ${budget}` },
    ]);
  }
  const grid = buildGrid(table);
  const state = primarySuppression(grid, policy);
  const unverified = policy.secondarySuppression
    ? secondarySuppression(grid, state, policy.suppressUpTo, budget)
    : [];
  return present(table, grid, state, policy, unverified);
}

// ---------------------------------------------------------------------------------------------
// The grid: count cells (row x count column), their true values, and the additive lines.

/** A linear relation: the sum of coef x value over its cells is 0 (parts +1, the total -1). */
interface Line {
  readonly cells: readonly number[];
  readonly coefs: readonly number[];
}

interface LineRef {
  readonly line: number;
  readonly coef: number;
}

/** Lines over cells 0..size-1, with each cell's lines. */
interface LineSystem {
  readonly size: number;
  readonly lines: readonly Line[];
  readonly linesOf: readonly (readonly LineRef[])[];
  /** The most lines any cell is in. */
  readonly maxLinesPerCell: number;
}

function lineSystem(size: number, lines: readonly Line[]): LineSystem {
  const linesOf: LineRef[][] = Array.from({ length: size }, () => []);
  lines.forEach((line, l) => {
    line.cells.forEach((c, k) => {
      (linesOf[c] as LineRef[]).push({ line: l, coef: line.coefs[k] as number });
    });
  });
  const maxLinesPerCell = linesOf.reduce((m, refs) => Math.max(m, refs.length), 0);
  return { size, lines, linesOf, maxLinesPerCell };
}

/** The count cells (cell id = row x count columns + column) and their lines. */
interface Grid extends LineSystem {
  readonly rowIndex: ReadonlyMap<string, number>;
  readonly countIndex: ReadonlyMap<string, number>;
  readonly countKeys: readonly string[];
  /** True values; null for a count that is not applicable. */
  readonly values: readonly (number | null)[];
  /** For each cell: whether it is the total of some line (suppressed only when unavoidable). */
  readonly isTotal: readonly boolean[];
  /** Rows and their relations; count columns and their relations (for proofs by rectangle). */
  readonly rowSystem: LineSystem;
  readonly columnSystem: LineSystem;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A value in an issue message (input rows may hold anything). */
function describeValue(v: unknown): string {
  if (typeof v === 'object' && v !== null) return 'an object';
  if (typeof v === 'string') return `the text '${v}'`;
  return String(v);
}

function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup];
}

/** Validates the table (collecting every issue) and builds the grid of count cells and lines. */
function buildGrid(table: DisclosureTable): Grid {
  const issues: FieldIssue[] = [];
  const issue = (path: string, rule: string, message: string): void => {
    issues.push({ path, rule, message });
  };
  for (const key of duplicates(table.columns.map((c) => c.key))) {
    issue('columns', 'unique', `column key '${key}' is used more than once`);
  }
  for (const key of duplicates(table.rows.map((r) => r.key))) {
    issue('rows', 'unique', `row key '${key}' is used more than once`);
  }
  const countKeys = [...new Set(table.columns.filter((c) => c.kind === 'count').map((c) => c.key))];
  const countIndex = new Map(countKeys.map((k, i) => [k, i]));
  const rowIndex = new Map<string, number>();
  table.rows.forEach((r, i) => {
    if (!rowIndex.has(r.key)) rowIndex.set(r.key, i);
  });
  const requireCountColumn = (path: string, key: string): void => {
    if (!countIndex.has(key)) issue(path, 'count_column', `'${key}' is not a count column of the table`);
  };
  const requireRow = (path: string, key: string): void => {
    if (!rowIndex.has(key)) issue(path, 'unknown_row', `no row has key '${key}'`);
  };

  table.columns.forEach((column, i) => {
    const path = `columns[${i}]`;
    switch (column.kind) {
      case 'count':
        break;
      case 'rate':
        requireCountColumn(`${path}.numerator`, column.numerator);
        requireCountColumn(`${path}.denominator`, column.denominator);
        if (column.denominatorRow !== undefined) requireRow(`${path}.denominatorRow`, column.denominatorRow);
        if (column.per !== undefined && !(Number.isFinite(column.per) && column.per > 0)) {
          issue(`${path}.per`, 'range', `must be a positive number, got ${column.per}`);
        }
        checkDecimals(path, column.decimals, issue);
        break;
      case 'statistic':
      case 'complex':
        checkDecimals(path, column.decimals, issue);
        break;
    }
  });

  const values: (number | null)[] = new Array<number | null>(table.rows.length * countKeys.length).fill(null);
  // Values are checked once per column key (a repeated key is an issue of its own).
  const firstColumns = table.columns.filter((c, i) => table.columns.findIndex((o) => o.key === c.key) === i);
  table.rows.forEach((row, r) => {
    for (const column of firstColumns) {
      const v = row.values[column.key];
      const path = `rows[${r}].values.${column.key}`;
      switch (column.kind) {
        case 'count':
          if (isCount(v)) {
            values[r * countKeys.length + (countIndex.get(column.key) as number)] = v;
          } else if (v !== null) {
            issue(path, 'count', `must be a whole number >= 0 or null, got ${describeValue(v)}`);
          }
          break;
        case 'rate':
          break;
        case 'statistic':
        case 'complex': {
          if (v !== null && !(typeof v === 'number' && Number.isFinite(v))) {
            issue(path, 'finite', `must be a finite number or null, got ${describeValue(v)}`);
          }
          // An n that is a count column was checked as one (and may be null: n = 0).
          const n = row.values[column.n];
          if (!countIndex.has(column.n) && !isCount(n)) {
            issue(
              `rows[${r}].values.${column.n}`,
              'count',
              `n of '${column.key}' must be a whole number >= 0, got ${describeValue(n)}`,
            );
          }
          break;
        }
      }
    }
  });

  const lines: Line[] = [];
  const addLine = (total: number, parts: readonly number[]): void => {
    lines.push({ cells: [total, ...parts], coefs: [-1, ...parts.map(() => 1)] });
  };
  const checkMembers = (path: string, total: string, parts: readonly string[]): void => {
    if (parts.length === 0) issue(`${path}.parts`, 'required', 'needs at least one part');
    if (parts.includes(total)) {
      issue(`${path}.parts`, 'not_own_part', `'${total}' cannot be a part of itself`);
    }
    for (const key of duplicates(parts)) {
      issue(`${path}.parts`, 'unique', `'${key}' is listed more than once`);
    }
  };
  (table.columnRelations ?? []).forEach((relation, i) => {
    const path = `columnRelations[${i}]`;
    requireCountColumn(`${path}.total`, relation.total);
    relation.parts.forEach((p, j) => {
      requireCountColumn(`${path}.parts[${j}]`, p);
    });
    checkMembers(path, relation.total, relation.parts);
  });
  (table.rowRelations ?? []).forEach((relation, i) => {
    const path = `rowRelations[${i}]`;
    requireRow(`${path}.total`, relation.total);
    relation.parts.forEach((p, j) => {
      requireRow(`${path}.parts[${j}]`, p);
    });
    (relation.columns ?? []).forEach((c, j) => {
      requireCountColumn(`${path}.columns[${j}]`, c);
    });
    checkMembers(path, relation.total, relation.parts);
  });
  if (issues.length > 0) throw validationError(issues);

  const cell = (row: number, column: number): number => row * countKeys.length + column;
  (table.columnRelations ?? []).forEach((relation, i) => {
    const total = countIndex.get(relation.total) as number;
    const parts = relation.parts.map((p) => countIndex.get(p) as number);
    for (let r = 0; r < table.rows.length; r++) {
      const line = { total: cell(r, total), parts: parts.map((c) => cell(r, c)) };
      if (checkAdditive(line, values, `columnRelations[${i}]`, `row '${table.rows[r]?.key}'`, issue)) {
        addLine(line.total, line.parts);
      }
    }
  });
  (table.rowRelations ?? []).forEach((relation, i) => {
    const total = rowIndex.get(relation.total) as number;
    const parts = relation.parts.map((p) => rowIndex.get(p) as number);
    for (const key of relation.columns ?? countKeys) {
      const c = countIndex.get(key) as number;
      const line = { total: cell(total, c), parts: parts.map((r) => cell(r, c)) };
      if (checkAdditive(line, values, `rowRelations[${i}]`, `column '${key}'`, issue)) {
        addLine(line.total, line.parts);
      }
    }
  });
  if (issues.length > 0) throw validationError(issues);

  const system = lineSystem(values.length, lines);
  const isTotal = values.map((_, c) => (system.linesOf[c] as LineRef[]).some((l) => l.coef < 0));
  const relationLine = (total: number, parts: readonly number[]): Line => ({
    cells: [total, ...parts],
    coefs: [-1, ...parts.map(() => 1)],
  });
  const rowSystem = lineSystem(
    table.rows.length,
    (table.rowRelations ?? []).map((r) =>
      relationLine(
        rowIndex.get(r.total) as number,
        r.parts.map((p) => rowIndex.get(p) as number),
      ),
    ),
  );
  const columnSystem = lineSystem(
    countKeys.length,
    (table.columnRelations ?? []).map((r) =>
      relationLine(
        countIndex.get(r.total) as number,
        r.parts.map((p) => countIndex.get(p) as number),
      ),
    ),
  );
  return { ...system, rowIndex, countIndex, countKeys, values, isTotal, rowSystem, columnSystem };
}

function checkDecimals(
  path: string,
  decimals: number | undefined,
  issue: (path: string, rule: string, message: string) => void,
): void {
  if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 10)) {
    issue(`${path}.decimals`, 'range', `must be a whole number from 0 to 10, got ${decimals}`);
  }
}

/**
 * Checks one line adds up in the data. A line whose cells are all null (not applicable) is dropped
 * (returns false); a line mixing null and numbers, or not adding up, is an issue.
 */
function checkAdditive(
  line: { readonly total: number; readonly parts: readonly number[] },
  values: readonly (number | null)[],
  path: string,
  where: string,
  issue: (path: string, rule: string, message: string) => void,
): boolean {
  const total = values[line.total] as number | null;
  const parts = line.parts.map((c) => values[c] as number | null);
  const known = parts.filter((v): v is number => v !== null);
  if (total === null && known.length === 0) return false;
  if (total === null || known.length < parts.length) {
    issue(path, 'not_additive', `in ${where} some cells are null and others are not`);
    return false;
  }
  const sum = known.reduce((a, b) => a + b, 0);
  if (sum !== total) {
    issue(path, 'not_additive', `in ${where} the total is ${total} but its parts add up to ${sum}`);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Suppression state and the two suppression steps.

const PUBLISHED = 0;
const PRIMARY = 1;
const SECONDARY = 2;

/** Primary suppression: counts 1..suppressUpTo. */
function primarySuppression(grid: Grid, policy: DisclosurePolicy): Uint8Array {
  const state = new Uint8Array(grid.values.length);
  grid.values.forEach((v, c) => {
    if (v !== null && v >= 1 && v <= policy.suppressUpTo) state[c] = PRIMARY;
  });
  return state;
}

/**
 * What a reader is assumed to know about a suppressed cell (docs/disclosure-control.md "Reader
 * model"): a primary cell is 1..t; a secondary cell is any count >= 0.
 */
function lowerBound(state: Uint8Array, cell: number): number {
  return state[cell] === PRIMARY ? 1 : 0;
}
function upperBound(state: Uint8Array, cell: number, t: number): number {
  return state[cell] === PRIMARY ? t : Infinity;
}

/** The suppression in progress: the grid, each cell's state, and suppressed cells per line. */
interface Work {
  readonly grid: Grid;
  readonly state: Uint8Array;
  readonly t: number;
  readonly suppressedIn: Int32Array;
}

/**
 * Secondary suppression (docs/disclosure-control.md "Secondary suppression"): the line rule to a
 * fixed point, then a proof for every suppressed cell that a second value is consistent with
 * everything published; where none is found, one more cell is suppressed, and so on. Returns the
 * cells left unproved with nothing left to suppress (normally none).
 */
function secondarySuppression(grid: Grid, state: Uint8Array, t: number, budget: number): number[] {
  const work: Work = { grid, state, t, suppressedIn: new Int32Array(grid.lines.length) };
  /** Suppressed cells awaiting a proof, in the order they were suppressed. */
  const queue: number[] = [];
  /** Lines the line rule must look at. */
  const dirty: number[] = [];
  const suppress = (cell: number): void => {
    state[cell] = SECONDARY;
    count(cell);
  };
  const count = (cell: number): void => {
    for (const { line } of grid.linesOf[cell] as readonly LineRef[]) {
      work.suppressedIn[line] = (work.suppressedIn[line] as number) + 1;
      dirty.push(line);
    }
    queue.push(cell);
  };
  state.forEach((s, c) => {
    if (s === PRIMARY) count(c);
  });
  /** 1: a proof covers the cell; 2: no proof, and nothing left to suppress for it. */
  const done = new Uint8Array(state.length);
  let head = 0;
  for (;;) {
    // The line rule (issue #8): in no line may the suppressed cells be determined by that line
    // alone: one cell suppressed alone, or a sum at the least or the most their bounds allow (two
    // suppressed 1s in a line adding up to 2). Add the best partner in the line until it is not.
    for (let line = dirty.pop(); line !== undefined; line = dirty.pop()) {
      const l = grid.lines[line] as Line;
      while (linePinned(l, work)) {
        const extra = bestCandidate(work, l.cells);
        if (extra === undefined) break;
        suppress(extra);
      }
    }
    while (head < queue.length && done[queue[head] as number] !== 0) head++;
    const target = queue[head];
    if (target === undefined) break;
    const found = findProof(work, target, budget);
    if (found.kind === 'proof') {
      for (const c of found.cells) done[c] = 1;
      continue;
    }
    const extra = nextSuppression(work, target, found.blockers);
    if (extra === undefined) done[target] = 2;
    else suppress(extra);
  }
  return queue.filter((c) => done[c] === 2).sort((a, b) => a - b);
}

function linePinned(line: Line, work: Work): boolean {
  let suppressed = 0;
  let min = 0;
  let max = 0;
  let actual = 0;
  line.cells.forEach((c, k) => {
    if (work.state[c] === PUBLISHED) return;
    const coef = line.coefs[k] as number;
    suppressed++;
    actual += coef * (work.grid.values[c] as number);
    const lo = lowerBound(work.state, c);
    const hi = upperBound(work.state, c, work.t);
    min += coef > 0 ? lo : -hi;
    max += coef > 0 ? hi : -lo;
  });
  return suppressed === 1 || (suppressed > 1 && (actual === min || actual === max));
}

/**
 * The best cell to suppress next among `cells`: not yet suppressed and not 0 (0 is always shown);
 * a part before a total (totals only when unavoidable); then the cell whose other lines already
 * hold the most suppressed cells (it tends to close a pattern instead of starting a new one); then
 * the smallest; then the first.
 */
function bestCandidate(work: Work, cells: Iterable<number>): number | undefined {
  const { grid, state } = work;
  let best: number | undefined;
  let bestKey: readonly number[] = [];
  for (const c of cells) {
    const v = grid.values[c] as number | null;
    if (state[c] !== PUBLISHED || v === null || v === 0) continue;
    const connected = (grid.linesOf[c] as readonly LineRef[]).filter(
      (l) => (work.suppressedIn[l.line] as number) > 0,
    ).length;
    const key = [grid.isTotal[c] === true ? 1 : 0, -connected, v, c];
    if (best === undefined || lexLess(key, bestKey)) {
      best = c;
      bestKey = key;
    }
  }
  return best;
}

/** a < b in lexicographic order (keys of equal length that differ: the last entry is a cell id). */
function lexLess(a: readonly number[], b: readonly number[]): boolean {
  const i = a.findIndex((x, k) => x !== b[k]);
  return (a[i] as number) < (b[i] as number);
}

/**
 * The cell to suppress when no proof was found for `target`: the best candidate in the lines where
 * the search met dead ends (most often first); failing that, in target's lines, then in the lines
 * of the suppressed cells connected to it, nearest first.
 */
function nextSuppression(work: Work, target: number, blockers: readonly number[]): number | undefined {
  const { grid, state } = work;
  for (const line of blockers) {
    const best = bestCandidate(work, (grid.lines[line] as Line).cells);
    if (best !== undefined) return best;
  }
  const seenCells = new Set<number>([target]);
  const seenLines = new Set<number>();
  let frontier = [target];
  while (frontier.length > 0) {
    const candidates = new Set<number>();
    const next: number[] = [];
    for (const c of frontier) {
      for (const { line } of grid.linesOf[c] as readonly LineRef[]) {
        if (seenLines.has(line)) continue;
        seenLines.add(line);
        for (const o of (grid.lines[line] as Line).cells) {
          if (state[o] === PUBLISHED) candidates.add(o);
          else if (!seenCells.has(o)) {
            seenCells.add(o);
            next.push(o);
          }
        }
      }
    }
    const best = bestCandidate(work, candidates);
    if (best !== undefined) return best;
    frontier = next;
  }
  return undefined;
}

/** Support-size limits of the iterative deepening in searchBalanced (the last is unlimited). */
const DEPTHS = [4, 8, 16, 32, 64, Infinity];

/** Step limits of a proof by rectangle: row patterns tried, and steps per column search. */
const MAX_ROW_PATTERNS = 64;
const COLUMN_SEARCH_BUDGET = 500;

/**
 * Enumerates vectors d of 0 and ±1 over the cells of `sys`, with d[start] ≠ 0, on which every
 * line balances and every change is `allowed`, and passes each to `accept` (the changed cells and
 * d) until it returns true. Depth-first, repairing the unbalanced line with the fewest options
 * first and trying the move that unbalances the fewest other lines first; iterative deepening on
 * the number of changed cells (a branch is cut when its remaining moves cannot repair the
 * imbalance left), so small vectors come first; at most `budget` steps in all. Returns the lines
 * where the search met dead ends, most often first.
 */
function searchBalanced(
  sys: LineSystem,
  start: number,
  allowed: (cell: number, d: number) => boolean,
  budget: number,
  accept: (moved: readonly number[], delta: Int8Array) => boolean,
): number[] {
  const imbalance = new Int32Array(sys.lines.length);
  const delta = new Int8Array(sys.size);
  const openAt = new Int32Array(sys.lines.length).fill(-1);
  const open: number[] = [];
  const moved: number[] = [];
  let totalImbalance = 0;
  let steps = 0;
  const search = { cuts: 0 };
  const deadEnds = new Map<number, number>();

  const shift = (c: number, d: number): void => {
    for (const { line, coef } of sys.linesOf[c] as readonly LineRef[]) {
      const before = imbalance[line] as number;
      const after = before + coef * d;
      imbalance[line] = after;
      totalImbalance += Math.abs(after) - Math.abs(before);
      if (before === 0) {
        openAt[line] = open.length;
        open.push(line);
      } else if (after === 0) {
        const at = openAt[line] as number;
        const last = open.pop() as number;
        if (last !== line) {
          open[at] = last;
          openAt[last] = at;
        }
        openAt[line] = -1;
      }
    }
  };
  const apply = (c: number, d: number): void => {
    delta[c] = d;
    moved.push(c);
    shift(c, d);
  };
  const undo = (): void => {
    const c = moved.pop() as number;
    const d = delta[c] as number;
    delta[c] = 0;
    shift(c, -d);
  };
  const can = (c: number, d: number): boolean => delta[c] === 0 && allowed(c, d);
  /** Change in total imbalance if c moves by d (negative is good). */
  const gain = (c: number, d: number): number => {
    let g = 0;
    for (const { line, coef } of sys.linesOf[c] as readonly LineRef[]) {
      const now = imbalance[line] as number;
      g += Math.abs(now + coef * d) - Math.abs(now);
    }
    return g;
  };
  const options = (line: number): [number, number, number][] => {
    const need = -Math.sign(imbalance[line] as number);
    const l = sys.lines[line] as Line;
    const out: [number, number, number][] = [];
    l.cells.forEach((c, k) => {
      const d = need * (l.coefs[k] as number);
      if (can(c, d)) out.push([c, d, gain(c, d)]);
    });
    return out.sort((a, b) => a[2] - b[2] || a[0] - b[0]);
  };
  const countOptions = (line: number, cap: number): number => {
    const need = -Math.sign(imbalance[line] as number);
    const l = sys.lines[line] as Line;
    let n = 0;
    for (let k = 0; k < l.cells.length && n < cap; k++) {
      if (can(l.cells[k] as number, need * (l.coefs[k] as number))) n++;
    }
    return n;
  };
  /** True to stop: a vector was accepted or the budget is spent. */
  const solve = (limit: number): boolean => {
    if (open.length === 0) return accept(moved, delta);
    if (++steps > budget) return true;
    // Each move repairs at most as many units of imbalance as the cell has lines.
    if (totalImbalance > (limit - moved.length) * sys.maxLinesPerCell) {
      search.cuts++;
      return false;
    }
    // Fail first: the open line with the fewest options (counted, stopping at the best so far).
    let fewest = Infinity;
    let choiceLine = -1;
    for (const line of open) {
      const n = countOptions(line, fewest);
      if (n < fewest) {
        fewest = n;
        choiceLine = line;
      }
    }
    const choice = options(choiceLine);
    if (choice.length === 0) deadEnds.set(choiceLine, (deadEnds.get(choiceLine) ?? 0) + 1);
    for (const [c, d] of choice) {
      apply(c, d);
      const stop = solve(limit);
      undo();
      if (stop) return true;
    }
    return false;
  };
  const blockers = (): number[] =>
    [...deadEnds].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([line]) => line);
  // The last depth is unlimited, so nothing is cut there and the loop ends.
  for (let depth = 0; ; depth++) {
    const limit = DEPTHS[depth] as number;
    const cutsBefore = search.cuts;
    for (const d of [1, -1]) {
      if (!can(start, d)) continue;
      apply(start, d);
      const stop = solve(limit);
      undo();
      if (stop) return blockers();
    }
    // Nothing was cut by the limit: a deeper search would explore the same tree.
    if (search.cuts === cutsBefore) return blockers();
  }
}

/**
 * A proof that `target` cannot be recovered: changes of ±1 to suppressed cells, including target,
 * that keep every line adding up and every cell within what a reader knows of it. If there is
 * one, the published table is also consistent with the changed values, so none of the changed
 * cells can be recovered.
 *
 * First by rectangle: a pattern r over rows that balances every row relation, times a pattern k
 * over count columns that balances every column relation, changes cell (row, column) by r·k and
 * balances every line (the hypercube idea of secondary suppression, for linked tables); row
 * patterns are tried smallest first. Then by a search over all cells. Returns the changed cells,
 * or the lines where the general search met dead ends (where another suppression would help most).
 */
function findProof(
  work: Work,
  target: number,
  budget: number,
):
  | { readonly kind: 'proof'; readonly cells: number[] }
  | { readonly kind: 'none'; readonly blockers: readonly number[] } {
  const { grid, state, t } = work;
  const width = grid.countKeys.length;
  const movable = (cell: number, d: number): boolean => {
    if (state[cell] === PUBLISHED) return false;
    const v = (grid.values[cell] as number) + d;
    return v >= lowerBound(state, cell) && v <= upperBound(state, cell, t);
  };
  const row0 = Math.floor(target / width);
  const column0 = target % width;
  const seen = new Set<string>();
  let proof: number[] | undefined;
  searchBalanced(
    grid.rowSystem,
    row0,
    (row, d) => movable(row * width + column0, d),
    budget,
    (rows, r) => {
      const key = rows
        .map((row) => `${row}${(r[row] as number) > 0 ? '+' : '-'}`)
        .sort()
        .join(' ');
      if (seen.has(key)) return false;
      seen.add(key);
      const rowsCopy = [...rows];
      const signs = rowsCopy.map((row) => r[row] as number);
      searchBalanced(
        grid.columnSystem,
        column0,
        (column, e) => rowsCopy.every((row, i) => movable(row * width + column, (signs[i] as number) * e)),
        COLUMN_SEARCH_BUDGET,
        (columns) => {
          proof = rowsCopy.flatMap((row) => columns.map((column) => row * width + column));
          return true;
        },
      );
      return proof !== undefined || seen.size >= MAX_ROW_PATTERNS;
    },
  );
  if (proof !== undefined) return { kind: 'proof', cells: proof };
  let cells: number[] | undefined;
  const blockers = searchBalanced(grid, target, movable, Math.ceil(budget / 10), (moved) => {
    cells = [...moved];
    return true;
  });
  return cells === undefined ? { kind: 'none', blockers } : { kind: 'proof', cells };
}

// ---------------------------------------------------------------------------------------------
// Output.

function hidden(status: CellStatus): ProtectedCell {
  return { value: null, display: SUPPRESSED_SYMBOL, status };
}
const NOT_APPLICABLE: ProtectedCell = {
  value: null,
  display: NOT_APPLICABLE_SYMBOL,
  status: 'not_applicable',
};

function formatted(value: number, decimals: number): ProtectedCell {
  const display = value.toFixed(decimals);
  return { value: Number(display), display, status: 'shown' };
}

function present(
  table: DisclosureTable,
  grid: Grid,
  state: Uint8Array,
  policy: DisclosurePolicy,
  unverified: readonly number[],
): ProtectedTable {
  const width = grid.countKeys.length;
  const countCell = (row: number, key: string): ProtectedCell => {
    const c = row * width + (grid.countIndex.get(key) as number);
    const v = grid.values[c] as number | null;
    if (v === null) return NOT_APPLICABLE;
    if (state[c] === PRIMARY) return hidden('suppressed_primary');
    if (state[c] === SECONDARY) return hidden('suppressed_secondary');
    if (v === 0 || policy.roundTo === 1) return { value: v, display: String(v), status: 'shown' };
    const rounded = roundToBase(v, policy.roundTo);
    return { value: rounded, display: String(rounded), status: 'rounded' };
  };
  const summary = { suppressedPrimary: 0, suppressedSecondary: 0, withheldSmallN: 0 };
  const rows = table.rows.map((row, r): ProtectedRow => {
    const cells: Record<string, ProtectedCell> = {};
    for (const column of table.columns) {
      let out: ProtectedCell;
      switch (column.kind) {
        case 'count':
          out = countCell(r, column.key);
          break;
        case 'rate': {
          const num = countCell(r, column.numerator);
          const denRow =
            column.denominatorRow === undefined ? r : (grid.rowIndex.get(column.denominatorRow) as number);
          const den = countCell(denRow, column.denominator);
          if (num.value === null || den.value === null) {
            out =
              num.status === 'not_applicable' || den.status === 'not_applicable'
                ? NOT_APPLICABLE
                : hidden('suppressed_secondary');
          } else if (den.value === 0) {
            out = NOT_APPLICABLE;
          } else {
            out = formatted((num.value / den.value) * (column.per ?? 100), column.decimals ?? 1);
          }
          break;
        }
        case 'statistic':
        case 'complex': {
          const raw = row.values[column.n];
          const n = isCount(raw) ? raw : 0;
          const min = column.kind === 'statistic' ? policy.minStatisticN : policy.minComplexN;
          const v = row.values[column.key] as number | null;
          if (n < min) out = hidden('withheld_small_n');
          else if (v === null) out = NOT_APPLICABLE;
          else out = formatted(v, column.decimals ?? 1);
          break;
        }
      }
      if (out.status === 'suppressed_primary') summary.suppressedPrimary++;
      if (out.status === 'suppressed_secondary' && column.kind === 'count') summary.suppressedSecondary++;
      if (out.status === 'withheld_small_n') summary.withheldSmallN++;
      cells[column.key] = out;
    }
    return { key: row.key, cells };
  });
  return {
    policy: policy.id,
    notForPublication: policy.notForPublication,
    note: policy.note,
    columns: table.columns.map((c) => c.key),
    rows,
    summary,
    unverified: unverified.map((c) => ({
      row: (table.rows[Math.floor(c / width)] as DisclosureRow).key,
      column: grid.countKeys[c % width] as string,
    })),
  };
}
