// The wire contract for the care and support plan. Shapes only: the domain validators
// (src/domain/care-plan) apply the rules and name them.
import { z } from 'zod';

const optionalText = (max: number) => z.string().max(max).nullish();
const optionalDate = z.string().max(20).nullish();
const version = z.number().int().min(1);

export const NeedCreateSchema = z.object({
  /** ref_need. */
  need: z.string().max(60),
  description: optionalText(1000),
});
export const NeedUpdateSchema = NeedCreateSchema.partial().extend({ version });

export const GoalCreateSchema = z.object({
  description: z.string().max(1000),
  /** A need of the same plan. */
  needId: z.uuid().nullish(),
  /** How much the goal matters to the person, 1-10. */
  importance: z.number().nullish(),
  /** ref_goal_status (default agreed). */
  status: optionalText(60),
  agreedOn: optionalDate,
  reviewOn: optionalDate,
  achievedOn: optionalDate,
});
export const GoalUpdateSchema = GoalCreateSchema.partial().extend({ version });

export const ActionCreateSchema = z.object({
  description: z.string().max(1000),
  who: optionalText(400),
  dueOn: optionalDate,
  /** ref_action_status (default planned). */
  status: optionalText(60),
  /** How confident the person is of doing it, 1-10. */
  confidence: z.number().nullish(),
});
export const ActionUpdateSchema = ActionCreateSchema.partial().extend({ version });

const tracked = {
  id: z.uuid(),
  version: z.number().int(),
  recordedAt: z.string(),
  updatedAt: z.string(),
};

export const NeedSchema = z.object({
  ...tracked,
  referralId: z.uuid(),
  need: z.string(),
  description: z.string().nullable(),
});
export type NeedRes = z.infer<typeof NeedSchema>;

export const ActionSchema = z.object({
  ...tracked,
  goalId: z.uuid(),
  description: z.string(),
  who: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.string(),
  confidence: z.number().int().nullable(),
});
export type ActionRes = z.infer<typeof ActionSchema>;

export const GoalSchema = z.object({
  ...tracked,
  referralId: z.uuid(),
  needId: z.string().nullable(),
  description: z.string(),
  importance: z.number().int().nullable(),
  status: z.string(),
  agreedOn: z.string().nullable(),
  reviewOn: z.string().nullable(),
  achievedOn: z.string().nullable(),
});
export type GoalRes = z.infer<typeof GoalSchema>;

export const CarePlanSchema = z.object({
  referralId: z.uuid(),
  needs: z.array(NeedSchema),
  goals: z.array(GoalSchema.extend({ actions: z.array(ActionSchema) })),
});
export type CarePlanRes = z.infer<typeof CarePlanSchema>;
