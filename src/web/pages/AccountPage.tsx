import { PasswordChangeBodySchema } from '../../server/auth/auth.schema.js';
import { api } from '../api/endpoints.js';
import { formatDate, Page } from '../app/page.js';
import { ROLE_LABELS } from '../app/permissions.js';
import { useAppData } from '../app/session.js';
import { ErrorSummary, TextField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { checkBody } from '../forms/validate.js';
import { navigate } from '../app/router.js';
import { PATHS } from '../app/paths.js';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password' } as const;

export function AccountPage() {
  const { user, schemes, expiresAt } = useAppData();
  const form = useForm({ currentPassword: '', newPassword: '' }, LABELS);
  const { values, set, errors } = form;
  const mine = schemes.filter((s) => user.schemeIds.includes(s.id));
  return (
    <Page title="Your account">
      <dl className="facts">
        <dt>Name</dt>
        <dd>{user.displayName}</dd>
        <dt>Username</dt>
        <dd>{user.username}</dd>
        <dt>Role</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
        {mine.length === 0 ? null : (
          <>
            <dt>{mine.length === 1 ? 'Scheme' : 'Schemes'}</dt>
            <dd>{mine.map((s) => s.name).join(', ')}</dd>
          </>
        )}
        <dt>Signed in until</dt>
        <dd>{formatDate(expiresAt, true)}</dd>
      </dl>
      <h2>Change your password</h2>
      <p>Changing it signs you out everywhere else.</p>
      <ErrorSummary {...form.summary} />
      <form
        className="form form--narrow"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(
            () => checkBody(PasswordChangeBodySchema, values),
            (b) => api.changePassword(b),
            () => {
              form.setValues(() => ({ currentPassword: '', newPassword: '' }));
              navigate(PATHS.account, { replace: true, flash: 'Your password has been changed.' });
            },
          );
        }}
      >
        <TextField
          name="currentPassword"
          label={LABELS.currentPassword}
          type="password"
          required
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errors['currentPassword']}
          width="medium"
        />
        <TextField
          name="newPassword"
          label={LABELS.newPassword}
          type="password"
          required
          autoComplete="new-password"
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errors['newPassword']}
          width="medium"
        />
        <button type="submit" className="button" disabled={form.busy}>
          Change password
        </button>
      </form>
    </Page>
  );
}
