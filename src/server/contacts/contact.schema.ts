// The wire contract for contacts (link-worker sessions). Shapes only: the domain validator
// (src/domain/contacts) applies the rules and names them.
import { z } from 'zod';

const optionalText = (max: number) => z.string().max(max).nullish();

export const ContactCreateSchema = z.object({
  contactAt: z.string().max(40),
  mode: z.string().max(60),
  durationMinutes: z.number().nullish(),
  locationType: optionalText(60),
  outcome: optionalText(60),
  staffId: z.uuid().nullish(),
  contactType: optionalText(400),
  notes: optionalText(4000),
  /** The person is judged at risk: a scheme that keeps people at risk then only warns at its session cap. */
  atRisk: z.boolean().optional(),
});
export type ContactCreateReq = z.infer<typeof ContactCreateSchema>;

export const ContactUpdateSchema = ContactCreateSchema.partial().extend({ version: z.number().int().min(1) });
export type ContactUpdateReq = z.infer<typeof ContactUpdateSchema>;

export const WarningSchema = z.object({ code: z.enum(['session_cap']), message: z.string() });

export const ContactSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  referralId: z.uuid(),
  contactAt: z.string(),
  mode: z.string(),
  durationMinutes: z.number().int().nullable(),
  locationType: z.string().nullable(),
  outcome: z.string(),
  staffId: z.string().nullable(),
  contactType: z.string().nullable(),
  notes: z.string().nullable(),
  recordedAt: z.string(),
  updatedAt: z.string(),
});
export type ContactRes = z.infer<typeof ContactSchema>;

/** A contact just written, with anything the caller should know (e.g. over the session cap). */
export const ContactWrittenSchema = ContactSchema.extend({ warnings: z.array(WarningSchema) });

export const ContactListSchema = z.object({
  referralId: z.uuid(),
  items: z.array(ContactSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
