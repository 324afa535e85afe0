/**
 * The IP authlist facets of a WonderProxy session. Creating needs a user and an expiry [C]; the graph always
 * names the IP, because WonderProxy's "no ip = the caller's IP" would authorize ProxyGraph's own address,
 * not the GraphQL client's. Both facets read and forget through the request's AuthlistLoaders.
 */
import type { AccountErrors } from '../../core/errors';
import { canonicalIp, publicIp, sameIp } from '../../domain/checks/ip';
import type { AuthorizeIpParams, IpAuthorizationListFilter, UpdateIpAuthorizationParams } from '../contract/params';
import type { IpAuthorizationRecord } from '../contract/records';
import type { IpAuthorizationOptions, IpAuthorizationUpdatesFacet, IpAuthorizationsFacet } from '../contract/session';
import type { AuthlistLoaders } from './authlist-loaders';
import type { WonderProxyClient } from './client';
import { toIpAuthorization } from './mapping';
import { checkUser, futureEpochSeconds, isNumericId } from './validate';
import type { WonderProxyAuthlistEntry, WonderProxyAuthlistUpdate } from './wire';

export class WonderProxyIpAuthorizations implements IpAuthorizationsFacet {
  constructor(
    private readonly client: WonderProxyClient,
    private readonly authlist: AuthlistLoaders,
    private readonly errors: AccountErrors,
    /** Every entry belongs to a user and expires [C]; the account's configured defaults fill what a request omits. */
    readonly options: IpAuthorizationOptions,
  ) {}

  async list(filter: IpAuthorizationListFilter = {}): Promise<IpAuthorizationRecord[]> {
    const ip = filter.ip ? canonicalIp(filter.ip, 'filter.ip') : null;
    let entries: WonderProxyAuthlistEntry[];
    if (filter.users?.length) {
      entries = await this.authlist.ofUsers([...new Set(filter.users.map((user) => checkUser(user, 'users')))]);
    } else {
      // Not ?ip=: upstream matches text (partial addresses), and an entry another client wrote as
      // `::ffff:c633:6451` is still 198.51.100.81. The graph filter means this address, in any spelling.
      entries = await this.authlist.all();
    }
    return entries
      .filter((entry) => !ip || sameIp(entry.ip, ip))
      .sort((a, b) => a.id - b.id)
      .map(toIpAuthorization);
  }

  async get(nativeId: string): Promise<IpAuthorizationRecord | null> {
    if (!isNumericId(nativeId)) return null;
    const entry = await this.authlist.entry(nativeId);
    return entry ? toIpAuthorization(entry) : null;
  }

  async authorize(params: AuthorizeIpParams): Promise<IpAuthorizationRecord> {
    if (params.subUserNativeId) {
      throw this.errors.unsupported('Authorizing an IP for a sub-user (WonderProxy entries belong to a user: give `user`)');
    }
    const problems: Record<string, string[]> = {};
    if (!params.user) problems.user = ['required by WonderProxy: give `user`, or configure accounts[].ipAuthorizations.defaultUser'];
    if (!params.expiresAt) problems.expiresAt = ['required by WonderProxy'];
    if (Object.keys(problems).length) throw this.errors.badInput('WonderProxy IP authorizations need a user and an expiresAt', problems);
    const body = { ip: publicIp(params.ip), user: checkUser(params.user!), expiry: futureEpochSeconds(params.expiresAt!) };
    const created = await this.client.createAuthlistEntry(body);
    this.authlist.written(created);
    return toIpAuthorization(created);
  }

  async revoke(nativeId: string): Promise<void> {
    if (!isNumericId(nativeId)) throw this.errors.notFound('IP authorization');
    await this.client.deleteAuthlistEntry(nativeId);
    this.authlist.removed(nativeId);
  }

  /** WonderProxy answers 204 without a count. */
  async clear(): Promise<number | null> {
    await this.client.clearAuthlist();
    this.authlist.cleared();
    return null;
  }
}

export class WonderProxyIpAuthorizationUpdates implements IpAuthorizationUpdatesFacet {
  constructor(
    private readonly client: WonderProxyClient,
    private readonly authlist: AuthlistLoaders,
    private readonly errors: AccountErrors,
  ) {}

  async update(nativeId: string, params: UpdateIpAuthorizationParams): Promise<IpAuthorizationRecord> {
    const body: WonderProxyAuthlistUpdate = {};
    if (params.ip != null) body.ip = publicIp(params.ip);
    if (params.user != null) body.user = checkUser(params.user);
    if (params.expiresAt != null) body.expiry = futureEpochSeconds(params.expiresAt);
    if (Object.keys(body).length === 0) throw this.errors.badInput('give at least one of ip, user, expiresAt', { input: ['empty'] });
    if (!isNumericId(nativeId)) throw this.errors.notFound('IP authorization');
    const updated = await this.client.updateAuthlistEntry(nativeId, body);
    this.authlist.written(updated);
    return toIpAuthorization(updated);
  }
}
