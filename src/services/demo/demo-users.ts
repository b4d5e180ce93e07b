// Demo accounts for the synthetic demo database only: one per role, attached to the busiest scheme
// of Lothian (a Model 4 HSCP), with a published password. Never created on a database that holds
// real data (the caller checks that the data is synthetic).
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/access/policy.js';
import type { Database } from '../../db/database.js';
import { findUserByUsername } from '../../db/accounts/user.repository.js';
import { findDemoAnchor } from '../../db/schemes/demo-anchor.repository.js';
import { createUser } from '../accounts/auth.service.js';

export const DEMO_PASSWORD = 'linkwork-demo-2026';

export interface DemoAccount {
  readonly username: string;
  readonly role: Role;
  readonly password: string;
}

const ACCOUNTS: readonly { username: string; role: Role; displayName: string }[] = [
  { username: 'linkworker', role: 'link_worker', displayName: 'Demo link worker' },
  { username: 'manager', role: 'scheme_manager', displayName: 'Demo scheme manager' },
  { username: 'lead', role: 'regional_lead', displayName: 'Demo regional lead' },
  { username: 'researcher', role: 'researcher', displayName: 'Demo researcher' },
  { username: 'admin', role: 'admin', displayName: 'Demo administrator' },
];

/** Creates the demo accounts that do not exist yet; returns all of them with the demo password. */
export async function ensureDemoAccounts(db: Kysely<Database>): Promise<DemoAccount[]> {
  const anchor = await findDemoAnchor(db);
  if (anchor === undefined) return [];
  for (const a of ACCOUNTS) {
    if ((await findUserByUsername(db, a.username)) !== undefined) continue;
    await createUser(db, {
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      password: DEMO_PASSWORD,
      schemeIds: a.role === 'link_worker' || a.role === 'scheme_manager' ? [anchor.schemeId] : [],
      staffId: a.role === 'link_worker' ? anchor.staffId : null,
      regionId: a.role === 'regional_lead' ? anchor.regionId : null,
    });
  }
  return ACCOUNTS.map((a) => ({ username: a.username, role: a.role, password: DEMO_PASSWORD }));
}
