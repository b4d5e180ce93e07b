// Request and response schemas of the scheme-mapping API. Request bodies only check shapes and
// bound sizes: the domain validator (validateSchemeVersion) checks every field and reports every
// problem with its path, so the API and the CSV import give the same answers.
import { z } from 'zod';
import { TIDIER_ITEMS, type TidierItem } from '../../domain/schemes/scheme-description.js';
import { VARIATION_ATTRIBUTES } from '../../domain/schemes/variation-matrix.js';
import { isIsoDate } from '../../domain/validation.js';
import { PageQuery } from '../common/page.schema.js';

/** Generous bounds: the domain's limits are lower and give the field-level error. */
const text = z.string().max(10_000).nullish();
const code = z.string().max(200).nullish();
const codes = z.array(z.string().max(200)).max(100).optional();
const int = z.number().int().min(-1_000_000).max(1_000_000).nullish();
const orgId = z.uuid().nullish();

const TidierInputSchema = z.object(
  Object.fromEntries(TIDIER_ITEMS.map(([item]) => [item, text])) as Record<TidierItem, typeof text>,
);

/** A scheme description (one version): TIDieR, provenance, organisations, variation attributes. */
export const SchemeVersionBodySchema = z.object({
  validFrom: z.string().max(40),
  voice: text,
  checkedOn: z.string().max(40).nullish(),
  tidier: TidierInputSchema.optional(),
  operatorOrgId: orgId,
  employerOrgId: orgId,
  managerOrgId: orgId,
  commissionerOrgId: orgId,
  networkOrgId: orgId,
  coverageOrgIds: z.array(z.uuid()).max(500).optional(),
  ageRange: code,
  minAge: int,
  maxAge: int,
  specialism: code,
  sessionCap: int,
  sessionCapMode: code,
  keepsAtRisk: z.boolean().nullish(),
  rereferralPolicy: code,
  rereferralMinDays: int,
  accompaniesFirstMeeting: code,
  homeVisits: z.boolean().nullish(),
  acceptedRoutes: codes,
  priorityGroups: codes,
  exclusionCriteria: codes,
  exclusionNotes: text,
  dataSystems: codes,
  dataRecorded: codes,
  outcomeTools: codes,
  outcomeToolConsistency: code,
  fundingSources: codes,
});
export type SchemeVersionBody = z.infer<typeof SchemeVersionBodySchema>;

/** A new scheme: its name and region, and the description of its first version. */
export const SchemeCreateSchema = SchemeVersionBodySchema.extend({
  name: z.string().max(10_000),
  regionId: z.uuid(),
});

const IsoDate = z.string().max(10).refine(isIsoDate, { message: 'must be a date YYYY-MM-DD' });

export const SchemeListQuerySchema = PageQuery;

const ModelCode = z.string().nullable();

export const SchemeSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  regionId: z.uuid(),
  regionName: z.string(),
  nation: z.string(),
  versionNo: z.number().int(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  deliveryModel: ModelCode,
  deliveryModelReason: z.string().nullable(),
  coverageCount: z.number().int(),
});

export const SchemeListSchema = z.object({
  items: z.array(SchemeSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const NamedOrgSchema = z.object({ id: z.uuid(), kind: z.string(), name: z.string() });

export const SchemeVersionSchema = z.object({
  versionId: z.uuid(),
  versionNo: z.number().int(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  voice: z.string().nullable(),
  checkedOn: z.string().nullable(),
  tidier: z.record(z.string(), z.string()),
  organisations: z.object({
    operator: NamedOrgSchema.nullable(),
    employer: NamedOrgSchema.nullable(),
    manager: NamedOrgSchema.nullable(),
    commissioner: NamedOrgSchema.nullable(),
    network: NamedOrgSchema.nullable(),
  }),
  coverage: z.array(NamedOrgSchema),
  attributes: z.object({
    ageRange: z.string().nullable(),
    minAge: z.number().nullable(),
    maxAge: z.number().nullable(),
    specialism: z.string().nullable(),
    sessionCap: z.number().nullable(),
    sessionCapMode: z.string().nullable(),
    keepsAtRisk: z.boolean().nullable(),
    rereferralPolicy: z.string().nullable(),
    rereferralMinDays: z.number().nullable(),
    accompaniesFirstMeeting: z.string().nullable(),
    homeVisits: z.boolean().nullable(),
    acceptedRoutes: z.array(z.string()),
    priorityGroups: z.array(z.string()),
    exclusionCriteria: z.array(z.string()),
    exclusionNotes: z.string().nullable(),
    dataSystems: z.array(z.string()),
    dataRecorded: z.array(z.string()),
    outcomeTools: z.array(z.string()),
    outcomeToolConsistency: z.string().nullable(),
    fundingSources: z.array(z.string()),
  }),
  deliveryModel: ModelCode,
  deliveryModelReason: z.string().nullable(),
});

export const SchemeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  regionId: z.uuid(),
  regionName: z.string(),
  nation: z.string(),
  /** The version in force today (else the latest). */
  currentVersionNo: z.number().int(),
  versions: z.array(SchemeVersionSchema),
});

const ClassificationSchema = z.object({
  kind: z.enum(['classified', 'ambiguous', 'unclassified']),
  model: z.number().int().nullable(),
  candidates: z.array(z.number().int()),
  reason: z.string(),
  rules: z.array(z.object({ id: z.string(), statement: z.string(), source: z.string() })),
});

export const DescribedSchemeSchema = z.object({
  schemeId: z.uuid(),
  createdScheme: z.boolean(),
  versionId: z.uuid(),
  versionNo: z.number().int(),
  validFrom: z.string(),
  previous: z.object({ versionNo: z.number().int(), validTo: z.string() }).nullable(),
  /** The derived model ('1'..'4'), or null when ambiguous or unclassified. */
  deliveryModel: ModelCode,
  /** As stored with the version (prefixed "Ambiguous:" or "Unclassified:" when there is no model). */
  deliveryModelReason: z.string(),
  classification: ClassificationSchema,
});

export const TidierQuerySchema = z.object({
  format: z.enum(['html', 'pdf']).default('html'),
  versionNo: z.coerce.number().int().min(1).max(32_767).optional(),
});

export const ExportQuerySchema = z.object({ on: IsoDate.optional() });

export const ReportQuerySchema = z.object({ on: IsoDate.optional() });

const ModelKeySchema = z.enum(['1', '2', '3', '4', 'unclassified']);

export const RegionReportSchema = z.object({
  on: z.string(),
  regions: z.array(
    z.object({
      regionId: z.uuid(),
      regionName: z.string(),
      nation: z.string(),
      areaLabel: z.enum(['PCN', 'HSCP']),
      areas: z.number().int(),
      models: z.array(
        z.object({
          model: ModelKeySchema,
          areas: z.number().int(),
          schemes: z.array(z.object({ id: z.uuid(), name: z.string(), areas: z.number().int() })),
        }),
      ),
    }),
  ),
});

/** One value or several (a repeated query parameter). */
const repeated = z
  .union([z.string().max(500), z.array(z.string().max(500)).max(50)])
  .optional()
  .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));

export const MatrixQuerySchema = z.object({
  by: z.enum(['scheme', 'region']).default('scheme'),
  on: IsoDate.optional(),
  /** Region ids or names (any of). */
  region: repeated,
  /** 1-4 or unclassified (any of). */
  model: z
    .union([ModelKeySchema, z.array(ModelKeySchema).max(5)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  /** attribute=value[,value] (any of the values; every attribute given must match). */
  where: repeated,
});

const Counts = z.record(z.string(), z.record(z.string(), z.number().int()));

export const MatrixSchema = z.object({
  on: z.string(),
  by: z.enum(['scheme', 'region']),
  attributes: z.array(z.enum(VARIATION_ATTRIBUTES)),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      regionName: z.string(),
      model: ModelKeySchema.nullable(),
      schemes: z.number().int(),
      cells: Counts,
    }),
  ),
  totals: Counts,
  schemes: z.number().int(),
});

export const ImportBodySchema = z.object({
  csv: z.string().max(1_048_576),
  dryRun: z.boolean().optional(),
});

const IssueSchema = z.object({ path: z.string(), rule: z.string(), message: z.string() });

const ImportRowSchema = z.object({
  row: z.number().int(),
  status: z.enum(['created', 'updated', 'unchanged', 'rejected']),
  schemeId: z.string().nullable(),
  schemeName: z.string().nullable(),
  versionNo: z.number().int().nullable(),
  deliveryModel: z.string().nullable(),
  reason: z.string().nullable(),
  notes: z.array(z.string()),
  issues: z.array(IssueSchema),
});

export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  summary: z.object({
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
  }),
  rows: z.array(ImportRowSchema),
  /** The rejected rows again, so a client can show what to fix without filtering. */
  rejected: z.array(ImportRowSchema),
});
