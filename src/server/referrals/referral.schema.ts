import { z } from 'zod';

const optionalText = (max: number) => z.string().max(max).nullish();
const codes = z.array(z.string().max(60)).max(30);

export const REFERRAL_STATUSES = ['waiting', 'active', 'discharged', 'declined', 'did_not_engage'] as const;

export const ReferralCreateSchema = z.object({
  personId: z.uuid(),
  schemeId: z.uuid(),
  referredAt: z.string().max(40),
  route: z.string().max(60),
  referrerRole: optionalText(60),
  referrerName: optionalText(200),
  referrerOrgId: z.uuid().nullish(),
  referrerOrgText: optionalText(400),
  method: optionalText(60),
  reason: optionalText(400),
  priorityGroup: optionalText(60),
  needs: codes.optional(),
  linkWorkerId: z.uuid().nullish(),
  previousReferralId: z.uuid().nullish(),
  consentToShare: z.boolean().nullish(),
  exclusions: codes.optional(),
});
export type ReferralCreateReq = z.infer<typeof ReferralCreateSchema>;

export const ReferralUpdateSchema = z.object({
  version: z.number().int().min(1),
  referrerRole: optionalText(60),
  referrerName: optionalText(200),
  referrerOrgText: optionalText(400),
  method: optionalText(60),
  reason: optionalText(400),
  priorityGroup: optionalText(60),
  needs: codes.optional(),
  linkWorkerId: z.uuid().nullish(),
  consentToShare: z.boolean().nullish(),
});
export type ReferralUpdateReq = z.infer<typeof ReferralUpdateSchema>;

export const ReferralStatusSchema = z.object({
  version: z.number().int().min(1),
  status: z.enum(REFERRAL_STATUSES),
  at: z.string().max(40).optional(),
  dischargeReason: optionalText(60),
});
export type ReferralStatusReq = z.infer<typeof ReferralStatusSchema>;

export const RereferralSchema = z.object({
  referredAt: z.string().max(40),
  route: z.string().max(60),
  referrerRole: optionalText(60),
  reason: optionalText(400),
  needs: codes.optional(),
  schemeId: z.uuid().optional(),
  exclusions: codes.optional(),
});

export const ReferralListQuerySchema = z.object({
  schemeId: z.uuid().optional(),
  status: z.enum(REFERRAL_STATUSES).optional(),
  linkWorkerId: z.uuid().optional(),
  personId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ReferralSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  personId: z.uuid(),
  schemeId: z.uuid(),
  referredAt: z.string(),
  route: z.string(),
  referrerRole: z.string().nullable(),
  referrerName: z.string().nullable(),
  referrerOrgId: z.string().nullable(),
  referrerOrgText: z.string().nullable(),
  method: z.string().nullable(),
  reason: z.string().nullable(),
  priorityGroup: z.string().nullable(),
  needs: z.array(z.string()),
  status: z.enum(REFERRAL_STATUSES),
  snomedCode: z.string().nullable(),
  linkWorkerId: z.string().nullable(),
  previousReferralId: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  dischargeReason: z.string().nullable(),
  consentToShare: z.boolean().nullable(),
});
export type ReferralRes = z.infer<typeof ReferralSchema>;

export const ReferralListSchema = z.object({
  items: z.array(ReferralSchema.extend({ personName: z.string() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const WaitingListSchema = z.object({
  schemeId: z.uuid(),
  items: z.array(
    z.object({
      referralId: z.uuid(),
      personId: z.uuid(),
      personName: z.string(),
      dateOfBirth: z.string(),
      referredAt: z.string(),
      daysWaiting: z.number().int(),
      route: z.string(),
      priorityGroup: z.string().nullable(),
      linkWorkerId: z.string().nullable(),
      version: z.number().int(),
    }),
  ),
});

export const CaseloadSchema = z.object({
  staffId: z.uuid(),
  items: z.array(
    z.object({
      referralId: z.uuid(),
      personId: z.uuid(),
      personName: z.string(),
      dateOfBirth: z.string(),
      schemeId: z.uuid(),
      referredAt: z.string(),
      status: z.string(),
      contacts: z.number().int(),
      lastContactAt: z.string().nullable(),
      version: z.number().int(),
    }),
  ),
});
