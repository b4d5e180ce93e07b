import { useEffect } from 'react';
import { navFor } from '../app/nav.js';
import { Page } from '../app/page.js';
import { PATHS } from '../app/paths.js';
import { hasCaseload, ROLE_LABELS } from '../app/permissions.js';
import { Link, navigate } from '../app/router.js';
import { useAppData } from '../app/session.js';

/** A link worker starts at their caseload; everyone else sees what their role may use here. */
export function HomePage() {
  const { user } = useAppData();
  const toCaseload = hasCaseload(user);
  useEffect(() => {
    if (toCaseload) navigate(PATHS.caseload, { replace: true });
  }, [toCaseload]);
  if (toCaseload) return null;
  const items = navFor(user).flatMap((s) => s.items);
  const casework = items.some((i) => i.to !== PATHS.account);
  return (
    <Page title={`Welcome, ${user.displayName}`}>
      <p>
        You are signed in as a {ROLE_LABELS[user.role].toLowerCase()}.{' '}
        {casework
          ? 'These are the pages your role may use:'
          : 'The web app offers casework pages to link workers and scheme managers; your role works through the API for now.'}
      </p>
      <ul className="link-list">
        {items.map((i) => (
          <li key={i.to}>
            <Link to={i.to}>{i.label}</Link>
          </li>
        ))}
        {casework ? null : (
          <li>
            <a href="/docs">API documentation</a>
          </li>
        )}
      </ul>
    </Page>
  );
}
