/**
 * Typed calls to the Ping Proxies public user API 1.0 (wire types in, wire types out). Auth is the two
 * headers `X-API-Public-Key` and `X-API-Private-Key` on every request [C]. Every call goes through the
 * account's upstream channel, after the account's request pacer (10 requests/second budget).
 */
import { errorBodyObject } from '../../upstream/error-body';
import type { AccountChannel, AccountTarget, QueryValue, UpstreamRequest, UpstreamResponse } from '../../upstream/http';
import type { UpstreamFailure } from '../../upstream/failure';
import { pathWith } from '../../upstream/path';
import { secretRedactor } from '../../core/redact';
import type {
  PingCreatedEnvelope,
  PingCustomer,
  PingDeletedEnvelope,
  PingEditedEnvelope,
  PingEnvelope,
  PingListByIdBody,
  PingListBySearchQuery,
  PingListOptionsBody,
  PingProxyUserAcl,
  PingProxyUserAclCreate,
  PingProxyUserAclSearchQuery,
  PingProxyUserListOption,
  PingResidentialListQuery,
  PingServiceAdjustment,
  PingServiceAdjustmentSearchQuery,
  PingProxy,
  PingProxySearchQuery,
  PingProxyUser,
  PingProxyUserCreate,
  PingProxyUserCreated,
  PingProxyUserEdit,
  PingProxyUserSearchQuery,
  PingResidentialSummary,
  PingSearchEnvelope,
  PingSearchQuery,
  PingService,
  PingServiceCancel,
  PingServiceEdit,
} from './wire';

/** The documented base URL [C]; paths below are relative to it. */
export const PINGPROXIES_BASE_URL = 'https://api.pingproxies.com/1.0';

const USER = '/public/user';

/** Reads Ping's error body `{error, message, api_request_id}` [C]. */
export function describePingFailure(
  status: number,
  body: string,
  headers: Record<string, string | undefined> = {},
): Omit<UpstreamFailure, 'provider' | 'accountId' | 'status'> {
  const described: Omit<UpstreamFailure, 'provider' | 'accountId' | 'status'> = {};
  // Not Ping's JSON (a proxy in front of it, say) reads as {}: the status alone decides.
  const record = errorBodyObject(body);
  const message = typeof record.message === 'string' ? record.message : undefined;
  if (message) described.providerMessage = message;
  if (typeof record.api_request_id === 'string') described.upstreamRequestId = record.api_request_id;
  if (status === 429) {
    // [3P] "Rate limit exceeded. Please try again in 45 seconds."; no Retry-After header is documented (one
    // that appears is used), and Ping's window is one second, so [I] one second when nothing says more.
    const seconds = message ? /try again in (\d+) seconds?/i.exec(message)?.[1] : undefined;
    if (seconds) described.retryAfterSeconds = Number(seconds);
    else if (!headers['retry-after']) described.retryAfterSeconds = 1;
  }
  // [PP-PRIV-DOCS] the older API answers 499 when two-factor authentication is required: a permission problem.
  if (status === 499) described.code = 'PROVIDER_FORBIDDEN';
  return described;
}

export function pingTarget(accountId: string, publicKey: string, privateKey: string, baseUrl = PINGPROXIES_BASE_URL): AccountTarget {
  return {
    provider: 'pingproxies',
    accountId,
    baseUrl,
    authHeaders: () => ({ 'x-api-public-key': publicKey, 'x-api-private-key': privateKey }),
    redact: secretRedactor({ secrets: [publicKey, privateKey] }),
    describeFailure: (status, body, headers) => describePingFailure(status, body, headers),
  };
}

export class PingClient {
  /** The channel paces every call (the account's RateBudget, limits.ts): a 429 closes the account's budget. */
  constructor(private readonly channel: AccountChannel) {}

  private send(request: UpstreamRequest): Promise<UpstreamResponse> {
    return this.channel.send(request);
  }

  private async get<T>(path: string, endpoint: string, query?: object): Promise<T> {
    const response = await this.send({ method: 'GET', path, endpoint, query: query as Record<string, QueryValue> | undefined });
    return response.json<T>();
  }

  /** Write answers are read leniently: an empty body [I] is an empty envelope, not an error. */
  private async write<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, endpoint: string, json?: unknown): Promise<T> {
    const response = await this.send({ method, path, endpoint, json });
    return response.text.trim() === '' ? ({} as T) : response.json<T>();
  }

  customer(): Promise<PingEnvelope<PingCustomer>> {
    return this.get(`${USER}/customer/retrieve`, 'GET /public/user/customer/retrieve');
  }

  residentialSummary(): Promise<PingEnvelope<PingResidentialSummary>> {
    return this.get(`${USER}/residential/summary`, 'GET /public/user/residential/summary');
  }

  // ---- services ----

  services(query: PingSearchQuery & { service_status?: string }): Promise<PingSearchEnvelope<PingService>> {
    return this.get(`${USER}/service/search`, 'GET /public/user/service/search', query);
  }

  service(serviceId: string): Promise<PingEnvelope<PingService>> {
    return this.get(pathWith(`${USER}/service/retrieve/:service_id`, { service_id: serviceId }), 'GET /public/user/service/retrieve/:service_id');
  }

  editService(serviceId: string, body: PingServiceEdit): Promise<PingEditedEnvelope> {
    return this.write('PATCH', pathWith(`${USER}/service/edit/:service_id`, { service_id: serviceId }), 'PATCH /public/user/service/edit/:service_id', body);
  }

  /** DELETE with a JSON body, as documented [C]. */
  cancelService(serviceId: string, body: PingServiceCancel): Promise<PingEditedEnvelope> {
    return this.write(
      'DELETE',
      pathWith(`${USER}/service/cancel/:service_id`, { service_id: serviceId }),
      'DELETE /public/user/service/cancel/:service_id',
      body,
    );
  }

  // ---- proxies ----

  proxies(query: PingProxySearchQuery): Promise<PingSearchEnvelope<PingProxy>> {
    return this.get(`${USER}/proxy/search`, 'GET /public/user/proxy/search', query);
  }

  proxy(proxyId: string): Promise<PingEnvelope<PingProxy>> {
    return this.get(pathWith(`${USER}/proxy/retrieve/:proxy_id`, { proxy_id: proxyId }), 'GET /public/user/proxy/retrieve/:proxy_id');
  }

  /** POST for a read: the id list goes in the body [C]. */
  listById(body: PingListByIdBody): Promise<PingEnvelope<string[]>> {
    return this.write('POST', `${USER}/proxy/list_by_id`, 'POST /public/user/proxy/list_by_id', body);
  }

  // ---- proxy users ----

  proxyUsers(query: PingProxyUserSearchQuery): Promise<PingSearchEnvelope<PingProxyUser>> {
    return this.get(`${USER}/proxy_user/search`, 'GET /public/user/proxy_user/search', query);
  }

  proxyUser(proxyUserId: string): Promise<PingEnvelope<PingProxyUser>> {
    return this.get(
      pathWith(`${USER}/proxy_user/retrieve/:proxy_user_id`, { proxy_user_id: proxyUserId }),
      'GET /public/user/proxy_user/retrieve/:proxy_user_id',
    );
  }

  createProxyUser(body: PingProxyUserCreate): Promise<PingCreatedEnvelope<PingProxyUserCreated>> {
    return this.write('POST', `${USER}/proxy_user/create`, 'POST /public/user/proxy_user/create', body);
  }

  editProxyUser(proxyUserId: string, body: PingProxyUserEdit): Promise<PingEditedEnvelope> {
    return this.write(
      'PATCH',
      pathWith(`${USER}/proxy_user/edit/:proxy_user_id`, { proxy_user_id: proxyUserId }),
      'PATCH /public/user/proxy_user/edit/:proxy_user_id',
      body,
    );
  }

  deleteProxyUser(proxyUserId: string): Promise<PingDeletedEnvelope> {
    return this.write(
      'DELETE',
      pathWith(`${USER}/proxy_user/delete/:proxy_user_id`, { proxy_user_id: proxyUserId }),
      'DELETE /public/user/proxy_user/delete/:proxy_user_id',
    );
  }

  // ---- proxy user ACLs ----

  proxyUserAcls(query: PingProxyUserAclSearchQuery): Promise<PingSearchEnvelope<PingProxyUserAcl>> {
    return this.get(`${USER}/proxy_user_acl/search`, 'GET /public/user/proxy_user_acl/search', query);
  }

  proxyUserAcl(aclId: string): Promise<PingEnvelope<PingProxyUserAcl>> {
    return this.get(
      pathWith(`${USER}/proxy_user_acl/retrieve/:proxy_user_acl_id`, { proxy_user_acl_id: aclId }),
      'GET /public/user/proxy_user_acl/retrieve/:proxy_user_acl_id',
    );
  }

  /** [C] 201 `{created: [acl id], message}`: no data, the entry is read back by id. */
  createProxyUserAcl(body: PingProxyUserAclCreate): Promise<{ created?: string[]; message?: string }> {
    return this.write('POST', `${USER}/proxy_user_acl/create`, 'POST /public/user/proxy_user_acl/create', body);
  }

  deleteProxyUserAcl(aclId: string): Promise<PingDeletedEnvelope> {
    return this.write(
      'DELETE',
      pathWith(`${USER}/proxy_user_acl/delete/:proxy_user_acl_id`, { proxy_user_acl_id: aclId }),
      'DELETE /public/user/proxy_user_acl/delete/:proxy_user_acl_id',
    );
  }

  // ---- proxy lists ----

  listBySearch(query: PingListBySearchQuery): Promise<PingEnvelope<string[]>> {
    return this.get(`${USER}/proxy/list_by_search`, 'GET /public/user/proxy/list_by_search', query);
  }

  /** POST for a read, like list_by_id [C]. */
  listOptions(body: PingListOptionsBody): Promise<PingEnvelope<PingProxyUserListOption[]>> {
    return this.write('POST', `${USER}/proxy/list/options`, 'POST /public/user/proxy/list/options', body);
  }

  residentialList(query: PingResidentialListQuery): Promise<PingEnvelope<string[]>> {
    return this.get(`${USER}/residential/list`, 'GET /public/user/residential/list', query);
  }

  // ---- service adjustments ----

  serviceAdjustments(query: PingServiceAdjustmentSearchQuery): Promise<PingSearchEnvelope<PingServiceAdjustment>> {
    return this.get(`${USER}/service_adjustment/search`, 'GET /public/user/service_adjustment/search', query);
  }

  serviceAdjustment(adjustmentId: string): Promise<PingEnvelope<PingServiceAdjustment>> {
    return this.get(
      pathWith(`${USER}/service_adjustment/retrieve/:service_adjustment_id`, { service_adjustment_id: adjustmentId }),
      'GET /public/user/service_adjustment/retrieve/:service_adjustment_id',
    );
  }
}
