import { useState } from 'react';
import type { z } from 'zod';
import { ONWARD_REFERRAL, SIGNPOST_RESPONSES, validateSignpost } from '../../domain/signposts/signpost.js';
import type { ServiceListSchema } from '../../server/directory/directory.schema.js';
import { SignpostCreateSchema } from '../../server/signposts/signpost.schema.js';
import { api } from '../api/endpoints.js';
import { todayIso } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { asApiError } from '../app/use-async.js';
import { ChoiceGroup, ErrorSummary, SelectField, TextArea, TextField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { checkBody } from '../forms/validate.js';
import { orNull, recordOf, ReferralPage, type Person, type Referral } from './ReferralContext.js';

type Service = z.output<typeof ServiceListSchema>['items'][number];

const LABELS = {
  kind: 'Kind',
  serviceId: 'Service',
  serviceName: 'Service name',
  signpostedOn: 'Date',
  reasonNeed: 'Need it meets',
  reasonText: 'Why this service',
  attendance: 'Attendance',
  response: 'Service’s response',
} as const;

const NOT_LISTED = 'not_listed';

export function SignpostNewPage({ referralId }: { referralId: string }) {
  return (
    <ReferralPage referralId={referralId} title="Record a signpost">
      {(referral, person) => <SignpostForm referral={referral} person={person} />}
    </ReferralPage>
  );
}

function SignpostForm({ referral, person }: { referral: Referral; person: Person }) {
  const { reference } = useAppData();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<readonly Service[] | null>(null);
  const [searchNote, setSearchNote] = useState('');
  const form = useForm(
    {
      kind: 'signpost',
      service: NOT_LISTED,
      serviceName: '',
      signpostedOn: todayIso(),
      reasonNeed: '',
      reasonText: '',
      attendance: 'not_known',
      response: 'pending',
    },
    LABELS,
  );
  const { values, set, errors } = form;
  const chosen = found?.find((s) => s.id === values.service);
  const onward = values.kind === ONWARD_REFERRAL;
  const body = () => ({
    kind: values.kind,
    serviceId: chosen?.id ?? null,
    serviceName: chosen?.name ?? orNull(values.serviceName),
    signpostedOn: values.signpostedOn,
    reasonNeed: orNull(values.reasonNeed),
    reasonText: orNull(values.reasonText),
    attendance: orNull(values.attendance),
    response: onward ? (values.response as (typeof SIGNPOST_RESPONSES)[number]) : null,
  });
  const search = async (): Promise<void> => {
    setSearchNote('Searching…');
    try {
      const r = await api.services({
        ...(query.trim() === '' ? {} : { q: query.trim() }),
        ...(values.reasonNeed === '' ? {} : { need: values.reasonNeed }),
      });
      setFound(r.items);
      set('service')(r.items[0]?.id ?? NOT_LISTED);
      setSearchNote(
        r.items.length === 0
          ? 'No directory service matches: name the service below.'
          : `${r.total} ${r.total === 1 ? 'service matches' : 'services match'}${r.total > r.items.length ? `; the first ${r.items.length} are shown` : ''}.`,
      );
    } catch (e: unknown) {
      setSearchNote(`Could not search the directory: ${asApiError(e).message}`);
    }
  };
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
            () => {
              const checked = checkBody(SignpostCreateSchema, body(), (v) =>
                validateSignpost({ ...v, referralId: referral.id }, reference.codes, todayIso(), {
                  referredAt: new Date(referral.referredAt),
                }),
              );
              if (checked.ok) return checked;
              // "Name a directory service or give a name" belongs to the field on screen.
              const issues = checked.issues.map((i) =>
                i.path === 'serviceId' && i.rule === 'required'
                  ? {
                      ...i,
                      path: 'serviceName',
                      message: 'is required: choose a directory service or name it',
                    }
                  : i,
              );
              return { ok: false as const, issues };
            },
            (b) => api.createSignpost(referral.id, b),
            (s) => {
              navigate(record, {
                flash: `${s.kind === ONWARD_REFERRAL ? 'Onward referral' : 'Signpost'} to ${s.serviceName ?? 'the service'} recorded.`,
              });
            },
          );
        }}
      >
        <ChoiceGroup
          name="kind"
          label={LABELS.kind}
          required
          value={values.kind}
          onChange={set('kind')}
          error={errors['kind']}
          options={reference.options('signpost_kind')}
        />
        <SelectField
          name="reasonNeed"
          label={LABELS.reasonNeed}
          empty="Not recorded"
          value={values.reasonNeed}
          onChange={set('reasonNeed')}
          error={errors['reasonNeed']}
          options={reference.options('need')}
        />
        <fieldset className="field fieldset subform">
          <legend className="label">Find the service in the directory</legend>
          <div className="field-row field-row--end">
            <TextField
              name="directorySearch"
              label="Words in the name, organisation or area"
              type="search"
              value={query}
              onChange={setQuery}
              width="medium"
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                void search();
              }}
            >
              Search the directory
            </button>
          </div>
          <p role="status" className="hint">
            {searchNote}
          </p>
        </fieldset>
        {found !== null && found.length > 0 ? (
          <ChoiceGroup
            name="serviceId"
            label={LABELS.serviceId}
            required
            value={values.service}
            onChange={set('service')}
            error={errors['serviceId']}
            options={[
              ...found.map((s) => ({
                value: s.id,
                label: [s.name, s.organisationName, s.area].filter((x) => x !== null && x !== '').join(', '),
              })),
              { value: NOT_LISTED, label: 'Not in the directory: I will name it' },
            ]}
          />
        ) : null}
        {chosen === undefined ? (
          <TextField
            name="serviceName"
            label={LABELS.serviceName}
            hint="The service’s name if it is not in the directory"
            required
            value={values.serviceName}
            onChange={set('serviceName')}
            error={errors['serviceName']}
          />
        ) : null}
        <TextField
          name="signpostedOn"
          label={LABELS.signpostedOn}
          type="date"
          required
          value={values.signpostedOn}
          onChange={set('signpostedOn')}
          error={errors['signpostedOn']}
          width="short"
        />
        <TextArea
          name="reasonText"
          label={LABELS.reasonText}
          rows={2}
          value={values.reasonText}
          onChange={set('reasonText')}
          error={errors['reasonText']}
        />
        <SelectField
          name="attendance"
          label={LABELS.attendance}
          required
          empty={null}
          value={values.attendance}
          onChange={set('attendance')}
          error={errors['attendance']}
          options={reference.options('attendance')}
        />
        {onward ? (
          <ChoiceGroup
            name="response"
            label={LABELS.response}
            required
            inline
            value={values.response}
            onChange={set('response')}
            error={errors['response']}
            options={SIGNPOST_RESPONSES.map((r) => ({
              value: r,
              label: `${r.charAt(0).toUpperCase()}${r.slice(1)}`,
            }))}
          />
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={form.busy}>
            Record signpost
          </button>
          <Link to={record}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
