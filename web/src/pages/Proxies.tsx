/**
 * Every proxy across the accounts the key may see: filters (provider, account, country, status, type),
 * cursor paging, and the current selection copied as text in any of the graph's export formats
 * (Query.proxyList).
 */
import { useState } from 'react';
import { useLazyQuery, useQuery } from '@apollo/client/react';
import { PROVIDERS, PROXIES, PROXY_LIST, PROXY_LIST_FORMATS, PROXY_STATUSES, PROXY_TYPES, type Provider, type ProxyFilter } from '../graphql';
import { PROVIDER_NAMES, words } from '../format';
import { ErrorList } from '../components/errors';
import { Pager } from '../components/pager';
import { AccountFilter } from '../components/account-filter';

const PAGE_SIZE = 25;
/** The graph's largest page (MAX_PAGE_SIZE): what one copy holds. */
const EXPORT_SIZE = 100;

interface Filters {
  provider: string;
  accountId: string;
  country: string;
  status: string;
  type: string;
}

function toFilter(filters: Filters): ProxyFilter {
  const filter: ProxyFilter = {};
  if (filters.provider) filter.providers = [filters.provider as Provider];
  if (filters.accountId) filter.accountIds = [filters.accountId];
  if (/^[A-Za-z]{2}$/.test(filters.country)) filter.countries = [filters.country.toUpperCase()];
  if (filters.status) filter.statuses = [filters.status];
  if (filters.type) filter.types = [filters.type];
  return filter;
}

export function Proxies() {
  const [filters, setFilters] = useState<Filters>({ provider: '', accountId: '', country: '', status: '', type: '' });
  // Cursors of the pages before the current one (null = the first page), so Previous works without `before`.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const filter = toFilter(filters);
  const { data, error, loading } = useQuery(PROXIES, { variables: { filter, first: PAGE_SIZE, after } });
  const update = (key: keyof Filters) => (event: { target: { value: string } }) => {
    setFilters({ ...filters, [key]: event.target.value });
    setCursors([null]);
  };
  const page = data?.proxies;
  return (
    <section aria-labelledby="proxies-title">
      <h1 id="proxies-title">Proxies</h1>
      <form className="filters" role="search" aria-label="Filter proxies" onSubmit={(event) => event.preventDefault()}>
        <label>
          Provider
          <select value={filters.provider} onChange={update('provider')}>
            <option value="">All</option>
            {PROVIDERS.map((provider) => (
              <option key={provider} value={provider}>
                {PROVIDER_NAMES[provider]}
              </option>
            ))}
          </select>
        </label>
        <AccountFilter value={filters.accountId} onChange={update('accountId')} />
        <label>
          Country
          <input value={filters.country} onChange={update('country')} placeholder="e.g. US" maxLength={2} size={4} />
        </label>
        <label>
          Status
          <select value={filters.status} onChange={update('status')}>
            <option value="">All</option>
            {PROXY_STATUSES.map((status) => (
              <option key={status} value={status}>
                {words(status)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select value={filters.type} onChange={update('type')}>
            <option value="">All</option>
            {PROXY_TYPES.map((type) => (
              <option key={type} value={type}>
                {words(type)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorList error={error} />
      <p className="muted" data-testid="proxy-count" aria-live="polite">
        {page
          ? `${page.totalCount ?? 'Some'} proxies${page.totalCount !== null ? '' : ' (count not known)'} · page ${cursors.length}`
          : loading
            ? 'Loading…'
            : ''}
      </p>
      <table className="table" aria-label="Proxies">
        <thead>
          <tr>
            <th>Host</th>
            <th>Ports (http / socks5)</th>
            <th>Country</th>
            <th>Status</th>
            <th>Type</th>
            <th>Account</th>
          </tr>
        </thead>
        <tbody>
          {(page?.edges ?? []).map(({ node }) => (
            <tr key={node.id} data-testid="proxy-row" data-status={node.status}>
              <td>
                <code>{node.host}</code>
              </td>
              <td>
                {node.ports.http ?? '—'} / {node.ports.socks5 ?? '—'}
              </td>
              <td>
                {node.country ?? '—'}
                {node.city ? `, ${node.city}` : ''}
              </td>
              <td>
                <span className={`badge status-${node.status.toLowerCase()}`}>{node.status}</span>
              </td>
              <td>{node.type ? words(node.type) : '—'}</td>
              <td>
                {node.account.label ?? node.account.id} <span className="muted">({PROVIDER_NAMES[node.provider]})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager cursors={cursors} setCursors={setCursors} pageInfo={page?.pageInfo} backLabel="Previous" forwardLabel="Next" />
      <ProxyExport filter={filter} />
    </section>
  );
}

function ProxyExport({ filter }: { filter: ProxyFilter }) {
  const [format, setFormat] = useState<string>('HOST_PORT');
  const [copied, setCopied] = useState<string | null>(null);
  const [load, { data, error, loading }] = useLazyQuery(PROXY_LIST, { fetchPolicy: 'network-only' });
  const copy = async () => {
    setCopied(null);
    const result = await load({ variables: { format, filter, first: EXPORT_SIZE } });
    const list = result.data?.proxyList;
    if (!list) return;
    try {
      await navigator.clipboard.writeText(list.text);
      setCopied(`Copied ${list.lineCount} lines.`);
    } catch {
      setCopied(`${list.lineCount} lines below: select and copy them.`);
    }
  };
  const list = data?.proxyList;
  return (
    <div className="panel">
      <h2>Copy as text</h2>
      <div className="row">
        <label>
          Format
          <select value={format} onChange={(event) => setFormat(event.target.value)}>
            {PROXY_LIST_FORMATS.map((entry) => (
              <option key={entry} value={entry}>
                {entry}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={copy} disabled={loading}>
          Copy list
        </button>
        <span className="muted" aria-live="polite">
          {copied}
          {list?.skippedCount ? ` ${list.skippedCount} left out (no port or value the format cannot hold).` : ''}
          {list?.pageInfo.hasNextPage ? ` The first ${EXPORT_SIZE} proxies of the selection.` : ''}
        </span>
      </div>
      <ErrorList error={error} />
      {list && <textarea readOnly aria-label="Proxy list" data-testid="proxy-list-text" value={list.text} rows={8} />}
    </div>
  );
}
