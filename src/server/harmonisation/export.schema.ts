// Request schemas of the export API (FHIR R4 Bundles, the pseudonymised research extract). Shapes
// and bounds only: the service checks the dates and that the schemes exist, naming each field.
import { z } from 'zod';

/** A research extract: which schemes (all when absent) and which referral dates (UK, inclusive). */
export const ResearchExtractBodySchema = z
  .object({
    schemeIds: z.array(z.uuid()).min(1).max(500).optional(),
    /** First referral date included, YYYY-MM-DD. */
    from: z.string().max(10).optional(),
    /** Last referral date included, YYYY-MM-DD. */
    to: z.string().max(10).optional(),
  })
  .strict();
export type ResearchExtractBodyReq = z.infer<typeof ResearchExtractBodySchema>;

/** The Bundle's outline, for the OpenAPI document (the body is FHIR R4 JSON, validated in tests). */
export const FhirBundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  id: z.string(),
  type: z.literal('collection'),
  timestamp: z.string(),
  entry: z.array(z.object({ fullUrl: z.string(), resource: z.record(z.string(), z.unknown()) })),
});
