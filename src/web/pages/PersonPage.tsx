import { api } from '../api/endpoints.js';
import { Failed, formatDate, Loading, Page, todayIso } from '../app/page.js';
import { href, PATHS } from '../app/paths.js';
import { can } from '../app/permissions.js';
import { Link } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { useAsync } from '../app/use-async.js';
import { ageOn } from '../../domain/validation.js';
import { buildTimeline, type ReferralRecord } from './record.js';

async function loadRecord(personId: string) {
  const [person, referrals] = await Promise.all([api.person(personId), api.referralsOf(personId)]);
  const records: ReferralRecord[] = await Promise.all(
    referrals.items.map(async (referral) => {
      const [contacts, signposts, plan, questionnaires] = await Promise.all([
        api.contacts(referral.id),
        api.signposts(referral.id),
        api.carePlan(referral.id),
        api.questionnaires(referral.id),
      ]);
      return {
        referral,
        contacts: contacts.items,
        signposts: signposts.items,
        plan,
        questionnaires: questionnaires.items,
      };
    }),
  );
  records.sort((a, b) => (a.referral.referredAt < b.referral.referredAt ? 1 : -1));
  // Signposts that name only a directory entry: look up the entries' names (a missing one is left out).
  const ids = new Set(
    records.flatMap((r) => r.signposts.filter((s) => s.serviceName === null).map((s) => s.serviceId ?? '')),
  );
  ids.delete('');
  const named = await Promise.all(
    [...ids].map((serviceId) =>
      api.service(serviceId).then(
        (s) => [serviceId, s.name] as const,
        () => null,
      ),
    ),
  );
  const serviceNames = new Map(named.filter((n) => n !== null));
  return { person, records, serviceNames };
}

const OPEN = new Set(['waiting', 'active']);

export function PersonPage({ personId }: { personId: string }) {
  const { user, reference, instruments, schemes } = useAppData();
  const record = useAsync(() => loadRecord(personId), personId);
  if (record.kind === 'loading') return <Loading what="the person’s record" />;
  if (record.kind === 'failed') {
    return (
      <Page title="Person not found">
        <Failed error={record.error} what="this person" />
      </Page>
    );
  }
  const { person, records, serviceNames } = record.value;
  const name = `${person.givenName} ${person.familyName}`;
  const timeline = buildTimeline(records, reference, instruments, serviceNames);
  const many = records.length > 1;
  const referralNo = new Map(records.map((r, i) => [r.referral.id, records.length - i]));
  const schemeName = (id: string) => schemes.find((s) => s.id === id)?.name ?? 'another scheme';
  const linkWorker = (id: string | null) =>
    id === null ? 'Not assigned' : id === user.staffId ? 'You' : 'Another link worker';

  return (
    <Page title={name}>
      <div className="record">
        <div className="record__side">
          <section aria-labelledby="details-title" className="card">
            <h2 id="details-title">Details</h2>
            <dl className="facts">
              <dt>Date of birth</dt>
              <dd>
                {formatDate(person.dateOfBirth)} (age {ageOn(person.dateOfBirth, todayIso())})
              </dd>
              {person.nhsNumber === null ? null : (
                <>
                  <dt>NHS number</dt>
                  <dd>{person.nhsNumber}</dd>
                </>
              )}
              {person.chiNumber === null ? null : (
                <>
                  <dt>CHI number</dt>
                  <dd>{person.chiNumber}</dd>
                </>
              )}
              <dt>Sex</dt>
              <dd>{reference.label('sex', person.sex) || 'Not recorded'}</dd>
              <dt>Gender</dt>
              <dd>{reference.label('gender', person.gender) || 'Not recorded'}</dd>
              <dt>Postcode</dt>
              <dd>{person.postcode ?? 'Not recorded'}</dd>
              <dt>Phone</dt>
              <dd>{person.phone ?? 'Not recorded'}</dd>
              <dt>Email</dt>
              <dd>{person.email ?? 'Not recorded'}</dd>
            </dl>
          </section>

          <section aria-labelledby="referrals-title" className="card">
            <h2 id="referrals-title">Referrals</h2>
            {can(user, 'referral', 'create') ? (
              <p>
                <Link className="button button--secondary" to={href(PATHS.referralNew, { personId })}>
                  Add a referral
                </Link>
              </p>
            ) : null}
            {records.length === 0 ? <p>No referrals you may see.</p> : null}
            {records.map(({ referral: r }) => {
              const open = OPEN.has(r.status);
              const referralId = r.id;
              return (
                <article key={r.id} className="referral" aria-labelledby={`referral-${r.id}`}>
                  <h3 id={`referral-${r.id}`}>
                    {many ? `Referral ${referralNo.get(r.id) ?? ''}: ` : 'Referral: '}
                    {formatDate(r.referredAt)}{' '}
                    <span className={`tag tag--${r.status}`}>
                      {reference.label('referral_status', r.status)}
                    </span>
                  </h3>
                  <dl className="facts facts--compact">
                    <dt>Scheme</dt>
                    <dd>{schemeName(r.schemeId)}</dd>
                    <dt>Route</dt>
                    <dd>{reference.label('referral_route', r.route)}</dd>
                    <dt>Link worker</dt>
                    <dd>{linkWorker(r.linkWorkerId)}</dd>
                    <dt>Consent to share</dt>
                    <dd>{r.consentToShare === null ? 'Not asked' : r.consentToShare ? 'Yes' : 'No'}</dd>
                  </dl>
                  {open ? (
                    <ul
                      className="actions"
                      aria-label={`Record on the referral of ${formatDate(r.referredAt)}`}
                    >
                      {can(user, 'contact', 'create') ? (
                        <li>
                          <Link to={href(PATHS.contactNew, { referralId })}>Record a contact</Link>
                        </li>
                      ) : null}
                      {can(user, 'signpost', 'create') ? (
                        <li>
                          <Link to={href(PATHS.signpostNew, { referralId })}>Record a signpost</Link>
                        </li>
                      ) : null}
                      {can(user, 'care_plan', 'create') ? (
                        <li>
                          <Link to={href(PATHS.goalNew, { referralId })}>Add a goal</Link>
                        </li>
                      ) : null}
                      {can(user, 'questionnaire', 'create') ? (
                        <li>
                          <Link to={href(PATHS.questionnaireNew, { referralId })}>
                            Record a questionnaire
                          </Link>
                        </li>
                      ) : null}
                      {can(user, 'referral', 'update') ? (
                        <li>
                          <Link to={href(PATHS.referralStatus, { referralId })}>
                            {r.status === 'waiting' ? 'Accept or decline' : 'Discharge'}
                          </Link>
                        </li>
                      ) : null}
                    </ul>
                  ) : null}
                </article>
              );
            })}
          </section>
        </div>

        <section aria-labelledby="timeline-title" className="record__main">
          <h2 id="timeline-title">Timeline</h2>
          {timeline.length === 0 ? (
            <p>Nothing recorded yet.</p>
          ) : (
            <ol className="timeline">
              {timeline.map((e) => (
                <li key={e.key} className={`timeline__entry timeline__entry--${e.kind}`}>
                  <p className="timeline__when">
                    <time dateTime={e.at}>{formatDate(e.at, e.at.length > 10)}</time>
                    {many ? (
                      <span className="timeline__ref"> · referral {referralNo.get(e.referralId)}</span>
                    ) : null}
                  </p>
                  <h3 className="timeline__title">{e.title}</h3>
                  {e.lines.length === 0 ? null : (
                    <ul className="timeline__lines">
                      {e.lines.map((l, i) => (
                        <li key={i}>{l}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </Page>
  );
}
