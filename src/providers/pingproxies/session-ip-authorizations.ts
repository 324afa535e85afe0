/**
 * Ping's IP authorizations facet: each proxy user's `ip_address_authentications`. Ping has no separate
 * allow-list resource [C]: an IP authorized without a sub-user goes on the account's default proxy user.
 * Changes go through the adapter's IP-list writer (one locked read-modify-write per proxy user).
 */
import type { AccountErrors } from '../../core/errors';
import { publicIp, sameIp } from '../../domain/checks/ip';
import type { UpstreamRequestContext } from '../../upstream/request-context';
import type { AuthorizeIpParams } from '../contract/params';
import type { IpAuthorizationRecord } from '../contract/records';
import type { IpAuthorizationsFacet } from '../contract/session';
import type { IpListWriter } from './ip-list-writer';
import { ipAuthorizationId, parseIpAuthorizationId, toIpAuthorizations } from './mapping';
import type { PingProxyUserReads } from './proxy-user-reads';
import { checkProxyUserId, isProxyUserId } from './validate';

export class PingIpAuthorizations implements IpAuthorizationsFacet {
  /** On a proxy user (the default one without a sub-user); Ping entries have no user name and never expire [C]. */
  readonly options = { subUsers: true, users: null, expiry: null };

  constructor(
    private readonly users: PingProxyUserReads,
    /** Outlives the request: it serializes every change to one proxy user's list. */
    private readonly writer: IpListWriter,
    /** The account's default proxy user, remembered by the adapter (it cannot change); null when Ping reports none. */
    private readonly defaultProxyUserId: () => Promise<string | null>,
    /** The request's context: the shared writer makes its calls under it. */
    private readonly context: UpstreamRequestContext | undefined,
    private readonly errors: AccountErrors,
  ) {}

  async list(): Promise<IpAuthorizationRecord[]> {
    return (await this.users.all()).flatMap(toIpAuthorizations);
  }

  async get(nativeId: string): Promise<IpAuthorizationRecord | null> {
    const parts = parseIpAuthorizationId(nativeId);
    if (!parts || !isProxyUserId(parts.proxyUserId)) return null;
    const user = await this.users.user(parts.proxyUserId);
    if (!user || user.proxy_user_is_deleted) return null;
    return toIpAuthorizations(user).find((record) => sameIp(record.ip, parts.ip)) ?? null;
  }

  async authorize(params: AuthorizeIpParams): Promise<IpAuthorizationRecord> {
    const ip = publicIp(params.ip);
    if (params.expiresAt) throw this.errors.badInput('Ping Proxies IP authorizations do not expire', { expiresAt: ['not supported by Ping Proxies'] });
    if (params.subUserNativeId) checkProxyUserId(params.subUserNativeId, this.errors);
    const proxyUserId = params.subUserNativeId ?? (await this.defaultProxyUserId());
    if (!proxyUserId) throw this.errors.providerError('Ping Proxies reported no default proxy user; give a subUserId');
    const user = await this.writer.add(proxyUserId, ip, this.context);
    this.users.replace(user);
    return toIpAuthorizations(user).find((record) => record.nativeId === ipAuthorizationId(proxyUserId, ip))!;
  }

  async revoke(nativeId: string): Promise<void> {
    const parts = parseIpAuthorizationId(nativeId);
    if (!parts || !isProxyUserId(parts.proxyUserId)) throw this.errors.notFound('IP authorization');
    this.users.replace(await this.writer.remove(parts.proxyUserId, parts.ip, this.context));
  }

  /** An IP authorized without a sub-user lands on the default proxy user. */
  defaultOwner(): Promise<string | null> {
    return this.defaultProxyUserId();
  }
}
