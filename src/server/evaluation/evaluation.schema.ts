import { z } from 'zod';

/** A query value given once or repeated (?by=model&by=month), or comma-separated (?by=model,month). */
const list = (max: number) =>
  z
    .union([z.string().max(2000), z.array(z.string().max(200)).max(max)])
    .optional()
    .transform((v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v])
            .flatMap((s) => s.split(','))
            .map((s) => s.trim())
            .filter((s) => s !== ''),
    );

export const EvaluationParamsSchema = z.object({
  set: z.enum(['activity', 'routes', 'outcomes', 'equity', 'data-quality']),
});

export const EvaluationQuerySchema = z.object({
  /** One or two of the dimensions (docs/metrics.md). */
  by: list(2),
  /** First and last day of referrals included (UK dates, inclusive). */
  from: z.string().max(10),
  to: z.string().max(10),
  scheme: list(200),
  region: list(50),
  model: list(5),
  lightMax: z.coerce.number().int().min(1).max(1000).optional(),
  shortMax: z.coerce.number().int().min(2).max(1000).optional(),
  /** nhs-england (default), scotland-conservative, or none (not for publication; permitted roles only). */
  disclosure: z.enum(['nhs-england', 'scotland-conservative', 'none']).default('nhs-england'),
});

export const EvaluationDownloadQuerySchema = EvaluationQuerySchema.extend({
  format: z.enum(['csv', 'xlsx', 'html', 'pdf']).default('csv'),
});

const Cell = z.object({
  value: z.number().nullable(),
  display: z.string(),
  /** Primary and secondary suppression are both `suppressed`: which is which is not published. */
  status: z.enum(['shown', 'rounded', 'suppressed', 'withheld_small_n', 'not_applicable']),
});

const Warning = z.object({ code: z.string(), message: z.string() });

export const PublishedReportSchema = z.object({
  set: z.string(),
  from: z.string(),
  to: z.string(),
  by: z.array(z.string()),
  bands: z.object({ lightMax: z.number(), shortMax: z.number() }),
  generatedAt: z.string(),
  scopeNote: z.string(),
  disclosure: z.object({
    policy: z.string(),
    name: z.string(),
    note: z.string(),
    notForPublication: z.boolean(),
  }),
  tables: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dimensions: z.array(z.string()),
      columns: z.array(
        z.object({ key: z.string(), label: z.string(), kind: z.string(), percent: z.boolean() }),
      ),
      rows: z.array(
        z.object({
          keys: z.array(z.string().nullable()),
          labels: z.array(z.string()),
          level: z.enum(['group', 'margin', 'total']),
          measure: z.string().nullable(),
          cells: z.record(z.string(), Cell),
          warnings: z.array(Warning),
        }),
      ),
      suppressed: z.object({ cells: z.number(), withheld: z.number() }),
    }),
  ),
});
export type PublishedReportBody = z.infer<typeof PublishedReportSchema>;
