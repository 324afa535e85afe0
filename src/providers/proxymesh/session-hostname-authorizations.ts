/** Authenticated hostnames, on the parent account or on one sub-account (AccessScopes). */
import type { HostnameAuthorizationRecord } from '../contract/records';
import type { HostnameAuthorizationsFacet } from '../contract/session';
import type { AccessScopes } from './access-scopes';
import type { ProxyMeshClient } from './client';
import { toHostnameAuthorization } from './mapping';
import { checkHostname, checkUsername } from './validate';

export class ProxyMeshHostnameAuthorizations implements HostnameAuthorizationsFacet {
  constructor(
    private readonly client: ProxyMeshClient,
    private readonly scopes: AccessScopes,
  ) {}

  async list(): Promise<HostnameAuthorizationRecord[]> {
    const scopes = await this.scopes.allDomains();
    return scopes.flatMap(({ username, value }) => value.domains.map((domain) => toHostnameAuthorization(domain, username)));
  }

  async add(hostname: string, subUserNativeId?: string | null): Promise<HostnameAuthorizationRecord> {
    checkHostname(hostname);
    if (subUserNativeId) checkUsername(subUserNativeId, 'subUserId');
    const added = await this.client.addHostname(hostname, subUserNativeId);
    this.scopes.domainsChanged(subUserNativeId);
    return toHostnameAuthorization(added.domain || hostname, subUserNativeId);
  }

  async remove(hostname: string, subUserNativeId?: string | null): Promise<void> {
    checkHostname(hostname);
    if (subUserNativeId) checkUsername(subUserNativeId, 'subUserId');
    await this.client.deleteHostname(hostname, subUserNativeId);
    this.scopes.domainsChanged(subUserNativeId);
  }
}
