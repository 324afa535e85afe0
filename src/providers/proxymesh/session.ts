/**
 * One GraphQL request's view of a ProxyMesh account: gateway proxies and proxy servers (one
 * /api/proxies/ read per request), country pools, and sub-accounts. Sub-accounts come from the registry
 * of known usernames and are read one /api/sub/get/ each through a de-duplicating loader (no bulk endpoint).
 * IPs and hostnames are in session-access.ts.
 */
import { badUserInput, ProxyGraphError } from '../../core/errors';
import { perKeyLoader, sessionMemo } from '../shared/loaders';
import type { AccountProfileRecord, CountryPoolRecord, ProxyListPage, ProxyRecord, ProxyServerRecord, SubUserPage, SubUserRecord } from '../contract/records';
import type { LegacySession as AccountSession } from '../contract/legacy-session';
import type { CreateSubUserParams, ListWindow, ProxyListFilter } from '../contract/params';
import type { SessionContext } from '../contract/session';
import type { ProxyMeshClient } from './client';
import type { KnownSubAccounts } from './known-subaccounts';
import { toCountryPools, toProxy, toServer, toSubUser } from './mapping';
import { ProxyMeshAccessSession } from './session-access';
import { checkProxyHost, checkUsername, isProxyMeshUsername, subAccountForm } from './validate';
import type { ProxyMeshSubAccount } from './wire';

export class ProxyMeshSession extends ProxyMeshAccessSession implements AccountSession {
  private readonly proxyList = sessionMemo(() => this.client.proxies());
  private readonly subAccounts = perKeyLoader((username: string) => this.client.subAccount(username));

  constructor(
    client: ProxyMeshClient,
    known: KnownSubAccounts,
    accountId: string,
    private readonly username: string | null,
    /** The request's context: where warnings to the client go. */
    protected readonly context: SessionContext = {},
  ) {
    super(client, known, accountId);
  }

  /** ProxyMesh has no profile endpoint: the parent username from the config is all there is. */
  async profile(): Promise<AccountProfileRecord> {
    return { name: this.username, email: null, createdAt: null };
  }

  // ---- proxies and servers ------------------------------------------------------------------------------

  private async allProxies(): Promise<ProxyRecord[]> {
    return (await this.proxyList.get()).proxies.map((entry) => toProxy(entry, this.username));
  }

  async listProxies(window: ListWindow, filter: ProxyListFilter): Promise<ProxyListPage> {
    // Gateways are ROTATING_GATEWAY with UNKNOWN health and belong to no Ping service: other filters match none.
    const serviceIds = (filter as { serviceIds?: string[] }).serviceIds;
    if ((filter.statuses?.length && !filter.statuses.includes('UNKNOWN')) || (filter.types?.length && !filter.types.includes('ROTATING_GATEWAY')) || serviceIds?.length) {
      return { items: [], totalCount: 0, hasMore: false };
    }
    const countries = filter.countries?.length && !filter.countries.includes('ZZ') ? new Set(filter.countries) : null;
    const matching = (await this.allProxies()).filter((proxy) => !countries || (proxy.country !== null && countries.has(proxy.country!)));
    const items = matching.slice(window.offset, window.offset + window.limit);
    return { items, totalCount: matching.length, hasMore: window.offset + items.length < matching.length };
  }

  async getProxy(nativeId: string): Promise<ProxyRecord | null> {
    return (await this.allProxies()).find((proxy) => proxy.nativeId === nativeId) ?? null;
  }

  async listServers(): Promise<ProxyServerRecord[]> {
    return (await this.proxyList.get()).proxies.map(toServer);
  }

  async authorizeProxyServer(host: string): Promise<ProxyServerRecord> {
    checkProxyHost(host);
    const added = await this.client.addProxy(host);
    this.proxyList.clear();
    return toServer(added.proxy || host);
  }

  async deauthorizeProxyServer(host: string): Promise<void> {
    checkProxyHost(host);
    await this.client.deleteProxy(host);
    this.proxyList.clear();
  }

  async listCountryPools(): Promise<CountryPoolRecord[]> {
    const [open, world] = await Promise.all([this.client.geoIps('open'), this.client.geoIps('world')]);
    return [...toCountryPools('open', open), ...toCountryPools('world', world)];
  }

  // ---- sub-accounts ----------------------------------------------------------------------------------------

  /** A known sub-account, or null when ProxyMesh no longer has it for this account (it is then forgotten). */
  private async loadKnown(username: string): Promise<ProxyMeshSubAccount | null> {
    try {
      const sub = await this.subAccounts.load(username);
      if (sub) return sub;
    } catch (error) {
      if (!(error instanceof ProxyGraphError && error.code === 'PROVIDER_FORBIDDEN')) throw error;
    }
    // Best effort: a name the store still holds is dropped again on the next listing.
    await this.known.remove(username).catch(() => undefined);
    return null;
  }

  async listSubUsers(window: ListWindow): Promise<SubUserPage> {
    const usernames = await this.knownUsernames();
    const slice = usernames.slice(window.offset, window.offset + window.limit);
    const loaded = await Promise.all(slice.map((username) => this.loadKnown(username)));
    const items = loaded.filter((sub): sub is ProxyMeshSubAccount => sub !== null).map(toSubUser);
    return {
      items,
      // Exact only when every known name in the window still exists.
      totalCount: items.length === slice.length ? usernames.length : null,
      hasMore: window.offset + slice.length < usernames.length,
    };
  }

  async getSubUser(nativeId: string): Promise<SubUserRecord | null> {
    if (!isProxyMeshUsername(nativeId)) return null;
    const sub = await this.subAccounts.load(nativeId);
    return sub ? toSubUser(sub) : null;
  }

  async createSubUser(params: CreateSubUserParams): Promise<SubUserRecord> {
    if (!params.username) throw badUserInput('ProxyMesh sub-accounts need a username', { username: ['required'] });
    const created = await this.client.createSubAccount(subAccountForm(params.username, params));
    await this.record('add', created.username, `was created at ProxyMesh, but ProxyGraph could not record it, so it will not be listed; run importSubUser for it once the state store is back`);
    this.remember(created);
    return toSubUser(created);
  }

  async updateSubUser(nativeId: string, params: CreateSubUserParams): Promise<SubUserRecord> {
    this.checkSubUserId(nativeId);
    if (params.username != null && params.username !== nativeId) {
      throw badUserInput('ProxyMesh sub-accounts cannot be renamed', { username: ['cannot change'] });
    }
    const updated = await this.client.editSubAccount(subAccountForm(nativeId, { ...params, username: nativeId }));
    this.remember(updated);
    return toSubUser(updated);
  }

  async deleteSubUser(nativeId: string): Promise<void> {
    this.checkSubUserId(nativeId);
    try {
      await this.client.deleteSubAccount(nativeId);
    } catch (error) {
      // Gone upstream already: stop listing it (best effort), and still report NOT_FOUND.
      if (error instanceof ProxyGraphError && error.code === 'NOT_FOUND') await this.known.remove(nativeId).catch(() => undefined);
      throw error;
    }
    await this.record('remove', nativeId, 'was deleted at ProxyMesh, but ProxyGraph could not update its state store; the name is dropped the next time sub-accounts are listed');
    this.subAccounts.clear(nativeId);
  }

  async setSubUserActive(nativeId: string, active: boolean): Promise<SubUserRecord> {
    this.checkSubUserId(nativeId);
    const sub = active ? await this.client.activateSubAccount(nativeId) : await this.client.deactivateSubAccount(nativeId);
    this.remember(sub);
    return toSubUser(sub);
  }

  /** Starts tracking an existing sub-account after checking that ProxyMesh has it for this account. */
  async importSubUser(username: string): Promise<SubUserRecord> {
    checkUsername(username);
    const sub = await this.client.subAccount(username);
    await this.record('add', sub.username, 'exists at ProxyMesh, but ProxyGraph could not record it, so it will not be listed; run importSubUser again once the state store is back');
    this.remember(sub);
    return toSubUser(sub);
  }

  /**
   * Records in the state store what was just done upstream. The upstream change stands whatever happens
   * here, so a store failure does not fail the operation: the client gets the result plus a NOT_REMEMBERED
   * warning saying what was not recorded and what to do.
   */
  private async record(change: 'add' | 'remove', username: string, consequence: string): Promise<void> {
    try {
      await (change === 'add' ? this.known.add(username) : this.known.remove(username));
    } catch {
      this.context.warn?.({ code: 'NOT_REMEMBERED', accountId: this.accountId, message: `sub-account "${username}" ${consequence}` });
    }
  }

  private remember(sub: ProxyMeshSubAccount): void {
    this.subAccounts.clear(sub.username).prime(sub.username, sub);
  }

  /** A sub-user id whose username ProxyMesh could never accept names nothing: NOT_FOUND, no call. */
  private checkSubUserId(nativeId: string): void {
    if (!isProxyMeshUsername(nativeId)) throw this.notFound('sub-account');
  }
}
