// The wire contract for the community-services directory (not personal data).
import { z } from 'zod';

export const ServiceSearchSchema = z.object({
  /** A ref_need code the service meets. */
  need: z.string().min(1).max(60).optional(),
  /** Words in the name, organisation, description or area. */
  q: z.string().min(1).max(100).optional(),
  /** A taxonomy term the service carries (as imported from Open Referral UK / HSDS). */
  taxonomy: z.string().min(1).max(200).optional(),
  /** An age (years) the service accepts. */
  age: z.coerce.number().int().min(0).max(120).optional(),
  /** Words in the service area, or the start of its postcode. */
  area: z.string().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ServiceSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  organisationName: z.string().nullable(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  postcode: z.string().nullable(),
  area: z.string().nullable(),
  needs: z.array(z.string()),
  taxonomyTerms: z.array(z.string()),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  active: z.boolean(),
});
export type ServiceRes = z.infer<typeof ServiceSchema>;

export const ServiceListSchema = z.object({
  items: z.array(ServiceSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
