import { useState } from 'react';
import { z } from 'zod';
import { validatePerson } from '../../domain/people/person.js';
import { PersonCreateSchema } from '../../server/people/person.schema.js';
import { api } from '../api/endpoints.js';
import { formatDate, Page, todayIso } from '../app/page.js';
import { href, PATHS } from '../app/paths.js';
import { Link, navigate } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { checkBody } from '../forms/validate.js';

const LABELS = {
  schemeId: 'Scheme',
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  nhsNumber: 'NHS number',
  chiNumber: 'CHI number',
  sex: 'Sex',
  gender: 'Gender',
  'ethnicity.code': 'Ethnicity',
  'ethnicity.nation': 'Ethnicity',
  postcode: 'Postcode',
  phone: 'Phone',
  email: 'Email',
  allowPossibleDuplicate: 'Confirmation',
} as const;

const CandidatesSchema = z.array(
  z.object({ id: z.string(), givenName: z.string(), familyName: z.string(), dateOfBirth: z.string() }),
);
type Duplicate =
  | { readonly kind: 'possible'; readonly candidates: z.infer<typeof CandidatesSchema> }
  | { readonly kind: 'same_id'; readonly existingId: string | null };

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export function PersonNewPage() {
  const { user, schemes, reference } = useAppData();
  const mine = schemes.filter((s) => user.schemeIds.includes(s.id));
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const form = useForm(
    {
      schemeId: mine[0]?.id ?? '',
      givenName: '',
      familyName: '',
      dateOfBirth: '',
      identifier: '',
      sex: '',
      gender: '',
      ethnicity: '',
      postcode: '',
      phone: '',
      email: '',
      allowPossibleDuplicate: false,
    },
    LABELS,
  );
  const { values, set, errors } = form;
  const scheme = mine.find((s) => s.id === values.schemeId);
  const nation = scheme?.nation ?? 'england';
  const idField = nation === 'scotland' ? 'chiNumber' : 'nhsNumber';

  const body = () => ({
    schemeId: values.schemeId,
    givenName: values.givenName,
    familyName: values.familyName,
    dateOfBirth: values.dateOfBirth,
    nhsNumber: idField === 'nhsNumber' ? orNull(values.identifier.replace(/\s+/g, '')) : null,
    chiNumber: idField === 'chiNumber' ? orNull(values.identifier.replace(/\s+/g, '')) : null,
    sex: orNull(values.sex),
    gender: orNull(values.gender),
    ethnicity: values.ethnicity === '' ? null : { nation, code: values.ethnicity },
    postcode: orNull(values.postcode),
    phone: orNull(values.phone),
    email: orNull(values.email),
    ...(values.allowPossibleDuplicate ? { allowPossibleDuplicate: true } : {}),
  });

  return (
    <Page title="Add a person">
      <p>
        Record the person first, then their referral. Check the person is not already recorded: search People.
      </p>
      <ErrorSummary {...form.summary} />
      {duplicate?.kind === 'possible' ? (
        <div className="notice notice--warning" role="region" aria-label="Possible duplicate">
          <h2>Is this someone already recorded?</h2>
          <p>A person with the same family name and date of birth is already recorded:</p>
          <ul>
            {duplicate.candidates.map((c) => (
              <li key={c.id}>
                <Link to={href(PATHS.person, { personId: c.id })}>
                  {c.givenName} {c.familyName}, born {formatDate(c.dateOfBirth)}
                </Link>
              </li>
            ))}
            {duplicate.candidates.length === 0 ? <li>(someone you may not see)</li> : null}
          </ul>
          <p>If this is a different person, confirm below and add them again.</p>
        </div>
      ) : null}
      {duplicate?.kind === 'same_id' ? (
        <div className="notice notice--warning" role="region" aria-label="Already recorded">
          <h2>This {LABELS[idField]} is already recorded</h2>
          {duplicate.existingId === null ? (
            <p>The person is held by a scheme you do not work in: ask your scheme manager.</p>
          ) : (
            <p>
              <Link to={href(PATHS.person, { personId: duplicate.existingId })}>Open their record</Link>
            </p>
          )}
        </div>
      ) : null}
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(
            () =>
              checkBody(PersonCreateSchema, body(), (v) => validatePerson(v, reference.codes, todayIso())),
            (b) => api.createPerson(b),
            (person) => {
              navigate(href(PATHS.person, { personId: person.id }), {
                flash: `${person.givenName} ${person.familyName} added. Add their referral next.`,
              });
            },
            (error) => {
              if (error.code === 'conflict') {
                const candidates = CandidatesSchema.safeParse(error.details['candidates']);
                if (candidates.success) setDuplicate({ kind: 'possible', candidates: candidates.data });
                else {
                  const id = error.details['existingId'];
                  setDuplicate({ kind: 'same_id', existingId: typeof id === 'string' ? id : null });
                }
              }
              return false;
            },
          );
        }}
      >
        {mine.length > 1 ? (
          <SelectField
            name="schemeId"
            label={LABELS.schemeId}
            required
            value={values.schemeId}
            onChange={set('schemeId')}
            error={errors['schemeId']}
            options={mine.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : (
          <p>
            Held by <strong>{scheme?.name ?? 'your scheme'}</strong>.
          </p>
        )}
        <div className="field-row">
          <TextField
            name="givenName"
            label={LABELS.givenName}
            required
            autoComplete="off"
            value={values.givenName}
            onChange={set('givenName')}
            error={errors['givenName']}
            width="medium"
          />
          <TextField
            name="familyName"
            label={LABELS.familyName}
            required
            autoComplete="off"
            value={values.familyName}
            onChange={set('familyName')}
            error={errors['familyName']}
            width="medium"
          />
        </div>
        <TextField
          name="dateOfBirth"
          label={LABELS.dateOfBirth}
          type="date"
          required
          value={values.dateOfBirth}
          onChange={set('dateOfBirth')}
          error={errors['dateOfBirth']}
          width="short"
        />
        <TextField
          name={idField}
          label={LABELS[idField]}
          hint="10 digits"
          inputMode="numeric"
          value={values.identifier}
          onChange={set('identifier')}
          error={errors[idField]}
          width="short"
        />
        <div className="field-row">
          <SelectField
            name="sex"
            label={LABELS.sex}
            empty="Not recorded"
            value={values.sex}
            onChange={set('sex')}
            error={errors['sex']}
            options={reference.options('sex')}
          />
          <SelectField
            name="gender"
            label={LABELS.gender}
            empty="Not recorded"
            value={values.gender}
            onChange={set('gender')}
            error={errors['gender']}
            options={reference.options('gender')}
          />
        </div>
        <SelectField
          name="ethnicity.code"
          label={LABELS['ethnicity.code']}
          hint={
            nation === 'scotland'
              ? 'Scotland’s census categories'
              : 'England’s NHS data dictionary categories'
          }
          empty="Not recorded"
          value={values.ethnicity}
          onChange={set('ethnicity')}
          error={errors['ethnicity.code'] ?? errors['ethnicity.nation']}
          options={reference.options(`ethnicity_${nation}`)}
        />
        <div className="field-row">
          <TextField
            name="postcode"
            label={LABELS.postcode}
            value={values.postcode}
            onChange={set('postcode')}
            error={errors['postcode']}
            width="short"
          />
          <TextField
            name="phone"
            label={LABELS.phone}
            type="tel"
            value={values.phone}
            onChange={set('phone')}
            error={errors['phone']}
            width="medium"
          />
        </div>
        <TextField
          name="email"
          label={LABELS.email}
          type="email"
          value={values.email}
          onChange={set('email')}
          error={errors['email']}
        />
        {duplicate?.kind === 'possible' ? (
          <CheckboxField
            name="allowPossibleDuplicate"
            label="I have checked: this is a different person"
            checked={values.allowPossibleDuplicate}
            onChange={set('allowPossibleDuplicate')}
          />
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={form.busy}>
            Add person
          </button>
          <Link to={PATHS.people}>Cancel</Link>
        </div>
      </form>
    </Page>
  );
}
