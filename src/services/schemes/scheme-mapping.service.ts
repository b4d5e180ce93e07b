// Scheme mapping use cases shared by the CLI and (later) the API: describe a scheme (a new scheme
// with its first version, or a new version of an existing one), classify it, and report the
// per-region delivery-model counts and the variation matrix. Writes run in one transaction.
import type { Kysely } from 'kysely';
import { DomainError, validationError, type FieldIssue } from '../../domain/errors.js';
import { classifyDeliveryModel, type Classification } from '../../domain/schemes/delivery-model.js';
import { buildRegionModelReport, type RegionModelRow } from '../../domain/schemes/region-report.js';
import {
  organisationalFacts,
  SCHEME_LIMITS,
  validateSchemeVersion,
  type SchemeVersionInput,
  type SchemeVersionView,
} from '../../domain/schemes/scheme-description.js';
import {
  buildVariationMatrix,
  type MatrixFilters,
  type VariationMatrix,
} from '../../domain/schemes/variation-matrix.js';
import { checkText, IssueList } from '../../domain/validation.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import {
  findOrganisationsByIds,
  findRegions,
  findSchemeVersions,
  insertScheme,
  lockSchemeById,
} from '../../db/schemes/scheme.repository.js';
import { loadCodeLookup } from '../reference/reference.service.js';
import { isoToday, loadReferencedOrganisations, loadVersionViews, writeVersion } from './scheme-store.js';

export type { RegionModelRow, SchemeVersionView, VariationMatrix, MatrixFilters };

/** Describe an existing scheme anew (`schemeId`), or a new scheme in a region (`name`, `regionId`). */
export type DescribeSchemeInput =
  | { readonly schemeId: string; readonly version: SchemeVersionInput }
  | { readonly name: string; readonly regionId: string; readonly version: SchemeVersionInput };

export interface DescribedScheme {
  readonly schemeId: string;
  readonly createdScheme: boolean;
  readonly versionId: string;
  readonly versionNo: number;
  readonly validFrom: string;
  /** The version this one replaced, with the end date it was given. */
  readonly previous: { readonly versionNo: number; readonly validTo: string } | null;
  /** The delivery model derived from the organisational facts, with its reason. */
  readonly classification: Classification;
}

export interface SchemeOptions {
  /** Today (YYYY-MM-DD); defaults to the current UTC date. */
  readonly today?: string;
}

/**
 * Records a scheme description: creates the scheme with version 1, or adds the next version of an
 * existing scheme, ending the previous version the day before the new one starts. The delivery
 * model and its reason are derived by the classifier and stored with the version. One transaction;
 * `validation_failed` lists every problem; `not_found` when `schemeId` names no scheme.
 */
export async function describeScheme(
  db: Kysely<Database>,
  input: DescribeSchemeInput,
  options: SchemeOptions = {},
): Promise<DescribedScheme> {
  const today = options.today ?? isoToday();
  const codes = await loadCodeLookup(db);
  return db
    .transaction()
    .execute(async (trx) => {
      const v = input.version;
      const orgs = await loadReferencedOrganisations(trx, [
        v.operatorOrgId,
        v.employerOrgId,
        v.managerOrgId,
        v.commissionerOrgId,
        v.networkOrgId,
        ...(v.coverageOrgIds ?? []),
      ]);
      const issues = new IssueList();
      let scheme: { id: string; nation: string } | null = null;
      let name: string | null = null;
      let regionId = '';
      if ('schemeId' in input) {
        const found = await lockSchemeById(trx, input.schemeId);
        if (found === undefined) throw new DomainError('not_found', 'No scheme with that id');
        scheme = { id: found.id, nation: found.nation };
      } else {
        name = checkText(issues, 'name', input.name, { required: true, max: SCHEME_LIMITS.schemeName });
        regionId = input.regionId;
        const region = (await findOrganisationsByIds(trx, [regionId]))[0];
        if (region?.kind !== 'region') issues.add('regionId', 'exists', 'no such region');
        else scheme = { id: '', nation: region.nation };
      }
      const checked = validateSchemeVersion(v, { today, codes, organisations: orgs });
      const all: FieldIssue[] = [...issues.issues, ...(checked.kind === 'invalid' ? checked.issues : [])];
      if (checked.kind === 'invalid' || scheme === null || all.length > 0) throw validationError(all);
      const record = checked.value;
      let createdScheme = false;
      if (scheme.id === '') {
        const id = await insertScheme(trx, {
          name: name ?? '',
          regionId,
          nation: scheme.nation,
          startedOn: record.validFrom,
        });
        scheme = { id, nation: scheme.nation };
        createdScheme = true;
      }
      const existing = createdScheme ? [] : await findSchemeVersions(trx, scheme.id);
      const written = await writeVersion(trx, scheme, existing, record, orgs);
      return { schemeId: scheme.id, createdScheme, ...written };
    })
    .catch(translateDbError);
}

/** The version of a scheme in force on `on`, else its latest version; undefined if it has none. */
function versionOn(views: readonly SchemeVersionView[], on: string): SchemeVersionView | undefined {
  return (
    views.find((v) => v.record.validFrom <= on && (v.validTo === null || v.validTo >= on)) ?? views.at(-1)
  );
}

export interface SchemeClassification {
  readonly view: SchemeVersionView;
  /** The classifier's answer for the version's facts now. */
  readonly classification: Classification;
  /** False when the stored model differs (e.g. the rules or an organisation's kind changed since). */
  readonly matchesStored: boolean;
}

/** Classifies a scheme's version in force on `on` (default today) from its organisational facts. */
export async function classifyScheme(
  db: Kysely<Database>,
  schemeId: string,
  options: SchemeOptions & { readonly on?: string } = {},
): Promise<SchemeClassification> {
  const views = await loadVersionViews(db, { schemeIds: [schemeId] });
  const view = versionOn(views, options.on ?? options.today ?? isoToday());
  if (view === undefined) throw new DomainError('not_found', 'No scheme with that id');
  const orgs = new Map(
    [...Object.values(view.organisations), ...view.coverage].flatMap((o) =>
      o === null ? [] : [[o.id, o] as const],
    ),
  );
  const classification = classifyDeliveryModel(organisationalFacts(view.record, view.nation, orgs));
  const derived = classification.kind === 'classified' ? String(classification.model) : null;
  return { view, classification, matchesStored: derived === view.deliveryModel };
}

/** The versions of one scheme, oldest first (`not_found` if there is no such scheme). */
export async function listSchemeVersions(
  db: Kysely<Database>,
  schemeId: string,
): Promise<SchemeVersionView[]> {
  const views = await loadVersionViews(db, { schemeIds: [schemeId] });
  if (views.length === 0) throw new DomainError('not_found', 'No scheme with that id');
  return views;
}

/**
 * Per region (all regions, by name, or only `regionIds`): how many PCNs/HSCPs the schemes in force
 * on `on` (default today) serve under each delivery model, and which schemes (study 4.1.2,
 * Algorithm 1).
 */
export async function regionModelReport(
  db: Kysely<Database>,
  options: SchemeOptions & { readonly on?: string; readonly regionIds?: readonly string[] } = {},
): Promise<RegionModelRow[]> {
  const on = options.on ?? options.today ?? isoToday();
  const within = options.regionIds;
  const [regions, views] = await Promise.all([
    findRegions(db),
    loadVersionViews(db, { on, ...(within === undefined ? {} : { regionIds: within }) }),
  ]);
  return buildRegionModelReport(
    within === undefined ? regions : regions.filter((r) => within.includes(r.id)),
    views.map((v) => ({
      regionId: v.regionId,
      schemeId: v.schemeId,
      schemeName: v.schemeName,
      model: v.deliveryModel,
      coverage: v.coverage,
    })),
  );
}

/**
 * The variation matrix of the schemes in force on `on` (default today): rows by scheme or by
 * region, one column per variation attribute, counts per value; filtered by region, model and
 * attribute values (see buildVariationMatrix). `regionIds` limits the schemes read at all (the
 * caller's access scope), before the filters apply.
 */
export async function variationMatrix(
  db: Kysely<Database>,
  options: SchemeOptions & {
    readonly on?: string;
    readonly by?: 'scheme' | 'region';
    readonly filters?: MatrixFilters;
    readonly regionIds?: readonly string[];
  } = {},
): Promise<VariationMatrix> {
  const on = options.on ?? options.today ?? isoToday();
  const views = await loadVersionViews(db, {
    on,
    ...(options.regionIds === undefined ? {} : { regionIds: options.regionIds }),
  });
  return buildVariationMatrix(
    views.map((v) => ({
      schemeId: v.schemeId,
      schemeName: v.schemeName,
      regionId: v.regionId,
      regionName: v.regionName,
      model: v.deliveryModel,
      record: v.record,
    })),
    { by: options.by ?? 'scheme', filters: options.filters ?? {} },
  );
}

/** Which schemes a caller may see: an absent field is no restriction, an empty list is none. */
export interface SchemeFilter {
  readonly schemeIds?: readonly string[];
  readonly regionIds?: readonly string[];
}

/** One scheme in a list: its current version (in force today, else the latest) in brief. */
export interface SchemeSummary {
  readonly schemeId: string;
  readonly schemeName: string;
  readonly regionId: string;
  readonly regionName: string;
  readonly nation: string;
  readonly versionNo: number;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly deliveryModel: string | null;
  readonly deliveryModelReason: string | null;
  /** How many organisations (PCNs, HSCPs, practices) the current version covers. */
  readonly coverage: number;
}

/**
 * The schemes (with at least one version) that pass `filter`, ordered by region, name and id, one
 * page of them with the total. The filter is applied in SQL; the page is cut from the schemes'
 * current versions (scheme mapping holds hundreds of schemes, not millions).
 */
export async function listSchemes(
  db: Kysely<Database>,
  filter: SchemeFilter,
  page: { readonly limit: number; readonly offset: number },
  options: SchemeOptions = {},
): Promise<{ items: SchemeSummary[]; total: number }> {
  const today = options.today ?? isoToday();
  const views = await loadVersionViews(db, filter);
  const bySchemes = new Map<string, SchemeVersionView[]>();
  for (const v of views) bySchemes.set(v.schemeId, [...(bySchemes.get(v.schemeId) ?? []), v]);
  const current = [...bySchemes.values()].flatMap((versions) => {
    const v = versionOn(versions, today);
    return v === undefined ? [] : [v];
  });
  return {
    total: current.length,
    items: current.slice(page.offset, page.offset + page.limit).map((v) => ({
      schemeId: v.schemeId,
      schemeName: v.schemeName,
      regionId: v.regionId,
      regionName: v.regionName,
      nation: v.nation,
      versionNo: v.versionNo,
      validFrom: v.record.validFrom,
      validTo: v.validTo,
      deliveryModel: v.deliveryModel,
      deliveryModelReason: v.deliveryModelReason,
      coverage: v.coverage.length,
    })),
  };
}
