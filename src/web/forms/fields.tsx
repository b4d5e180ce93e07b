// Labelled form fields. Every input has a <label> (or a fieldset legend for groups); a hint and an
// error, when present, are linked with aria-describedby and the field is marked aria-invalid.
import { useEffect, useRef, type ReactNode } from 'react';
import type { Option } from '../app/reference.js';
import { fieldId } from './validate.js';

interface Common {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly required?: boolean;
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint === undefined ? null : `${id}-hint`, error === undefined ? null : `${id}-error`].filter(
    (x): x is string => x !== null,
  );
  return ids.length === 0 ? undefined : ids.join(' ');
}

function Hint({ id, hint }: { id: string; hint: string | undefined }) {
  return hint === undefined ? null : (
    <p className="hint" id={`${id}-hint`}>
      {hint}
    </p>
  );
}

function ErrorText({ id, label, error }: { id: string; label: string; error: string | undefined }) {
  return error === undefined ? null : (
    <p className="field-error" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {label} {error}
    </p>
  );
}

function Label({ id, label, required }: { id: string; label: string; required: boolean | undefined }) {
  return (
    <label className="label" htmlFor={id}>
      {label}
      {required === true ? null : <span className="optional"> (optional)</span>}
    </label>
  );
}

export function TextField(
  props: Common & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly type?: 'text' | 'date' | 'datetime-local' | 'email' | 'tel' | 'number' | 'password' | 'search';
    readonly autoComplete?: string;
    readonly inputMode?: 'numeric' | 'text' | 'email' | 'tel';
    readonly width?: 'short' | 'medium' | 'long';
    readonly min?: number;
    readonly max?: number;
  },
) {
  const id = fieldId(props.name);
  return (
    <div className={`field${props.error === undefined ? '' : ' field--error'}`}>
      <Label id={id} label={props.label} required={props.required} />
      <Hint id={id} hint={props.hint} />
      <ErrorText id={id} label={props.label} error={props.error} />
      <input
        id={id}
        name={props.name}
        className={`input input--${props.width ?? 'long'}`}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
        }}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error === undefined ? undefined : true}
        required={props.required}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        min={props.min}
        max={props.max}
      />
    </div>
  );
}

export function TextArea(
  props: Common & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly rows?: number;
  },
) {
  const id = fieldId(props.name);
  return (
    <div className={`field${props.error === undefined ? '' : ' field--error'}`}>
      <Label id={id} label={props.label} required={props.required} />
      <Hint id={id} hint={props.hint} />
      <ErrorText id={id} label={props.label} error={props.error} />
      <textarea
        id={id}
        name={props.name}
        className="input textarea"
        rows={props.rows ?? 4}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
        }}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error === undefined ? undefined : true}
        required={props.required}
      />
    </div>
  );
}

export function SelectField(
  props: Common & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly options: readonly Option[];
    /** The first, empty choice ("Not recorded"); none when the field is required and preset. */
    readonly empty?: string | null;
  },
) {
  const id = fieldId(props.name);
  const empty = props.empty === undefined ? 'Choose…' : props.empty;
  return (
    <div className={`field${props.error === undefined ? '' : ' field--error'}`}>
      <Label id={id} label={props.label} required={props.required} />
      <Hint id={id} hint={props.hint} />
      <ErrorText id={id} label={props.label} error={props.error} />
      <select
        id={id}
        name={props.name}
        className="input select"
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
        }}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error === undefined ? undefined : true}
        required={props.required}
      >
        {empty === null ? null : <option value="">{empty}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField(
  props: Omit<Common, 'required'> & {
    readonly checked: boolean;
    readonly onChange: (checked: boolean) => void;
  },
) {
  const id = fieldId(props.name);
  return (
    <div className={`field checkbox${props.error === undefined ? '' : ' field--error'}`}>
      <ErrorText id={id} label={props.label} error={props.error} />
      <input
        id={id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => {
          props.onChange(e.target.checked);
        }}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error === undefined ? undefined : true}
      />
      <label htmlFor={id}>{props.label}</label>
      <Hint id={id} hint={props.hint} />
    </div>
  );
}

/** A group of choices in a fieldset; `multiple` makes it checkboxes (value is then the chosen list). */
export function ChoiceGroup(
  props: Common & {
    readonly options: readonly Option[];
    readonly inline?: boolean;
    readonly children?: ReactNode;
  } & (
      | { readonly multiple?: false; readonly value: string; readonly onChange: (value: string) => void }
      | {
          readonly multiple: true;
          readonly value: readonly string[];
          readonly onChange: (value: string[]) => void;
        }
    ),
) {
  const id = fieldId(props.name);
  return (
    <fieldset
      className={`field fieldset${props.error === undefined ? '' : ' field--error'}`}
      id={id}
      aria-describedby={describedBy(id, props.hint, props.error)}
      tabIndex={-1}
    >
      <legend className="label">
        {props.label}
        {props.required === true ? null : <span className="optional"> (optional)</span>}
      </legend>
      <Hint id={id} hint={props.hint} />
      <ErrorText id={id} label={props.label} error={props.error} />
      <div className={props.inline === true ? 'choices choices--inline' : 'choices'}>
        {props.options.map((o) => {
          const optionId = `${id}-${o.value.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
          const checked = props.multiple === true ? props.value.includes(o.value) : props.value === o.value;
          return (
            <div className="choice" key={o.value}>
              <input
                id={optionId}
                type={props.multiple === true ? 'checkbox' : 'radio'}
                name={props.name}
                value={o.value}
                checked={checked}
                onChange={(e) => {
                  if (props.multiple === true) {
                    props.onChange(
                      e.target.checked ? [...props.value, o.value] : props.value.filter((v) => v !== o.value),
                    );
                  } else {
                    props.onChange(o.value);
                  }
                }}
              />
              <label htmlFor={optionId}>{o.label}</label>
            </div>
          );
        })}
      </div>
      {props.children}
    </fieldset>
  );
}

export interface SummaryIssue {
  readonly path: string;
  readonly text: string;
}

/**
 * The list of problems at the top of a form, each a link to its field. It takes focus when a
 * submission fails, so keyboard and screen-reader users hear what to fix.
 */
export function ErrorSummary({
  issues,
  message,
  attempt,
}: {
  readonly issues: readonly SummaryIssue[];
  readonly message?: string | null;
  /** Increases with each failed submission: the summary takes focus again. */
  readonly attempt: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  if (issues.length === 0 && (message ?? null) === null) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title" className="error-summary__title">
        There is a problem
      </h2>
      {message === null || message === undefined ? null : <p>{message}</p>}
      {issues.length === 0 ? null : (
        <ul>
          {issues.map((i) => (
            <li key={i.path}>
              <a
                href={`#${fieldId(i.path)}`}
                onClick={(e) => {
                  e.preventDefault();
                  const el = document.getElementById(fieldId(i.path));
                  el?.focus();
                  el?.scrollIntoView({ block: 'center' });
                }}
              >
                {i.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
