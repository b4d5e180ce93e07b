import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiError } from '../api/client.js';
import { hasNavigated } from './router.js';

/**
 * A page: its <h1>, the document title, and focus. After a move within the app the heading takes
 * focus, so screen readers announce the new page and Tab continues from its top.
 */
export function Page({ title, children, intro }: { title: string; children: ReactNode; intro?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Linkwork`;
    if (hasNavigated()) heading.current?.focus();
  }, [title]);
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {intro === undefined ? null : <div className="intro">{intro}</div>}
      {children}
    </>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Failed({ error, what }: { error: ApiError; what: string }) {
  return (
    <div className="notice notice--error" role="alert">
      <p>
        Could not load {what}: {error.message}
      </p>
    </div>
  );
}

/** Formats an ISO date or date-time as a UK date ("3 Mar 2026"), with the time when asked. */
export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
  if (iso.length === 10) opts.timeZone = 'UTC';
  if (withTime) {
    opts.hour = '2-digit';
    opts.minute = '2-digit';
  }
  return d.toLocaleString('en-GB', opts);
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Now as the value of a datetime-local input (local time, minutes). */
export function nowLocalInput(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return `${todayIso()}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** A datetime-local value as an ISO instant (the server wants a zone); '' stays ''. */
export function localInputToIso(value: string): string {
  if (value === '') return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
