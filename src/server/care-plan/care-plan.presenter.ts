// The only way the care plan leaves the server: these fields, and no others.
import type { CareAction, CareGoal, CareNeed, CarePlan } from '../../services/casework/care-plan.service.js';
import type { ActionRes, CarePlanRes, GoalRes, NeedRes } from './care-plan.schema.js';

const tracked = (r: { id: string; version: number; recordedAt: Date; updatedAt: Date }) => ({
  id: r.id,
  version: r.version,
  recordedAt: r.recordedAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export function presentNeed(n: CareNeed): NeedRes {
  return { ...tracked(n), referralId: n.referralId, need: n.need, description: n.description };
}

export function presentGoal(g: CareGoal): GoalRes {
  return {
    ...tracked(g),
    referralId: g.referralId,
    needId: g.needId,
    description: g.description,
    importance: g.importance,
    status: g.status,
    agreedOn: g.agreedOn,
    reviewOn: g.reviewOn,
    achievedOn: g.achievedOn,
  };
}

export function presentAction(a: CareAction): ActionRes {
  return {
    ...tracked(a),
    goalId: a.goalId,
    description: a.description,
    who: a.who,
    dueOn: a.dueOn,
    status: a.status,
    confidence: a.confidence,
  };
}

export function presentCarePlan(p: CarePlan): CarePlanRes {
  return {
    referralId: p.referralId,
    needs: p.needs.map(presentNeed),
    goals: p.goals.map((g) => ({ ...presentGoal(g), actions: g.actions.map(presentAction) })),
  };
}
