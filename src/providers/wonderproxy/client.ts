/**
 * Typed calls to WonderProxy's API v0 (wire types in, wire types out). Auth is HTTP Basic with the API
 * token as the username and an empty password [C]. Every error body is `{"message"}` [C]; the generic
 * status mapping already gives 404 → NOT_FOUND and 409 → CONFLICT, so the client only lifts the message.
 * All calls go through the account's upstream channel.
 */
import { errorBodyObject } from '../../upstream/error-body';
import type { AccountChannel, AccountTarget } from '../../upstream/http';
import type { UpstreamFailure } from '../../upstream/failure';
import { pathWith } from '../../upstream/path';
import { secretRedactor } from '../../core/redact';
import type {
  WonderProxyAuthlistCreate,
  WonderProxyAuthlistEntry,
  WonderProxyAuthlistUpdate,
  WonderProxyContract,
  WonderProxyContractServer,
  WonderProxyNetworkServer,
  WonderProxyOverride,
  WonderProxyOverrideCreate,
  WonderProxyOverrideUpdate,
  WonderProxyServerDetail,
} from './wire';

export const WONDERPROXY_ORIGIN = 'https://api.wonderproxy.com';

/** Reads `{"message": "..."}`; anything else leaves the generic message. */
export function describeWonderProxyFailure(_status: number, body: string): Omit<UpstreamFailure, 'provider' | 'accountId' | 'status'> {
  const record = errorBodyObject(body);
  return typeof record.message === 'string' ? { providerMessage: record.message } : {};
}

export function wonderproxyTarget(accountId: string, token: string, baseUrl = WONDERPROXY_ORIGIN): AccountTarget {
  const basic = Buffer.from(`${token}:`, 'utf8').toString('base64');
  return {
    provider: 'wonderproxy',
    accountId,
    baseUrl,
    authHeaders: () => ({ authorization: `Basic ${basic}` }),
    redact: secretRedactor({ secrets: [token], basic: [[token, '']] }),
    describeFailure: (status, body) => describeWonderProxyFailure(status, body),
  };
}

/** `detail=` value in a fixed order, or undefined when nothing optional is wanted. */
function detailParam(details: readonly WonderProxyServerDetail[]): string | undefined {
  const order: WonderProxyServerDetail[] = ['location', 'usage', 'geostatus'];
  const wanted = order.filter((detail) => details.includes(detail));
  return wanted.length ? wanted.join(',') : undefined;
}

export class WonderProxyClient {
  constructor(private readonly channel: AccountChannel) {}

  networkServers(withLocation: boolean): Promise<WonderProxyNetworkServer[]> {
    return this.channel.getJson({ path: '/v0/servers', endpoint: 'GET /v0/servers', query: { detail: withLocation ? 'location' : undefined } });
  }

  contract(): Promise<WonderProxyContract> {
    return this.channel.getJson({ path: '/v0/contract', endpoint: 'GET /v0/contract' });
  }

  /** All contract servers, or only `names` (one call for many servers). */
  contractServers(details: readonly WonderProxyServerDetail[], names?: readonly string[]): Promise<WonderProxyContractServer[]> {
    return this.channel.getJson({
      path: '/v0/contract/servers',
      endpoint: 'GET /v0/contract/servers',
      query: { server: names?.length ? names.join(',') : undefined, detail: detailParam(details) },
    });
  }

  contractServer(name: string, details: readonly WonderProxyServerDetail[]): Promise<WonderProxyContractServer> {
    return this.channel.getJson({
      path: pathWith('/v0/contract/servers/:name', { name }),
      endpoint: 'GET /v0/contract/servers/:server',
      query: { detail: detailParam(details) },
    });
  }

  /** `?ip=` exists upstream but matches text, not addresses: IP filters are applied on canonical forms locally. */
  authlist(filter: { users?: readonly string[] } = {}): Promise<WonderProxyAuthlistEntry[]> {
    return this.channel.getJson({
      path: '/v0/contract/ip-authlist',
      endpoint: 'GET /v0/contract/ip-authlist',
      query: { user: filter.users?.length ? filter.users.join(',') : undefined },
    });
  }

  authlistEntry(entryId: string): Promise<WonderProxyAuthlistEntry> {
    return this.channel.getJson({ path: pathWith('/v0/contract/ip-authlist/:id', { id: entryId }), endpoint: 'GET /v0/contract/ip-authlist/:id' });
  }

  async createAuthlistEntry(body: WonderProxyAuthlistCreate): Promise<WonderProxyAuthlistEntry> {
    const response = await this.channel.send({ method: 'POST', path: '/v0/contract/ip-authlist', endpoint: 'POST /v0/contract/ip-authlist', json: body });
    return response.json<WonderProxyAuthlistEntry>();
  }

  async updateAuthlistEntry(entryId: string, body: WonderProxyAuthlistUpdate): Promise<WonderProxyAuthlistEntry> {
    const response = await this.channel.send({
      method: 'PATCH',
      path: pathWith('/v0/contract/ip-authlist/:id', { id: entryId }),
      endpoint: 'PATCH /v0/contract/ip-authlist/:id',
      json: body,
    });
    return response.json<WonderProxyAuthlistEntry>();
  }

  async deleteAuthlistEntry(entryId: string): Promise<void> {
    await this.channel.send({
      method: 'DELETE',
      path: pathWith('/v0/contract/ip-authlist/:id', { id: entryId }),
      endpoint: 'DELETE /v0/contract/ip-authlist/:id',
    });
  }

  async clearAuthlist(): Promise<void> {
    await this.channel.send({ method: 'DELETE', path: '/v0/contract/ip-authlist', endpoint: 'DELETE /v0/contract/ip-authlist' });
  }

  /** Like the authlist, `?ip=` is left to a local comparison of canonical forms. */
  overrides(filter: { servers?: readonly string[] } = {}): Promise<WonderProxyOverride[]> {
    return this.channel.getJson({
      path: '/v0/contract/overrides',
      endpoint: 'GET /v0/contract/overrides',
      query: { server: filter.servers?.length ? filter.servers.join(',') : undefined },
    });
  }

  override(overrideId: string): Promise<WonderProxyOverride> {
    return this.channel.getJson({ path: pathWith('/v0/contract/overrides/:id', { id: overrideId }), endpoint: 'GET /v0/contract/overrides/:id' });
  }

  async createOverride(body: WonderProxyOverrideCreate): Promise<WonderProxyOverride> {
    const response = await this.channel.send({ method: 'POST', path: '/v0/contract/overrides', endpoint: 'POST /v0/contract/overrides', json: body });
    return response.json<WonderProxyOverride>();
  }

  async updateOverride(overrideId: string, body: WonderProxyOverrideUpdate): Promise<WonderProxyOverride> {
    const response = await this.channel.send({
      method: 'PATCH',
      path: pathWith('/v0/contract/overrides/:id', { id: overrideId }),
      endpoint: 'PATCH /v0/contract/overrides/:id',
      json: body,
    });
    return response.json<WonderProxyOverride>();
  }

  async deleteOverride(overrideId: string): Promise<void> {
    await this.channel.send({
      method: 'DELETE',
      path: pathWith('/v0/contract/overrides/:id', { id: overrideId }),
      endpoint: 'DELETE /v0/contract/overrides/:id',
    });
  }

  async clearOverrides(): Promise<void> {
    await this.channel.send({ method: 'DELETE', path: '/v0/contract/overrides', endpoint: 'DELETE /v0/contract/overrides' });
  }
}
