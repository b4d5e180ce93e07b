// The shell: session check, sign-in, the header with the signed-in user, the role-aware navigation,
// a skip link, and the page for the current URL.
import { useCallback, useEffect, useState } from 'react';
import { onSessionLost, setCsrfToken } from '../api/client.js';
import { api, type SessionRes } from '../api/endpoints.js';
import { SignInPage } from '../pages/SignInPage.js';
import { isCurrent, navFor } from './nav.js';
import { Failed, Loading } from './page.js';
import { PATHS } from './paths.js';
import { ROLE_LABELS } from './permissions.js';
import { Link, navigate, usePlace } from './router.js';
import { resolveRoute } from './routes.js';
import { AppDataProvider, loadAppData, type AppData } from './session.js';
import { asApiError } from './use-async.js';
import type { ApiError } from '../api/client.js';

type State =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signed_out'; readonly message: string | null }
  | { readonly kind: 'failed'; readonly error: ApiError }
  | { readonly kind: 'signed_in'; readonly data: AppData };

export function App() {
  const place = usePlace();
  const [state, setState] = useState<State>({ kind: 'checking' });

  const signOut = useCallback(async (): Promise<void> => {
    try {
      await api.signOut();
    } finally {
      setCsrfToken(null);
      setState({ kind: 'signed_out', message: 'You have signed out.' });
      navigate(PATHS.signIn, { replace: true });
    }
  }, []);

  const start = useCallback(
    async (session: SessionRes): Promise<void> => {
      setState({ kind: 'signed_in', data: await loadAppData(session, signOut) });
    },
    [signOut],
  );

  useEffect(() => {
    onSessionLost(() => {
      setCsrfToken(null);
      setState({ kind: 'signed_out', message: 'Your session has ended. Sign in again to continue.' });
    });
    api.session().then(
      (session) => start(session),
      (e: unknown) => {
        const error = asApiError(e);
        setState(
          error.code === 'unauthenticated'
            ? { kind: 'signed_out', message: null }
            : { kind: 'failed', error },
        );
      },
    );
  }, [start]);

  // Signed out on an app page: go to sign-in, coming back afterwards.
  useEffect(() => {
    if (state.kind === 'signed_out' && place.path !== PATHS.signIn) {
      const next = `${place.path}${place.search.size > 0 ? `?${place.search.toString()}` : ''}`;
      navigate(next === '/' ? PATHS.signIn : `${PATHS.signIn}?next=${encodeURIComponent(next)}`, {
        replace: true,
      });
    }
    if (state.kind === 'signed_in' && place.path === PATHS.signIn) {
      const next = place.search.get('next');
      navigate(next !== null && next.startsWith('/') && !next.startsWith('//') ? next : PATHS.home, {
        replace: true,
      });
    }
  }, [state.kind, place]);

  switch (state.kind) {
    case 'checking':
      return (
        <main id="main" className="container">
          <Loading what="Linkwork" />
        </main>
      );
    case 'failed':
      return (
        <main id="main" className="container">
          <Failed error={state.error} what="Linkwork" />
        </main>
      );
    case 'signed_out':
      return (
        <>
          <SkipLink />
          <header className="app-header">
            <div className="container app-header__inner">
              <span className="brand">Linkwork</span>
            </div>
          </header>
          <main id="main" className="container" tabIndex={-1}>
            <SignInPage message={state.message} onSignedIn={start} />
          </main>
        </>
      );
    case 'signed_in':
      return (
        <AppDataProvider value={state.data}>
          <Shell data={state.data} />
        </AppDataProvider>
      );
  }
}

function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}

function Shell({ data }: { data: AppData }) {
  const place = usePlace();
  const sections = navFor(data.user);
  const found = resolveRoute(place.path);
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="container app-header__inner">
          <Link className="brand" to={PATHS.home}>
            Linkwork
          </Link>
          <div className="app-header__user">
            <span>
              {data.user.displayName} <span className="role">({ROLE_LABELS[data.user.role]})</span>
            </span>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                void data.signOut();
              }}
            >
              Sign out
            </button>
          </div>
        </div>
        <nav className="app-nav" aria-label="Main">
          <div className="container">
            {sections.map((s) => (
              <ul key={s.id} className={`app-nav__section app-nav__section--${s.id}`} aria-label={s.label}>
                {s.items.map((i) => {
                  const current = isCurrent(i, place.path);
                  return (
                    <li key={i.to}>
                      <Link to={i.to} aria-current={current ? 'page' : undefined}>
                        {i.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            ))}
          </div>
        </nav>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {place.flash === null ? null : (
          <div className="notice notice--success" role="status">
            <p>{place.flash}</p>
          </div>
        )}
        {found === null || !found.route.allowed(data.user) ? (
          <NotFound />
        ) : (
          <div key={place.path}>{found.route.render(found.params)}</div>
        )}
      </main>
      <footer className="app-footer">
        <div className="container">
          <p>
            Linkwork, open source for social prescribing link-worker schemes.{' '}
            <a href="/docs">API documentation</a>
          </p>
        </div>
      </footer>
    </>
  );
}

function NotFound() {
  useEffect(() => {
    document.title = 'Page not found – Linkwork';
  }, []);
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address that you may see.</p>
      <p>
        <Link to={PATHS.home}>Go to the start page</Link>
      </p>
    </>
  );
}
