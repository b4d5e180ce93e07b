// Records for route tests, made through the services with a system context: one set inside the
// test users' scheme (assigned to the test link worker), one in a scheme of another region.
import type { RequestContext } from '../../services/audit/audit.service.js';
import { changeReferralStatus, createReferral } from '../../services/casework/referrals.service.js';
import { createPerson } from '../../services/casework/people.service.js';
import type { Harness } from './api-harness.js';
import { CASEWORK_MAKERS } from './casework-fixtures.js';

export interface FixtureSet {
  readonly schemeId: string;
  readonly personId: string;
  /** An active referral (assigned to the test link worker when inside). */
  readonly referralId: string;
  readonly referralVersion: number;
  readonly staffId: string;
  /** Extra ids added by resource-specific fixture makers (contactId, signpostId, goalId, ...). */
  readonly extra: Readonly<Record<string, string>>;
}

export interface Fixtures {
  readonly inside: FixtureSet;
  readonly outside: FixtureSet;
}

let counter = 0;

function systemContext(schemeIds: string[], staffIds: string[]): RequestContext {
  return {
    actor: {
      userId: '00000000-0000-4000-8000-00000000ffff',
      role: 'scheme_manager',
      schemeIds,
      staffIds,
      regionId: null,
    },
    username: 'test-fixtures',
    requestId: 'fixtures',
    now: new Date(),
  };
}

/** Extra fixture makers register here (one per resource module), keyed by the id they add. */
export type ExtraMaker = (
  h: Harness,
  set: Omit<FixtureSet, 'extra'>,
  ctx: RequestContext,
) => Promise<Record<string, string>>;
export const EXTRA_MAKERS: ExtraMaker[] = [...CASEWORK_MAKERS];

async function makeSet(h: Harness, schemeId: string, staffId: string): Promise<FixtureSet> {
  const ctx = systemContext([schemeId], [staffId]);
  counter++;
  const person = await createPerson(
    h.db.db,
    ctx,
    {
      schemeId,
      givenName: 'Fixture',
      familyName: `Person${counter}`,
      dateOfBirth: '1970-01-01',
      allowPossibleDuplicate: true,
    },
    () => true,
  );
  const referral = await createReferral(h.db.db, ctx, {
    personId: person.id,
    schemeId,
    referredAt: '2025-10-01T09:00:00Z',
    route: 'gp_practice',
    linkWorkerId: staffId,
    needs: ['loneliness'],
  });
  const active = await changeReferralStatus(
    h.db.db,
    ctx,
    referral.id,
    { version: referral.version, status: 'active', at: '2025-10-02T09:00:00Z' },
    () => undefined,
  );
  const base = {
    schemeId,
    personId: person.id,
    referralId: active.id,
    referralVersion: active.version,
    staffId,
  };
  const extra: Record<string, string> = {};
  for (const make of EXTRA_MAKERS) Object.assign(extra, await make(h, base, ctx));
  return { ...base, extra };
}

export async function makeFixtures(h: Harness): Promise<Fixtures> {
  const otherStaff = await h.db.db
    .selectFrom('staff')
    .select('id')
    .where('scheme_id', '=', h.otherSchemeId)
    .where('role', '=', 'link_worker')
    .executeTakeFirstOrThrow();
  return {
    inside: await makeSet(h, h.schemeId, h.staffId),
    outside: await makeSet(h, h.otherSchemeId, otherStaff.id),
  };
}
