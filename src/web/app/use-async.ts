import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';

export type Async<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: ApiError }
  | { readonly kind: 'ready'; readonly value: T };

/**
 * Runs `load` when `key` changes (showing loading) and on reload() (keeping what is shown until the
 * new answer arrives); an answer for an old key is dropped.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): Async<T> & { reload: () => void } {
  const [state, setState] = useState<Async<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  const shownKey = useRef(key);
  const reload = useCallback(() => {
    setRound((n) => n + 1);
  }, []);
  useEffect(() => {
    let live = true;
    if (shownKey.current !== key) {
      shownKey.current = key;
      setState({ kind: 'loading' });
    }
    loader.current().then(
      (value) => {
        if (live) setState({ kind: 'ready', value });
      },
      (error: unknown) => {
        if (live) setState({ kind: 'failed', error: asApiError(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  return { ...state, reload };
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'bad_response', error instanceof Error ? error.message : String(error));
}
