/**
 * Authenticated IPs, on the parent account or on one sub-account (AccessScopes). An authorization's id is
 * its canonical IP, prefixed by the sub-account's username when it is on one (mapping.ts `scopedId`).
 */
import type { AccountErrors } from '../../core/errors';
import { canonicalOrNull, publicIp, sameIp } from '../../domain/checks/ip';
import type { AuthorizeIpParams } from '../contract/params';
import type { IpAuthorizationRecord } from '../contract/records';
import type { IpAuthorizationsFacet } from '../contract/session';
import type { AccessScopes } from './access-scopes';
import type { ProxyMeshClient } from './client';
import { parseScopedId, toIpAuthorization } from './mapping';
import { checkNoExpiry, checkUsername, isProxyMeshUsername } from './validate';

export class ProxyMeshIpAuthorizations implements IpAuthorizationsFacet {
  constructor(
    private readonly client: ProxyMeshClient,
    private readonly scopes: AccessScopes,
    private readonly errors: AccountErrors,
  ) {}

  async list(): Promise<IpAuthorizationRecord[]> {
    const scopes = await this.scopes.allIps();
    return scopes.flatMap(({ username, value }) => value.ips.map((ip) => toIpAuthorization(ip, username)));
  }

  async get(nativeId: string): Promise<IpAuthorizationRecord | null> {
    const held = await this.heldIp(nativeId);
    return held ? toIpAuthorization(held.ip, held.username) : null;
  }

  async authorize(params: AuthorizeIpParams): Promise<IpAuthorizationRecord> {
    const ip = publicIp(params.ip);
    if (params.subUserNativeId) checkUsername(params.subUserNativeId, 'subUserIds');
    checkNoExpiry(params.expiresAt);
    const username = params.subUserNativeId ?? null;
    const added = await this.client.addIp(ip, username);
    this.scopes.ipsChanged(username);
    return toIpAuthorization(added.ip || ip, username);
  }

  /** Deletes by the spelling ProxyMesh holds: it matches the `ip` of a delete exactly. */
  async revoke(nativeId: string): Promise<void> {
    const held = await this.heldIp(nativeId);
    if (!held) throw this.errors.notFound('IP authorization');
    await this.client.deleteIp(held.ip, held.username);
    this.scopes.ipsChanged(held.username);
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
    const list = await this.scopes.ips(username);
    const held = list?.ips.find((candidate) => sameIp(candidate, ip));
    return held ? { ip: held, username } : null;
  }
}
