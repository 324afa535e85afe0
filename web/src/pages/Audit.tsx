/** The audit log (Query.auditLog): every write made through ProxyGraph to the accounts the key may see, newest first. */
import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { AUDIT_LOG } from '../graphql';
import { formatDateTime } from '../format';
import { ErrorList } from '../components/errors';
import { Pager } from '../components/pager';
import { AccountFilter } from '../components/account-filter';

const PAGE_SIZE = 25;

export function Audit() {
  const [accountId, setAccountId] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const { data, error, loading } = useQuery(AUDIT_LOG, {
    variables: { first: PAGE_SIZE, after: cursors[cursors.length - 1], filter: accountId ? { accountIds: [accountId] } : null },
    fetchPolicy: 'network-only',
  });
  const page = data?.auditLog;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <form className="filters" aria-label="Filter the audit log" onSubmit={(event) => event.preventDefault()}>
        <AccountFilter
          value={accountId}
          onChange={(event) => {
            setAccountId(event.target.value);
            setCursors([null]);
          }}
        />
      </form>
      <ErrorList error={error} />
      <table className="table" aria-label="Audit log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Operation</th>
            <th>Account</th>
            <th>Action</th>
            <th>Targets</th>
            <th>Outcome</th>
          </tr>
        </thead>
        <tbody>
          {(page?.edges ?? []).map(({ node }) => (
            <tr key={node.id} data-testid="audit-entry">
              <td>{formatDateTime(node.at)}</td>
              <td>{node.principal}</td>
              <td>{node.operation ?? '—'}</td>
              <td>{node.accountId}</td>
              <td>
                <code>{node.action}</code>
              </td>
              <td>{node.targets.join(', ')}</td>
              <td>
                <span className={`badge ${node.outcome === 'OK' ? 'status-ok' : 'badge-error'}`}>{node.outcome}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && !page.edges.length && <p className="muted">No writes recorded{accountId ? ' on this account' : ''}.</p>}
      {loading && !page && <p className="muted">Loading…</p>}
      <Pager cursors={cursors} setCursors={setCursors} pageInfo={page?.pageInfo} backLabel="Newer" forwardLabel="Older" />
    </section>
  );
}
