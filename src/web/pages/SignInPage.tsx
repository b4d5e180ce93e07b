import { LoginBodySchema } from '../../server/auth/auth.schema.js';
import { api, type SessionRes } from '../api/endpoints.js';
import { Page } from '../app/page.js';
import { ErrorSummary, TextField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { checkBody } from '../forms/validate.js';

const LABELS = { username: 'Username', password: 'Password' } as const;

export function SignInPage({
  message,
  onSignedIn,
}: {
  message: string | null;
  onSignedIn: (session: SessionRes) => Promise<void>;
}) {
  const form = useForm({ username: '', password: '' }, LABELS);
  const { values, set, errors } = form;
  return (
    <Page title="Sign in">
      {message === null ? null : (
        <div className="notice" role="status">
          <p>{message}</p>
        </div>
      )}
      <ErrorSummary {...form.summary} />
      <form
        className="form form--narrow"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(
            () => checkBody(LoginBodySchema, values),
            (body) => api.signIn(body),
            (session) => {
              void onSignedIn(session);
            },
          );
        }}
      >
        <TextField
          name="username"
          label={LABELS.username}
          value={values.username}
          onChange={set('username')}
          error={errors['username']}
          autoComplete="username"
          required
          width="medium"
        />
        <TextField
          name="password"
          label={LABELS.password}
          type="password"
          value={values.password}
          onChange={set('password')}
          error={errors['password']}
          autoComplete="current-password"
          required
          width="medium"
        />
        <button type="submit" className="button" disabled={form.busy}>
          Sign in
        </button>
      </form>
    </Page>
  );
}
