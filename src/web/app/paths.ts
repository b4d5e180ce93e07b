// The app's URLs, typed: `href(PATHS.person, { personId })` fills a pattern's :params (a missing or
// misspelt param is a type error) and `matchPath` reads them back.

export const PATHS = {
  home: '/',
  signIn: '/signin',
  caseload: '/caseload',
  waitingList: '/waiting-list',
  people: '/people',
  personNew: '/people/new',
  person: '/people/:personId',
  referralNew: '/people/:personId/referrals/new',
  contactNew: '/referrals/:referralId/contacts/new',
  signpostNew: '/referrals/:referralId/signposts/new',
  goalNew: '/referrals/:referralId/goals/new',
  questionnaireNew: '/referrals/:referralId/questionnaires/new',
  referralStatus: '/referrals/:referralId/status',
  account: '/account',
  evaluationModels: '/evaluation/models',
  evaluationOutcomes: '/evaluation/outcomes',
  evaluationTrends: '/evaluation/trends',
  evaluationQuality: '/evaluation/data-quality',
} as const;

type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | ParamNames<Rest>
  : P extends `${string}:${infer N}`
    ? N
    : never;

/** The params of a pattern: `/people/:personId` -> `{ personId: string }`. */
export type Params<P extends string> = { readonly [K in ParamNames<P>]: string };

/** Fills a pattern's params (encoded) and appends an optional query. */
export function href<P extends string>(
  pattern: P,
  params: Params<P>,
  search: Readonly<Record<string, string>> = {},
): string {
  const values = params as Readonly<Record<string, string>>;
  const path = pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? ''));
  const q = new URLSearchParams(search).toString();
  return q === '' ? path : `${path}?${q}`;
}

/** The params of `path` if it matches `pattern` segment by segment, else null. */
export function matchPath<P extends string>(pattern: P, path: string): Params<P> | null {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (pattern === '/') return path === '/' || path === '' ? ({} as Params<P>) : null;
  if (want.length !== got.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) {
      if (g === '') return null;
      try {
        out[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return out as Params<P>;
}
