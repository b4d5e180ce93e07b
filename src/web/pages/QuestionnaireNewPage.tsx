import { useState } from 'react';
import { changesFromBaseline, type MeasureChange } from '../../domain/questionnaires/change.js';
import {
  findMeasure,
  measuresOf,
  scoreInstrument,
  type InstrumentDefinition,
  type ScoreResult,
} from '../../domain/questionnaires/instrument.js';
import { findBuiltInInstrument } from '../../domain/questionnaires/registry.js';
import { assessResponse } from '../../domain/questionnaires/response.js';
import { QuestionnaireCreateSchema } from '../../server/questionnaires/questionnaire.schema.js';
import { api, type InstrumentRes } from '../api/endpoints.js';
import { formatDate, todayIso } from '../app/page.js';
import { Link, navigate } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { useAsync } from '../app/use-async.js';
import { ChoiceGroup, ErrorSummary, SelectField, TextField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { checkBody } from '../forms/validate.js';
import { formatChange, formatScore, INTERPRETATION_LABELS } from './record.js';
import { recordOf, ReferralPage, type Person, type Referral } from './ReferralContext.js';

const LABELS: Readonly<Record<string, string>> = {
  instrumentId: 'Questionnaire',
  timepoint: 'Time point',
  administeredOn: 'Date completed',
  answers: 'Answers',
};
const labelOf = (path: string): string => {
  const item = /^answers\[(\d+)\]$/.exec(path);
  return item === null ? (LABELS[path] ?? path) : `Item ${Number(item[1]) + 1}`;
};

/** The definition the server scores with, when this build knows it (the built-ins, same rules version). */
function localDefinition(instrument: InstrumentRes | undefined): InstrumentDefinition | undefined {
  if (instrument === undefined) return undefined;
  const d = findBuiltInInstrument(instrument.id);
  return d?.rulesVersion === instrument.rulesVersion ? d : undefined;
}

export function QuestionnaireNewPage({ referralId }: { referralId: string }) {
  return (
    <ReferralPage referralId={referralId} title="Record a questionnaire">
      {(referral, person) => <QuestionnaireForm referral={referral} person={person} />}
    </ReferralPage>
  );
}

type Earlier = Awaited<ReturnType<typeof api.questionnaires>>['items'];

function QuestionnaireForm({ referral, person }: { referral: Referral; person: Person }) {
  const { instruments } = useAppData();
  const earlier = useAsync(() => api.questionnaires(referral.id), referral.id);
  const [instrumentId, setInstrumentId] = useState(
    instruments.find((i) => i.id === 'swemwbs')?.id ?? instruments[0]?.id ?? '',
  );
  const instrument = instruments.find((i) => i.id === instrumentId);
  if (earlier.kind !== 'ready') return null;
  return (
    <>
      <SelectField
        name="instrumentId"
        label={labelOf('instrumentId')}
        hint="Changing the questionnaire clears the answers"
        required
        empty={null}
        value={instrumentId}
        onChange={setInstrumentId}
        options={instruments.map((i) => ({ value: i.id, label: i.name }))}
      />
      {instrument === undefined ? null : (
        <Answers
          key={instrument.id}
          instrument={instrument}
          referral={referral}
          person={person}
          earlier={earlier.value.items.filter((q) => q.instrumentId === instrument.id)}
        />
      )}
    </>
  );
}

function Answers({
  instrument,
  referral,
  person,
  earlier,
}: {
  instrument: InstrumentRes;
  referral: Referral;
  person: Person;
  earlier: Earlier;
}) {
  const { reference } = useAppData();
  const definition = localDefinition(instrument);
  const hasBaseline = earlier.some((q) => q.timepoint === 'baseline' && q.scoreStatus === 'scored');
  const form = useForm(
    {
      timepoint: hasBaseline ? 'review' : 'baseline',
      administeredOn: todayIso(),
      answers: instrument.items.map((): number | null => null),
    },
    labelOf,
  );
  const { values, set, errors } = form;
  const body = () => ({
    instrumentId: instrument.id,
    timepoint: values.timepoint,
    administeredOn: values.administeredOn,
    answers: values.answers,
  });
  const answer = (index: number, value: string): void => {
    form.setValues((v) => ({ ...v, answers: v.answers.map((a, i) => (i === index ? Number(value) : a)) }));
  };
  const result = definition === undefined ? null : scoreInstrument(definition, values.answers);
  const changes =
    definition === undefined || result?.kind !== 'scored' || values.timepoint === 'baseline'
      ? []
      : liveChanges(definition, result, earlier, values.administeredOn);
  const answered = values.answers.filter((a) => a !== null).length;
  const record = recordOf(person);

  return (
    <>
      <ErrorSummary {...form.summary} />
      <form
        className="form questionnaire"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(
            () =>
              checkBody(QuestionnaireCreateSchema, body(), (v) =>
                definition === undefined
                  ? []
                  : assessResponse(
                      v,
                      reference.codes,
                      todayIso(),
                      { referredAt: new Date(referral.referredAt) },
                      () => definition,
                    ),
              ),
            (b) => api.createQuestionnaire(referral.id, b),
            (written) => {
              const alerts = written.alerts.map((a) => a.message).join(' ');
              navigate(record, {
                flash: `${instrument.name} recorded${written.scoreStatus === 'scored' ? '' : ' (not scored: items missing)'}.${alerts === '' ? '' : ` ${alerts}`}`,
              });
            },
          );
        }}
      >
        <div className="field-row">
          <SelectField
            name="timepoint"
            label={labelOf('timepoint')}
            required
            empty={null}
            value={values.timepoint}
            onChange={set('timepoint')}
            error={errors['timepoint']}
            options={reference.options('timepoint')}
          />
          <TextField
            name="administeredOn"
            label={labelOf('administeredOn')}
            type="date"
            required
            value={values.administeredOn}
            onChange={set('administeredOn')}
            error={errors['administeredOn']}
            width="short"
          />
        </div>
        <div className="questionnaire__layout">
          <div className="questionnaire__items">
            {instrument.licence.wordingShipped ? null : (
              <p className="hint">
                The licence does not let Linkwork show the wording of {instrument.name}: read each item from
                your licensed copy; the short labels below identify them.
              </p>
            )}
            {instrument.items.map((item, index) => {
              const labels = new Map(item.scale.labels.map((l) => [l.value, l.label]));
              const options = [];
              for (let v = item.scale.min; v <= item.scale.max; v++) {
                const l = labels.get(v);
                options.push({ value: String(v), label: l === undefined ? String(v) : `${v}: ${l}` });
              }
              return (
                <ChoiceGroup
                  key={item.number}
                  name={`answers[${index}]`}
                  label={`${item.number}. ${item.wording ?? item.label}`}
                  required
                  inline
                  value={values.answers[index] === null ? '' : String(values.answers[index])}
                  onChange={(v) => {
                    answer(index, v);
                  }}
                  error={errors[`answers[${index}]`]}
                  options={options}
                />
              );
            })}
          </div>
          <aside className="score-panel" aria-labelledby="score-title">
            <h2 id="score-title">Score</h2>
            <p aria-live="polite" className="score-panel__summary">
              {answered} of {instrument.items.length} answered.{' '}
              {result === null
                ? 'Scored when saved.'
                : result.kind === 'scored'
                  ? scoreSentence(definition, result)
                  : result.kind === 'incomplete'
                    ? result.message
                    : 'Some answers are not on the scale.'}
            </p>
            {result?.kind === 'scored' && definition !== undefined ? (
              <dl className="facts facts--compact">
                {result.scores.map((s) => {
                  const measure = findMeasure(definition, s.measure);
                  return (
                    <div key={s.measure} className="facts__pair">
                      <dt>{measure?.label ?? s.measure}</dt>
                      <dd>
                        <span className="score" data-measure={s.measure}>
                          {formatScore(s.value)}
                        </span>{' '}
                        {s.band === undefined ? (
                          <span className="band band--none">no published bands</span>
                        ) : (
                          <span className="band">{s.band}</span>
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            ) : null}
            {changes.length > 0 ? (
              <div className="change" aria-live="polite">
                <h3>Change from baseline</h3>
                <ul>
                  {changes.map((c) => (
                    <li key={c.measure}>
                      {findMeasure(definition as InstrumentDefinition, c.measure)?.label ?? c.measure}:{' '}
                      <strong className="change__value">{formatChange(c.change)}</strong> (
                      {formatScore(c.baselineValue)} at baseline{baselineDate(earlier, c)} to{' '}
                      {formatScore(c.value)})
                      {c.interpretation === null ? '' : `, ${INTERPRETATION_LABELS[c.interpretation]}`}
                    </li>
                  ))}
                </ul>
              </div>
            ) : values.timepoint !== 'baseline' && !hasBaseline ? (
              <p className="hint">
                No scored baseline for {instrument.name} on this referral yet, so no change to show.
              </p>
            ) : null}
            {result !== null && result.kind !== 'invalid' && result.alerts.length > 0 ? (
              <div className="notice notice--error" role="alert">
                {result.alerts.map((a) => (
                  <p key={a.code}>{a.message}</p>
                ))}
              </div>
            ) : null}
            {definition === undefined ? null : (
              <p className="hint">
                Scored as published: {instrument.source.citation}
                {measuresOf(definition).some((m) => m.mid !== undefined)
                  ? ' Changes are read against the minimal important difference.'
                  : ''}
              </p>
            )}
          </aside>
        </div>
        <p className="hint">
          Unanswered items are saved as not answered; an incomplete questionnaire is not scored.
        </p>
        <div className="form__actions">
          <button type="submit" className="button" disabled={form.busy}>
            Save {instrument.name}
          </button>
          <Link to={record}>Cancel</Link>
        </div>
      </form>
    </>
  );
}

function scoreSentence(
  definition: InstrumentDefinition | undefined,
  result: Extract<ScoreResult, { kind: 'scored' }>,
): string {
  return result.scores
    .map((s) => {
      const label =
        definition === undefined ? s.measure : (findMeasure(definition, s.measure)?.label ?? s.measure);
      return `${label} ${formatScore(s.value)}${s.band === undefined ? '' : `, ${s.band}`}.`;
    })
    .join(' ');
}

/** The change from baseline of the answers so far, as the server will compute it when saved. */
function liveChanges(
  definition: InstrumentDefinition,
  result: Extract<ScoreResult, { kind: 'scored' }>,
  earlier: Earlier,
  administeredOn: string,
): readonly MeasureChange[] {
  const current = {
    id: 'current',
    instrumentId: definition.id,
    timepoint: 'review',
    administeredOn,
    scores: result.scores.map((s) => ({ measure: s.measure, value: s.value })),
  };
  const previous = earlier.map((q) => ({
    id: q.id,
    instrumentId: q.instrumentId,
    timepoint: q.timepoint,
    administeredOn: q.administeredOn,
    scores: q.scores,
  }));
  const changes = changesFromBaseline([...previous, current], (_i, m) => findMeasure(definition, m));
  return changes.get('current') ?? [];
}

function baselineDate(earlier: Earlier, c: MeasureChange): string {
  const b = earlier.find((q) => q.id === c.baselineResponseId);
  return b === undefined ? '' : ` on ${formatDate(b.administeredOn)}`;
}
