import { useState } from 'react';
import type { FieldIssue } from '../../domain/errors.js';
import type { ApiError } from '../api/client.js';
import { asApiError } from '../app/use-async.js';
import type { SummaryIssue } from './fields.js';
import { byPath, type Checked } from './validate.js';

export interface FormState<V> {
  readonly values: V;
  readonly set: <K extends keyof V>(key: K) => (value: V[K]) => void;
  readonly setValues: (update: (v: V) => V) => void;
  /** The first message for each field path. */
  readonly errors: Readonly<Record<string, string>>;
  readonly summary: {
    readonly issues: readonly SummaryIssue[];
    readonly message: string | null;
    readonly attempt: number;
  };
  readonly busy: boolean;
  /**
   * Checks, then sends. On a check failure or an API error the issues go beside their fields and
   * into the summary (which takes focus). `onError` may handle an API error itself (return true).
   */
  readonly submit: <B, T>(
    check: () => Checked<B>,
    send: (body: B) => Promise<T>,
    done: (result: T) => void,
    onError?: (error: ApiError) => boolean,
  ) => Promise<void>;
}

/** Form values, issues and submission, with `labels` naming fields in the summary ("Given name is required"). */
export function useForm<V extends object>(
  initial: V,
  labels: Readonly<Record<string, string>> | ((path: string) => string),
): FormState<V> {
  const labelOf = typeof labels === 'function' ? labels : (path: string) => labels[path] ?? path;
  const [values, setValuesState] = useState<V>(initial);
  const [issues, setIssues] = useState<readonly FieldIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (found: readonly FieldIssue[], text: string | null): void => {
    setIssues(found);
    setMessage(text);
    setAttempt((n) => n + 1);
  };

  const seen = new Set<string>();
  const summaryIssues: SummaryIssue[] = [];
  for (const i of issues) {
    if (seen.has(i.path)) continue;
    seen.add(i.path);
    summaryIssues.push({ path: i.path, text: `${labelOf(i.path)} ${i.message}` });
  }

  return {
    values,
    set: (key) => (value) => {
      setValuesState((v) => ({ ...v, [key]: value }));
    },
    setValues: (update) => {
      setValuesState(update);
    },
    errors: byPath(issues),
    summary: { issues: summaryIssues, message, attempt },
    busy,
    submit: async (check, send, done, onError) => {
      const checked = check();
      if (!checked.ok) {
        fail(checked.issues, null);
        return;
      }
      setBusy(true);
      try {
        const result = await send(checked.value);
        setIssues([]);
        setMessage(null);
        done(result);
      } catch (e: unknown) {
        const error = asApiError(e);
        if (onError?.(error) === true) return;
        const general =
          error.issues.length === 0 || error.code !== 'validation_failed' ? error.message : null;
        fail(error.issues, general);
      } finally {
        setBusy(false);
      }
    },
  };
}
