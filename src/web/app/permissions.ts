// What the signed-in user may do, asked of the same policy table the server enforces
// (src/domain/access/policy.ts), so the navigation shows exactly what the role permits.
import { scopeFor, type Action, type Resource } from '../../domain/access/policy.js';
import type { SessionUser } from '../api/endpoints.js';

export function can(user: SessionUser, resource: Resource, action: Action): boolean {
  return scopeFor(user.role, resource, action) !== null;
}

/** A caseload is someone's: link workers (with a staff record) see their own. */
export function hasCaseload(user: SessionUser): boolean {
  return user.staffId !== null && can(user, 'caseload', 'list');
}

export const ROLE_LABELS: Readonly<Record<SessionUser['role'], string>> = {
  link_worker: 'Link worker',
  scheme_manager: 'Scheme manager',
  regional_lead: 'Regional lead',
  researcher: 'Researcher',
  admin: 'Administrator',
};
