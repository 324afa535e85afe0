/**
 * One request's reads of authenticated IPs and hostnames, per scope: the parent account or one sub-account
 * (ProxyMesh's `username` parameter). ProxyMesh lists them per scope only, so an account-wide list is the
 * parent's plus each known sub-account's, one call per scope, each scope read once per request. Shared by the
 * IP-authorization, hostname-authorization and sub-user facets.
 */
import type DataLoader from 'dataloader';
import { isCode } from '../../core/errors';
import { mapBounded, perKeyLoader } from '../shared/loaders';
import type { ProxyMeshClient } from './client';
import type { KnownSubAccounts } from './known-subaccounts';
import type { ProxyMeshDomainList, ProxyMeshIpList } from './wire';

/** The parent account's key in the per-scope loaders. */
const PARENT = '';
/** Sub-account scopes read in parallel at most. */
const SCOPE_CONCURRENCY = 4;

/** One scope's list: `username` null for the parent account. */
export interface ScopeList<T> {
  username: string | null;
  value: T;
}

export class AccessScopes {
  /** Per scope; null when the sub-account does not exist. */
  private readonly ipLists = perKeyLoader((scope: string) => this.client.ips(scope || null));
  private readonly domainLists = perKeyLoader((scope: string) => this.client.hostnames(scope || null));

  constructor(
    private readonly client: ProxyMeshClient,
    private readonly known: KnownSubAccounts,
  ) {}

  /** One scope's IPs; null when the sub-account does not exist. */
  ips(username: string | null): Promise<ProxyMeshIpList | null> {
    return this.ipLists.load(username ?? PARENT);
  }

  allIps(): Promise<Array<ScopeList<ProxyMeshIpList>>> {
    return this.all(this.ipLists);
  }

  /** After a write to one scope's IPs. */
  ipsChanged(username: string | null | undefined): void {
    this.ipLists.clear(username ?? PARENT);
  }

  allDomains(): Promise<Array<ScopeList<ProxyMeshDomainList>>> {
    return this.all(this.domainLists);
  }

  /** After a write to one scope's hostnames. */
  domainsChanged(username: string | null | undefined): void {
    this.domainLists.clear(username ?? PARENT);
  }

  /**
   * Reads every scope (parent first, then known sub-accounts). A known sub-account that is gone (404) or
   * not this account's (403) is skipped rather than failing the account's whole list.
   */
  private async all<T>(loader: DataLoader<string, T | null>): Promise<Array<ScopeList<T>>> {
    const scopes = [PARENT, ...(await this.known.list())];
    const values = await mapBounded(scopes, SCOPE_CONCURRENCY, async (scope) => {
      try {
        return await loader.load(scope);
      } catch (error) {
        if (scope !== PARENT && isCode(error, 'PROVIDER_FORBIDDEN')) return null;
        throw error;
      }
    });
    return scopes.flatMap((scope, index) => (values[index] === null ? [] : [{ username: scope || null, value: values[index] as T }]));
  }
}
