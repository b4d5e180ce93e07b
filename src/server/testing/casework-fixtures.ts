// Fixture makers for the casework records on a referral (contacts, signposts, the care plan,
// questionnaires) and a directory service, registered in EXTRA_MAKERS (fixtures.ts). Each adds the
// ids route samples use through `f.extra[...]`. Types only from fixtures.ts (no import cycle).
import { addAction, addGoal, addNeed } from '../../services/casework/care-plan.service.js';
import { createContact } from '../../services/casework/contacts.service.js';
import { recordResponse } from '../../services/casework/questionnaires.service.js';
import { createSignpost } from '../../services/casework/signposts.service.js';
import type { ExtraMaker } from './fixtures.js';

const allow = (): void => undefined;

/** A directory service (any active one) and a signpost to it. */
export const makeSignpostFixtures: ExtraMaker = async (h, set, ctx) => {
  const service = await h.db.db
    .selectFrom('community_service')
    .select('id')
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const signpost = await createSignpost(
    h.db.db,
    ctx,
    set.referralId,
    { kind: 'onward_referral', serviceId: service.id, signpostedOn: '2025-10-03', reasonNeed: 'loneliness' },
    allow,
  );
  return { serviceId: service.id, signpostId: signpost.id };
};

/** A contact (a missed session: it never meets a session cap). */
export const makeContactFixtures: ExtraMaker = async (h, set, ctx) => {
  const { contact } = await createContact(
    h.db.db,
    ctx,
    set.referralId,
    { contactAt: '2025-10-03T10:00:00Z', mode: 'telephone', outcome: 'did_not_attend' },
    allow,
  );
  return { contactId: contact.id };
};

/** A need, a goal for it and an action towards the goal. */
export const makeCarePlanFixtures: ExtraMaker = async (h, set, ctx) => {
  const need = await addNeed(h.db.db, ctx, set.referralId, { need: 'loneliness' }, allow);
  const goal = await addGoal(
    h.db.db,
    ctx,
    set.referralId,
    { description: 'Meet people weekly', needId: need.id, importance: 8 },
    allow,
  );
  const action = await addAction(h.db.db, ctx, goal.id, { description: 'Try the lunch club' }, allow);
  return { needId: need.id, goalId: goal.id, actionId: action.id };
};

/** A scored SWEMWBS baseline. */
export const makeQuestionnaireFixtures: ExtraMaker = async (h, set, ctx) => {
  const response = await recordResponse(
    h.db.db,
    ctx,
    set.referralId,
    {
      instrumentId: 'swemwbs',
      timepoint: 'baseline',
      administeredOn: '2025-10-03',
      answers: [3, 3, 3, 3, 3, 3, 3],
    },
    allow,
  );
  return { questionnaireId: response.id };
};

export const CASEWORK_MAKERS: readonly ExtraMaker[] = [
  makeContactFixtures,
  makeSignpostFixtures,
  makeCarePlanFixtures,
  makeQuestionnaireFixtures,
];
