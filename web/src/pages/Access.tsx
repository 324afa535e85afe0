/**
 * Who may use the proxies: one IP authorized on many accounts at once (Mutation.authorizeIp) with each
 * account's result; per account its IP authorizations, hostnames (ProxyMesh), DNS overrides (WonderProxy)
 * and sub-users with their limits. Write controls exist only for a key with the `write` scope.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  ACCESS,
  ACCOUNTS,
  ADD_HOSTNAME,
  AUTHORIZE_IP,
  DELETE_DNS_OVERRIDE,
  REMOVE_HOSTNAME,
  REVOKE_IP_AUTHORIZATION,
  SET_SUB_USER_ACTIVE,
  type AccountSummary,
} from '../graphql';
import { formatBytes, formatDateTime, PROVIDER_NAMES } from '../format';
import { ErrorList, ErrorNote } from '../components/errors';
import { useCanWrite } from '../viewer';

export function Access() {
  const canWrite = useCanWrite();
  const { data, error } = useQuery(ACCOUNTS);
  const accounts = data?.accounts ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    if (!selected && accounts.length) setSelected(accounts[0].id);
  }, [selected, accounts]);
  const account = accounts.find((entry) => entry.id === selected);
  return (
    <section aria-labelledby="access-title">
      <h1 id="access-title">Access</h1>
      <ErrorList error={error} />
      {canWrite ? (
        <AuthorizeIp accounts={accounts.filter((entry) => entry.capabilities.includes('IP_AUTHORIZATIONS'))} />
      ) : (
        <p className="muted" data-testid="read-only-note">
          Read-only key: changes need the write scope.
        </p>
      )}
      <nav className="tabs" aria-label="Accounts">
        {accounts.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            aria-selected={entry.id === selected}
            className={entry.id === selected ? 'tab tab-on' : 'tab'}
            onClick={() => setSelected(entry.id)}
          >
            {entry.label ?? entry.id}
          </button>
        ))}
      </nav>
      {account && <AccountAccess key={account.id} account={account} canWrite={canWrite} />}
    </section>
  );
}

function AuthorizeIp({ accounts }: { accounts: AccountSummary[] }) {
  const [ip, setIp] = useState('');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [authorize, { data, error, loading }] = useMutation(AUTHORIZE_IP, { refetchQueries: ['DashboardAccess', 'DashboardAuditLog'] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const accountIds = accounts.filter((account) => !excluded.has(account.id)).map((account) => account.id);
    void authorize({ variables: { input: { ip: ip.trim(), accountIds } } });
  };
  const toggle = (id: string) => {
    const next = new Set(excluded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExcluded(next);
  };
  return (
    <form className="panel" aria-label="Authorize an IP" onSubmit={submit}>
      <h2>Authorize an IP on many accounts</h2>
      <div className="row">
        <label>
          IP address
          <input value={ip} onChange={(event) => setIp(event.target.value)} placeholder="203.0.113.10" required />
        </label>
        <fieldset className="inline">
          <legend>Accounts</legend>
          {accounts.map((account) => (
            <label key={account.id} className="check">
              <input type="checkbox" checked={!excluded.has(account.id)} onChange={() => toggle(account.id)} />
              {account.label ?? account.id}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={loading || !ip.trim()}>
          Authorize
        </button>
      </div>
      <ErrorList error={error} />
      {data && (
        <table className="table" aria-label="Authorization results">
          <thead>
            <tr>
              <th>Account</th>
              <th>Result</th>
              <th>Not applied</th>
            </tr>
          </thead>
          <tbody>
            {data.authorizeIp.map((result) => (
              <tr key={result.account.id} data-testid="authorize-result" data-account-id={result.account.id}>
                <td>
                  {result.account.label ?? result.account.id} <span className="muted">({PROVIDER_NAMES[result.account.provider]})</span>
                </td>
                <td>
                  {result.error ? (
                    <ErrorNote code={result.error.code} message={result.error.message} />
                  ) : (
                    <span className="badge status-ok">{result.alreadyDone ? 'already there' : 'authorized'}</span>
                  )}
                </td>
                <td>{result.notApplied.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}

function AccountAccess({ account, canWrite }: { account: AccountSummary; canWrite: boolean }) {
  const has = (capability: string) => account.capabilities.includes(capability);
  const variables = {
    id: account.id,
    ips: has('IP_AUTHORIZATIONS'),
    hostnames: has('HOSTNAME_AUTHORIZATIONS'),
    dns: has('DNS_OVERRIDES'),
    subUsers: has('SUB_USERS'),
  };
  const { data, error, loading } = useQuery(ACCESS, { variables });
  const refetch = { refetchQueries: ['DashboardAccess', 'DashboardAuditLog'], awaitRefetchQueries: true };
  const [revoke, revoked] = useMutation(REVOKE_IP_AUTHORIZATION, refetch);
  const [addHostname, added] = useMutation(ADD_HOSTNAME, refetch);
  const [removeHostname, removed] = useMutation(REMOVE_HOSTNAME, refetch);
  const [deleteOverride, deleted] = useMutation(DELETE_DNS_OVERRIDE, refetch);
  const [setActive, activated] = useMutation(SET_SUB_USER_ACTIVE, refetch);
  const [hostname, setHostname] = useState('');
  const details = data?.account;
  if (!details) return loading ? <p className="muted">Loading…</p> : <ErrorList error={error} />;
  return (
    <div className="access" data-testid="account-access" data-account-id={account.id}>
      <ErrorList error={error ?? revoked.error ?? added.error ?? removed.error ?? deleted.error ?? activated.error} />
      {variables.ips && (
        <div className="panel">
          <h2>IP authorizations</h2>
          <table className="table" aria-label="IP authorizations">
            <thead>
              <tr>
                <th>IP</th>
                <th>User / sub-user</th>
                <th>Expires</th>
                <th>Created</th>
                {canWrite && <th />}
              </tr>
            </thead>
            <tbody>
              {(details.ipAuthorizations ?? []).map((entry) => (
                <tr key={entry.id} data-testid="ip-authorization">
                  <td>
                    <code>{entry.ip}</code>
                  </td>
                  <td>{entry.subUser?.username ?? entry.user ?? '—'}</td>
                  <td>{formatDateTime(entry.expiresAt)}</td>
                  <td>{formatDateTime(entry.createdAt)}</td>
                  {canWrite && (
                    <td>
                      <button type="button" className="danger" onClick={() => void revoke({ variables: { id: entry.id } })}>
                        Revoke {entry.ip}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {!details.ipAuthorizations?.length && <p className="muted">No IP authorized.</p>}
        </div>
      )}
      {variables.hostnames && (
        <div className="panel">
          <h2>Hostnames</h2>
          <ul className="plain">
            {(details.hostnameAuthorizations ?? []).map((entry) => (
              <li key={entry.id} data-testid="hostname">
                <code>{entry.hostname}</code> {entry.subUser && <span className="muted">({entry.subUser.username})</span>}
                {canWrite && (
                  <button
                    type="button"
                    className="danger"
                    onClick={() =>
                      void removeHostname({ variables: { accountId: account.id, hostname: entry.hostname, subUserId: entry.subUser?.id ?? null } })
                    }
                  >
                    Remove {entry.hostname}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!details.hostnameAuthorizations?.length && <p className="muted">No hostname authorized.</p>}
          {canWrite && (
            <form
              className="row"
              aria-label="Add a hostname"
              onSubmit={(event) => {
                event.preventDefault();
                void addHostname({ variables: { accountId: account.id, hostname: hostname.trim() } }).then(() => setHostname(''));
              }}
            >
              <label>
                Hostname
                <input value={hostname} onChange={(event) => setHostname(event.target.value)} placeholder="office.example.com" required />
              </label>
              <button type="submit">Add hostname</button>
            </form>
          )}
        </div>
      )}
      {variables.dns && (
        <div className="panel">
          <h2>DNS overrides</h2>
          <table className="table" aria-label="DNS overrides">
            <thead>
              <tr>
                <th>Server</th>
                <th>Hostname</th>
                <th>IP</th>
                <th>Status</th>
                <th>Expires</th>
                {canWrite && <th />}
              </tr>
            </thead>
            <tbody>
              {(details.dnsOverrides ?? []).map((entry) => (
                <tr key={entry.id} data-testid="dns-override">
                  <td>{entry.server}</td>
                  <td>
                    <code>{entry.hostname}</code>
                  </td>
                  <td>
                    <code>{entry.ip}</code>
                  </td>
                  <td>{entry.status}</td>
                  <td>{formatDateTime(entry.expiresAt)}</td>
                  {canWrite && (
                    <td>
                      <button type="button" className="danger" onClick={() => void deleteOverride({ variables: { id: entry.id } })}>
                        Delete {entry.hostname}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {!details.dnsOverrides?.length && <p className="muted">No DNS override.</p>}
        </div>
      )}
      {variables.subUsers && (
        <div className="panel">
          <h2>Sub-users</h2>
          <table className="table" aria-label="Sub-users">
            <thead>
              <tr>
                <th>Username</th>
                <th>Active</th>
                <th>Bandwidth used / limit</th>
                <th>Monthly used / limit</th>
                <th>Max threads</th>
                {canWrite && has('SUB_USER_ACTIVATION') && <th />}
              </tr>
            </thead>
            <tbody>
              {(details.subUsers?.edges ?? []).map(({ node }) => (
                <tr key={node.id} data-testid="sub-user">
                  <td>
                    <code>{node.username}</code> {node.label && node.label !== node.username && <span className="muted">{node.label}</span>}
                  </td>
                  <td>{node.active ? 'yes' : 'no'}</td>
                  <td>
                    {formatBytes(node.bandwidthUsedBytes)} / {node.bandwidthLimitBytes === null ? 'no limit' : formatBytes(node.bandwidthLimitBytes)}
                  </td>
                  <td>
                    {formatBytes(node.monthlyBandwidthUsedBytes)} /{' '}
                    {node.monthlyBandwidthLimitBytes === null ? 'no limit' : formatBytes(node.monthlyBandwidthLimitBytes)}
                  </td>
                  <td>{node.maxThreads ?? '—'}</td>
                  {canWrite && has('SUB_USER_ACTIVATION') && (
                    <td>
                      <button type="button" onClick={() => void setActive({ variables: { id: node.id, active: !node.active } })}>
                        {node.active ? 'Deactivate' : 'Activate'} {node.username}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {!details.subUsers?.edges.length && <p className="muted">No sub-user.</p>}
        </div>
      )}
    </div>
  );
}
