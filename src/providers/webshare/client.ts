/**
 * Typed calls to Webshare's v2/v3 API (wire types in, wire types out). Auth is `Authorization: Token <key>`;
 * `plan_id` selects the plan on multi-plan accounts; `X-Subuser` reads as a sub-user. All calls go through
 * the account's upstream channel.
 */
import { describeFields, errorBodyObject, fieldErrorMessages } from '../../upstream/error-body';
import type { AccountChannel, AccountTarget, QueryValue } from '../../upstream/http';
import { pathWith } from '../../upstream/path';
import type { UpstreamFailure } from '../../upstream/failure';
import { secretRedactor } from '../../core/redact';
import type {
  WebshareAggregateStats,
  WebshareIpAuthorization,
  WebsharePage,
  WebsharePlan,
  WebshareProfile,
  WebshareProxy,
  WebshareProxyConfig,
  WebshareProxyConfigUpdate,
  WebshareProxyListQuery,
  WebshareProxyReplacement,
  WebshareProxyReplacementCreate,
  WebshareStatsQuery,
  WebshareSubscription,
  WebshareSubuser,
  WebshareSubuserCreate,
  WebshareSubuserUpdate,
} from './wire';
import type {
  WebshareActivityPage,
  WebshareActivityQuery,
  WebshareDownloadToken,
  WebshareDownloadTokenScope,
  WebshareProxyStat,
  WebshareReplacedProxy,
  WebshareReplacedProxyListQuery,
} from './wire';
import type { WebshareAllocateUnallocatedCountries, WebshareProxyConfigV3, WebshareProxyListStats, WebshareProxyListStatus } from './wire';

export const WEBSHARE_ORIGIN = 'https://proxy.webshare.io';

/** Reads Webshare's DRF error bodies: `{"detail", "code"}` or live field errors `{"field": [{message, code}]}`. */
export function describeWebshareFailure(status: number, body: string): Omit<UpstreamFailure, 'provider' | 'accountId' | 'status'> {
  const record = errorBodyObject(body);
  if (typeof record.detail === 'string') {
    const providerCode = typeof record.code === 'string' ? record.code : undefined;
    return { providerMessage: providerCode ? `${record.detail} (${providerCode})` : record.detail, code: codeOverride(status, record.detail, providerCode) };
  }
  const fields = fieldErrorMessages(record);
  if (Object.keys(fields).length === 0) return {};
  const all = Object.values(fields).flat().join(' ');
  return { providerMessage: describeFields(fields), fields, code: codeOverride(status, all, undefined) };
}

/** Webshare answers 400 for "already exists" and quota problems; those deserve their own codes. */
function codeOverride(status: number, message: string, providerCode: string | undefined): UpstreamFailure['code'] {
  if (status !== 400) return undefined;
  if (/already/i.test(message) || providerCode === 'active_replacement') return 'CONFLICT';
  if (providerCode === 'not_enough_replacements_in_subscription' || /limit|no .*available|not enough/i.test(message)) return 'PLAN_LIMIT';
  return undefined;
}

export function webshareTarget(accountId: string, token: string, baseUrl = WEBSHARE_ORIGIN): AccountTarget {
  return {
    provider: 'webshare',
    accountId,
    baseUrl,
    authHeaders: () => ({ authorization: `Token ${token}` }),
    redact: secretRedactor({ secrets: [token] }),
    describeFailure: (status, body) => describeWebshareFailure(status, body),
  };
}

export class WebshareClient {
  constructor(
    private readonly channel: AccountChannel,
    /** The plan this account entry manages (`plan_id`), or null for the account's default plan. */
    readonly planId: number | null,
  ) {}

  private withPlan(query: Record<string, QueryValue> = {}): Record<string, QueryValue> {
    return this.planId === null ? query : { ...query, plan_id: this.planId };
  }

  profile(): Promise<WebshareProfile> {
    return this.channel.getJson({ path: '/api/v2/profile/', endpoint: 'GET /api/v2/profile/' });
  }

  subscription(): Promise<WebshareSubscription> {
    return this.channel.getJson({ path: '/api/v2/subscription/', endpoint: 'GET /api/v2/subscription/' });
  }

  plan(planId: number): Promise<WebsharePlan> {
    return this.channel.getJson({ path: pathWith('/api/v2/subscription/plan/:id/', { id: planId }), endpoint: 'GET /api/v2/subscription/plan/:id/' });
  }

  aggregateStats(query: WebshareStatsQuery): Promise<WebshareAggregateStats> {
    return this.channel.getJson({
      path: '/api/v2/stats/aggregate/',
      endpoint: 'GET /api/v2/stats/aggregate/',
      query: this.withPlan({ timestamp__gte: query.timestamp__gte, timestamp__lte: query.timestamp__lte }),
    });
  }

  proxyList(query: WebshareProxyListQuery, subuserId?: string): Promise<WebsharePage<WebshareProxy>> {
    return this.channel.getJson({
      path: '/api/v2/proxy/list/',
      endpoint: 'GET /api/v2/proxy/list/',
      query: this.withPlan({ ...query }),
      headers: subuserId ? { 'x-subuser': subuserId } : undefined,
    });
  }

  async refreshProxyList(): Promise<void> {
    await this.channel.send({
      method: 'POST',
      path: '/api/v2/proxy/list/refresh/',
      endpoint: 'POST /api/v2/proxy/list/refresh/',
      query: this.withPlan(),
    });
  }

  proxyConfig(subuserId?: string): Promise<WebshareProxyConfig> {
    return this.channel.getJson({
      path: '/api/v2/proxy/config/',
      endpoint: 'GET /api/v2/proxy/config/',
      query: this.withPlan(),
      headers: subuserId ? { 'x-subuser': subuserId } : undefined,
    });
  }

  async updateProxyConfig(update: WebshareProxyConfigUpdate): Promise<WebshareProxyConfig> {
    const response = await this.channel.send({
      method: 'PATCH',
      path: '/api/v2/proxy/config/',
      endpoint: 'PATCH /api/v2/proxy/config/',
      query: this.withPlan(),
      json: update,
    });
    return response.json<WebshareProxyConfig>();
  }

  ipAuthorizations(page: number, pageSize: number): Promise<WebsharePage<WebshareIpAuthorization>> {
    return this.channel.getJson({
      path: '/api/v2/proxy/ipauthorization/',
      endpoint: 'GET /api/v2/proxy/ipauthorization/',
      query: this.withPlan({ page, page_size: pageSize }),
    });
  }

  ipAuthorization(id: string): Promise<WebshareIpAuthorization> {
    return this.channel.getJson({
      path: pathWith('/api/v2/proxy/ipauthorization/:id/', { id }),
      endpoint: 'GET /api/v2/proxy/ipauthorization/:id/',
      query: this.withPlan(),
    });
  }

  async createIpAuthorization(ip: string): Promise<WebshareIpAuthorization> {
    const response = await this.channel.send({
      method: 'POST',
      path: '/api/v2/proxy/ipauthorization/',
      endpoint: 'POST /api/v2/proxy/ipauthorization/',
      query: this.withPlan(),
      json: { ip_address: ip },
    });
    return response.json<WebshareIpAuthorization>();
  }

  async deleteIpAuthorization(id: string): Promise<void> {
    await this.channel.send({
      method: 'DELETE',
      path: pathWith('/api/v2/proxy/ipauthorization/:id/', { id }),
      endpoint: 'DELETE /api/v2/proxy/ipauthorization/:id/',
      query: this.withPlan(),
    });
  }

  subusers(page: number, pageSize: number): Promise<WebsharePage<WebshareSubuser>> {
    return this.channel.getJson({
      path: '/api/v2/subuser/',
      endpoint: 'GET /api/v2/subuser/',
      query: this.withPlan({ page, page_size: pageSize }),
    });
  }

  subuser(id: string): Promise<WebshareSubuser> {
    return this.channel.getJson({
      path: pathWith('/api/v2/subuser/:id/', { id }),
      endpoint: 'GET /api/v2/subuser/:id/',
      query: this.withPlan(),
    });
  }

  async createSubuser(body: WebshareSubuserCreate): Promise<WebshareSubuser> {
    const response = await this.channel.send({
      method: 'POST',
      path: '/api/v2/subuser/',
      endpoint: 'POST /api/v2/subuser/',
      query: this.withPlan(),
      json: body,
    });
    return response.json<WebshareSubuser>();
  }

  async updateSubuser(id: string, body: WebshareSubuserUpdate): Promise<WebshareSubuser> {
    const response = await this.channel.send({
      method: 'PATCH',
      path: pathWith('/api/v2/subuser/:id/', { id }),
      endpoint: 'PATCH /api/v2/subuser/:id/',
      query: this.withPlan(),
      json: body,
    });
    return response.json<WebshareSubuser>();
  }

  async deleteSubuser(id: string): Promise<void> {
    await this.channel.send({
      method: 'DELETE',
      path: pathWith('/api/v2/subuser/:id/', { id }),
      endpoint: 'DELETE /api/v2/subuser/:id/',
      query: this.withPlan(),
    });
  }

  async refreshSubuser(id: string): Promise<WebshareSubuser> {
    const response = await this.channel.send({
      method: 'POST',
      path: pathWith('/api/v2/subuser/:id/refresh/', { id }),
      endpoint: 'POST /api/v2/subuser/:id/refresh/',
      query: this.withPlan(),
    });
    return response.json<WebshareSubuser>();
  }

  replacements(page: number, pageSize: number): Promise<WebsharePage<WebshareProxyReplacement>> {
    return this.channel.getJson({
      path: '/api/v3/proxy/replace/',
      endpoint: 'GET /api/v3/proxy/replace/',
      query: this.withPlan({ page, page_size: pageSize }),
    });
  }

  replacement(id: string): Promise<WebshareProxyReplacement> {
    return this.channel.getJson({
      path: pathWith('/api/v3/proxy/replace/:id/', { id }),
      endpoint: 'GET /api/v3/proxy/replace/:id/',
      query: this.withPlan(),
    });
  }

  async createReplacement(body: WebshareProxyReplacementCreate): Promise<WebshareProxyReplacement> {
    const response = await this.channel.send({
      method: 'POST',
      path: '/api/v3/proxy/replace/',
      endpoint: 'POST /api/v3/proxy/replace/',
      query: this.withPlan(),
      json: body,
    });
    return response.json<WebshareProxyReplacement>();
  }

  // ---- hourly stats, proxy activity, replaced proxies, download tokens ----------------------------

  /** GET /api/v2/stats/: a bare array of hourly rows; hours without use are omitted, future hours projected. */
  hourlyStats(query: WebshareStatsQuery): Promise<WebshareProxyStat[]> {
    return this.channel.getJson({
      path: '/api/v2/stats/',
      endpoint: 'GET /api/v2/stats/',
      query: this.withPlan({ timestamp__gte: query.timestamp__gte, timestamp__lte: query.timestamp__lte }),
    });
  }

  /** GET /api/v2/proxy/activity/: newest first, paged by `starting_after` (the last item's timestamp). */
  proxyActivity(query: WebshareActivityQuery): Promise<WebshareActivityPage> {
    return this.channel.getJson({
      path: '/api/v2/proxy/activity/',
      endpoint: 'GET /api/v2/proxy/activity/',
      query: this.withPlan({ ...query }),
    });
  }

  /** GET /api/v2/proxy/list/replaced/: proxies that left the list, optionally of one replacement. */
  replacedProxies(query: WebshareReplacedProxyListQuery): Promise<WebsharePage<WebshareReplacedProxy>> {
    return this.channel.getJson({
      path: '/api/v2/proxy/list/replaced/',
      endpoint: 'GET /api/v2/proxy/list/replaced/',
      query: this.withPlan({ ...query }),
    });
  }

  downloadToken(scope: WebshareDownloadTokenScope): Promise<WebshareDownloadToken> {
    return this.channel.getJson({
      path: pathWith('/api/v2/download_token/:scope/', { scope }),
      endpoint: 'GET /api/v2/download_token/:scope/',
      query: this.withPlan(),
    });
  }

  async resetDownloadToken(scope: WebshareDownloadTokenScope): Promise<WebshareDownloadToken> {
    const response = await this.channel.send({
      method: 'POST',
      path: pathWith('/api/v2/download_token/:scope/reset/', { scope }),
      endpoint: 'POST /api/v2/download_token/:scope/reset/',
      query: this.withPlan(),
    });
    return response.json<WebshareDownloadToken>();
  }

  // ---- Proxy list status and composition, allocation, proxy settings -----------------------------
  // The v3 reads have no trailing slash and require plan_id [C]: the caller passes the plan it resolved.

  proxyConfigV3(planId: number): Promise<WebshareProxyConfigV3> {
    return this.channel.getJson({ path: '/api/v3/proxy/config', endpoint: 'GET /api/v3/proxy/config', query: { plan_id: planId } });
  }

  proxyListStatus(planId: number): Promise<WebshareProxyListStatus> {
    return this.channel.getJson({ path: '/api/v3/proxy/list/status', endpoint: 'GET /api/v3/proxy/list/status', query: { plan_id: planId } });
  }

  proxyListStats(planId: number): Promise<WebshareProxyListStats> {
    return this.channel.getJson({ path: '/api/v3/proxy/list/stats', endpoint: 'GET /api/v3/proxy/list/stats', query: { plan_id: planId } });
  }

  async allocateUnallocatedCountries(body: WebshareAllocateUnallocatedCountries): Promise<WebshareProxyConfig> {
    const response = await this.channel.send({
      method: 'POST',
      path: '/api/v2/proxy/config/allocate_unallocated_countries/',
      endpoint: 'POST /api/v2/proxy/config/allocate_unallocated_countries/',
      query: this.withPlan(),
      json: body,
    });
    return response.json<WebshareProxyConfig>();
  }
}
