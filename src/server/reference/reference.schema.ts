// The wire contract for the reference lists (ref_* tables): codes and labels for forms and for
// showing recorded codes. Not personal data.
import { z } from 'zod';

export const ReferenceCodeSchema = z.object({
  code: z.string(),
  label: z.string(),
  /** Retired codes stay valid in old records (shown with their label) but are not offered for new ones. */
  active: z.boolean(),
});
export type ReferenceCodeRes = z.infer<typeof ReferenceCodeSchema>;

/** Every list by name, codes in display order; ethnicity appears as `ethnicity_england` and `ethnicity_scotland`. */
export const ReferenceListsSchema = z.object({
  lists: z.record(z.string(), z.array(ReferenceCodeSchema)),
});
export type ReferenceListsRes = z.infer<typeof ReferenceListsSchema>;
