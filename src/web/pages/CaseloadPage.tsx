import { api } from '../api/endpoints.js';
import { Failed, formatDate, Loading, Page } from '../app/page.js';
import { href, PATHS } from '../app/paths.js';
import { Link } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { useAsync } from '../app/use-async.js';

export function CaseloadPage() {
  const { reference, schemes } = useAppData();
  const caseload = useAsync(() => api.caseload(), 'caseload');
  const schemeName = (id: string) => schemes.find((s) => s.id === id)?.name ?? 'Another scheme';
  return (
    <Page title="My caseload">
      {caseload.kind === 'loading' ? <Loading what="your caseload" /> : null}
      {caseload.kind === 'failed' ? <Failed error={caseload.error} what="your caseload" /> : null}
      {caseload.kind === 'ready' ? (
        caseload.value.items.length === 0 ? (
          <p>No open referrals are assigned to you. Pick one up from the waiting list.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="caseload-caption" tabIndex={0}>
            <table className="table">
              <caption id="caseload-caption">
                {caseload.value.items.length} open{' '}
                {caseload.value.items.length === 1 ? 'referral' : 'referrals'} assigned to you
              </caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Date of birth</th>
                  <th scope="col">Status</th>
                  <th scope="col">Referred</th>
                  <th scope="col" className="numeric">
                    Contacts
                  </th>
                  <th scope="col">Last contact</th>
                  {schemes.length > 1 ? <th scope="col">Scheme</th> : null}
                </tr>
              </thead>
              <tbody>
                {caseload.value.items.map((c) => (
                  <tr key={c.referralId}>
                    <th scope="row">
                      <Link to={href(PATHS.person, { personId: c.personId })}>{c.personName}</Link>
                    </th>
                    <td>{formatDate(c.dateOfBirth)}</td>
                    <td>
                      <span className={`tag tag--${c.status}`}>
                        {reference.label('referral_status', c.status)}
                      </span>
                    </td>
                    <td>{formatDate(c.referredAt)}</td>
                    <td className="numeric">{c.contacts}</td>
                    <td>{c.lastContactAt === null ? 'None yet' : formatDate(c.lastContactAt)}</td>
                    {schemes.length > 1 ? <td>{schemeName(c.schemeId)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </Page>
  );
}
