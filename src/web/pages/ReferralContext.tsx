import type { ReactNode } from 'react';
import type { z } from 'zod';
import type { PersonSchema } from '../../server/people/person.schema.js';
import type { ReferralSchema } from '../../server/referrals/referral.schema.js';
import { api } from '../api/endpoints.js';
import { Failed, formatDate, Loading, Page } from '../app/page.js';
import { href, PATHS } from '../app/paths.js';
import { Link } from '../app/router.js';
import { useAsync } from '../app/use-async.js';

export type Referral = z.output<typeof ReferralSchema>;
export type Person = z.output<typeof PersonSchema>;

/**
 * A form page about one referral: loads the referral and its person, titles the page "<title>"
 * with the person's name beneath, and links back to their record.
 */
export function ReferralPage({
  referralId,
  title,
  children,
}: {
  referralId: string;
  title: string;
  children: (referral: Referral, person: Person) => ReactNode;
}) {
  const loaded = useAsync(async () => {
    const referral = await api.referral(referralId);
    return { referral, person: await api.person(referral.personId) };
  }, referralId);
  if (loaded.kind === 'loading') return <Loading what="the referral" />;
  if (loaded.kind === 'failed') {
    return (
      <Page title={title}>
        <Failed error={loaded.error} what="the referral" />
      </Page>
    );
  }
  const { referral, person } = loaded.value;
  return (
    <Page
      title={title}
      intro={
        <p className="lede">
          For{' '}
          <Link to={href(PATHS.person, { personId: person.id })}>
            {person.givenName} {person.familyName}
          </Link>
          , referred on {formatDate(referral.referredAt)}
        </p>
      }
    >
      {children(referral, person)}
    </Page>
  );
}

/** The person's record, where every form returns. */
export function recordOf(person: Person): string {
  return href(PATHS.person, { personId: person.id });
}

/** '' -> null, trimmed text otherwise. */
export const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** A number field's text as a number (null when empty; NaN stays, for the validator to name). */
export const numberOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));
