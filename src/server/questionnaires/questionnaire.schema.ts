// The wire contract for outcome instruments and questionnaire responses. Shapes only: the domain
// (src/domain/questionnaires) checks and scores the answers and names each rule broken.
import { z } from 'zod';

const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;

export const InstrumentSchema = z.object({
  id: z.string(),
  version: z.string(),
  name: z.string(),
  rulesVersion: z.string(),
  origin: z.enum(['built_in', 'bespoke']),
  items: z.array(
    z.object({
      number: z.number().int(),
      label: z.string(),
      scale: z.object({
        min: z.number(),
        max: z.number(),
        labels: z.array(z.object({ value: z.number(), label: z.string() })),
      }),
      reversed: z.boolean(),
      /** Only where the licence allows it to be shipped or a deployer loaded licensed wording. */
      wording: z.string().nullable(),
    }),
  ),
  measures: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      min: z.number(),
      max: z.number(),
      direction: z.enum(DIRECTIONS),
      /** For measures that report one item (ONS4). */
      item: z.number().int().nullable(),
      bands: z.array(z.object({ min: z.number(), label: z.string() })),
      bandSource: z.string().nullable(),
      mid: z.object({ points: z.number(), source: z.string() }).nullable(),
    }),
  ),
  missingData: z.object({
    kind: z.enum(['complete', 'prorate', 'per_measure']),
    maxMissing: z.number().int().nullable(),
  }),
  alerts: z.array(
    z.object({ item: z.number().int(), atLeast: z.number(), code: z.string(), message: z.string() }),
  ),
  licence: z.object({
    note: z.string(),
    wordingShipped: z.boolean(),
    copyrightNotice: z.string().nullable(),
  }),
  source: z.object({ citation: z.string(), url: z.string().nullable() }),
  caveats: z.array(z.string()),
});
export type InstrumentRes = z.infer<typeof InstrumentSchema>;

export const InstrumentListSchema = z.object({ items: z.array(InstrumentSchema) });

const answers = z.array(z.number().nullable()).max(200);

export const QuestionnaireCreateSchema = z.object({
  /** An instrument id from GET /api/instruments. */
  instrumentId: z.string().max(64),
  /** ref_timepoint: baseline, review, discharge, follow_up. */
  timepoint: z.string().max(60),
  administeredOn: z.string().max(20),
  /** Answers in item order; null for an unanswered item. */
  answers,
});
export type QuestionnaireCreateReq = z.infer<typeof QuestionnaireCreateSchema>;

export const QuestionnaireUpdateSchema = z.object({
  version: z.number().int().min(1),
  timepoint: z.string().max(60).optional(),
  administeredOn: z.string().max(20).optional(),
  answers: answers.optional(),
});
export type QuestionnaireUpdateReq = z.infer<typeof QuestionnaireUpdateSchema>;

export const ScoreSchema = z.object({ measure: z.string(), value: z.number(), band: z.string().nullable() });

export const ChangeSchema = z.object({
  measure: z.string(),
  baselineResponseId: z.uuid(),
  baselineValue: z.number(),
  value: z.number(),
  /** Follow-up minus baseline. */
  change: z.number(),
  direction: z.enum(DIRECTIONS).nullable(),
  /** Read against the measure's minimal important difference; null when it has none. */
  interpretation: z.enum(['improved', 'deteriorated', 'no_important_change']).nullable(),
});

export const QuestionnaireResponseSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  referralId: z.uuid(),
  instrumentId: z.string(),
  instrumentVersion: z.string(),
  rulesVersion: z.string().nullable(),
  timepoint: z.string(),
  administeredOn: z.string(),
  administeredBy: z.string().nullable(),
  answers: z.array(z.number().nullable()),
  scoreStatus: z.enum(['scored', 'incomplete', 'invalid']).nullable(),
  scores: z.array(ScoreSchema),
  recordedAt: z.string(),
  updatedAt: z.string(),
});
export type QuestionnaireResponseRes = z.infer<typeof QuestionnaireResponseSchema>;

/** A response as listed or read: a follow-up carries its change from baseline (null for a baseline). */
export const QuestionnaireWithChangeSchema = QuestionnaireResponseSchema.extend({
  changes: z.array(ChangeSchema).nullable(),
});

/** A response just written, with what scoring found. */
export const QuestionnaireWrittenSchema = QuestionnaireResponseSchema.extend({
  /** Unanswered items (an incomplete response; or those a scored one was allowed to miss). */
  missingItems: z.array(z.number().int()),
  /** Safety prompts raised by the answers (e.g. PHQ-9 item 9): follow up. */
  alerts: z.array(z.object({ code: z.string(), item: z.number().int(), message: z.string() })),
  /** Why an incomplete response has no scores. */
  message: z.string().nullable(),
});

export const QuestionnaireListSchema = z.object({
  referralId: z.uuid(),
  items: z.array(QuestionnaireWithChangeSchema),
});
