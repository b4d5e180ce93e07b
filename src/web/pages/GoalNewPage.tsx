import { validateGoal } from '../../domain/care-plan/care-plan.js';
import { GoalCreateSchema } from '../../server/care-plan/care-plan.schema.js';
import { api } from '../api/endpoints.js';
import { todayIso } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { useAsync } from '../app/use-async.js';
import { ErrorSummary, SelectField, TextArea, TextField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { checkBody } from '../forms/validate.js';
import {
  numberOrNull,
  orNull,
  recordOf,
  ReferralPage,
  type Person,
  type Referral,
} from './ReferralContext.js';

const LABELS = {
  description: 'Goal',
  needId: 'Need it addresses',
  importance: 'Importance to the person',
  status: 'Status',
  agreedOn: 'Agreed on',
  reviewOn: 'Review on',
} as const;

export function GoalNewPage({ referralId }: { referralId: string }) {
  return (
    <ReferralPage referralId={referralId} title="Add a goal">
      {(referral, person) => <GoalForm referral={referral} person={person} />}
    </ReferralPage>
  );
}

function GoalForm({ referral, person }: { referral: Referral; person: Person }) {
  const { reference } = useAppData();
  const plan = useAsync(() => api.carePlan(referral.id), referral.id);
  const needs = plan.kind === 'ready' ? plan.value.needs : [];
  const form = useForm(
    { description: '', needId: '', importance: '', status: 'agreed', agreedOn: todayIso(), reviewOn: '' },
    LABELS,
  );
  const { values, set, errors } = form;
  const body = () => ({
    description: values.description,
    needId: orNull(values.needId),
    importance: numberOrNull(values.importance),
    status: orNull(values.status),
    agreedOn: orNull(values.agreedOn),
    reviewOn: orNull(values.reviewOn),
  });
  const record = recordOf(person);
  return (
    <>
      <ErrorSummary {...form.summary} />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(
            () =>
              checkBody(GoalCreateSchema, body(), (v) =>
                validateGoal(v, reference.codes, todayIso(), { referredAt: new Date(referral.referredAt) }),
              ),
            (b) => api.createGoal(referral.id, b),
            () => {
              navigate(record, { flash: 'Goal added.' });
            },
          );
        }}
      >
        <TextArea
          name="description"
          label={LABELS.description}
          hint="In the person’s own words, what they want to achieve"
          required
          rows={3}
          value={values.description}
          onChange={set('description')}
          error={errors['description']}
        />
        {needs.length === 0 ? null : (
          <SelectField
            name="needId"
            label={LABELS.needId}
            empty="None"
            value={values.needId}
            onChange={set('needId')}
            error={errors['needId']}
            options={needs.map((n) => ({
              value: n.id,
              label: `${reference.label('need', n.need)}${n.description === null ? '' : `: ${n.description}`}`,
            }))}
          />
        )}
        <div className="field-row">
          <TextField
            name="importance"
            label={LABELS.importance}
            hint="1 (a little) to 10 (very)"
            type="number"
            inputMode="numeric"
            min={1}
            max={10}
            value={values.importance}
            onChange={set('importance')}
            error={errors['importance']}
            width="short"
          />
          <SelectField
            name="status"
            label={LABELS.status}
            required
            empty={null}
            value={values.status}
            onChange={set('status')}
            error={errors['status']}
            options={reference.options('goal_status')}
          />
        </div>
        <div className="field-row">
          <TextField
            name="agreedOn"
            label={LABELS.agreedOn}
            type="date"
            value={values.agreedOn}
            onChange={set('agreedOn')}
            error={errors['agreedOn']}
            width="short"
          />
          <TextField
            name="reviewOn"
            label={LABELS.reviewOn}
            type="date"
            value={values.reviewOn}
            onChange={set('reviewOn')}
            error={errors['reviewOn']}
            width="short"
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={form.busy}>
            Add goal
          </button>
          <Link to={record}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
