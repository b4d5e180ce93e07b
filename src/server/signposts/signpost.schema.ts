// The wire contract for signposts and onward referrals. Shapes only: the domain validator
// (src/domain/signposts) applies the rules and names them.
import { z } from 'zod';
import { SIGNPOST_RESPONSES } from '../../domain/signposts/signpost.js';

const optionalText = (max: number) => z.string().max(max).nullish();

export const SignpostCreateSchema = z.object({
  /** ref_signpost_kind: `signpost` (default) or `onward_referral`. */
  kind: optionalText(60),
  /** A directory entry (GET /api/services); or name the service in serviceName. */
  serviceId: z.uuid().nullish(),
  serviceName: optionalText(400),
  signpostedOn: z.string().max(20),
  reasonNeed: optionalText(60),
  reasonText: optionalText(400),
  attendance: optionalText(60),
  /** Onward referrals only (default pending). */
  response: z.enum(SIGNPOST_RESPONSES).nullish(),
});
export type SignpostCreateReq = z.infer<typeof SignpostCreateSchema>;

export const SignpostUpdateSchema = z.object({
  version: z.number().int().min(1),
  attendance: optionalText(60),
  response: z.enum(SIGNPOST_RESPONSES).nullish(),
});
export type SignpostUpdateReq = z.infer<typeof SignpostUpdateSchema>;

export const SignpostSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  referralId: z.uuid(),
  kind: z.string(),
  serviceId: z.string().nullable(),
  serviceName: z.string().nullable(),
  signpostedOn: z.string(),
  reasonNeed: z.string().nullable(),
  reasonText: z.string().nullable(),
  attendance: z.string(),
  response: z.enum(SIGNPOST_RESPONSES).nullable(),
  staffId: z.string().nullable(),
  recordedAt: z.string(),
  updatedAt: z.string(),
});
export type SignpostRes = z.infer<typeof SignpostSchema>;

export const SignpostListSchema = z.object({
  referralId: z.uuid(),
  items: z.array(SignpostSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
