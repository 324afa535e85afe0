/**
 * The custom DNS facet of a WonderProxy session. Servers may be named by short name (`denver`) or host name
 * (`denver.wonderproxy.com`); creating checks the server is on the account before the POST, and refuses
 * with the account's server names when it is not.
 */
import { isCode, type AccountErrors } from '../../core/errors';
import { perKeyLoader } from '../shared/loaders';
import type { CreateDnsOverrideParams, DnsOverrideFilterParams, UpdateDnsOverrideParams } from '../contract/params';
import type { DnsOverrideRecord } from '../contract/records';
import type { DnsOverridesFacet } from '../contract/session';
import type { WonderProxyClient } from './client';
import { toDnsOverride } from './mapping';
import type { ContractServerLoaders } from './server-loaders';
import { canonicalIp, publicIp, sameIp } from '../../domain/checks/ip';
import { checkHostname, futureEpochSeconds, isNumericId, serverReference } from './validate';
import type { WonderProxyOverride, WonderProxyOverrideUpdate } from './wire';

export class WonderProxyDnsOverrides implements DnsOverridesFacet {
  private readonly byId = perKeyLoader((id: string) => this.client.override(id));

  constructor(
    private readonly client: WonderProxyClient,
    private readonly servers: ContractServerLoaders,
    private readonly errors: AccountErrors,
  ) {}

  async list(filter: DnsOverrideFilterParams): Promise<DnsOverrideRecord[]> {
    const ip = filter.ip ? canonicalIp(filter.ip, 'filter.ip') : undefined;
    let server: string | undefined;
    if (filter.server) {
      const reference = serverReference(filter.server);
      if ('name' in reference) server = reference.name;
      else {
        // A host name is looked up among the account's servers; one it does not have has no entries here.
        const known = await this.servers.list(undefined);
        const match = known.find((candidate) => candidate.hostname.toLowerCase() === reference.hostname);
        if (!match) return [];
        server = match.server;
      }
    }
    // The IP is compared here on canonical forms rather than sent as ?ip= (a text match upstream).
    const entries = await this.client.overrides({ servers: server ? [server] : undefined });
    entries.forEach((entry) => this.byId.prime(String(entry.id), entry));
    return entries.filter((entry) => !ip || sameIp(entry.ip, ip)).map(toDnsOverride);
  }

  async get(nativeId: string): Promise<DnsOverrideRecord | null> {
    if (!isNumericId(nativeId)) return null;
    const entry = await this.byId.load(nativeId);
    return entry ? toDnsOverride(entry) : null;
  }

  async create(params: CreateDnsOverrideParams): Promise<DnsOverrideRecord> {
    const hostname = checkHostname(params.hostname);
    // WonderProxy's servers connect to this address for the hostname: a loopback, private or link-local
    // target would point them at their own networks.
    const ip = publicIp(params.ip);
    const expiry = futureEpochSeconds(params.expiresAt);
    const server = await this.resolveServer(params.server);
    const created = await this.client.createOverride({ server, hostname, ip, expiry });
    this.byId.prime(String(created.id), created);
    return toDnsOverride(created);
  }

  async update(nativeId: string, params: UpdateDnsOverrideParams): Promise<DnsOverrideRecord> {
    const body: WonderProxyOverrideUpdate = {};
    if (params.hostname != null) body.hostname = checkHostname(params.hostname);
    if (params.ip != null) body.ip = publicIp(params.ip);
    if (params.expiresAt != null) body.expiry = futureEpochSeconds(params.expiresAt);
    if (Object.keys(body).length === 0) throw this.errors.badInput('give at least one of hostname, ip, expiresAt', { input: ['empty'] });
    if (!isNumericId(nativeId)) throw this.errors.notFound('DNS override');
    try {
      const updated = await this.client.updateOverride(nativeId, body);
      this.byId.clear(nativeId).prime(nativeId, updated);
      return toDnsOverride(updated);
    } catch (error) {
      // WonderProxy answers 409 "No changes were made" when the entry already has these values: that is success.
      if (!isCode(error, 'CONFLICT')) throw error;
      const current = await this.client.override(nativeId).catch(() => null);
      if (current && matches(current, body)) {
        this.byId.clear(nativeId).prime(nativeId, current);
        return toDnsOverride(current);
      }
      throw error;
    }
  }

  async delete(nativeId: string): Promise<void> {
    if (!isNumericId(nativeId)) throw this.errors.notFound('DNS override');
    await this.client.deleteOverride(nativeId);
    this.byId.clear(nativeId);
  }

  /** WonderProxy answers 204 without a count. */
  async clear(): Promise<number | null> {
    await this.client.clearOverrides();
    this.byId.clearAll();
    return null;
  }

  /** The short name of a server on this account, from its short name or host name; else BAD_USER_INPUT listing them. */
  private async resolveServer(value: string): Promise<string> {
    const reference = serverReference(value);
    const known = await this.servers.list(undefined);
    const match = known.find((server) => ('name' in reference ? server.server === reference.name : server.hostname.toLowerCase() === reference.hostname));
    if (match) return match.server;
    const names = known.map((server) => server.server).sort();
    throw this.errors.badInput(`server "${value.slice(0, 80)}" is not on this WonderProxy account; its servers are: ${names.join(', ') || '(none)'}`, {
      server: [`not on the account; use one of: ${names.join(', ')}`],
    });
  }
}

function matches(current: WonderProxyOverride, wanted: WonderProxyOverrideUpdate): boolean {
  return (
    (wanted.hostname === undefined || current.hostname.toLowerCase() === wanted.hostname) &&
    (wanted.ip === undefined || sameIp(current.ip, wanted.ip)) &&
    (wanted.expiry === undefined || current.expiry === wanted.expiry)
  );
}
