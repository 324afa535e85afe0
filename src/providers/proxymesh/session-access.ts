/**
 * The access-control half of a ProxyMesh session: authenticated IPs and hostnames, on the parent account or
 * on one sub-account (`username` parameter). ProxyMesh lists them per scope, so the account-wide lists are
 * the parent's plus each known sub-account's, one call per scope, de-duplicated within the request.
 */
import type DataLoader from 'dataloader';
import { ProxyGraphError, badUserInput } from '../../core/errors';
import { mapBounded, perKeyLoader } from '../shared/loaders';
import type { AuthorizeIpParams } from '../contract/params';
import type { HostnameAuthorizationRecord, IpAuthorizationRecord } from '../contract/records';
import type { ProxyMeshClient } from './client';
import type { KnownSubAccounts } from './known-subaccounts';
import { parseScopedId, toHostnameAuthorization, toIpAuthorization } from './mapping';
import { canonicalOrNull, publicIp, sameIp } from '../../domain/checks/ip';
import { checkHostname, checkUsername, isProxyMeshUsername } from './validate';

/** The parent account's scope key in the per-scope loaders. */
const PARENT = '';
/** Sub-account scopes read in parallel at most. */
const SCOPE_CONCURRENCY = 4;

export class ProxyMeshAccessSession {
  /** IPs per scope ('' = parent); null when the sub-account does not exist. */
  protected readonly ipsByScope = perKeyLoader((scope: string) => this.client.ips(scope || null));
  protected readonly domainsByScope = perKeyLoader((scope: string) => this.client.hostnames(scope || null));

  constructor(
    protected readonly client: ProxyMeshClient,
    protected readonly known: KnownSubAccounts,
    protected readonly accountId: string,
  ) {}

  protected notFound(what: string): ProxyGraphError {
    return new ProxyGraphError('NOT_FOUND', `no such ${what}`, { provider: 'proxymesh', accountId: this.accountId });
  }

  /** Known sub-account usernames that can exist on ProxyMesh (an invalid one would only cost a 400). */
  protected async knownUsernames(): Promise<string[]> {
    return (await this.known.list()).filter(isProxyMeshUsername);
  }

  /**
   * Reads every scope (parent first, then known sub-accounts). A known sub-account that is gone (404) or
   * not this account's (403) is skipped rather than failing the account's whole list.
   */
  private async allScopes<T>(loader: DataLoader<string, T | null>): Promise<Array<{ username: string | null; value: T }>> {
    const scopes = [PARENT, ...(await this.knownUsernames())];
    const values = await mapBounded(scopes, SCOPE_CONCURRENCY, async (scope) => {
      try {
        return await loader.load(scope);
      } catch (error) {
        if (scope !== PARENT && error instanceof ProxyGraphError && error.code === 'PROVIDER_FORBIDDEN') return null;
        throw error;
      }
    });
    return scopes.flatMap((scope, index) => (values[index] === null ? [] : [{ username: scope || null, value: values[index] as T }]));
  }

  // ---- IPs ---------------------------------------------------------------------------------------------

  async listIpAuthorizations(): Promise<IpAuthorizationRecord[]> {
    const scopes = await this.allScopes(this.ipsByScope);
    return scopes.flatMap(({ username, value }) => value.ips.map((ip) => toIpAuthorization(ip, username)));
  }

  async subUserIpAuthorizations(nativeId: string): Promise<IpAuthorizationRecord[]> {
    if (!isProxyMeshUsername(nativeId)) return [];
    const list = await this.ipsByScope.load(nativeId);
    return (list?.ips ?? []).map((ip) => toIpAuthorization(ip, nativeId));
  }

  async getIpAuthorization(nativeId: string): Promise<IpAuthorizationRecord | null> {
    const held = await this.heldIp(nativeId);
    return held ? toIpAuthorization(held.ip, held.username) : null;
  }

  /**
   * The IP an authorization id names, in the spelling ProxyMesh holds it (ids carry the canonical form; another
   * client may have written `::ffff:c633:6451` for 198.51.100.81), or null when the scope has no such IP.
   * An id that could never exist (bad username, not an IP) is null without a call.
   */
  private async heldIp(nativeId: string): Promise<{ ip: string; username: string | null } | null> {
    const { username, value } = parseScopedId(nativeId);
    const ip = canonicalOrNull(value);
    if ((username !== null && !isProxyMeshUsername(username)) || !ip) return null;
    const list = await this.ipsByScope.load(username ?? PARENT);
    const held = list?.ips.find((candidate) => sameIp(candidate, ip));
    return held ? { ip: held, username } : null;
  }

  async authorizeIp(params: AuthorizeIpParams): Promise<IpAuthorizationRecord> {
    const ip = publicIp(params.ip);
    if (params.subUserNativeId) checkUsername(params.subUserNativeId, 'subUserIds');
    if (params.expiresAt) {
      throw badUserInput('ProxyMesh IP authorizations do not expire; leave expiresAt out for ProxyMesh accounts', { expiresAt: ['not supported by ProxyMesh'] });
    }
    const username = params.subUserNativeId ?? null;
    const added = await this.client.addIp(ip, username);
    this.ipsByScope.clear(username ?? PARENT);
    return toIpAuthorization(added.ip || ip, username);
  }

  /** Deletes by the spelling ProxyMesh holds: it matches the `ip` of a delete exactly. */
  async revokeIpAuthorization(nativeId: string): Promise<void> {
    const held = await this.heldIp(nativeId);
    if (!held) throw this.notFound('IP authorization');
    await this.client.deleteIp(held.ip, held.username);
    this.ipsByScope.clear(held.username ?? PARENT);
  }

  // ---- hostnames -----------------------------------------------------------------------------------------

  async listHostnameAuthorizations(): Promise<HostnameAuthorizationRecord[]> {
    const scopes = await this.allScopes(this.domainsByScope);
    return scopes.flatMap(({ username, value }) => value.domains.map((domain) => toHostnameAuthorization(domain, username)));
  }

  async addHostnameAuthorization(hostname: string, subUserNativeId?: string | null): Promise<HostnameAuthorizationRecord> {
    checkHostname(hostname);
    if (subUserNativeId) checkUsername(subUserNativeId, 'subUserId');
    const added = await this.client.addHostname(hostname, subUserNativeId);
    this.domainsByScope.clear(subUserNativeId ?? PARENT);
    return toHostnameAuthorization(added.domain || hostname, subUserNativeId);
  }

  async removeHostnameAuthorization(hostname: string, subUserNativeId?: string | null): Promise<void> {
    checkHostname(hostname);
    if (subUserNativeId) checkUsername(subUserNativeId, 'subUserId');
    await this.client.deleteHostname(hostname, subUserNativeId);
    this.domainsByScope.clear(subUserNativeId ?? PARENT);
  }
}
