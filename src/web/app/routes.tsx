// The route table: each URL pattern (paths.ts), who may open it (the policy table, as the server
// decides), and the page it shows with its typed params. Patterns are tried in order.
import type { ReactNode } from 'react';
import type { SessionUser } from '../api/endpoints.js';
import { AccountPage } from '../pages/AccountPage.js';
import { CaseloadPage } from '../pages/CaseloadPage.js';
import { ContactNewPage } from '../pages/ContactNewPage.js';
import {
  DATA_QUALITY,
  EvaluationPage,
  MODEL_COMPARISON,
  OUTCOME_COMPARISON,
  TRENDS,
} from '../pages/EvaluationPage.js';
import { GoalNewPage } from '../pages/GoalNewPage.js';
import { HomePage } from '../pages/HomePage.js';
import { PeoplePage } from '../pages/PeoplePage.js';
import { PersonNewPage } from '../pages/PersonNewPage.js';
import { PersonPage } from '../pages/PersonPage.js';
import { QuestionnaireNewPage } from '../pages/QuestionnaireNewPage.js';
import { ReferralNewPage } from '../pages/ReferralNewPage.js';
import { ReferralStatusPage } from '../pages/ReferralStatusPage.js';
import { SignpostNewPage } from '../pages/SignpostNewPage.js';
import { WaitingListPage } from '../pages/WaitingListPage.js';
import { matchPath, PATHS, type Params } from './paths.js';
import { can, hasCaseload } from './permissions.js';

export interface RouteDef {
  readonly pattern: string;
  readonly allowed: (user: SessionUser) => boolean;
  readonly render: (params: Readonly<Record<string, string>>) => ReactNode;
}

function route<P extends string>(
  pattern: P,
  allowed: (user: SessionUser) => boolean,
  render: (params: Params<P>) => ReactNode,
): RouteDef {
  return { pattern, allowed, render: (params) => render(params as Params<P>) };
}

const everyone = (): boolean => true;
const aggregates = (u: SessionUser): boolean => can(u, 'aggregate', 'list');

export const ROUTES: readonly RouteDef[] = [
  route(PATHS.home, everyone, () => <HomePage />),
  route(PATHS.caseload, hasCaseload, () => <CaseloadPage />),
  route(PATHS.evaluationModels, aggregates, () => <EvaluationPage key="models" view={MODEL_COMPARISON} />),
  route(PATHS.evaluationOutcomes, aggregates, () => (
    <EvaluationPage key="outcomes" view={OUTCOME_COMPARISON} />
  )),
  route(PATHS.evaluationTrends, aggregates, () => <EvaluationPage key="trends" view={TRENDS} />),
  route(PATHS.evaluationQuality, aggregates, () => <EvaluationPage key="quality" view={DATA_QUALITY} />),
  route(
    PATHS.waitingList,
    (u) => can(u, 'waiting_list', 'list'),
    () => <WaitingListPage />,
  ),
  route(
    PATHS.people,
    (u) => can(u, 'person', 'list'),
    () => <PeoplePage />,
  ),
  route(
    PATHS.personNew,
    (u) => can(u, 'person', 'create'),
    () => <PersonNewPage />,
  ),
  route(
    PATHS.person,
    (u) => can(u, 'person', 'read'),
    (p) => <PersonPage personId={p.personId} />,
  ),
  route(
    PATHS.referralNew,
    (u) => can(u, 'referral', 'create'),
    (p) => <ReferralNewPage personId={p.personId} />,
  ),
  route(
    PATHS.contactNew,
    (u) => can(u, 'contact', 'create'),
    (p) => <ContactNewPage referralId={p.referralId} />,
  ),
  route(
    PATHS.signpostNew,
    (u) => can(u, 'signpost', 'create'),
    (p) => <SignpostNewPage referralId={p.referralId} />,
  ),
  route(
    PATHS.goalNew,
    (u) => can(u, 'care_plan', 'create'),
    (p) => <GoalNewPage referralId={p.referralId} />,
  ),
  route(
    PATHS.questionnaireNew,
    (u) => can(u, 'questionnaire', 'create'),
    (p) => <QuestionnaireNewPage referralId={p.referralId} />,
  ),
  route(
    PATHS.referralStatus,
    (u) => can(u, 'referral', 'update'),
    (p) => <ReferralStatusPage referralId={p.referralId} />,
  ),
  route(PATHS.account, everyone, () => <AccountPage />),
];

/** The first route whose pattern matches `path`, with its params. */
export function resolveRoute(
  path: string,
): { route: RouteDef; params: Readonly<Record<string, string>> } | null {
  for (const r of ROUTES) {
    const params = matchPath(r.pattern, path);
    if (params !== null) return { route: r, params };
  }
  return null;
}
