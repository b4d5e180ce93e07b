// Evaluation reports (issue #8): runs the SQL aggregates for a metric set, finishes the statistics
// from SQL's sufficient statistics with the domain library, labels the groups, and adds the
// comparability warnings. Disclosure control is applied afterwards by disclosure.service.ts:
// nothing here leaves the system unprotected.
import type { Actor, Scope } from '../../domain/access/policy.js';
import {
  comparabilityWarnings,
  DIMENSION_LABELS,
  validateReportRequest,
  type ComparabilityWarning,
  type Dimension,
  type ReportParams,
  type ReportRequest,
} from '../../domain/evaluation/metrics.js';
import { QUALITY_CHECKS, scorecard } from '../../domain/evaluation/data-quality.js';
import { pairedChangeFromMoments } from '../../domain/evaluation/summary-change.js';
import { measuresOf } from '../../domain/questionnaires/instrument.js';
import { BUILT_IN_INSTRUMENTS } from '../../domain/questionnaires/registry.js';
import {
  activityMetrics,
  changeMetrics,
  completionMetrics,
  dimensionLabels,
  improvementMetrics,
  qualityMetrics,
  type ActivityRow,
  type EvaluationFilters,
  type GroupKeys,
  type MeasureMeta,
} from '../../db/evaluation/evaluation.repository.js';
import { refreshFacts, staleFactCount } from '../../db/evaluation/facts.repository.js';
import type { DbHandle } from '../context.js';

/** How a column is protected (disclosure.ts): counts of people/events, rates, simple or complex statistics. */
/**
 * How a column is protected (disclosure.ts): counts of people/events, rates, simple or complex
 * statistics, and `quality` shares about records rather than people (standards.md section 6:
 * "values not about individuals: no SDC").
 */
export type ColumnKind = 'count' | 'rate' | 'statistic' | 'complex' | 'quality';

export interface ReportColumn {
  readonly key: string;
  readonly label: string;
  readonly kind: ColumnKind;
  /** For rates: the count columns it is computed from (recomputed after rounding). */
  readonly numerator?: string;
  readonly denominator?: string;
  /** For statistics: the count column giving the number of people behind the value. */
  readonly n?: string;
  /** Decimal places to show. */
  readonly decimals: number;
  /** Shown as a percentage (rates). */
  readonly percent?: boolean;
  /**
   * False for counts whose groups do not add up to their total (reliable change: each group's
   * threshold comes from its own baseline SD). Disclosure control then relates only additive counts.
   */
  readonly additive?: boolean;
}

export type RowLevel = 'group' | 'margin' | 'total';

export interface ReportRow {
  readonly keys: readonly [string | null, string | null];
  readonly labels: readonly [string, string];
  readonly level: RowLevel;
  readonly values: Readonly<Record<string, number | string | null>>;
  readonly warnings: readonly ComparabilityWarning[];
}

/**
 * Count columns that add up: `parts` sum to `total` in every row (used for secondary suppression,
 * so no suppressed cell can be recovered from the others).
 */
export interface ColumnSum {
  readonly total: string;
  readonly parts: readonly string[];
}

export interface ReportTable {
  readonly id: string;
  readonly title: string;
  readonly dimensions: readonly Dimension[];
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
  readonly columnSums: readonly ColumnSum[];
  /** Extra row-identifying columns shown before the values (e.g. instrument and measure). */
  readonly rowKeys?: readonly string[];
}

export interface EvaluationReport {
  readonly set: ReportRequest['set'];
  readonly from: string;
  readonly to: string;
  readonly by: readonly Dimension[];
  readonly bands: ReportRequest['bands'];
  readonly generatedAt: string;
  readonly scopeNote: string;
  readonly tables: readonly ReportTable[];
}

export interface ReportScopeFilters {
  readonly schemeIds?: readonly string[];
  readonly regionIds?: readonly string[];
  readonly models?: readonly string[];
}

/** Validated instruments (built in, published scoring rules): the ones outcome metrics count. */
export const VALIDATED_INSTRUMENTS: readonly string[] = BUILT_IN_INSTRUMENTS.map((i) => i.id);

/** Each validated measure's direction, MID and reliability, from the instrument registry. */
export const MEASURE_META: readonly MeasureMeta[] = BUILT_IN_INSTRUMENTS.flatMap((inst) =>
  measuresOf(inst).map((m): MeasureMeta => ({
    instrumentId: inst.id,
    measure: m.id,
    sign: m.direction === 'lower_is_better' ? -1 : 1,
    mid: m.mid?.points ?? null,
    reliability:
      m.reliability === undefined ? null : { kind: m.reliability.kind, value: m.reliability.value },
  })),
);

const measureLabel = new Map(
  BUILT_IN_INSTRUMENTS.flatMap((inst) =>
    measuresOf(inst).map((m) => [`${inst.id}/${m.id}`, `${inst.name}: ${m.label}`]),
  ),
);

/** The filters an `aggregate` grant allows (intersected with what the caller asked for). */
export function scopeFilters(scope: Scope, actor: Actor, asked: ReportScopeFilters): ReportScopeFilters {
  const out: { schemeIds?: readonly string[]; regionIds?: readonly string[]; models?: readonly string[] } = {
    ...asked,
  };
  if (scope === 'region') {
    const mine = actor.regionId === null ? [] : [actor.regionId];
    out.regionIds = asked.regionIds === undefined ? mine : asked.regionIds.filter((r) => mine.includes(r));
  } else if (scope === 'schemes' || scope === 'caseload') {
    out.schemeIds =
      asked.schemeIds === undefined
        ? actor.schemeIds
        : asked.schemeIds.filter((s) => actor.schemeIds.includes(s));
  }
  return out;
}

function levelOf(by: readonly Dimension[], k: GroupKeys): RowLevel {
  if (by.length === 0) return 'total';
  if (k.g1 === null && k.g2 === null) return 'total';
  if (by.length === 2 && (k.g1 === null || k.g2 === null)) return 'margin';
  return 'group';
}

async function labeller(
  db: DbHandle,
  by: readonly Dimension[],
  rows: readonly GroupKeys[],
): Promise<(k: GroupKeys) => [string, string]> {
  const maps = await Promise.all(
    by.map((d, i) =>
      dimensionLabels(
        db.db,
        d,
        rows.map((r) => (i === 0 ? r.g1 : r.g2)).filter((v): v is string => v !== null),
      ),
    ),
  );
  const one = (i: number, v: string | null): string => {
    if (by[i] === undefined) return '';
    if (v === null) return 'All';
    if (by[i] === 'model') return v === 'unknown' ? 'Model not recorded' : `Model ${v}`;
    return maps[i]?.get(v) ?? v;
  };
  return (k) => [one(0, k.g1), one(1, k.g2)];
}

const ACTIVITY_COLUMNS: readonly ReportColumn[] = [
  { key: 'received', label: 'Referrals received', kind: 'count', decimals: 0 },
  { key: 'waiting', label: 'Waiting', kind: 'count', decimals: 0 },
  { key: 'declined', label: 'Declined', kind: 'count', decimals: 0 },
  { key: 'accepted', label: 'Accepted', kind: 'count', decimals: 0 },
  { key: 'active', label: 'Active', kind: 'count', decimals: 0 },
  { key: 'discharged', label: 'Discharged', kind: 'count', decimals: 0 },
  { key: 'didNotEngage', label: 'Did not engage', kind: 'count', decimals: 0 },
  {
    key: 'acceptedRate',
    label: 'Accepted (% of received)',
    kind: 'rate',
    numerator: 'accepted',
    denominator: 'received',
    decimals: 1,
    percent: true,
  },
  {
    // Over accepted referrals, not "closed after acceptance": that extra count would duplicate
    // accepted - active, and the redundant relation forces disclosure control to hide the table.
    key: 'didNotEngageRate',
    label: 'Did not engage (% of accepted)',
    kind: 'rate',
    numerator: 'didNotEngage',
    denominator: 'accepted',
    decimals: 1,
    percent: true,
  },
  { key: 'rereferrals', label: 'Re-referrals', kind: 'count', decimals: 0 },
  {
    key: 'rereferralRate',
    label: 'Re-referral rate (% of received)',
    kind: 'rate',
    numerator: 'rereferrals',
    denominator: 'received',
    decimals: 1,
    percent: true,
  },
  { key: 'waitN', label: 'Referrals with a first contact', kind: 'count', decimals: 0 },
  {
    key: 'waitMedianDays',
    label: 'Wait to first contact, median (days)',
    kind: 'statistic',
    n: 'waitN',
    decimals: 1,
  },
  {
    key: 'waitP90Days',
    label: 'Wait to first contact, 90th percentile (days)',
    kind: 'statistic',
    n: 'waitN',
    decimals: 1,
  },
  {
    key: 'contactsPerPerson',
    label: 'Contacts per person (mean)',
    kind: 'statistic',
    n: 'accepted',
    decimals: 1,
  },
  {
    key: 'contactsMedian',
    label: 'Contacts per person (median)',
    kind: 'statistic',
    n: 'accepted',
    decimals: 1,
  },
  { key: 'contactMinutes', label: 'Total contact minutes', kind: 'statistic', n: 'accepted', decimals: 0 },
  { key: 'bandNone', label: 'No contact yet', kind: 'count', decimals: 0 },
  { key: 'bandLight', label: 'Light-touch', kind: 'count', decimals: 0 },
  { key: 'bandShort', label: 'Short', kind: 'count', decimals: 0 },
  { key: 'bandExtended', label: 'Extended', kind: 'count', decimals: 0 },
  {
    key: 'signpostsPerPerson',
    label: 'Signposts per person (mean)',
    kind: 'statistic',
    n: 'accepted',
    decimals: 2,
  },
  { key: 'signpostsAttendanceKnown', label: 'Signposts with attendance known', kind: 'count', decimals: 0 },
  { key: 'signpostsAttended', label: 'Signposts attended', kind: 'count', decimals: 0 },
  {
    key: 'signpostAttendanceRate',
    label: 'Signpost attendance (% of known)',
    kind: 'rate',
    numerator: 'signpostsAttended',
    denominator: 'signpostsAttendanceKnown',
    decimals: 1,
    percent: true,
  },
  {
    key: 'dischargedWithOutcomes',
    label: 'Discharged with baseline and follow-up',
    kind: 'count',
    decimals: 0,
  },
  {
    key: 'outcomeCompletion',
    label: 'Outcome completion (% of discharged)',
    kind: 'rate',
    numerator: 'dischargedWithOutcomes',
    denominator: 'discharged',
    decimals: 1,
    percent: true,
  },
];

const ACTIVITY_SUMS: readonly ColumnSum[] = [
  { total: 'received', parts: ['waiting', 'declined', 'accepted'] },
  { total: 'accepted', parts: ['active', 'discharged', 'didNotEngage'] },
  { total: 'accepted', parts: ['bandNone', 'bandLight', 'bandShort', 'bandExtended'] },
];

function activityColumn(key: string): ReportColumn {
  const column = ACTIVITY_COLUMNS.find((c) => c.key === key);
  if (column === undefined) throw new Error(`no activity column ${key}`);
  return column;
}

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

function activityValues(r: ActivityRow): Record<string, number | null> {
  return {
    received: r.received,
    waiting: r.waiting,
    declined: r.declined,
    accepted: r.accepted,
    active: r.active,
    discharged: r.discharged,
    didNotEngage: r.didNotEngage,
    acceptedRate: ratio(r.accepted, r.received),
    didNotEngageRate: ratio(r.didNotEngage, r.accepted),
    rereferrals: r.rereferrals,
    rereferralRate: ratio(r.rereferrals, r.received),
    waitN: r.waitN,
    waitMedianDays: r.waitMedianDays,
    waitP90Days: r.waitP90Days,
    contactsPerPerson: ratio(r.contacts, r.accepted),
    contactsMedian: r.contactsMedian,
    contactMinutes: r.accepted > 0 ? r.contactMinutes : null,
    bandNone: r.bandNone,
    bandLight: r.bandLight,
    bandShort: r.bandShort,
    bandExtended: r.bandExtended,
    signpostsPerPerson: ratio(r.signposts, r.accepted),
    signpostsAttendanceKnown: r.signpostsAttendanceKnown,
    signpostsAttended: r.signpostsAttended,
    signpostAttendanceRate: ratio(r.signpostsAttended, r.signpostsAttendanceKnown),
    dischargedWithOutcomes: r.dischargedWithOutcomes,
    outcomeCompletion: ratio(r.dischargedWithOutcomes, r.discharged),
  };
}

const CHANGE_COLUMNS: readonly ReportColumn[] = [
  { key: 'n', label: 'People with baseline and follow-up', kind: 'count', decimals: 0 },
  { key: 'meanBaseline', label: 'Mean at baseline', kind: 'statistic', n: 'n', decimals: 2 },
  { key: 'meanFollowUp', label: 'Mean at follow-up', kind: 'statistic', n: 'n', decimals: 2 },
  { key: 'meanChange', label: 'Mean change', kind: 'statistic', n: 'n', decimals: 2 },
  { key: 'ciLower', label: '95% CI lower', kind: 'complex', n: 'n', decimals: 2 },
  { key: 'ciUpper', label: '95% CI upper', kind: 'complex', n: 'n', decimals: 2 },
  { key: 'dz', label: "Effect size (Cohen's d_z)", kind: 'complex', n: 'n', decimals: 2 },
  { key: 'midImproved', label: 'Reached the MID', kind: 'count', decimals: 0 },
  {
    key: 'midImprovedRate',
    label: 'Reached the MID (%)',
    kind: 'rate',
    numerator: 'midImproved',
    denominator: 'n',
    decimals: 1,
    percent: true,
  },
  { key: 'reliableImproved', label: 'Reliably improved', kind: 'count', decimals: 0, additive: false },
  {
    key: 'reliableImprovedRate',
    label: 'Reliably improved (%)',
    kind: 'rate',
    numerator: 'reliableImproved',
    denominator: 'n',
    decimals: 1,
    percent: true,
  },
  {
    key: 'reliableDeteriorated',
    label: 'Reliably deteriorated',
    kind: 'count',
    decimals: 0,
    additive: false,
  },
];

const EQUITY_COLUMNS: readonly ReportColumn[] = [
  { key: 'received', label: 'Referrals received', kind: 'count', decimals: 0 },
  {
    key: 'receivedShare',
    label: 'Share of referrals (%)',
    kind: 'rate',
    numerator: 'received',
    denominator: '@total.received',
    decimals: 1,
    percent: true,
  },
  { key: 'paired', label: 'With baseline and follow-up (a measure with a MID)', kind: 'count', decimals: 0 },
  { key: 'improved', label: 'Improved (reached the MID)', kind: 'count', decimals: 0 },
  {
    key: 'improvedRate',
    label: 'Improved (% of those with both)',
    kind: 'rate',
    numerator: 'improved',
    denominator: 'paired',
    decimals: 1,
    percent: true,
  },
];

const pct = (key: string, label: string): ReportColumn => ({
  key,
  label,
  kind: 'quality',
  decimals: 1,
  percent: true,
});

const QUALITY_COLUMNS: readonly ReportColumn[] = [
  { key: 'rank', label: 'Rank', kind: 'quality', decimals: 0 },
  { key: 'referrals', label: 'Referrals received', kind: 'count', decimals: 0 },
  pct('overall', 'Overall score (%)'),
  pct('completeness', 'Completeness (%)'),
  pct('validity', 'Validity (%)'),
  pct('timeliness', 'Timeliness (%)'),
  pct('consistency', 'Consistency (%)'),
  pct('coverage', 'Outcome-tool coverage (%)'),
  ...QUALITY_CHECKS.map(([key, label, , prsb]) =>
    pct(key, `${label}${prsb === null ? '' : ` [PRSB ${prsb}]`} (%)`),
  ),
];

/** Referrals whose evaluation facts the next report will rebuild first (docs/metrics.md). */
export async function pendingFactReferrals(db: DbHandle): Promise<number> {
  return staleFactCount(db.db);
}

/** Runs one metric set. `filters` must already be narrowed to the caller's scope (scopeFilters). */
export async function runReport(
  db: DbHandle,
  params: ReportParams,
  filters: ReportScopeFilters,
  scopeNote: string,
): Promise<EvaluationReport> {
  const req = validateReportRequest(params);
  const f: EvaluationFilters = { from: req.from, to: req.to, ...filters };
  // The facts reports read are rebuilt for whatever was written since the last report.
  await refreshFacts(db.db);
  const tables: ReportTable[] = [];
  if (req.set === 'activity' || req.set === 'routes') {
    const by: Dimension[] = req.set === 'routes' ? [...req.by.slice(0, 1), 'route'] : [...req.by];
    const rows = await activityMetrics(db.db, f, by, req.bands, VALIDATED_INSTRUMENTS);
    const label = await labeller(db, by, rows);
    const columns = req.set === 'routes' ? ACTIVITY_COLUMNS.slice(0, 1) : ACTIVITY_COLUMNS;
    tables.push({
      id: req.set,
      title: req.set === 'routes' ? 'Referrals received by route' : 'Referrals, contacts and signposts',
      dimensions: by,
      columns,
      columnSums: req.set === 'routes' ? [] : ACTIVITY_SUMS,
      rows: rows.map((r) => ({
        keys: [r.g1, r.g2],
        labels: label(r),
        level: levelOf(by, r),
        values: activityValues(r),
        warnings: comparabilityWarnings({
          received: r.received,
          discharged: r.discharged,
          dischargedWithOutcomes: r.dischargedWithOutcomes,
        }),
      })),
    });
  }
  if (req.set === 'outcomes') {
    const [activity, change] = await Promise.all([
      completionMetrics(db.db, f, req.by, req.bands, VALIDATED_INSTRUMENTS),
      changeMetrics(db.db, f, req.by, req.bands, MEASURE_META),
    ]);
    const label = await labeller(db, req.by, [...activity, ...change]);
    tables.push({
      id: 'outcome-completion',
      title: 'Outcome completion',
      dimensions: req.by,
      columns: [
        activityColumn('discharged'),
        activityColumn('dischargedWithOutcomes'),
        activityColumn('outcomeCompletion'),
      ],
      columnSums: [],
      rows: activity.map((r) => ({
        keys: [r.g1, r.g2],
        labels: label(r),
        level: levelOf(req.by, r),
        values: {
          discharged: r.discharged,
          dischargedWithOutcomes: r.dischargedWithOutcomes,
          outcomeCompletion: ratio(r.dischargedWithOutcomes, r.discharged),
        },
        warnings: comparabilityWarnings({
          discharged: r.discharged,
          dischargedWithOutcomes: r.dischargedWithOutcomes,
        }),
      })),
    });
    const completion = new Map(activity.map((r) => [`${r.g1}\u0000${r.g2}`, r]));
    tables.push({
      id: 'change',
      title: 'Change from baseline to follow-up, per instrument measure',
      dimensions: req.by,
      rowKeys: ['measure'],
      columns: CHANGE_COLUMNS,
      columnSums: [],
      rows: change.map((r) => {
        const s = pairedChangeFromMoments({
          n: r.n,
          meanBaseline: r.meanBaseline,
          meanFollowUp: r.meanFollowUp,
          meanDifference: r.meanDifference,
          sdDifference: r.sdDifference,
        });
        const a = completion.get(`${r.g1}\u0000${r.g2}`);
        return {
          keys: [r.g1, r.g2],
          labels: label(r),
          level: levelOf(req.by, r),
          values: {
            measure: measureLabel.get(`${r.instrumentId}/${r.measure}`) ?? `${r.instrumentId}: ${r.measure}`,
            n: r.n,
            meanBaseline: r.meanBaseline,
            meanFollowUp: r.meanFollowUp,
            meanChange: r.meanDifference,
            ciLower: s.kind === 'ok' ? s.ci.lower : null,
            ciUpper: s.kind === 'ok' ? s.ci.upper : null,
            dz: s.kind === 'ok' ? s.dz : null,
            midImproved: r.midImproved,
            midImprovedRate: r.midImproved === null ? null : ratio(r.midImproved, r.n),
            reliableImproved: r.reliableImproved,
            reliableImprovedRate: r.reliableImproved === null ? null : ratio(r.reliableImproved, r.n),
            reliableDeteriorated: r.reliableDeteriorated,
          },
          warnings: comparabilityWarnings({
            pairs: r.n,
            ...(a === undefined
              ? {}
              : { discharged: a.discharged, dischargedWithOutcomes: a.dischargedWithOutcomes }),
          }),
        };
      }),
    });
  }
  if (req.set === 'equity') {
    const rows = await improvementMetrics(db.db, f, req.by, req.bands, MEASURE_META);
    const label = await labeller(db, req.by, rows);
    const total = rows.find((r) => r.g1 === null && r.g2 === null)?.received ?? 0;
    tables.push({
      id: 'equity',
      title: 'Who is referred and who improves',
      dimensions: req.by,
      columns: EQUITY_COLUMNS,
      columnSums: [],
      rows: rows.map((r) => ({
        keys: [r.g1, r.g2],
        labels: label(r),
        level: levelOf(req.by, r),
        values: {
          received: r.received,
          receivedShare: ratio(r.received, total),
          paired: r.paired,
          improved: r.improved,
          improvedRate: ratio(r.improved, r.paired),
        },
        warnings: comparabilityWarnings({ received: r.received, pairs: r.paired }),
      })),
    });
  }
  if (req.set === 'data-quality') {
    const rows = await qualityMetrics(db.db, f, VALIDATED_INSTRUMENTS);
    const label = await labeller(db, req.by, rows);
    const scored = rows.map((r) => ({ r, card: scorecard(r) }));
    // The league table: schemes by overall score, best first; the total last.
    scored.sort((a, b) =>
      a.r.g1 === null
        ? 1
        : b.r.g1 === null
          ? -1
          : (b.card.scores.overall ?? -1) - (a.card.scores.overall ?? -1),
    );
    let rank = 0;
    tables.push({
      id: 'data-quality',
      title: 'Data-quality scorecard (league table)',
      dimensions: req.by,
      columns: QUALITY_COLUMNS,
      columnSums: [],
      rows: scored.map(({ r, card }) => ({
        keys: [r.g1, r.g2],
        labels: label(r),
        level: levelOf(req.by, r),
        values: {
          rank: r.g1 === null ? null : ++rank,
          referrals: r.referrals,
          ...card.scores,
          ...Object.fromEntries(card.checks.map((c) => [c.key, c.share])),
        },
        warnings: comparabilityWarnings({ received: r.referrals }),
      })),
    });
    return {
      set: req.set,
      from: req.from,
      to: req.to,
      by: req.by,
      bands: req.bands,
      generatedAt: new Date().toISOString(),
      scopeNote,
      tables,
    };
  }
  return {
    set: req.set,
    from: req.from,
    to: req.to,
    by: req.by,
    bands: req.bands,
    generatedAt: new Date().toISOString(),
    scopeNote,
    tables: tables.map((t) => ({ ...t, rows: sortRows(t.rows) })),
  };
}

/** Groups in label order (months and bands sort by their labels), margins after them, total last. */
function sortRows(rows: readonly ReportRow[]): ReportRow[] {
  const key = (r: ReportRow, i: 0 | 1): [number, string] => [r.keys[i] === null ? 1 : 0, r.labels[i]];
  const cmp = (a: [number, string], b: [number, string]): number =>
    a[0] - b[0] || a[1].localeCompare(b[1], 'en', { numeric: true });
  return [...rows].sort(
    (a, b) =>
      cmp(key(a, 0), key(b, 0)) ||
      cmp(key(a, 1), key(b, 1)) ||
      String(a.values.measure ?? '').localeCompare(String(b.values.measure ?? '')),
  );
}

/** The heading of a dimension, for tables and charts. */
export function dimensionLabel(d: Dimension): string {
  return DIMENSION_LABELS[d];
}
