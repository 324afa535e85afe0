/**
 * Typed calls to ProxyMesh's 17 account-API endpoints (docs/providers/proxymesh.txt). Every call authenticates as the
 * parent account (HTTP Basic, or a bearer token [C docs/providers/reference.md §3]); POST parameters travel as a form body.
 * All calls go through the account's upstream channel.
 */
import { describeFields, errorBodyObject, fieldErrorMessages } from '../../upstream/error-body';
import type { AccountChannel, AccountTarget } from '../../upstream/http';
import type { UpstreamFailure } from '../../upstream/failure';
import { secretRedactor } from '../../core/redact';
import type {
  ProxyMeshDomainAdded,
  ProxyMeshDomainList,
  ProxyMeshGeoIps,
  ProxyMeshIpAdded,
  ProxyMeshIpList,
  ProxyMeshPool,
  ProxyMeshProxyAdded,
  ProxyMeshProxyList,
  ProxyMeshSubAccount,
  ProxyMeshSubAccountForm,
} from './wire';

export const PROXYMESH_ORIGIN = 'https://proxymesh.com';

export type ProxyMeshCredentials = { username: string; password: string } | { bearerToken: string };

/**
 * Reads ProxyMesh error bodies: 400 form errors `{"field": ["message"]}`, or `{"error": "..."}`.
 * ProxyMesh answers 400 both for "already authorized" (→ CONFLICT) and for removing something that is not
 * there (→ NOT_FOUND); other 400s are invalid input.
 */
export function describeProxyMeshFailure(status: number, body: string): Omit<UpstreamFailure, 'provider' | 'accountId' | 'status'> {
  const record = errorBodyObject(body);
  if (typeof record.error === 'string') return { providerMessage: record.error };
  const fields = fieldErrorMessages(record);
  if (Object.keys(fields).length === 0) return {};
  return { providerMessage: describeFields(fields), fields, code: codeOverride(status, Object.values(fields).flat().join(' ')) };
}

function codeOverride(status: number, message: string): UpstreamFailure['code'] {
  if (status !== 400) return undefined;
  if (/\bnot (already )?(authorized|authenticated)\b/i.test(message)) return 'NOT_FOUND';
  if (/\balready\b/i.test(message)) return 'CONFLICT';
  return undefined;
}

export function proxymeshTarget(accountId: string, credentials: ProxyMeshCredentials, baseUrl = PROXYMESH_ORIGIN): AccountTarget {
  const authorization =
    'bearerToken' in credentials
      ? `Bearer ${credentials.bearerToken}`
      : `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
  return {
    provider: 'proxymesh',
    accountId,
    baseUrl,
    authHeaders: () => ({ authorization }),
    redact: secretRedactor(
      'bearerToken' in credentials
        ? { secrets: [credentials.bearerToken] }
        : { secrets: [credentials.password], identifiers: [credentials.username], basic: [[credentials.username, credentials.password]] },
    ),
    describeFailure: (status, body) => describeProxyMeshFailure(status, body),
  };
}

type Form = Record<string, string | number | undefined>;

export class ProxyMeshClient {
  constructor(private readonly channel: AccountChannel) {}

  private async post<T>(path: string, form: Form): Promise<T> {
    const response = await this.channel.send({ method: 'POST', path, endpoint: `POST ${path}`, form });
    return response.json<T>();
  }

  /** Delete-style calls answer an empty 200 or 204; the body is not read. */
  private async postNoContent(path: string, form: Form): Promise<void> {
    await this.channel.send({ method: 'POST', path, endpoint: `POST ${path}`, form });
  }

  private get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    return this.channel.getJson<T>({ path, endpoint: `GET ${path}`, query });
  }

  // ---- sub-accounts ----------------------------------------------------------------------------------

  createSubAccount(form: ProxyMeshSubAccountForm): Promise<ProxyMeshSubAccount> {
    return this.post<ProxyMeshSubAccount>('/api/sub/create/', { ...form });
  }

  editSubAccount(form: ProxyMeshSubAccountForm): Promise<ProxyMeshSubAccount> {
    return this.post<ProxyMeshSubAccount>('/api/sub/edit/', { ...form });
  }

  subAccount(username: string): Promise<ProxyMeshSubAccount> {
    return this.get('/api/sub/get/', { username });
  }

  activateSubAccount(username: string): Promise<ProxyMeshSubAccount> {
    return this.post<ProxyMeshSubAccount>('/api/sub/activate/', { username });
  }

  deactivateSubAccount(username: string): Promise<ProxyMeshSubAccount> {
    return this.post<ProxyMeshSubAccount>('/api/sub/deactivate/', { username });
  }

  async deleteSubAccount(username: string): Promise<void> {
    await this.postNoContent('/api/sub/delete/', { username });
  }

  // ---- authenticated IPs (parent account, or a sub-account by username) ------------------------------

  ips(username?: string | null): Promise<ProxyMeshIpList> {
    return this.get('/api/ips/', { username: username ?? undefined });
  }

  addIp(ip: string, username?: string | null): Promise<ProxyMeshIpAdded> {
    return this.post<ProxyMeshIpAdded>('/api/ip/add/', { ip, username: username ?? undefined });
  }

  async deleteIp(ip: string, username?: string | null): Promise<void> {
    await this.postNoContent('/api/ip/delete/', { ip, username: username ?? undefined });
  }

  // ---- authenticated hostnames -----------------------------------------------------------------------

  hostnames(username?: string | null): Promise<ProxyMeshDomainList> {
    return this.get('/api/hostnames/', { username: username ?? undefined });
  }

  addHostname(domain: string, username?: string | null): Promise<ProxyMeshDomainAdded> {
    return this.post<ProxyMeshDomainAdded>('/api/hostname/add/', { domain, username: username ?? undefined });
  }

  async deleteHostname(domain: string, username?: string | null): Promise<void> {
    await this.postNoContent('/api/hostname/delete/', { domain, username: username ?? undefined });
  }

  // ---- proxy servers ---------------------------------------------------------------------------------

  proxies(): Promise<ProxyMeshProxyList> {
    return this.get('/api/proxies/');
  }

  addProxy(proxy: string): Promise<ProxyMeshProxyAdded> {
    return this.post<ProxyMeshProxyAdded>('/api/proxy/add/', { proxy });
  }

  async deleteProxy(proxy: string): Promise<void> {
    await this.postNoContent('/api/proxy/delete/', { proxy });
  }

  // ---- geo IPs -----------------------------------------------------------------------------------------

  geoIps(pool: ProxyMeshPool): Promise<ProxyMeshGeoIps> {
    return this.get(`/api/geoips/${pool}/`);
  }
}
