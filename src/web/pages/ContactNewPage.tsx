import { validateContact } from '../../domain/contacts/contact.js';
import { ContactCreateSchema } from '../../server/contacts/contact.schema.js';
import { api } from '../api/endpoints.js';
import { localInputToIso, nowLocalInput } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { CheckboxField, ErrorSummary, SelectField, TextArea, TextField } from '../forms/fields.js';
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
  contactAt: 'Date and time',
  mode: 'How',
  durationMinutes: 'Duration in minutes',
  locationType: 'Where',
  outcome: 'Outcome',
  contactType: 'Type of contact',
  notes: 'Notes',
  atRisk: 'At risk',
} as const;

export function ContactNewPage({ referralId }: { referralId: string }) {
  return (
    <ReferralPage referralId={referralId} title="Record a contact">
      {(referral, person) => <ContactForm referral={referral} person={person} />}
    </ReferralPage>
  );
}

function ContactForm({ referral, person }: { referral: Referral; person: Person }) {
  const { reference, user } = useAppData();
  const form = useForm(
    {
      contactAt: nowLocalInput(),
      mode: '',
      durationMinutes: '',
      locationType: '',
      outcome: 'attended',
      contactType: '',
      notes: '',
      atRisk: false,
    },
    LABELS,
  );
  const { values, set, errors } = form;
  const body = () => ({
    contactAt: localInputToIso(values.contactAt),
    mode: values.mode,
    durationMinutes: numberOrNull(values.durationMinutes),
    locationType: orNull(values.locationType),
    outcome: orNull(values.outcome),
    contactType: orNull(values.contactType),
    notes: orNull(values.notes),
    ...(values.atRisk ? { atRisk: true } : {}),
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
              checkBody(ContactCreateSchema, body(), (v) =>
                validateContact(
                  { ...v, referralId: referral.id, staffId: user.staffId },
                  reference.codes,
                  new Date(),
                  {
                    referredAt: new Date(referral.referredAt),
                  },
                ),
              ),
            (b) => api.createContact(referral.id, b),
            (written) => {
              const warnings = written.warnings.map((w) => w.message).join(' ');
              navigate(record, { flash: `Contact recorded.${warnings === '' ? '' : ` ${warnings}`}` });
            },
          );
        }}
      >
        <TextField
          name="contactAt"
          label={LABELS.contactAt}
          type="datetime-local"
          required
          value={values.contactAt}
          onChange={set('contactAt')}
          error={errors['contactAt']}
          width="medium"
        />
        <div className="field-row">
          <SelectField
            name="mode"
            label={LABELS.mode}
            required
            value={values.mode}
            onChange={set('mode')}
            error={errors['mode']}
            options={reference.options('contact_mode')}
          />
          <SelectField
            name="outcome"
            label={LABELS.outcome}
            required
            empty={null}
            value={values.outcome}
            onChange={set('outcome')}
            error={errors['outcome']}
            options={reference.options('contact_outcome')}
          />
        </div>
        <div className="field-row">
          <TextField
            name="durationMinutes"
            label={LABELS.durationMinutes}
            type="number"
            inputMode="numeric"
            min={0}
            value={values.durationMinutes}
            onChange={set('durationMinutes')}
            error={errors['durationMinutes']}
            width="short"
          />
          <SelectField
            name="locationType"
            label={LABELS.locationType}
            empty="Not recorded"
            value={values.locationType}
            onChange={set('locationType')}
            error={errors['locationType']}
            options={reference.options('location_type')}
          />
        </div>
        <TextField
          name="contactType"
          label={LABELS.contactType}
          hint="For example first assessment, review, accompanied visit"
          value={values.contactType}
          onChange={set('contactType')}
          error={errors['contactType']}
        />
        <TextArea
          name="notes"
          label={LABELS.notes}
          value={values.notes}
          onChange={set('notes')}
          error={errors['notes']}
        />
        <CheckboxField
          name="atRisk"
          label="The person is at risk"
          hint="Schemes that keep people at risk then only warn when the session cap is reached"
          checked={values.atRisk}
          onChange={set('atRisk')}
          error={errors['atRisk']}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={form.busy}>
            Record contact
          </button>
          <Link to={record}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
