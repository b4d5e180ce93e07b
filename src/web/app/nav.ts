// The main navigation: sections of links, each shown only to roles the policy table allows. Add a
// page by adding its path (paths.ts), its route (routes.tsx) and, if it belongs in the menu, an item
// here. The evaluation section is where the scheme-manager and regional-lead dashboards go (they
// read the evaluation API; e.g. `allowed: (u) => can(u, 'aggregate', 'list')`); a section with no
// item the user may see is not shown.
import type { SessionUser } from '../api/endpoints.js';
import { PATHS } from './paths.js';
import { can, hasCaseload } from './permissions.js';

export interface NavItem {
  readonly label: string;
  readonly to: string;
  readonly allowed: (user: SessionUser) => boolean;
}

export interface NavSection {
  readonly id: 'casework' | 'evaluation' | 'account';
  readonly label: string;
  readonly items: readonly NavItem[];
}

export const NAV: readonly NavSection[] = [
  {
    id: 'casework',
    label: 'Casework',
    items: [
      { label: 'My caseload', to: PATHS.caseload, allowed: hasCaseload },
      { label: 'Waiting list', to: PATHS.waitingList, allowed: (u) => can(u, 'waiting_list', 'list') },
      { label: 'People', to: PATHS.people, allowed: (u) => can(u, 'person', 'list') },
    ],
  },
  {
    id: 'evaluation',
    label: 'Evaluation',
    items: [
      { label: 'Delivery models', to: PATHS.evaluationModels, allowed: (u) => can(u, 'aggregate', 'list') },
      { label: 'Outcomes', to: PATHS.evaluationOutcomes, allowed: (u) => can(u, 'aggregate', 'list') },
      { label: 'Trends by month', to: PATHS.evaluationTrends, allowed: (u) => can(u, 'aggregate', 'list') },
      { label: 'Data quality', to: PATHS.evaluationQuality, allowed: (u) => can(u, 'aggregate', 'list') },
    ],
  },
  {
    id: 'account',
    label: 'Account',
    items: [{ label: 'Your account', to: PATHS.account, allowed: () => true }],
  },
];

/** The sections and items `user` may see, in order, empty sections left out. */
export function navFor(user: SessionUser): readonly NavSection[] {
  return NAV.map((s) => ({ ...s, items: s.items.filter((i) => i.allowed(user)) })).filter(
    (s) => s.items.length > 0,
  );
}

/** True when `path` is the item's page or below it (/people/123 is under People). */
export function isCurrent(item: NavItem, path: string): boolean {
  return path === item.to || path.startsWith(`${item.to}/`);
}
