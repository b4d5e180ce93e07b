// The wire contract for people. Shapes only: the domain validators (src/domain/people) apply the
// rules and name them; the web app imports these schemas for its forms.
import { z } from 'zod';

const text = (max: number) => z.string().max(max);
const optionalText = (max: number) => z.string().max(max).nullish();

export const PersonFieldsSchema = z.object({
  nhsNumber: optionalText(20),
  chiNumber: optionalText(20),
  givenName: text(200),
  familyName: text(200),
  dateOfBirth: text(20),
  sex: optionalText(40),
  gender: optionalText(40),
  ethnicity: z.object({ nation: text(40), code: text(10) }).nullish(),
  postcode: optionalText(20),
  deprivation: z.object({ index: text(40), decile: z.number() }).nullish(),
  registeredPracticeId: z.uuid().nullish(),
  phone: optionalText(60),
  email: optionalText(400),
});

export const PersonCreateSchema = PersonFieldsSchema.extend({
  schemeId: z.uuid(),
  allowPossibleDuplicate: z.boolean().optional(),
});
export type PersonCreateReq = z.infer<typeof PersonCreateSchema>;

export const PersonUpdateSchema = PersonFieldsSchema.extend({ version: z.number().int().min(1) });
export type PersonUpdateReq = z.infer<typeof PersonUpdateSchema>;

export const PersonSearchSchema = z.object({
  name: z.string().min(1).max(100).optional(),
  nhsNumber: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
  chiNumber: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
  dateOfBirth: z.iso.date().optional(),
  schemeId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const PersonSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  nhsNumber: z.string().nullable(),
  chiNumber: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  sex: z.string().nullable(),
  gender: z.string().nullable(),
  ethnicity: z.object({ nation: z.string(), code: z.string() }).nullable(),
  postcode: z.string().nullable(),
  deprivation: z.object({ index: z.string(), decile: z.number() }).nullable(),
  registeredPracticeId: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonRes = z.infer<typeof PersonSchema>;

export const PersonListSchema = z.object({
  items: z.array(PersonSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
