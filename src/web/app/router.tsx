// A small history router: the URL is the state, navigate() pushes it, a popstate listener follows
// the back button. Links are real <a href> (open in a new tab, keyboard and screen readers work);
// plain left-clicks are handled in the page. A one-off status message ("Contact recorded") can ride
// along in the history entry's state and is shown by the next page.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export interface Place {
  readonly path: string;
  readonly search: URLSearchParams;
  /** A status message left by the previous page, if any. */
  readonly flash: string | null;
}

const listeners = new Set<() => void>();
let current = read();
let moved = false;

function read(): Place {
  const state: unknown = window.history.state;
  const flash =
    typeof state === 'object' && state !== null && 'flash' in state && typeof state.flash === 'string'
      ? state.flash
      : null;
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search), flash };
}

function changed(): void {
  current = read();
  for (const l of listeners) l();
}

window.addEventListener('popstate', () => {
  moved = true;
  changed();
});

/** Goes to `to` (a path with an optional query), optionally replacing the entry and leaving a message. */
export function navigate(to: string, opts: { replace?: boolean; flash?: string } = {}): void {
  moved = true;
  const state = opts.flash === undefined ? null : { flash: opts.flash };
  if (opts.replace === true) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  window.scrollTo(0, 0);
  changed();
}

/** True once the user has moved within the app (pages then take focus to their heading). */
export function hasNavigated(): boolean {
  return moved;
}

export function usePlace(): Place {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  readonly to: string;
  readonly children: ReactNode;
};

/** An <a href> that moves within the app on a plain left-click. */
export function Link({ to, children, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
