// Every aggregate leaves through here (issue #8 point 4): a report's tables become DisclosureTables
// (rows, their margins and totals as additive relations, count columns that add up), the domain's
// applyDisclosureControl protects them under the chosen policy, and the result carries the policy's
// note and "not for publication" when unprotected. Data-quality shares are about records, not
// people, and pass unchanged (standards.md section 6: "values not about individuals: no SDC").
import {
  applyDisclosureControl,
  cubeRelations,
  DISCLOSURE_POLICIES,
  type DisclosureColumn,
  type DisclosurePolicyId,
  type ProtectedCell,
} from '../../domain/evaluation/disclosure.js';
import type { ComparabilityWarning, Dimension } from '../../domain/evaluation/metrics.js';
import { DomainError } from '../../domain/errors.js';
import type { EvaluationReport, ReportColumn, ReportTable, RowLevel } from './evaluation.service.js';

/**
 * The published cell: primary and secondary suppression look the same on purpose. A reader who
 * knew which `*` was secondary would know it is above the threshold, which can narrow a small
 * count beside it (docs/disclosure-control.md).
 */
export interface PublishedCell {
  readonly value: number | null;
  readonly display: string;
  readonly status: 'shown' | 'rounded' | 'suppressed' | 'withheld_small_n' | 'not_applicable';
}

function publishCell(c: ProtectedCell): PublishedCell {
  const status =
    c.status === 'suppressed_primary' || c.status === 'suppressed_secondary' ? 'suppressed' : c.status;
  return { value: c.value, display: c.display, status };
}

export interface PublishedColumn {
  readonly key: string;
  readonly label: string;
  readonly kind: ReportColumn['kind'];
  /** Rates are published as percentages. */
  readonly percent: boolean;
}

export interface PublishedRow {
  readonly keys: readonly [string | null, string | null];
  readonly labels: readonly [string, string];
  readonly level: RowLevel;
  /** Row-identifying text (the instrument measure in the change table), never protected. */
  readonly measure: string | null;
  readonly cells: Readonly<Record<string, PublishedCell>>;
  readonly warnings: readonly ComparabilityWarning[];
}

export interface PublishedTable {
  readonly id: string;
  readonly title: string;
  readonly dimensions: readonly Dimension[];
  readonly columns: readonly PublishedColumn[];
  readonly rows: readonly PublishedRow[];
  /** How many counts are hidden and statistics withheld (not which kind of suppression). */
  readonly suppressed: { readonly cells: number; readonly withheld: number };
}

export interface PublishedReport extends Omit<EvaluationReport, 'tables'> {
  readonly disclosure: {
    readonly policy: DisclosurePolicyId;
    readonly name: string;
    readonly note: string;
    readonly notForPublication: boolean;
  };
  readonly tables: readonly PublishedTable[];
}

function rowKey(keys: readonly (string | null)[], measure: string | null): string {
  return JSON.stringify([...keys, measure]);
}

function toDisclosureColumn(c: ReportColumn, totalKey: string | null): DisclosureColumn | null {
  switch (c.kind) {
    case 'count':
      return { kind: 'count', key: c.key };
    case 'rate': {
      const numerator = c.numerator ?? '';
      const denominator = c.denominator ?? '';
      const fromTotal = denominator.startsWith('@total.');
      return {
        kind: 'rate',
        key: c.key,
        numerator,
        denominator: fromTotal ? denominator.slice('@total.'.length) : denominator,
        ...(fromTotal && totalKey !== null ? { denominatorRow: totalKey } : {}),
        per: 100,
        decimals: c.decimals,
      };
    }
    case 'statistic':
      return { kind: 'statistic', key: c.key, n: c.n ?? '', decimals: c.decimals };
    case 'complex':
      return { kind: 'complex', key: c.key, n: c.n ?? '', decimals: c.decimals };
    case 'quality':
      return null;
  }
}

function qualityCell(value: number | string | null | undefined, c: ReportColumn): PublishedCell {
  if (typeof value !== 'number') return { value: null, display: '-', status: 'not_applicable' };
  const shown = c.percent === true ? value * 100 : value;
  return { value: shown, display: shown.toFixed(c.decimals), status: 'shown' };
}

/** Protects one table under `policy`. Throws if a suppressed count could not be proved safe. */
export function protectTable(table: ReportTable, policy: DisclosurePolicyId): PublishedTable {
  const measureOf = (values: Readonly<Record<string, unknown>>): string | null =>
    typeof values.measure === 'string' ? values.measure : null;
  const keyed = table.rows.map((r) => ({
    r,
    key: rowKey(r.keys.slice(0, table.dimensions.length), measureOf(r.values)),
  }));
  const total = keyed.find((k) => k.r.level === 'total')?.key ?? null;
  const columns = table.columns
    .map((c) => toDisclosureColumn(c, total))
    .filter((c): c is DisclosureColumn => c !== null);
  // Groups add up to margins and totals only in additive counts (not reliable change).
  const additive = table.columns.filter((c) => c.kind === 'count' && c.additive !== false).map((c) => c.key);
  const protectedTable = applyDisclosureControl(
    {
      columns,
      rows: keyed.map(({ r, key }) => ({ key, values: r.values })),
      // Groups, margins and totals add up within each measure (the measure never becomes "all").
      rowRelations: cubeRelations(
        keyed.map(({ r, key }) => ({
          key,
          groups: [...r.keys.slice(0, table.dimensions.length), measureOf(r.values) ?? ''],
        })),
      )
        .filter((rel) => rel.parts.length > 0)
        .map((rel) => ({ ...rel, columns: additive })),
      columnRelations: table.columnSums,
    },
    policy,
  );
  if (protectedTable.unverified.length > 0) {
    // Too sparse to publish safely: say so and how to get a table that can be (never a 500).
    throw new DomainError(
      'policy_violation',
      `The ${table.title.toLowerCase()} table is too sparse to publish with disclosure control (${protectedTable.unverified.length} small counts could be worked out from the totals): choose a coarser grouping or a longer period`,
      {
        issues: [
          {
            path: 'query.by',
            rule: 'too_sparse_to_protect',
            message: 'group by fewer or broader dimensions, or choose a longer period',
          },
        ],
      },
    );
  }
  const cellsByKey = new Map(protectedTable.rows.map((r) => [r.key, r.cells]));
  return {
    id: table.id,
    title: table.title,
    dimensions: table.dimensions,
    columns: table.columns.map((c) => ({
      key: c.key,
      label: c.label,
      kind: c.kind,
      percent: c.percent === true,
    })),
    rows: keyed.map(({ r, key }) => {
      const protectedCells = cellsByKey.get(key) ?? {};
      const cells: Record<string, PublishedCell> = {};
      for (const c of table.columns) {
        const cell = protectedCells[c.key];
        cells[c.key] =
          c.kind === 'quality'
            ? qualityCell(r.values[c.key], c)
            : cell === undefined
              ? { value: null, display: '-', status: 'not_applicable' }
              : publishCell(cell);
      }
      return {
        keys: r.keys,
        labels: r.labels,
        level: r.level,
        measure: measureOf(r.values),
        cells,
        warnings: r.warnings,
      };
    }),
    suppressed: {
      cells: protectedTable.summary.suppressedPrimary + protectedTable.summary.suppressedSecondary,
      withheld: protectedTable.summary.withheldSmallN,
    },
  };
}

/** Protects every table of a report under one policy. */
export function protectReport(report: EvaluationReport, policy: DisclosurePolicyId): PublishedReport {
  const p = DISCLOSURE_POLICIES[policy];
  return {
    ...report,
    disclosure: { policy, name: p.name, note: p.note, notForPublication: p.notForPublication },
    tables: report.tables.map((t) => protectTable(t, policy)),
  };
}
