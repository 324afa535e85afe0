/**
 * Webshare adapter: the v2 API (v3 for replacements, proxy settings and the list's status) behind the shared ProviderAdapter interface. Each
 * request's session is composed of facet classes (session-*.ts) over one per-request client.
 * Loaders: proxies by id batch into one `proxy_address__in` list call per 100 ids; sub-users, IP
 * authorizations, replacements and sub-user proxy configs de-duplicate per key (no bulk endpoint).
 */
import type { AccountConfig } from '../../config/schema';
import { accountErrors } from '../../core/errors';
import type { AdapterDependencies } from '../../domain/registry';
import type { AccountChannel } from '../../upstream/http';
import { DEFAULT_MAX_BUDGET_WAIT_MS, RateBudget } from '../../upstream/rate-budget';
import type { AccountSession, ProviderAdapter, SessionContext } from '../contract/session';
import { WebshareClient, webshareTarget } from './client';
import { webshareBudgetClasses, webshareLimitKey } from './limits';
import { WebshareProfile, WebsharePlan, WebshareUsage } from './session-account';
import { WebshareIpAuthorizations } from './session-ip-authorizations';
import { WebshareProxies, WebshareProxyListRefresh } from './session-proxies';
import { WebshareProxyCredentials } from './session-proxy-credentials';
import { WebshareAccountReads, WebshareProxyLoaders, WebshareSubUserLoaders } from './session-reads';
import { WebshareSubUserProxyRefresh, WebshareSubUsers } from './session-sub-users';
import { WebshareUsageHistory } from './session-usage-history';
import { WebshareProxyActivity } from './session-proxy-activity';
import { WebshareDownloadTokens } from './session-download-tokens';
import { WebshareProxyReplacementWithHistory } from './session-replaced-proxies';
import { WebshareConfigReads } from './session-config-reads';
import { WebshareListModeMemory, WebshareListModes } from './list-mode';
import { WebshareProxyAllocation } from './session-proxy-allocation';
import { WebshareProxyGateway } from './session-proxy-gateway';
import { WebshareProxySettings } from './session-proxy-settings';

type WebshareAccountConfig = Extract<AccountConfig, { provider: 'webshare' }>;

export class WebshareAdapter implements ProviderAdapter {
  readonly provider = 'webshare' as const;
  readonly accountId: string;
  /** The account's channel: Webshare's rate budget is attached here. */
  private readonly channel: AccountChannel;
  /** The plan this account entry manages (`plan_id`), or null for the account's default plan. */
  private readonly planId: number | null;
  /** Which proxy list (direct or backbone) the plan needs, remembered across requests (list-mode.ts). */
  private readonly listModes = new WebshareListModeMemory();

  constructor(account: WebshareAccountConfig, deps: AdapterDependencies) {
    this.accountId = account.id;
    this.planId = account.planId === undefined || account.planId === null ? null : Number(account.planId);
    // Webshare's rate limits as this account's budget (shared by replicas when the gateway's store is Redis).
    const budget = new RateBudget({
      provider: 'webshare',
      accountId: account.id,
      limitKey: webshareLimitKey(account.credentials.token),
      classes: webshareBudgetClasses(account.limits),
      store: deps.gateway.budgets,
      maxWaitMs: account.limits?.maxRateLimitWaitMs ?? DEFAULT_MAX_BUDGET_WAIT_MS,
      callLog: deps.gateway.callLog,
      defaultRetryAfterSeconds: 60,
    });
    this.channel = deps.gateway.channel(webshareTarget(account.id, account.credentials.token, account.baseUrl), [budget]);
  }

  /** One request's session: its facets share this request's client and loaders. */
  openSession(context: SessionContext = {}): AccountSession {
    const client = new WebshareClient(this.channel.forRequest(context.upstream), this.planId);
    const errors = accountErrors(this.provider, this.accountId);
    const account = new WebshareAccountReads(client);
    const modes = new WebshareListModes(this.listModes, account);
    const proxies = new WebshareProxyLoaders(client, account, modes);
    const subUsers = new WebshareSubUserLoaders(client);
    const config = new WebshareConfigReads(client, account);
    return {
      profile: new WebshareProfile(client),
      plan: new WebsharePlan(account),
      usage: new WebshareUsage(client, account),
      proxies: new WebshareProxies(account, proxies, modes),
      proxyListRefresh: new WebshareProxyListRefresh(client, account, proxies, errors),
      proxyReplacement: new WebshareProxyReplacementWithHistory(client),
      proxyCredentials: new WebshareProxyCredentials(client, proxies, config),
      subUsers: new WebshareSubUsers(client, account, subUsers, errors),
      subUserProxyRefresh: new WebshareSubUserProxyRefresh(client, subUsers, errors),
      ipAuthorizations: new WebshareIpAuthorizations(client, errors),
      usageHistory: new WebshareUsageHistory(client, account),
      proxyActivity: new WebshareProxyActivity(client),
      downloadTokens: new WebshareDownloadTokens(client),
      proxyGateway: new WebshareProxyGateway(account, config, modes),
      proxyAllocation: new WebshareProxyAllocation(client, config, proxies),
      proxySettings: new WebshareProxySettings(client, config),
    };
  }

  async verifyCredentials(): Promise<void> {
    await new WebshareClient(this.channel, this.planId).profile();
  }
}

export function createWebshareAdapter(account: AccountConfig, deps: AdapterDependencies): ProviderAdapter {
  if (account.provider !== 'webshare') throw new Error('not a webshare account');
  return new WebshareAdapter(account, deps);
}
