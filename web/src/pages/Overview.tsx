/**
 * The estate at a glance: every account the key may see with its provider, plan, period, usage against its
 * limit, capability badges and, for an account in error, its typed error; charts of usage against limit and
 * of usage over time.
 */
import { useQuery } from '@apollo/client/react';
import { OVERVIEW, type OperationError, type OverviewData } from '../graphql';
import { formatBytes, formatDate, percent, PROVIDER_NAMES, words } from '../format';
import { ErrorNote, graphErrors } from '../components/errors';
import { UsageAgainstLimitChart, UsageHistoryChart, type UsageBar } from '../components/charts';
import { hasHistory } from '../usage-history';

type Account = OverviewData['accounts'][number];
type AccountUsage = OverviewData['usage']['accounts'][number];

/** Errors that name an account, by account; UNSUPPORTED_BY_PROVIDER is not an error of the account (its capabilities say so). */
function accountErrors(error: unknown, usage: AccountUsage[]): Map<string, OperationError[]> {
  const byAccount = new Map<string, OperationError[]>();
  const add = (accountId: string, entry: OperationError) => {
    const list = byAccount.get(accountId) ?? [];
    if (!list.some((known) => known.code === entry.code && known.message === entry.message)) list.push(entry);
    byAccount.set(accountId, list);
  };
  for (const entry of graphErrors(error)) {
    const accountId = entry.extensions?.accountId;
    const code = String(entry.extensions?.code ?? 'ERROR');
    if (typeof accountId === 'string' && code !== 'UNSUPPORTED_BY_PROVIDER') add(accountId, { code, message: entry.message });
  }
  for (const entry of usage) if (entry.error && entry.error.code !== 'UNSUPPORTED_BY_PROVIDER') add(entry.account.id, entry.error);
  return byAccount;
}

export function Overview() {
  const { data, error, loading } = useQuery(OVERVIEW);
  if (!data) {
    if (loading) return <p className="muted">Loading the estate…</p>;
    return <ErrorNote code={String(graphErrors(error)[0]?.extensions?.code ?? 'ERROR')} message={graphErrors(error)[0]?.message ?? 'no answer'} />;
  }
  const usageOf = new Map(data.usage.accounts.map((entry) => [entry.account.id, entry]));
  const errors = accountErrors(error, data.usage.accounts);
  const bars: UsageBar[] = data.accounts
    .map((account) => ({ account, usage: usageOf.get(account.id)?.usage }))
    .filter(({ usage }) => usage?.bandwidthUsedBytes !== null && usage?.bandwidthUsedBytes !== undefined)
    .map(({ account, usage }) => ({ label: account.label ?? account.id, usedBytes: usage!.bandwidthUsedBytes!, limitBytes: usage!.bandwidthLimitBytes }));
  const inError = data.accounts.filter((account) => errors.has(account.id));
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Estate overview</h1>
      <p className="muted" data-testid="estate-summary">
        {data.accounts.length} accounts · {inError.length ? `${inError.length} in error` : 'none in error'}
      </p>
      <div className="cards">
        {data.accounts.map((account) => (
          <AccountCard key={account.id} account={account} usage={usageOf.get(account.id)} errors={errors.get(account.id) ?? []} />
        ))}
      </div>
      <div className="chart-grid">
        <div className="panel">
          <h2>Bandwidth used against limit</h2>
          {bars.length ? <UsageAgainstLimitChart bars={bars} /> : <p className="muted">No account reports bandwidth.</p>}
        </div>
        {data.accounts
          .filter((account) => hasHistory(account.capabilities))
          .map((account) => (
            <div className="panel" key={account.id}>
              <h2>Traffic of {account.label ?? account.id}, last 7 days</h2>
              <UsageHistoryChart accountId={account.id} label={account.label ?? account.id} />
            </div>
          ))}
      </div>
    </section>
  );
}

function AccountCard({ account, usage, errors }: { account: Account; usage: AccountUsage | undefined; errors: OperationError[] }) {
  const figures = usage?.usage;
  const used = figures?.bandwidthUsedBytes ?? null;
  const limit = figures?.bandwidthLimitBytes ?? account.plan?.bandwidthLimitBytes ?? null;
  const share = percent(used, limit);
  const periodStart = figures?.periodStart ?? account.plan?.periodStart;
  const periodEnd = figures?.periodEnd ?? account.plan?.periodEnd;
  return (
    <article
      className={`card${errors.length ? ' card-error' : ''}`}
      data-testid="account-card"
      data-account-id={account.id}
      aria-label={account.label ?? account.id}
    >
      <header>
        <h3>{account.label ?? account.id}</h3>
        <span className={`badge provider provider-${account.provider.toLowerCase()}`}>{PROVIDER_NAMES[account.provider] ?? account.provider}</span>
      </header>
      <dl>
        <dt>Account</dt>
        <dd>
          <code>{account.id}</code>
        </dd>
        <dt>Plan</dt>
        <dd data-testid="plan">{account.plan?.name ?? (account.capabilities.includes('PLAN') ? '—' : 'not reported by provider')}</dd>
        <dt>Period</dt>
        <dd>{figures?.period === 'LIFETIME' ? 'lifetime' : periodStart || periodEnd ? `${formatDate(periodStart)} → ${formatDate(periodEnd)}` : '—'}</dd>
        <dt>Usage</dt>
        <dd data-testid="usage">
          {!usage?.supported
            ? 'not reported by provider'
            : used === null
              ? '—'
              : `${formatBytes(used)}${limit ? ` of ${formatBytes(limit)}` : ''}${figures?.requestsTotal ? ` · ${figures.requestsTotal.toLocaleString('en')} requests` : ''}`}
        </dd>
      </dl>
      {share !== null && (
        <div
          className="meter"
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(share)}
          aria-label={`${account.label ?? account.id} usage`}
        >
          <div className={`meter-fill${share > 90 ? ' meter-high' : ''}`} style={{ width: `${share}%` }} />
          <span>{share.toFixed(share < 10 ? 1 : 0)}%</span>
        </div>
      )}
      <ul className="capabilities" aria-label="Capabilities">
        {account.capabilities.map((capability) => (
          <li key={capability} className="badge">
            {words(capability)}
          </li>
        ))}
      </ul>
      {errors.map((entry, index) => (
        <ErrorNote key={index} code={entry.code} message={entry.message} testId="account-error" />
      ))}
    </article>
  );
}
