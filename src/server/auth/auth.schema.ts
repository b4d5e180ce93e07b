import { z } from 'zod';

export const LoginBodySchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const SessionUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['link_worker', 'scheme_manager', 'regional_lead', 'researcher', 'admin']),
  schemeIds: z.array(z.uuid()),
  staffId: z.uuid().nullable(),
  regionId: z.uuid().nullable(),
});

export const SessionResponseSchema = z.object({
  user: SessionUserSchema,
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const PasswordChangeBodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
