import { useState } from 'react';
import { api } from '../api/endpoints.js';
import { Failed, formatDate, Loading, Page } from '../app/page.js';
import { href, PATHS } from '../app/paths.js';
import { Link } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { asApiError, useAsync } from '../app/use-async.js';
import { SelectField } from '../forms/fields.js';

export function WaitingListPage() {
  const { user, schemes, reference } = useAppData();
  const mine = schemes.filter((s) => user.schemeIds.includes(s.id));
  const [schemeId, setSchemeId] = useState(mine[0]?.id ?? user.schemeIds[0] ?? '');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const list = useAsync(() => api.waitingList(schemeId), schemeId);

  const assign = async (referralId: string, version: number, personName: string): Promise<void> => {
    if (user.staffId === null) return;
    try {
      await api.updateReferral(referralId, { version, linkWorkerId: user.staffId });
      setStatus({ text: `${personName} is assigned to you and is now on your caseload.`, error: false });
      list.reload();
    } catch (e: unknown) {
      setStatus({ text: `Could not assign ${personName}: ${asApiError(e).message}`, error: true });
    }
  };

  return (
    <Page title="Waiting list">
      {mine.length > 1 ? (
        <SelectField
          name="schemeId"
          label="Scheme"
          required
          empty={null}
          value={schemeId}
          onChange={setSchemeId}
          options={mine.map((s) => ({ value: s.id, label: s.name }))}
        />
      ) : mine[0] === undefined ? null : (
        <p className="lede">{mine[0].name}</p>
      )}
      <div
        role="status"
        className={status === null ? '' : status.error ? 'notice notice--error' : 'notice notice--success'}
      >
        {status === null ? null : <p>{status.text}</p>}
      </div>
      {schemeId === '' ? <p>You do not belong to a scheme, so there is no waiting list to show.</p> : null}
      {schemeId !== '' && list.kind === 'loading' ? <Loading what="the waiting list" /> : null}
      {list.kind === 'failed' ? <Failed error={list.error} what="the waiting list" /> : null}
      {list.kind === 'ready' ? (
        list.value.items.length === 0 ? (
          <p>Nobody is waiting.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="waiting-caption" tabIndex={0}>
            <table className="table">
              <caption id="waiting-caption">{list.value.items.length} waiting, longest wait first</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Referred</th>
                  <th scope="col" className="numeric">
                    Days waiting
                  </th>
                  <th scope="col">Route</th>
                  <th scope="col">Priority group</th>
                  <th scope="col">Link worker</th>
                </tr>
              </thead>
              <tbody>
                {list.value.items.map((w) => (
                  <tr key={w.referralId}>
                    <th scope="row">
                      <Link to={href(PATHS.person, { personId: w.personId })}>{w.personName}</Link>
                    </th>
                    <td>{formatDate(w.referredAt)}</td>
                    <td className="numeric">{w.daysWaiting}</td>
                    <td>{reference.label('referral_route', w.route)}</td>
                    <td>{reference.label('priority_group', w.priorityGroup) || 'None'}</td>
                    <td>
                      {w.linkWorkerId === null ? (
                        user.staffId === null ? (
                          'Unassigned'
                        ) : (
                          <button
                            type="button"
                            className="button button--small button--secondary"
                            onClick={() => {
                              void assign(w.referralId, w.version, w.personName);
                            }}
                          >
                            Assign to me<span className="visually-hidden"> ({w.personName})</span>
                          </button>
                        )
                      ) : w.linkWorkerId === user.staffId ? (
                        'You'
                      ) : (
                        'Another link worker'
                      )}
                    </td>
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
