import { z } from 'zod';
import { ROLES } from '../../domain/access/policy.js';

export const AccountSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  schemeIds: z.array(z.uuid()),
  staffId: z.string().nullable(),
  regionId: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  lockedUntil: z.string().nullable(),
});

export const AccountCreateSchema = z.object({
  username: z.string().max(100),
  displayName: z.string().max(100),
  role: z.string().max(40),
  password: z.string().max(200),
  schemeIds: z.array(z.uuid()).max(200).optional(),
  staffId: z.uuid().nullish(),
  regionId: z.uuid().nullish(),
});

export const AccountUpdateSchema = z.object({
  version: z.number().int().min(1),
  displayName: z.string().max(100).optional(),
  role: z.string().max(40).optional(),
  active: z.boolean().optional(),
  schemeIds: z.array(z.uuid()).max(200).optional(),
  staffId: z.uuid().nullish(),
  regionId: z.uuid().nullish(),
});

export const AuditQuerySchema = z.object({
  userId: z.uuid().optional(),
  entity: z.string().max(40).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(40).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      occurredAt: z.string(),
      userId: z.string().nullable(),
      username: z.string().nullable(),
      role: z.string().nullable(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
      schemeId: z.string().nullable(),
      requestId: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
