import { validateReferral } from '../../domain/referrals/referral.js';
import { ReferralCreateSchema } from '../../server/referrals/referral.schema.js';
import { api } from '../api/endpoints.js';
import { Failed, localInputToIso, Loading, nowLocalInput, Page } from '../app/page.js';
import { href, PATHS } from '../app/paths.js';
import { Link, navigate } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { useAsync } from '../app/use-async.js';
import {
  CheckboxField,
  ChoiceGroup,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { checkBody } from '../forms/validate.js';
import { orNull, type Person } from './ReferralContext.js';

const LABELS: Readonly<Record<string, string>> = {
  schemeId: 'Scheme',
  referredAt: 'Date and time of referral',
  route: 'Referral route',
  referrerRole: 'Referrer’s role',
  referrerName: 'Referrer’s name',
  referrerOrgText: 'Referrer’s organisation',
  method: 'How the referral was made',
  reason: 'Reason for referral',
  priorityGroup: 'Priority group',
  needs: 'Needs',
  consentToShare: 'Consent to share',
  linkWorkerId: 'Link worker',
};
const labelOf = (path: string): string => LABELS[path.replace(/\[\d+\]$/, '')] ?? path;

export function ReferralNewPage({ personId }: { personId: string }) {
  const person = useAsync(() => api.person(personId), personId);
  if (person.kind === 'loading') return <Loading what="the person" />;
  if (person.kind === 'failed') {
    return (
      <Page title="Add a referral">
        <Failed error={person.error} what="the person" />
      </Page>
    );
  }
  return <ReferralForm person={person.value} />;
}

function ReferralForm({ person }: { person: Person }) {
  const { user, schemes, reference } = useAppData();
  const mine = schemes.filter((s) => user.schemeIds.includes(s.id));
  const form = useForm(
    {
      schemeId: mine[0]?.id ?? '',
      referredAt: nowLocalInput(),
      route: '',
      referrerRole: '',
      referrerName: '',
      referrerOrgText: '',
      method: '',
      reason: '',
      priorityGroup: '',
      needs: [] as string[],
      consent: '',
      assignToMe: user.staffId !== null,
    },
    labelOf,
  );
  const { values, set, errors } = form;
  const record = href(PATHS.person, { personId: person.id });
  const body = () => ({
    personId: person.id,
    schemeId: values.schemeId,
    referredAt: localInputToIso(values.referredAt),
    route: values.route,
    referrerRole: orNull(values.referrerRole),
    referrerName: orNull(values.referrerName),
    referrerOrgText: orNull(values.referrerOrgText),
    method: orNull(values.method),
    reason: orNull(values.reason),
    priorityGroup: orNull(values.priorityGroup),
    needs: values.needs,
    consentToShare: values.consent === '' ? null : values.consent === 'yes',
    linkWorkerId: values.assignToMe ? user.staffId : null,
  });

  return (
    <Page
      title="Add a referral"
      intro={
        <p className="lede">
          For <Link to={record}>{`${person.givenName} ${person.familyName}`}</Link>
        </p>
      }
    >
      <ErrorSummary {...form.summary} />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(
            () =>
              checkBody(ReferralCreateSchema, body(), (v) =>
                validateReferral(v, reference.codes, new Date()),
              ),
            (b) => api.createReferral(b),
            () => {
              navigate(record, { flash: 'Referral added.' });
            },
          );
        }}
      >
        {mine.length > 1 ? (
          <SelectField
            name="schemeId"
            label={labelOf('schemeId')}
            required
            value={values.schemeId}
            onChange={set('schemeId')}
            error={errors['schemeId']}
            options={mine.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        <TextField
          name="referredAt"
          label={labelOf('referredAt')}
          type="datetime-local"
          required
          value={values.referredAt}
          onChange={set('referredAt')}
          error={errors['referredAt']}
          width="medium"
        />
        <div className="field-row">
          <SelectField
            name="route"
            label={labelOf('route')}
            required
            value={values.route}
            onChange={set('route')}
            error={errors['route']}
            options={reference.options('referral_route')}
          />
          <SelectField
            name="method"
            label={labelOf('method')}
            empty="Not recorded"
            value={values.method}
            onChange={set('method')}
            error={errors['method']}
            options={reference.options('referral_method')}
          />
        </div>
        <div className="field-row">
          <SelectField
            name="referrerRole"
            label={labelOf('referrerRole')}
            empty="Not recorded"
            value={values.referrerRole}
            onChange={set('referrerRole')}
            error={errors['referrerRole']}
            options={reference.options('referrer_role')}
          />
          <TextField
            name="referrerName"
            label={labelOf('referrerName')}
            value={values.referrerName}
            onChange={set('referrerName')}
            error={errors['referrerName']}
            width="medium"
          />
        </div>
        <TextField
          name="referrerOrgText"
          label={labelOf('referrerOrgText')}
          hint="For example the GP practice"
          value={values.referrerOrgText}
          onChange={set('referrerOrgText')}
          error={errors['referrerOrgText']}
        />
        <TextArea
          name="reason"
          label={labelOf('reason')}
          value={values.reason}
          onChange={set('reason')}
          error={errors['reason']}
          rows={3}
        />
        <ChoiceGroup
          name="needs"
          label={labelOf('needs')}
          hint="What the person wants support with; choose any that apply"
          multiple
          value={values.needs}
          onChange={set('needs')}
          error={errors['needs'] ?? Object.entries(errors).find(([k]) => k.startsWith('needs['))?.[1]}
          options={reference.options('need')}
          inline
        />
        <SelectField
          name="priorityGroup"
          label={labelOf('priorityGroup')}
          empty="None"
          value={values.priorityGroup}
          onChange={set('priorityGroup')}
          error={errors['priorityGroup']}
          options={reference.options('priority_group')}
        />
        <ChoiceGroup
          name="consentToShare"
          label={labelOf('consentToShare')}
          hint="Has the person agreed to their information being shared with services they are referred to?"
          value={values.consent}
          onChange={set('consent')}
          error={errors['consentToShare']}
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
            { value: '', label: 'Not asked yet' },
          ]}
          inline
        />
        {user.staffId === null ? null : (
          <CheckboxField
            name="linkWorkerId"
            label="Assign to me (it goes on my caseload)"
            checked={values.assignToMe}
            onChange={set('assignToMe')}
            error={errors['linkWorkerId']}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={form.busy}>
            Add referral
          </button>
          <Link to={record}>Cancel</Link>
        </div>
      </form>
    </Page>
  );
}
