// The signed-in user and what every page needs from the server once per session: the user's
// schemes, the reference lists and the instruments.
import { createContext, useContext } from 'react';
import { setCsrfToken } from '../api/client.js';
import {
  api,
  type InstrumentRes,
  type SchemeSummary,
  type SessionRes,
  type SessionUser,
} from '../api/endpoints.js';
import { can } from './permissions.js';
import { makeReference, type Reference } from './reference.js';

export interface AppData {
  readonly user: SessionUser;
  readonly expiresAt: string;
  /** The schemes the user may see (their own, for link workers and managers). */
  readonly schemes: readonly SchemeSummary[];
  readonly reference: Reference;
  readonly instruments: readonly InstrumentRes[];
  readonly signOut: () => Promise<void>;
}

const AppDataContext = createContext<AppData | null>(null);
export const AppDataProvider = AppDataContext.Provider;

export function useAppData(): AppData {
  const data = useContext(AppDataContext);
  if (data === null) throw new Error('useAppData outside a signed-in page');
  return data;
}

/** Loads what the pages need after sign-in (each list only when the role may read it). */
export async function loadAppData(session: SessionRes, signOut: () => Promise<void>): Promise<AppData> {
  setCsrfToken(session.csrfToken);
  const user = session.user;
  const [reference, schemes, instruments] = await Promise.all([
    api.reference(),
    can(user, 'scheme', 'list') ? api.schemes().then((r) => r.items) : Promise.resolve([]),
    can(user, 'instrument', 'list') ? api.instruments().then((r) => r.items) : Promise.resolve([]),
  ]);
  return {
    user,
    expiresAt: session.expiresAt,
    schemes,
    reference: makeReference(reference),
    instruments,
    signOut,
  };
}
