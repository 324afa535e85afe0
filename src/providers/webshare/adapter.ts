/**
 * Webshare adapter: the v2 API (v3 for replacements) behind the shared ProviderAdapter interface.
 * Loaders: proxies by id batch into one `proxy_address__in` list call per 100 ids; sub-users, IP
 * authorizations, replacements and sub-user proxy configs de-duplicate per key (no bulk endpoint).
 */
import DataLoader from 'dataloader';
import type { AccountConfig } from '../../config/schema';
import type { AdapterDependencies } from '../../domain/registry';
import type { AccountChannel } from '../../upstream/http';
import { DEFAULT_MAX_BUDGET_WAIT_MS, RateBudget } from '../../upstream/rate-budget';
import { webshareBudgetClasses, webshareLimitKey } from './limits';
import type { SessionContext } from '../contract/session';
import { publicIp } from '../../domain/checks/ip';
import { bytesToGb } from '../../domain/units';
import { badUserInput, ProxyGraphError, unsupported } from '../../core/errors';
import { mapBounded, perKeyLoader, sessionMemo } from '../shared/loaders';
import { readWindow } from '../shared/paging';
import { facetsOf, type LegacySession as AccountSession } from '../contract/legacy-session';
import type { AccountSession as FacetSession } from '../contract/session';
import type { AuthorizeIpParams, CreateSubUserParams, ListWindow, ProxyListFilter, ReplaceProxiesParams, UsageRange } from '../contract/params';
import type { IpAuthorizationRecord, ProxyCredentialsRecord, ProxyListPage, ProxyRecord, ProxyType } from '../contract/records';
import type { ProviderAdapter } from '../contract/session';
import { WebshareClient, webshareTarget } from './client';
import { isWebshareId } from './validate';
import {
  fromSelector,
  parseProxyNativeId,
  proxyTypeOf,
  toIpAuthorization,
  toPlan,
  toProfile,
  toProxy,
  toReplacement,
  toSubUser,
  toUsage,
} from './mapping';
import type { WebshareProxy, WebshareReplaceWith, WebshareSubuserCreate, WebshareToReplace } from './wire';

type WebshareAccountConfig = Extract<AccountConfig, { provider: 'webshare' }>;

/** Page size used for every Webshare list: large pages mean fewer calls against the 60/min list budget. */
export const WEBSHARE_PAGE_SIZE = 100;
/** Webshare keeps stats for 90 days. */
const STATS_RETENTION_MS = 90 * 24 * 3_600_000;

export class WebshareAdapter implements ProviderAdapter {
  readonly provider = 'webshare' as const;
  readonly accountId: string;
  readonly client: WebshareClient;
  private readonly channel: AccountChannel;
  private readonly planId: number | null;

  constructor(account: WebshareAccountConfig, deps: AdapterDependencies) {
    this.accountId = account.id;
    const planId = account.planId === undefined || account.planId === null ? null : Number(account.planId);
    // Webshare's rate limits as this account's budget (shared by replicas when the gateway's store is Redis).
    const budget = new RateBudget({
      provider: 'webshare',
      accountId: account.id,
      limitKey: webshareLimitKey(account.credentials.token),
      classes: webshareBudgetClasses(account.limits),
      store: deps.gateway.budgets,
      maxWaitMs: account.limits?.maxRateLimitWaitMs ?? DEFAULT_MAX_BUDGET_WAIT_MS,
      callLog: deps.gateway.callLog,
      defaultRetryAfterSeconds: 60,
    });
    this.channel = deps.gateway.channel(webshareTarget(account.id, account.credentials.token, account.baseUrl), [budget]);
    this.planId = planId;
    this.client = new WebshareClient(this.channel, planId);
  }

  openSession(context: SessionContext = {}): FacetSession {
    // A per-request client over the observed channel, so the request's upstream calls are counted.
    return facetsOf(new WebshareSession(context.upstream ? new WebshareClient(this.channel.forRequest(context.upstream), this.planId) : this.client, this.accountId));
  }

  async verifyCredentials(): Promise<void> {
    await this.client.profile();
  }
}

class WebshareSession implements AccountSession {
  private readonly profileMemo = sessionMemo(() => this.client.profile());
  private readonly subscriptionMemo = sessionMemo(() => this.client.subscription());
  private readonly planMemo = sessionMemo(async () => {
    const subscription = await this.subscriptionMemo.get();
    return this.client.plan(this.configuredPlanId() ?? subscription.plan);
  });
  private readonly ipAuthorizationsMemo = sessionMemo(() => this.readAllIpAuthorizations());
  /** One fetch per distinct list query + page within the request. */
  private readonly proxyPages = new DataLoader<string, { count: number; results: WebshareProxy[] }>(
    (keys) => Promise.all(keys.map((key) => this.client.proxyList(JSON.parse(key)).catch((error: Error) => error))),
  );
  private readonly proxiesById = new DataLoader<string, ProxyRecord | null>((ids) => this.loadProxies(ids), { maxBatchSize: WEBSHARE_PAGE_SIZE });
  private readonly subusersById = perKeyLoader((id: string) => this.client.subuser(id));
  private readonly ipAuthorizationsById = perKeyLoader((id: string) => this.client.ipAuthorization(id));
  private readonly replacementsById = perKeyLoader((id: string) => this.client.replacement(id));
  private readonly subuserConfigs = perKeyLoader((id: string) => this.client.proxyConfig(id));

  constructor(
    private readonly client: WebshareClient,
    private readonly accountId: string,
  ) {}

  private notFound(what: string): ProxyGraphError {
    return new ProxyGraphError('NOT_FOUND', `no such ${what}`, { provider: 'webshare', accountId: this.accountId });
  }

  /** A sub-user id that is not an integer names nothing on Webshare: NOT_FOUND, and it never enters a path. */
  private checkSubUserId(nativeId: string): void {
    if (!isWebshareId(nativeId)) throw this.notFound('sub-user');
  }

  private configuredPlanId(): number | null {
    return this.client.planId;
  }

  async profile() {
    return toProfile(await this.profileMemo.get());
  }

  async plan() {
    const [subscription, plan] = await Promise.all([this.subscriptionMemo.get(), this.planMemo.get()]);
    return toPlan(plan, subscription);
  }

  async defaultProxyType(): Promise<ProxyType | null> {
    return proxyTypeOf(await this.planMemo.get());
  }

  async usage(range: UsageRange) {
    const [subscription, plan] = await Promise.all([this.subscriptionMemo.get(), this.planMemo.get()]);
    const now = Date.now();
    const to = range.to ?? new Date(now);
    const periodStart = new Date(subscription.start_date);
    const earliest = new Date(now - STATS_RETENTION_MS);
    const from = range.from ?? (periodStart > earliest ? periodStart : earliest);
    if (from < earliest) {
      throw badUserInput('Webshare keeps usage statistics for 90 days; from must be within the last 90 days', { from: ['older than 90 days'] });
    }
    const stats = await this.client.aggregateStats({ timestamp__gte: from.toISOString(), timestamp__lte: to.toISOString() });
    return toUsage(stats, plan, from, to);
  }

  async listProxies(window: ListWindow, filter: ProxyListFilter): Promise<ProxyListPage> {
    const valid = validFilter(filter.statuses);
    if (valid === 'none') return { items: [], totalCount: 0, hasMore: false };
    let type: ProxyType | null | undefined;
    if (filter.types?.length) {
      type = await this.defaultProxyType();
      if (!type || !filter.types.includes(type)) return { items: [], totalCount: 0, hasMore: false };
    }
    const countries = filter.countries?.filter((country) => country !== 'ZZ');
    const result = await readWindow(window, WEBSHARE_PAGE_SIZE, async (page) => {
      const query = {
        mode: 'direct' as const,
        page,
        page_size: WEBSHARE_PAGE_SIZE,
        ...(countries?.length ? { country_code__in: countries.join(',') } : {}),
        ...(valid === undefined ? {} : { valid }),
      };
      const response = await this.proxyPages.load(JSON.stringify(query));
      return { items: response.results, totalCount: response.count };
    });
    return { items: result.items.map((proxy) => toProxy(proxy, type)), totalCount: result.totalCount, hasMore: result.hasMore };
  }

  getProxy(nativeId: string) {
    return this.proxiesById.load(nativeId);
  }

  /** Batch: one list call filtered by `proxy_address__in` for up to 100 ids. */
  private async loadProxies(ids: readonly string[]): Promise<Array<ProxyRecord | null>> {
    const addresses = [...new Set(ids.map((id) => parseProxyNativeId(id).address).filter((address): address is string => Boolean(address)))];
    if (addresses.length === 0) return ids.map(() => null);
    const page = await this.client.proxyList({ mode: 'direct', page: 1, page_size: WEBSHARE_PAGE_SIZE, proxy_address__in: addresses.join(',') });
    const byId = new Map(page.results.map((proxy) => [toProxy(proxy, undefined).nativeId, proxy]));
    return ids.map((id) => {
      const proxy = byId.get(id);
      return proxy ? toProxy(proxy, undefined) : null;
    });
  }

  async listSubUsers(window: ListWindow) {
    const result = await readWindow(window, WEBSHARE_PAGE_SIZE, async (page) => {
      const response = await this.client.subusers(page, WEBSHARE_PAGE_SIZE);
      return { items: response.results, totalCount: response.count };
    });
    result.items.forEach((subuser) => this.subusersById.prime(String(subuser.id), subuser));
    return { items: result.items.map(toSubUser), totalCount: result.totalCount, hasMore: result.hasMore };
  }

  async getSubUser(nativeId: string) {
    if (!isWebshareId(nativeId)) return null;
    const subuser = await this.subusersById.load(nativeId);
    return subuser ? toSubUser(subuser) : null;
  }

  async createSubUser(params: CreateSubUserParams) {
    const label = params.label ?? params.username;
    if (!label) throw badUserInput('Webshare sub-users need a label (or username, used as the label)', { label: ['required'] });
    const body: WebshareSubuserCreate = { label, ...subuserChanges(params) };
    const created = await this.client.createSubuser(body);
    this.subusersById.prime(String(created.id), created);
    return toSubUser(created);
  }

  async updateSubUser(nativeId: string, params: CreateSubUserParams) {
    this.checkSubUserId(nativeId);
    const body = { ...(params.label != null ? { label: params.label } : {}), ...subuserChanges(params) };
    const updated = await this.client.updateSubuser(nativeId, body);
    this.subusersById.clear(nativeId).prime(nativeId, updated);
    return toSubUser(updated);
  }

  async deleteSubUser(nativeId: string) {
    this.checkSubUserId(nativeId);
    await this.client.deleteSubuser(nativeId);
    this.subusersById.clear(nativeId);
  }

  async refreshSubUserProxies(nativeId: string) {
    this.checkSubUserId(nativeId);
    const refreshed = await this.client.refreshSubuser(nativeId);
    this.subusersById.clear(nativeId).prime(nativeId, refreshed);
    this.subuserConfigs.clear(nativeId);
    return toSubUser(refreshed);
  }

  async subUserProxyCredentials(nativeId: string): Promise<ProxyCredentialsRecord | null> {
    if (!isWebshareId(nativeId)) return null;
    const config = await this.subuserConfigs.load(nativeId);
    return config ? credentialsOf(config) : null;
  }

  async listIpAuthorizations() {
    return this.ipAuthorizationsMemo.get();
  }

  async getIpAuthorization(nativeId: string) {
    if (!isWebshareId(nativeId)) return null;
    const authorization = await this.ipAuthorizationsById.load(nativeId);
    return authorization ? toIpAuthorization(authorization) : null;
  }

  async authorizeIp(params: AuthorizeIpParams) {
    if (params.subUserNativeId) {
      throw unsupported('webshare', this.accountId, 'Authorizing an IP for one sub-user (Webshare IP authorizations cover the whole account)');
    }
    const created = await this.client.createIpAuthorization(publicIp(params.ip));
    this.ipAuthorizationsMemo.clear();
    return toIpAuthorization(created);
  }

  async revokeIpAuthorization(nativeId: string) {
    if (!isWebshareId(nativeId)) throw this.notFound('IP authorization');
    await this.client.deleteIpAuthorization(nativeId);
    this.ipAuthorizationsMemo.clear();
    this.ipAuthorizationsById.clear(nativeId);
  }

  private async readAllIpAuthorizations(): Promise<IpAuthorizationRecord[]> {
    const first = await this.client.ipAuthorizations(1, WEBSHARE_PAGE_SIZE);
    const pageCount = Math.ceil(first.count / WEBSHARE_PAGE_SIZE);
    const rest = await mapBounded(
      Array.from({ length: Math.max(0, pageCount - 1) }, (_, index) => index + 2),
      4,
      (page) => this.client.ipAuthorizations(page, WEBSHARE_PAGE_SIZE),
    );
    return [first, ...rest].flatMap((page) => page.results).map(toIpAuthorization);
  }

  async replaceProxies(params: ReplaceProxiesParams) {
    const created = await this.client.createReplacement({
      to_replace: fromSelector(params.toReplace) as WebshareToReplace,
      replace_with: params.replaceWith.map((selector) => fromSelector(selector) as WebshareReplaceWith),
      dry_run: params.dryRun,
    });
    return toReplacement(created);
  }

  async listProxyReplacements(window: ListWindow) {
    const result = await readWindow(window, WEBSHARE_PAGE_SIZE, async (page) => {
      const response = await this.client.replacements(page, WEBSHARE_PAGE_SIZE);
      return { items: response.results, totalCount: response.count };
    });
    return { items: result.items.map(toReplacement), totalCount: result.totalCount };
  }

  async getProxyReplacement(nativeId: string) {
    if (!isWebshareId(nativeId)) return null;
    const replacement = await this.replacementsById.load(nativeId);
    return replacement ? toReplacement(replacement) : null;
  }

  async refreshProxyList() {
    const plan = await this.planMemo.get();
    if (plan.on_demand_refreshes_available <= 0) {
      throw new ProxyGraphError('PLAN_LIMIT', 'the plan has no on-demand proxy list refreshes left', { provider: 'webshare', accountId: this.accountId });
    }
    await this.client.refreshProxyList();
    this.planMemo.clear();
    this.proxyPages.clearAll();
    this.proxiesById.clearAll();
  }

  async proxyCredentials() {
    return credentialsOf(await this.client.proxyConfig());
  }

  async updateProxyCredentials(params: ProxyCredentialsRecord) {
    const updated = await this.client.updateProxyConfig({
      ...(params.username != null ? { username: params.username } : {}),
      ...(params.password != null ? { password: params.password } : {}),
      ...(params.requestTimeoutSeconds != null ? { request_timeout: params.requestTimeoutSeconds } : {}),
      ...(params.requestIdleTimeoutSeconds != null ? { request_idle_timeout: params.requestIdleTimeoutSeconds } : {}),
    });
    this.proxyPages.clearAll();
    this.proxiesById.clearAll();
    return credentialsOf(updated);
  }
}

/** Webshare reports validity only: OK ↔ valid, DOWN ↔ invalid. */
function validFilter(statuses: ProxyListFilter['statuses']): boolean | undefined | 'none' {
  if (!statuses?.length) return undefined;
  const ok = statuses.includes('OK');
  const down = statuses.includes('DOWN');
  if (ok && down) return undefined;
  if (ok) return true;
  if (down) return false;
  return 'none';
}

function subuserChanges(params: CreateSubUserParams): Partial<WebshareSubuserCreate> {
  if (params.password != null) {
    throw badUserInput('Webshare sub-user passwords cannot be set here; they follow the proxy configuration', { password: ['not supported by Webshare'] });
  }
  if (params.monthlyBandwidthLimitBytes != null) {
    throw badUserInput('Webshare sub-users have one bandwidth limit; use bandwidthLimitBytes', { monthlyBandwidthLimitBytes: ['not supported by Webshare'] });
  }
  return {
    ...(params.bandwidthLimitBytes != null ? { proxy_limit: bytesToGb(params.bandwidthLimitBytes) } : {}),
    ...(params.maxThreads != null ? { max_thread_count: params.maxThreads } : {}),
    ...(params.proxyCountries !== undefined ? { proxy_countries: params.proxyCountries } : {}),
  };
}

function credentialsOf(config: { username: string; password: string; request_timeout: number; request_idle_timeout: number }): ProxyCredentialsRecord {
  return {
    username: config.username,
    password: config.password,
    requestTimeoutSeconds: config.request_timeout,
    requestIdleTimeoutSeconds: config.request_idle_timeout,
  };
}

export function createWebshareAdapter(account: AccountConfig, deps: AdapterDependencies): ProviderAdapter {
  if (account.provider !== 'webshare') throw new Error('not a webshare account');
  return new WebshareAdapter(account, deps);
}
