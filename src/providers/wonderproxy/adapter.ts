/**
 * WonderProxy adapter: API v0 behind the shared ProviderAdapter interface (DESIGN §4).
 * - /v0/contract → profile, plan (with expiry) and usage of the current billing period;
 * - /v0/contract/servers → Account.servers and one Proxy per exit IP (native id `<server>@<ip>`);
 *   servers named several times in one request load in one `?server=a,b,c` call, and only the
 *   `detail=` parts the query selects are asked for;
 * - /v0/servers → networkServers; the authlist and custom DNS in session-authlist.ts / session-overrides.ts.
 */
import type { AccountConfig } from '../../config/schema';
import type { AdapterDependencies } from '../../domain/registry';
import type { AccountChannel } from '../../upstream/http';
import type { SessionContext } from '../contract/session';
import { badUserInput } from '../../core/errors';
import { sessionMemo } from '../shared/loaders';
import { facetsOf, type LegacySession as AccountSession } from '../contract/legacy-session';
import type { AccountSession as FacetSession } from '../contract/session';
import type { ListWindow, ProxyListFilter, SelectedDetails, UsageRange } from '../contract/params';
import type { ProviderAdapter } from '../contract/session';
import type { ProxyListPage, ProxyRecord, ProxyServerRecord } from '../contract/records';
import { WonderProxyClient, wonderproxyTarget } from './client';
import { parseProxyNativeId, toContractServer, toNetworkServer, toPlan, toProfile, toProxies, toUsage } from './mapping';
import { ContractServerLoaders } from './server-loaders';
import { AuthlistOperations } from './session-authlist';
import { OverrideOperations } from './session-overrides';
import { serverReference } from './validate';

type WonderProxyAccountConfig = Extract<AccountConfig, { provider: 'wonderproxy' }>;

export class WonderProxyAdapter implements ProviderAdapter {
  readonly provider = 'wonderproxy' as const;
  readonly accountId: string;
  readonly client: WonderProxyClient;
  private readonly channel: AccountChannel;

  constructor(account: WonderProxyAccountConfig, deps: AdapterDependencies) {
    this.accountId = account.id;
    this.channel = deps.gateway.channel(wonderproxyTarget(account.id, account.credentials.token, account.baseUrl));
    this.client = new WonderProxyClient(this.channel);
  }

  openSession(context: SessionContext = {}): FacetSession {
    return facetsOf(new WonderProxySession(context.upstream ? new WonderProxyClient(this.channel.forRequest(context.upstream)) : this.client, this.accountId));
  }

  async verifyCredentials(): Promise<void> {
    await this.client.contract();
  }
}

class WonderProxySession implements AccountSession {
  private readonly contract = sessionMemo(() => this.client.contract());
  private readonly servers: ContractServerLoaders;
  private readonly network = new Map<boolean, ReturnType<typeof sessionMemo<ProxyServerRecord[]>>>();
  private readonly authlist: AuthlistOperations;
  private readonly overrides: OverrideOperations;

  constructor(
    private readonly client: WonderProxyClient,
    private readonly accountId: string,
  ) {
    this.servers = new ContractServerLoaders(client);
    this.authlist = new AuthlistOperations(client, accountId);
    this.overrides = new OverrideOperations(client, this.servers, accountId);
  }

  async profile() {
    return toProfile(await this.contract.get());
  }

  async plan() {
    return toPlan(await this.contract.get());
  }

  /** WonderProxy reports the current billing period only; a window would be answered with the wrong figures. */
  async usage(range: UsageRange) {
    if (range.from || range.to) {
      throw badUserInput('WonderProxy reports usage for the current billing period only; omit from/to (periodStart/periodEnd say which period)', {
        from: ['not supported by WonderProxy'],
      });
    }
    return toUsage(await this.contract.get());
  }

  async listProxies(window: ListWindow, filter: ProxyListFilter, details?: SelectedDetails): Promise<ProxyListPage> {
    // WonderProxy exit IPs carry no proxy type, so a type filter matches none of them.
    if (filter.types?.length) return { items: [], totalCount: 0, hasMore: false };
    const countries = filter.countries?.includes('ZZ') ? undefined : filter.countries;
    // Filtering by country needs the location even when the query does not show it.
    const wanted = { ...details, location: Boolean(details?.location || countries?.length) };
    const proxies = (await this.servers.list(wanted))
      .flatMap(toProxies)
      .filter((proxy) => !countries?.length || (proxy.country !== null && proxy.country !== undefined && countries.includes(proxy.country)))
      .filter((proxy) => !filter.statuses?.length || filter.statuses.includes(proxy.status));
    const items = proxies.slice(window.offset, window.offset + window.limit);
    return { items, totalCount: proxies.length, hasMore: window.offset + items.length < proxies.length };
  }

  /** `<server>@<ip>`: loads go through the server loader, so many proxy ids cost one call. */
  async getProxy(nativeId: string, details?: SelectedDetails): Promise<ProxyRecord | null> {
    const parts = parseProxyNativeId(nativeId);
    if (!parts || !/^[a-z0-9-]{1,63}$/.test(parts.server)) return null;
    const server = await this.servers.one(parts.server, details);
    return server ? toProxies(server).find((proxy) => proxy.exitIp === parts.ip) ?? null : null;
  }

  async listServers(details?: SelectedDetails): Promise<ProxyServerRecord[]> {
    return (await this.servers.list(details)).map(toContractServer);
  }

  async getServer(name: string, details?: SelectedDetails): Promise<ProxyServerRecord | null> {
    const reference = serverReference(name);
    if (!('name' in reference)) {
      const match = (await this.servers.list(details)).find((server) => server.hostname.toLowerCase() === reference.hostname);
      return match ? toContractServer(match) : null;
    }
    const server = await this.servers.one(reference.name, details);
    return server ? toContractServer(server) : null;
  }

  networkServers(details?: SelectedDetails): Promise<ProxyServerRecord[]> {
    const withLocation = Boolean(details?.location);
    let memo = this.network.get(withLocation);
    if (!memo) {
      memo = sessionMemo(async () => (await this.client.networkServers(withLocation)).map(toNetworkServer));
      this.network.set(withLocation, memo);
    }
    return memo.get();
  }

  listIpAuthorizations = (filter?: Parameters<AuthlistOperations['list']>[0]) => this.authlist.list(filter);
  getIpAuthorization = (nativeId: string) => this.authlist.get(nativeId);
  authorizeIp = (params: Parameters<AuthlistOperations['create']>[0]) => this.authlist.create(params);
  updateIpAuthorization = (nativeId: string, params: Parameters<AuthlistOperations['update']>[1]) => this.authlist.update(nativeId, params);
  revokeIpAuthorization = (nativeId: string) => this.authlist.remove(nativeId);
  clearIpAuthorizations = () => this.authlist.clear();

  listDnsOverrides = (filter: Parameters<OverrideOperations['list']>[0]) => this.overrides.list(filter);
  getDnsOverride = (nativeId: string) => this.overrides.get(nativeId);
  createDnsOverride = (params: Parameters<OverrideOperations['create']>[0]) => this.overrides.create(params);
  updateDnsOverride = (nativeId: string, params: Parameters<OverrideOperations['update']>[1]) => this.overrides.update(nativeId, params);
  deleteDnsOverride = (nativeId: string) => this.overrides.remove(nativeId);
  clearDnsOverrides = () => this.overrides.clear();
}

export function createWonderProxyAdapter(account: AccountConfig, deps: AdapterDependencies): ProviderAdapter {
  if (account.provider !== 'wonderproxy') throw new Error('not a wonderproxy account');
  return new WonderProxyAdapter(account, deps);
}
