import { REFERRAL_TRANSITIONS, type ReferralStatus } from '../../domain/referrals/referral.js';
import { checkCode, checkDateTime, IssueList } from '../../domain/validation.js';
import { ReferralStatusSchema } from '../../server/referrals/referral.schema.js';
import { api } from '../api/endpoints.js';
import { localInputToIso, nowLocalInput } from '../app/page.js';
import type { Reference } from '../app/reference.js';
import { Link, navigate } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { ChoiceGroup, ErrorSummary, SelectField, TextField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { checkBody } from '../forms/validate.js';
import { recordOf, ReferralPage, type Person, type Referral } from './ReferralContext.js';

const LABELS = { status: 'What happened', at: 'When', dischargeReason: 'Reason for discharge' } as const;

const CHOICES: Readonly<Record<ReferralStatus, string>> = {
  active: 'The person accepted the service: start support',
  declined: 'The person declined the service',
  did_not_engage: 'The person did not engage (could not be reached or stopped attending)',
  discharged: 'Discharge: support has ended',
  waiting: 'Waiting',
};

const DONE: Readonly<Record<ReferralStatus, string>> = {
  active: 'Referral accepted: support has started.',
  declined: 'Referral closed: the person declined.',
  did_not_engage: 'Referral closed: the person did not engage.',
  discharged: 'Discharged.',
  waiting: 'Referral waiting.',
};

export function ReferralStatusPage({ referralId }: { referralId: string }) {
  return (
    <ReferralPage referralId={referralId} title="Change the referral’s status">
      {(referral, person) => <StatusForm referral={referral} person={person} />}
    </ReferralPage>
  );
}

/** The status rules the server applies (referrals.service changeReferralStatus), for the form. */
function statusIssues(
  v: { status: ReferralStatus; at?: string | undefined; dischargeReason?: string | null | undefined },
  referral: Referral,
  reference: Reference,
) {
  const issues = new IssueList();
  if (!REFERRAL_TRANSITIONS[referral.status].includes(v.status)) {
    issues.add('status', 'invalid_transition', `cannot change a ${referral.status} referral to ${v.status}`);
  }
  const at = checkDateTime(issues, 'at', v.at, { required: true, notAfter: new Date() });
  if (at !== null && at < new Date(referral.referredAt)) {
    issues.add('at', 'not_before_referral', 'must not be before the referral was made');
  }
  if (v.status === 'discharged') {
    checkCode(issues, reference.codes, 'dischargeReason', 'discharge_reason', v.dischargeReason, {
      required: true,
    });
  }
  return issues.issues;
}

function StatusForm({ referral, person }: { referral: Referral; person: Person }) {
  const { reference } = useAppData();
  const allowed = REFERRAL_TRANSITIONS[referral.status];
  const form = useForm(
    {
      status: allowed.includes('discharged') ? 'discharged' : (allowed[0] ?? ''),
      at: nowLocalInput(),
      dischargeReason: '',
    },
    LABELS,
  );
  const { values, set, errors } = form;
  const record = recordOf(person);
  if (allowed.length === 0) {
    return (
      <p>
        This referral has ended ({reference.label('referral_status', referral.status).toLowerCase()}). A
        return to the service is a new referral. <Link to={record}>Back to the record</Link>
      </p>
    );
  }
  const body = () => ({
    version: referral.version,
    status: values.status,
    at: localInputToIso(values.at),
    ...(values.status === 'discharged'
      ? { dischargeReason: values.dischargeReason === '' ? null : values.dischargeReason }
      : {}),
  });
  return (
    <>
      <p>
        Now:{' '}
        <span className={`tag tag--${referral.status}`}>
          {reference.label('referral_status', referral.status)}
        </span>
      </p>
      <ErrorSummary {...form.summary} />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(
            () => checkBody(ReferralStatusSchema, body(), (v) => statusIssues(v, referral, reference)),
            (b) => api.changeStatus(referral.id, b),
            (r) => {
              navigate(record, { flash: DONE[r.status] });
            },
          );
        }}
      >
        <ChoiceGroup
          name="status"
          label={LABELS.status}
          required
          value={values.status}
          onChange={set('status')}
          error={errors['status']}
          options={allowed.map((s) => ({ value: s, label: CHOICES[s] }))}
        />
        {values.status === 'discharged' ? (
          <SelectField
            name="dischargeReason"
            label={LABELS.dischargeReason}
            required
            value={values.dischargeReason}
            onChange={set('dischargeReason')}
            error={errors['dischargeReason']}
            options={reference.options('discharge_reason')}
          />
        ) : null}
        <TextField
          name="at"
          label={LABELS.at}
          type="datetime-local"
          required
          value={values.at}
          onChange={set('at')}
          error={errors['at']}
          width="medium"
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={form.busy}>
            Save
          </button>
          <Link to={record}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
