// Evaluation dashboards (issue #8 point 5, issue #6): the same figures as GET /api/evaluation/:set,
// already disclosure-controlled by the server, as charts (Recharts) with the numbers as a table
// beside them, the comparability warnings, the disclosure note, and CSV/XLSX/HTML downloads.
// Regional leads see their region; scheme managers their schemes (the server decides).
import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, type PublishedReport } from '../api/endpoints.js';
import { Failed, Loading, Page } from '../app/page.js';
import { useAsync } from '../app/use-async.js';

type Table = PublishedReport['tables'][number];
type Row = Table['rows'][number];

export interface EvaluationView {
  readonly title: string;
  readonly intro: string;
  readonly set: 'activity' | 'outcomes' | 'data-quality' | 'equity' | 'routes';
  readonly by: readonly string[];
  readonly charts: readonly ChartSpec[];
  /** Columns shown in the table (all when absent). */
  readonly columns?: readonly string[];
}

export interface ChartSpec {
  readonly table: string;
  readonly title: string;
  readonly kind: 'bar' | 'line';
  readonly series: readonly { readonly key: string; readonly label: string }[];
  /** Only rows whose measure contains this text (change table). */
  readonly measure?: string;
  /** Error bars from these cells (lower, upper). */
  readonly ci?: readonly [string, string];
  readonly unit?: string;
}

/** The last complete NHS financial year (April to March) before today. */
export function lastFinancialYear(today: Date = new Date()): { from: string; to: string } {
  const y = today.getUTCFullYear() - (today.getUTCMonth() < 3 ? 1 : 0) - 1;
  return { from: `${y}-04-01`, to: `${y + 1}-03-31` };
}

const COLOURS = ['#005eb8', '#007f3b', '#ae2573', '#ed8b00'];

function groupLabel(r: Row): string {
  return r.labels.filter((l) => l !== '').join(' / ') || 'All';
}

function chartRows(table: Table, spec: ChartSpec) {
  return table.rows
    .filter(
      (r) => r.level === 'group' && (spec.measure === undefined || (r.measure ?? '').includes(spec.measure)),
    )
    .map((r) => {
      const point: Record<string, string | number | null | [number, number]> = { group: groupLabel(r) };
      for (const s of spec.series) point[s.key] = r.cells[s.key]?.value ?? null;
      if (spec.ci !== undefined) {
        const [lo, hi] = spec.ci;
        const v = r.cells[spec.series[0]?.key ?? '']?.value;
        const l = r.cells[lo]?.value;
        const h = r.cells[hi]?.value;
        if (v !== null && v !== undefined && l !== null && l !== undefined && h !== null && h !== undefined) {
          point.ci = [v - l, h - v];
        }
      }
      return point;
    });
}

function Chart({ report, spec }: { report: PublishedReport; spec: ChartSpec }) {
  const table = report.tables.find((t) => t.id === spec.table);
  if (table === undefined) return null;
  const data = chartRows(table, spec);
  const id = `chart-${spec.table}-${spec.series.map((s) => s.key).join('-')}`;
  const hidden = data.filter((d) => spec.series.some((s) => d[s.key] === null)).length;
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        {spec.title}
        {hidden > 0
          ? ` (${hidden} group${hidden === 1 ? '' : 's'} hidden by disclosure control or with no data)`
          : ''}
      </figcaption>
      {data.length === 0 ? (
        <p>No data for this period.</p>
      ) : (
        <div
          className="chart__plot"
          role="img"
          aria-label={`${spec.title}: chart of the figures in the table below`}
        >
          <ResponsiveContainer width="100%" height={280}>
            {spec.kind === 'line' ? (
              <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="group" />
                <YAxis unit={spec.unit} />
                <Tooltip />
                <Legend />
                {spec.series.map((s, i) => (
                  <Line
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    stroke={COLOURS[i % COLOURS.length]}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            ) : (
              <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="group" />
                <YAxis unit={spec.unit} />
                <Tooltip />
                <Legend />
                {spec.series.map((s, i) => (
                  <Bar
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    fill={COLOURS[i % COLOURS.length]}
                    isAnimationActive={false}
                  >
                    {spec.ci !== undefined && i === 0 ? (
                      <ErrorBar dataKey="ci" width={6} stroke="#212b32" />
                    ) : null}
                  </Bar>
                ))}
              </BarChart>
            )}
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

const WARNING_LABELS: Readonly<Record<string, string>> = {
  small_group: 'Small group',
  few_pairs: 'Few pairs',
  low_outcome_completion: 'Low completion',
};

function ReportTable({ table, columns }: { table: Table; columns: readonly string[] | undefined }) {
  const shown = columns === undefined ? table.columns : table.columns.filter((c) => columns.includes(c.key));
  const withMeasure = table.rows.some((r) => r.measure !== null);
  const caption = `table-${table.id}`;
  return (
    <div className="table-wrap" role="region" aria-labelledby={caption} tabIndex={0}>
      <table className="table table--numbers">
        <caption id={caption}>{table.title}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            {withMeasure ? <th scope="col">Measure</th> : null}
            {shown.map((c) => (
              <th scope="col" key={c.key} className="numeric">
                {c.label}
              </th>
            ))}
            <th scope="col">Warnings</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i} className={r.level === 'total' ? 'total' : undefined}>
              <th scope="row">{groupLabel(r)}</th>
              {withMeasure ? <td>{r.measure}</td> : null}
              {shown.map((c) => {
                const cell = r.cells[c.key];
                return (
                  <td key={c.key} className="numeric" title={cell?.status.replace(/_/g, ' ')}>
                    {cell?.display ?? '-'}
                  </td>
                );
              })}
              <td className="warnings">
                {r.warnings.map((w) => (
                  <span key={w.code} className="tag tag--warning" title={w.message}>
                    {WARNING_LABELS[w.code] ?? w.code}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EvaluationPage({ view }: { view: EvaluationView }) {
  const initial = lastFinancialYear();
  const [period, setPeriod] = useState(initial);
  const [draft, setDraft] = useState(initial);
  const params = { from: period.from, to: period.to, by: view.by.join(',') };
  const report = useAsync(
    () => api.evaluation(view.set, params),
    `${view.set}|${params.by}|${period.from}|${period.to}`,
  );
  const download = (format: string) =>
    `/api/evaluation/${view.set}/download?${new URLSearchParams({ ...params, format }).toString()}`;
  return (
    <Page title={view.title} intro={<p>{view.intro}</p>}>
      <form
        className="period"
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod(draft);
        }}
        aria-label="Period"
      >
        <div className="field field--inline">
          <label htmlFor="period-from">Referrals from</label>
          <input
            id="period-from"
            type="date"
            value={draft.from}
            onChange={(e) => {
              setDraft({ ...draft, from: e.target.value });
            }}
          />
        </div>
        <div className="field field--inline">
          <label htmlFor="period-to">to</label>
          <input
            id="period-to"
            type="date"
            value={draft.to}
            onChange={(e) => {
              setDraft({ ...draft, to: e.target.value });
            }}
          />
        </div>
        <button type="submit" className="button button--secondary">
          Show
        </button>
      </form>
      {report.kind === 'loading' ? <Loading what="the figures" /> : null}
      {report.kind === 'failed' ? <Failed error={report.error} what="the figures" /> : null}
      {report.kind === 'ready' ? (
        <>
          {report.value.disclosure.notForPublication ? (
            <p className="notice notice--error">NOT FOR PUBLICATION: no disclosure control applied.</p>
          ) : null}
          <p className="downloads">
            Download: <a href={download('csv')}>CSV</a> · <a href={download('xlsx')}>Excel</a> ·{' '}
            <a href={download('html')}>printable page</a> · <a href={download('pdf')}>PDF</a>
          </p>
          <div className="charts">
            {view.charts.map((spec) => (
              <Chart key={`${spec.table}-${spec.title}`} report={report.value} spec={spec} />
            ))}
          </div>
          {report.value.tables.map((t) => (
            <ReportTable key={t.id} table={t} columns={t.id === view.set ? view.columns : undefined} />
          ))}
          <p className="small">
            Warnings: small group, fewer than 30 referrals; few pairs, fewer than 10 people with a baseline
            and a follow-up; low completion, outcome completion below 50%. Such groups should not be compared.
          </p>
          <p className="small">
            {report.value.disclosure.name}. {report.value.disclosure.note} Scope: {report.value.scopeNote}.
            Definitions: docs/metrics.md.
          </p>
        </>
      ) : null}
    </Page>
  );
}

export const MODEL_COMPARISON: EvaluationView = {
  title: 'Delivery models compared',
  intro:
    'Referrals, waits, contacts and outcome completion for each delivery model (1: PCN employs; 2: PCNs or a federation; 3: VCSE subcontract; 4: integrated network).',
  set: 'activity',
  by: ['model'],
  charts: [
    {
      table: 'activity',
      title: 'Referrals received',
      kind: 'bar',
      series: [{ key: 'received', label: 'Referrals received' }],
    },
    {
      table: 'activity',
      title: 'Wait to first contact (days)',
      kind: 'bar',
      series: [
        { key: 'waitMedianDays', label: 'Median' },
        { key: 'waitP90Days', label: '90th percentile' },
      ],
    },
    {
      table: 'activity',
      title: 'Outcome completion (% of discharged)',
      kind: 'bar',
      unit: '%',
      series: [{ key: 'outcomeCompletion', label: 'Outcome completion' }],
    },
  ],
  columns: [
    'received',
    'accepted',
    'acceptedRate',
    'waitMedianDays',
    'waitP90Days',
    'contactsPerPerson',
    'bandLight',
    'bandShort',
    'bandExtended',
    'didNotEngageRate',
    'rereferralRate',
    'outcomeCompletion',
  ],
};

export const OUTCOME_COMPARISON: EvaluationView = {
  title: 'Outcomes by delivery model',
  intro: 'Change from baseline to follow-up on validated instruments, with 95% confidence intervals.',
  set: 'outcomes',
  by: ['model'],
  charts: [
    {
      table: 'change',
      title: 'SWEMWBS metric score: mean change (95% CI)',
      kind: 'bar',
      measure: 'SWEMWBS',
      series: [{ key: 'meanChange', label: 'Mean change' }],
      ci: ['ciLower', 'ciUpper'],
    },
  ],
};

export const TRENDS: EvaluationView = {
  title: 'Referrals and waits by month',
  intro: 'Your schemes, month by month.',
  set: 'activity',
  by: ['month'],
  charts: [
    {
      table: 'activity',
      title: 'Referrals received by month',
      kind: 'bar',
      series: [{ key: 'received', label: 'Referrals' }],
    },
    {
      table: 'activity',
      title: 'Wait to first contact by month (days)',
      kind: 'line',
      series: [
        { key: 'waitMedianDays', label: 'Median' },
        { key: 'waitP90Days', label: '90th percentile' },
      ],
    },
    {
      table: 'activity',
      title: 'Contacts per person by month',
      kind: 'line',
      series: [{ key: 'contactsPerPerson', label: 'Contacts per person' }],
    },
  ],
  columns: [
    'received',
    'accepted',
    'waitMedianDays',
    'waitP90Days',
    'contactsPerPerson',
    'outcomeCompletion',
  ],
};

export const DATA_QUALITY: EvaluationView = {
  title: 'Data quality by scheme',
  intro:
    'How complete, valid, timely and consistent each scheme’s records are, and how often validated outcome tools are used. Schemes are ranked by the overall score.',
  set: 'data-quality',
  by: [],
  charts: [
    {
      table: 'data-quality',
      title: 'Overall data-quality score (%)',
      kind: 'bar',
      unit: '%',
      series: [{ key: 'overall', label: 'Overall score' }],
    },
  ],
  columns: [
    'rank',
    'referrals',
    'overall',
    'completeness',
    'validity',
    'timeliness',
    'consistency',
    'coverage',
  ],
};
