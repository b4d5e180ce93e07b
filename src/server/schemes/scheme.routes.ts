// Scheme mapping over HTTP (issue #7): list and read schemes with their versioned descriptions,
// describe a new scheme or a new version (the delivery model is derived, with its reason), the
// printable TIDieR checklist, the per-region model report, the variation matrix, and the CSV
// export/import. Scheme descriptions are not personal data (personal: false).
//
// Who sees what: scheme lists, exports and reads follow the `scheme` grants (link workers and scheme
// managers their schemes, a regional lead their region, researchers and administrators all). The
// aggregate reports follow the `aggregate` grants: an administrator sees every region, a regional
// lead their region, and a scheme manager the regions of their schemes (whole-region counts, so a
// manager can compare their scheme with its neighbours; the counts name schemes, never people).
import { z } from 'zod';
import type { Actor, Scope } from '../../domain/access/policy.js';
import { DomainError, validationError, type FieldIssue } from '../../domain/errors.js';
import { classificationSummary } from '../../domain/schemes/delivery-model.js';
import {
  VARIATION_ATTRIBUTES,
  type MatrixFilters,
  type VariationAttribute,
} from '../../domain/schemes/variation-matrix.js';
import type { DbHandle } from '../../services/context.js';
import { exportSchemesCsv, importSchemesCsv } from '../../services/schemes/scheme-csv.service.js';
import {
  describeScheme,
  listSchemes,
  listSchemeVersions,
  regionModelReport,
  variationMatrix,
  type SchemeFilter,
} from '../../services/schemes/scheme-mapping.service.js';
import { loadTidierPage, renderTidierHtml, renderTidierPdf } from '../../services/schemes/tidier-page.js';
import { defineRoute, IdParams, pageOf, type App } from '../kit.js';
import { presentDescribed, presentImport, presentScheme, presentSchemeSummary } from './scheme.presenter.js';
import {
  DescribedSchemeSchema,
  ExportQuerySchema,
  ImportBodySchema,
  ImportResultSchema,
  MatrixQuerySchema,
  MatrixSchema,
  RegionReportSchema,
  ReportQuerySchema,
  SchemeCreateSchema,
  SchemeListQuerySchema,
  SchemeListSchema,
  SchemeSchema,
  SchemeVersionBodySchema,
  TidierQuerySchema,
} from './scheme.schema.js';

const today = (): string => new Date().toISOString().slice(0, 10);

/** The schemes a `scheme` grant lets the actor see, as a repository filter. */
export function schemeFilterFor(scope: Scope, actor: Actor): SchemeFilter {
  switch (scope) {
    case 'any':
      return {};
    case 'region':
      return { regionIds: actor.regionId === null ? [] : [actor.regionId] };
    case 'schemes':
    case 'caseload':
      return { schemeIds: actor.schemeIds };
  }
}

/** The regions an `aggregate` grant covers (undefined: every region). */
async function aggregateRegions(db: DbHandle, scope: Scope, actor: Actor): Promise<string[] | undefined> {
  if (scope === 'any') return undefined;
  if (scope === 'region') return actor.regionId === null ? [] : [actor.regionId];
  const mine = await listSchemes(db.db, { schemeIds: actor.schemeIds }, { limit: 10_000, offset: 0 });
  return [...new Set(mine.items.map((s) => s.regionId))];
}

/** `where` query values (attribute=value[,value]) as matrix filters; 400 naming the bad clause. */
export function parseWhereQuery(clauses: readonly string[]): MatrixFilters['where'] {
  const where: Partial<Record<VariationAttribute, string[]>> = {};
  const issues: FieldIssue[] = [];
  clauses.forEach((clause, i) => {
    const at = clause.indexOf('=');
    const name = at < 0 ? clause : clause.slice(0, at);
    const attribute = VARIATION_ATTRIBUTES.find((a) => a === name.trim());
    const values = (at < 0 ? '' : clause.slice(at + 1))
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (attribute === undefined || values.length === 0) {
      issues.push({
        path: `query.where.${i}`,
        rule: 'where_format',
        message: `must be attribute=value[,value] with attribute one of ${VARIATION_ATTRIBUTES.join(', ')}`,
      });
      return;
    }
    where[attribute] = [...(where[attribute] ?? []), ...values];
  });
  if (issues.length > 0) throw validationError(issues);
  return where;
}

export function registerSchemeRoutes(app: App, db: DbHandle): void {
  const tags = ['schemes'];

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/schemes',
    resource: 'scheme',
    action: 'list',
    personal: false,
    summary: 'List the schemes you may see, each with its current delivery model, reason and coverage',
    tags,
    querystring: SchemeListQuerySchema,
    response: SchemeListSchema,
    handler: async ({ query, scope, session }) => {
      const r = await listSchemes(db.db, schemeFilterFor(scope, session.actor), pageOf(query));
      return {
        items: r.items.map(presentSchemeSummary),
        total: r.total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/schemes/export.csv',
    resource: 'scheme',
    action: 'list',
    personal: false,
    summary: 'The schemes you may see as the tidy CSV (one row per version; ?on=DATE for those in force)',
    tags,
    querystring: ExportQuerySchema,
    response: z.unknown(),
    raw: true,
    handler: async ({ query, scope, session, reply }) => {
      const filter = schemeFilterFor(scope, session.actor);
      const csv = await exportSchemesCsv(db.db, {
        bom: true,
        ...(query.on === undefined ? {} : { on: query.on }),
        ...filter,
      });
      return reply
        .status(200)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="schemes.csv"')
        .send(csv);
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/schemes/import',
    resource: 'scheme',
    action: 'create',
    personal: false,
    summary:
      'Load schemes from the CSV export format (dryRun to check only): a result per row, 200 even when rows are rejected; 400 if the file is not the CSV format',
    tags,
    body: ImportBodySchema,
    response: ImportResultSchema,
    status: 200,
    handler: async ({ body }) =>
      presentImport(await importSchemesCsv(db.db, body.csv, { dryRun: body.dryRun === true })),
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/schemes/:id',
    resource: 'scheme',
    action: 'read',
    personal: false,
    summary: 'Read a scheme with every version: TIDieR, variation, organisations, derived model and reason',
    tags,
    params: IdParams,
    response: SchemeSchema,
    handler: async ({ params, authorize }) => {
      const versions = await listSchemeVersions(db.db, params.id);
      const first = versions[0];
      if (first === undefined) throw new DomainError('not_found', 'No scheme with that id');
      authorize({ schemeId: params.id, regionId: first.regionId });
      const on = today();
      const current =
        versions.find((v) => v.record.validFrom <= on && (v.validTo === null || v.validTo >= on)) ??
        versions.at(-1) ??
        first;
      return presentScheme(versions, current);
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/schemes',
    resource: 'scheme',
    action: 'create',
    personal: false,
    summary: 'Describe a new scheme (its first version); the delivery model is derived, with its reason',
    tags,
    body: SchemeCreateSchema,
    response: DescribedSchemeSchema,
    handler: async ({ body, authorize }) => {
      const { name, regionId, ...version } = body;
      authorize({ regionId });
      const d = await describeScheme(db.db, { name, regionId, version });
      return presentDescribed(d, classificationSummary(d.classification));
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/schemes/:id/versions',
    resource: 'scheme',
    action: 'update',
    personal: false,
    summary:
      'Describe a scheme anew: the next version (the previous one ends the day before); returns the derived model and reason',
    tags,
    params: IdParams,
    body: SchemeVersionBodySchema,
    response: DescribedSchemeSchema,
    status: 201,
    handler: async ({ params, body, authorize }) => {
      const versions = await listSchemeVersions(db.db, params.id);
      authorize({ schemeId: params.id, regionId: versions[0]?.regionId ?? null });
      const d = await describeScheme(db.db, { schemeId: params.id, version: body });
      return presentDescribed(d, classificationSummary(d.classification));
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/schemes/:id/tidier',
    resource: 'scheme',
    action: 'read',
    personal: false,
    summary: "A scheme's TIDieR checklist as a printable page (?format=html|pdf, ?versionNo=N)",
    tags,
    params: IdParams,
    querystring: TidierQuerySchema,
    response: z.unknown(),
    raw: true,
    handler: async ({ params, query, authorize, reply }) => {
      const versions = await listSchemeVersions(db.db, params.id);
      authorize({ schemeId: params.id, regionId: versions[0]?.regionId ?? null });
      const page = await loadTidierPage(
        db.db,
        params.id,
        query.versionNo === undefined ? {} : { versionNo: query.versionNo },
      );
      if (query.format === 'pdf') {
        return reply
          .status(200)
          .type('application/pdf')
          .header('content-disposition', `inline; filename="tidier-${params.id}.pdf"`)
          .send(await renderTidierPdf(page));
      }
      return reply.status(200).type('text/html; charset=utf-8').send(renderTidierHtml(page));
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/reports/region-models',
    resource: 'aggregate',
    action: 'list',
    personal: false,
    summary:
      'Per region: how many PCNs/HSCPs use each delivery model, with the schemes (your regions; ?on=DATE)',
    tags,
    querystring: ReportQuerySchema,
    response: RegionReportSchema,
    handler: async ({ query, scope, session }) => {
      const on = query.on ?? today();
      const regionIds = await aggregateRegions(db, scope, session.actor);
      const rows = await regionModelReport(db.db, { on, ...(regionIds === undefined ? {} : { regionIds }) });
      return {
        on,
        regions: rows.map((r) => ({
          ...r,
          models: r.models.map((m) => ({ ...m, schemes: [...m.schemes] })),
        })),
      };
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/reports/variation-matrix',
    resource: 'aggregate',
    action: 'list',
    personal: false,
    summary:
      'The variation matrix: schemes or regions (by) by attribute, with counts; filter by region, model and where=attribute=value',
    tags,
    querystring: MatrixQuerySchema,
    response: MatrixSchema,
    handler: async ({ query, scope, session }) => {
      const on = query.on ?? today();
      const filters: MatrixFilters = {
        ...(query.region === undefined ? {} : { regions: query.region }),
        ...(query.model === undefined ? {} : { models: query.model }),
        ...(query.where === undefined ? {} : { where: parseWhereQuery(query.where) }),
      };
      const regionIds = await aggregateRegions(db, scope, session.actor);
      const m = await variationMatrix(db.db, {
        on,
        by: query.by,
        filters,
        ...(regionIds === undefined ? {} : { regionIds }),
      });
      return { on, ...m, attributes: [...m.attributes], rows: [...m.rows] };
    },
  });
}
