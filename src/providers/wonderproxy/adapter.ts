/**
 * WonderProxy adapter: API v0 behind the shared ProviderAdapter interface (docs/architecture.md,
 * "Providers"). A session is composed of facet classes sharing the request's client and loaders:
 * - /v0/contract → profile, plan (with expiry) and usage of the current billing period (session-account.ts);
 * - /v0/contract/servers → Account.servers and one Proxy per exit IP (native id `<server>@<ip>`);
 *   servers named several times in one request load in one `?server=a,b,c` call, and only the
 *   `detail=` parts the query selects are asked for (server-loaders.ts, session-proxies.ts, session-servers.ts);
 * - /v0/servers → networkServers; the authlist and custom DNS in session-ip-authorizations.ts and
 *   session-dns-overrides.ts; the users the authlist names, with `user_active`, in session-authlist-users.ts.
 */
import type { AccountConfig } from '../../config/schema';
import { accountErrors } from '../../core/errors';
import type { AdapterDependencies } from '../../domain/registry';
import type { AccountChannel } from '../../upstream/http';
import type { AccountSession, IpAuthorizationOptions, ProviderAdapter, SessionContext } from '../contract/session';
import { AuthlistLoaders } from './authlist-loaders';
import { WonderProxyClient, wonderproxyTarget } from './client';
import { ContractReads } from './contract-reads';
import { ContractServerLoaders } from './server-loaders';
import { WonderProxyPlan, WonderProxyProfile, WonderProxyUsage } from './session-account';
import { WonderProxyAuthlistUsers } from './session-authlist-users';
import { WonderProxyDnsOverrides } from './session-dns-overrides';
import { WonderProxyIpAuthorizationUpdates, WonderProxyIpAuthorizations } from './session-ip-authorizations';
import { WonderProxyProxies } from './session-proxies';
import { WonderProxyNetworkServers, WonderProxyServers } from './session-servers';

const DAY_MS = 86_400_000;
/** Lifetime of an authlist entry made without an expiry, unless the account configures another. */
export const DEFAULT_AUTHLIST_LIFETIME_DAYS = 30;

type WonderProxyAccountConfig = Extract<AccountConfig, { provider: 'wonderproxy' }>;

export class WonderProxyAdapter implements ProviderAdapter {
  readonly provider = 'wonderproxy' as const;
  readonly accountId: string;
  /** Policies (rate budget, breaker) are attached to the channel, so they outlive every request. */
  private readonly channel: AccountChannel;
  /** The configured defaults for authlist entries a request leaves without user or expiry. */
  private readonly ipAuthorizationOptions: IpAuthorizationOptions;

  constructor(account: WonderProxyAccountConfig, deps: AdapterDependencies) {
    this.accountId = account.id;
    this.channel = deps.gateway.channel(wonderproxyTarget(account.id, account.credentials.token, account.baseUrl));
    this.ipAuthorizationOptions = {
      subUsers: false,
      users: { defaultUser: account.ipAuthorizations?.defaultUser ?? null },
      expiry: { defaultLifetimeMs: (account.ipAuthorizations?.defaultLifetimeDays ?? DEFAULT_AUTHLIST_LIFETIME_DAYS) * DAY_MS },
    };
  }

  /** One request's session: its facets share this request's client and loaders. */
  openSession(context: SessionContext = {}): AccountSession {
    const client = new WonderProxyClient(this.channel.forRequest(context.upstream));
    const errors = accountErrors(this.provider, this.accountId);
    const contract = new ContractReads(client);
    const servers = new ContractServerLoaders(client);
    const authlist = new AuthlistLoaders(client);
    return {
      profile: new WonderProxyProfile(contract),
      plan: new WonderProxyPlan(contract),
      usage: new WonderProxyUsage(contract),
      proxies: new WonderProxyProxies(servers),
      servers: new WonderProxyServers(servers),
      networkServers: new WonderProxyNetworkServers(client),
      ipAuthorizations: new WonderProxyIpAuthorizations(client, authlist, errors, this.ipAuthorizationOptions),
      ipAuthorizationUpdates: new WonderProxyIpAuthorizationUpdates(client, authlist, errors),
      ipAuthorizationUsers: new WonderProxyAuthlistUsers(authlist),
      dnsOverrides: new WonderProxyDnsOverrides(client, servers, errors),
    };
  }

  /** `/v0/contract` is the cheapest authenticated read. */
  async verifyCredentials(): Promise<void> {
    await new WonderProxyClient(this.channel).contract();
  }
}

export function createWonderProxyAdapter(account: AccountConfig, deps: AdapterDependencies): ProviderAdapter {
  if (account.provider !== 'wonderproxy') throw new Error('not a wonderproxy account');
  return new WonderProxyAdapter(account, deps);
}
