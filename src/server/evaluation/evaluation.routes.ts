// Evaluation reports (issue #8): the JSON a dashboard draws, and the same tables as CSV, XLSX,
// printable HTML or PDF. Aggregates only (`aggregate` in the policy table): scheme managers see
// their schemes, regional leads their region, administrators everything. Every response passes
// disclosure control; unprotected output (`disclosure=none`) needs the `aggregate_unsuppressed`
// grant and is marked "not for publication".
import { scopeFor, type Actor, type Scope } from '../../domain/access/policy.js';
import { DomainError } from '../../domain/errors.js';
import type { DbHandle } from '../../services/context.js';
import { protectReport, type PublishedReport } from '../../services/evaluation/disclosure.service.js';
import { runReport, scopeFilters } from '../../services/evaluation/evaluation.service.js';
import {
  reportToCsv,
  reportToHtml,
  reportToPdf,
  reportToXlsx,
} from '../../services/evaluation/report-output.js';
import { defineRoute, type App } from '../kit.js';
import {
  EvaluationDownloadQuerySchema,
  EvaluationParamsSchema,
  EvaluationQuerySchema,
  PublishedReportSchema,
} from './evaluation.schema.js';

type Query = ReturnType<typeof EvaluationQuerySchema.parse>;

function scopeNote(scope: Scope, actor: Actor): string {
  if (scope === 'any') return 'all schemes';
  if (scope === 'region') return 'schemes in your region';
  return `your ${actor.schemeIds.length} scheme(s)`;
}

async function build(
  db: DbHandle,
  set: string,
  query: Query,
  scope: Scope,
  actor: Actor,
): Promise<PublishedReport> {
  if (query.disclosure === 'none' && scopeFor(actor.role, 'aggregate_unsuppressed', 'list') === null) {
    throw new DomainError(
      'forbidden',
      `Your role (${actor.role}) may not see figures without disclosure control`,
      {
        issues: [
          {
            path: 'query.disclosure',
            rule: 'role_not_permitted',
            message: 'choose nhs-england or scotland-conservative',
          },
        ],
      },
    );
  }
  const filters = scopeFilters(scope, actor, {
    ...(query.scheme === undefined ? {} : { schemeIds: query.scheme }),
    ...(query.region === undefined ? {} : { regionIds: query.region }),
    ...(query.model === undefined ? {} : { models: query.model }),
  });
  const report = await runReport(
    db,
    {
      set,
      from: query.from,
      to: query.to,
      ...(query.by === undefined ? {} : { by: query.by }),
      ...(query.lightMax === undefined ? {} : { lightMax: query.lightMax }),
      ...(query.shortMax === undefined ? {} : { shortMax: query.shortMax }),
    },
    filters,
    scopeNote(scope, actor),
  );
  return protectReport(report, query.disclosure);
}

export function registerEvaluationRoutes(app: App, db: DbHandle): void {
  const tags = ['evaluation'];
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/evaluation/:set',
    resource: 'aggregate',
    action: 'list',
    personal: false,
    summary:
      'A metric set (activity, routes, outcomes, equity, data-quality) grouped by up to two dimensions, with disclosure control (docs/metrics.md)',
    tags,
    params: EvaluationParamsSchema,
    querystring: EvaluationQuerySchema,
    response: PublishedReportSchema,
    handler: async ({ params, query, scope, session }) => {
      const r = await build(db, params.set, query, scope, session.actor);
      return {
        ...r,
        by: [...r.by],
        tables: r.tables.map((t) => ({
          ...t,
          dimensions: [...t.dimensions],
          columns: [...t.columns],
          rows: t.rows.map((row) => ({
            ...row,
            keys: [...row.keys],
            labels: [...row.labels],
            warnings: [...row.warnings],
          })),
        })),
      };
    },
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/evaluation/:set/download',
    resource: 'aggregate',
    action: 'list',
    personal: false,
    raw: true,
    summary:
      'The same report as CSV, XLSX, printable HTML or PDF (?format=), with disclosure control applied',
    tags,
    params: EvaluationParamsSchema,
    querystring: EvaluationDownloadQuerySchema,
    response: PublishedReportSchema,
    handler: async ({ params, query, scope, session, reply }) => {
      const r = await build(db, params.set, query, scope, session.actor);
      const name = `linkwork-${params.set}-${query.from}-${query.to}`;
      if (query.format === 'html') {
        return reply.status(200).type('text/html; charset=utf-8').send(reportToHtml(r));
      }
      if (query.format === 'pdf') {
        return reply
          .status(200)
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${name}.pdf"`)
          .send(await reportToPdf(r));
      }
      if (query.format === 'xlsx') {
        return reply
          .status(200)
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await reportToXlsx(r));
      }
      return reply
        .status(200)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(reportToCsv(r));
    },
  });
}
