/**
 * The Webshare simulator's account state, seeded deterministically: profile, subscription, plans (each with
 * its proxy list and proxy config), sub-users, IP authorizations, replacements and replaced proxies, plus
 * pure functions that render it in Webshare's wire shapes. HTTP lives in index.ts.
 */
import type {
  WebshareCountryCounts,
  WebshareIpAuthorization,
  WebsharePlan,
  WebshareProfile,
  WebshareProxyConfig,
  WebshareProxyConfigV3,
  WebshareProxyReplacement,
  WebshareReplacedProxy,
  WebshareSubscription,
  WebshareSubuser,
} from '../../providers/webshare/wire';
import { alnumToken, CATALOG, DAY_MS, formatTimestamp, hexToken, HOUR_MS, mix, PROFILE_TIMEZONE } from './data';
import { composition, createProxyList, listSize, type ProxyList, type SlotOverride } from './proxies';
import { aggregateStats, trafficCountries } from './stats';

/** Proxy-config fields a reader can change (the v3 subset plus credentials; the rest is computed from its list). */
export interface ProxyConfigState extends WebshareProxyConfigV3 {
  id: number;
  username: string;
  password: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface PlanState {
  plan: WebsharePlan;
  list: ProxyList;
  config: ProxyConfigState;
  /** Proxies the plan bought in countries that could not be allocated (not in the list yet) [C]. */
  unallocated?: WebshareCountryCounts;
}

export interface SubuserState {
  planId: number;
  record: Omit<WebshareSubuser, 'aggregate_stats'>;
  config: ProxyConfigState;
  /** The sub-user's own list when `proxy_countries` is set; otherwise it reads the plan's list. */
  list: ProxyList | null;
}

export interface IpAuthorizationState {
  planId: number;
  record: WebshareIpAuthorization;
}

export interface ReplacementState {
  planId: number;
  record: WebshareProxyReplacement;
  createdAtMs: number;
  /** Settled at validation: the slots to replace and what replaces them. */
  plan: Array<{ slot: number; override: SlotOverride }> | null;
  /** The list generation validated against (a refresh in between fails the replacement). */
  generation: number;
}

export interface ReplacedProxyState {
  planId: number;
  replacementId: number;
  record: WebshareReplacedProxy;
}

export interface WebshareState {
  seed: number;
  profile: WebshareProfile;
  subscription: WebshareSubscription;
  plans: Map<number, PlanState>;
  subusers: Map<number, SubuserState>;
  ipAuthorizations: Map<number, IpAuthorizationState>;
  replacements: Map<number, ReplacementState>;
  replacedProxies: ReplacedProxyState[];
  next: { subuser: number; ipAuthorization: number; replacement: number; replacedProxy: number; config: number; listOrdinal: number };
}

/** Plan fields a seed may set; everything else gets realistic defaults. */
export type WebsharePlanSeed = Partial<Omit<WebsharePlan, 'subusers_used' | 'subusers_available' | 'created_at' | 'updated_at'>>;

export interface WebshareSeedOptions {
  seed: number;
  nowMs: number;
  /** Proxies of the default plan when its seed does not say. */
  proxyCount: number;
  /** The first active plan is the subscription's current plan. */
  plans: WebsharePlanSeed[];
  subUserCount: number;
  ipAuthorizationCount: number;
}

const FIRST_NAMES = ['Dana', 'Marcus', 'Priya', 'Lena', 'Tomas', 'Aiko', 'Rafael', 'Noor'];
const LAST_NAMES = ['Whitfield', 'Okafor', 'Lindqvist', 'Moreau', 'Castillo', 'Brennan', 'Takahashi', 'Haddad'];
const SUBUSER_LABELS = ['Scraping team', 'QA automation', 'Marketing analytics', 'Data pipeline', 'Price monitor', 'SEO audits'];

export function createState(options: WebshareSeedOptions): WebshareState {
  const { seed, nowMs } = options;
  const h = (n: number) => mix(seed, n);
  const startMs = nowMs - (3 + (h(1) % 20)) * DAY_MS - (h(2) % 86_400) * 1000;
  const accountCreatedMs = startMs - (60 + (h(3) % 400)) * DAY_MS;
  const first = FIRST_NAMES[h(4) % FIRST_NAMES.length];
  const last = LAST_NAMES[h(5) % LAST_NAMES.length];
  const state: WebshareState = {
    seed,
    profile: {
      id: 100_000 + (h(6) % 900_000),
      email: `${first}.${last}@example.com`.toLowerCase(),
      first_name: first,
      last_name: last,
      last_login: formatTimestamp(nowMs - (1 + (h(7) % 48)) * HOUR_MS),
      timezone: PROFILE_TIMEZONE,
      subscribed_bandwidth_usage_notifications: true,
      subscribed_subscription_notifications: true,
      subscribed_proxy_usage_statistics: true,
      subscribed_usage_warnings: true,
      subscribed_guides_and_tips: false,
      subscribed_survey_emails: false,
      tracking_id: hexToken(32, seed, 11),
      announce_kit_user_token: hexToken(40, seed, 12),
      helpscout_beacon_signature: hexToken(64, seed, 13),
      intercom_signature: hexToken(64, seed, 14),
      is_vip_customer: false,
      created_at: formatTimestamp(accountCreatedMs),
      updated_at: formatTimestamp(startMs),
    },
    subscription: {
      id: 50_000 + (h(8) % 50_000),
      plan: 0,
      payment_method: 1 + (h(9) % 5000),
      free_credits: 0,
      term: 'monthly',
      start_date: formatTimestamp(startMs),
      end_date: formatTimestamp(startMs + 30 * DAY_MS),
      renewals_paid: h(10) % 12,
      failed_payment_times: 0,
      account_discount_percentage: 0,
      promotion_available_first_time_renewal_25_off: false,
      customizable: true,
      paused: false,
      reactivation_date: null,
      reactivation_period_left: null,
      promo_type: null,
      promo_value: null,
      throttled: false,
      renewals_enabled: true,
      will_renew: true,
      created_at: formatTimestamp(accountCreatedMs),
      updated_at: formatTimestamp(startMs),
    },
    plans: new Map(),
    subusers: new Map(),
    ipAuthorizations: new Map(),
    replacements: new Map(),
    replacedProxies: [],
    next: {
      subuser: 4_000 + (h(15) % 1000),
      ipAuthorization: 30_000 + (h(16) % 9000),
      replacement: 98_000 + (h(17) % 1000),
      replacedProxy: 93_000 + (h(18) % 1000),
      config: 700 + (h(19) % 300),
      listOrdinal: 0,
    },
  };
  const seeds = options.plans.length ? options.plans : [{}];
  const firstPlanId = 200_000 + (h(20) % 700_000);
  seeds.forEach((planSeed, index) => {
    const isDefault = index === 0;
    const proxyCount = planSeed.proxy_count ?? (planSeed.proxy_countries ? sumCounts(planSeed.proxy_countries) : isDefault ? options.proxyCount : 100);
    const plan = seedPlan(firstPlanId + index, planSeed, proxyCount, isDefault ? Math.max(10, options.subUserCount + 3) : 3, startMs);
    const list = createProxyList(state.next.listOrdinal++, seed, plan.proxy_countries, plan.proxy_subtype === 'residential', startMs);
    state.plans.set(plan.id, { plan, list, config: newProxyConfig(state, startMs) });
  });
  const current = [...state.plans.values()].find((entry) => entry.plan.status === 'active') ?? [...state.plans.values()][0];
  state.subscription.plan = current.plan.id;
  seedSubusers(state, current.plan.id, options.subUserCount, startMs);
  seedIpAuthorizations(state, current.plan.id, options.ipAuthorizationCount, startMs);
  return state;
}

function seedPlan(id: number, seed: WebsharePlanSeed, proxyCount: number, subusersTotal: number, startMs: number): WebsharePlan {
  const monthly = Math.round((2.99 + proxyCount * 0.12) * 100) / 100; // [I] list-price shape, not Webshare's table
  const refreshes = seed.on_demand_refreshes_total ?? 3;
  const replacements = seed.proxy_replacements_total ?? Math.max(10, Math.round(proxyCount / 10));
  const plan: WebsharePlan = {
    id,
    status: 'active',
    bandwidth_limit: 250,
    monthly_price: monthly,
    yearly_price: Math.round(monthly * 12 * 0.6 * 100) / 100,
    proxy_type: 'shared',
    proxy_subtype: 'default',
    proxy_count: proxyCount,
    proxy_countries: { ZZ: proxyCount },
    required_site_checks: [],
    on_demand_refreshes_total: refreshes,
    on_demand_refreshes_used: 0,
    on_demand_refreshes_available: refreshes,
    automatic_refresh_frequency: 0,
    automatic_refresh_last_at: null,
    automatic_refresh_next_at: null,
    proxy_replacements_total: replacements,
    proxy_replacements_used: 0,
    proxy_replacements_available: replacements,
    subusers_total: subusersTotal,
    subusers_used: 0,
    subusers_available: subusersTotal,
    is_unlimited_ip_authorizations: true,
    is_high_concurrency: true,
    is_2x_concurrency: false,
    is_high_priority_network: false,
    high_quality_ips_only: false,
    bundle_info: null,
    bundle_addons: [],
    created_at: formatTimestamp(startMs),
    updated_at: formatTimestamp(startMs),
  };
  Object.assign(plan, seed);
  plan.proxy_count = proxyCount;
  if (!seed.proxy_countries) plan.proxy_countries = { ZZ: proxyCount };
  return plan;
}

function seedSubusers(state: WebshareState, planId: number, count: number, startMs: number): void {
  for (let i = 0; i < count; i++) {
    const h = (n: number) => mix(state.seed, 0x50b, i, n);
    const countries = i % 2 === 1 ? null : i === 0 ? { US: 10, DE: 5 } : { [CATALOG[h(1) % 6].country]: 5 + (h(2) % 10) };
    createSubuser(
      state,
      planId,
      {
        label: SUBUSER_LABELS[i % SUBUSER_LABELS.length] + (i >= SUBUSER_LABELS.length ? ` ${Math.floor(i / SUBUSER_LABELS.length) + 1}` : ''),
        proxy_limit: [10, 0, 25, 5][i % 4],
        max_thread_count: [100, 500, 50, 200][i % 4],
        proxy_countries: countries,
      },
      startMs + (i + 1) * 6 * HOUR_MS,
      startMs,
    );
  }
}

function seedIpAuthorizations(state: WebshareState, planId: number, count: number, startMs: number): void {
  for (let i = 0; i < count; i++) {
    const h = (n: number) => mix(state.seed, 0x1b, i, n);
    const address = `${[73, 98, 24, 71, 174][i % 5]}.${h(1) % 256}.${h(2) % 256}.${1 + (h(3) % 254)}`;
    const createdMs = startMs - (h(4) % 40) * DAY_MS - i * HOUR_MS;
    addIpAuthorization(state, planId, address, createdMs, i % 2 === 0 ? formatTimestamp(startMs + (h(5) % 72) * HOUR_MS) : null);
  }
}

export function sumCounts(counts: WebshareCountryCounts): number {
  return Object.values(counts).reduce((sum, value) => sum + value, 0);
}

export function newProxyConfig(state: WebshareState, nowMs: number): ProxyConfigState {
  const id = state.next.config++;
  return {
    id,
    username: alnumToken(8, state.seed, id, 1).replace(/^\d/, 'u'),
    password: alnumToken(12, state.seed, id, 2),
    request_timeout: 86_400,
    request_idle_timeout: 900,
    ip_authorization_country_codes: null,
    ip_authorization_city: null,
    ip_authorization_state: null,
    ip_authorization_postalcode: null,
    ip_authorization_asn: null,
    auto_replace_invalid_proxies: true,
    auto_replace_low_country_confidence_proxies: false,
    auto_replace_out_of_rotation_proxies: false,
    auto_replace_failed_site_check_proxies: false,
    proxy_list_download_token: alnumToken(32, state.seed, id, 3),
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
}

/** The plan with live counters (sub-users in use are counted, not stored). */
export function renderPlan(state: WebshareState, planState: PlanState): WebsharePlan {
  const plan = planState.plan;
  const used = [...state.subusers.values()].filter((subuser) => subuser.planId === plan.id).length;
  return {
    ...plan,
    on_demand_refreshes_available: Math.max(0, plan.on_demand_refreshes_total - plan.on_demand_refreshes_used),
    proxy_replacements_available: Math.max(0, plan.proxy_replacements_total - plan.proxy_replacements_used),
    subusers_used: used,
    subusers_available: Math.max(0, plan.subusers_total - used),
  };
}

export function createSubuser(
  state: WebshareState,
  planId: number,
  fields: { label: string; proxy_limit?: number; max_thread_count?: number; proxy_countries?: WebshareCountryCounts | null; bandwidth_use_start_date?: string },
  nowMs: number,
  periodStartMs = nowMs,
): SubuserState {
  const id = state.next.subuser++;
  const startMs = fields.bandwidth_use_start_date ? Date.parse(fields.bandwidth_use_start_date) : periodStartMs;
  const subuser: SubuserState = {
    planId,
    record: {
      id,
      label: fields.label,
      proxy_countries: fields.proxy_countries ?? null,
      proxy_limit: fields.proxy_limit ?? 0,
      max_thread_count: fields.max_thread_count ?? 500, // [I] default thread cap, as in the docs' example
      created_at: formatTimestamp(nowMs),
      updated_at: formatTimestamp(nowMs),
      bandwidth_use_start_date: formatTimestamp(startMs),
      bandwidth_use_end_date: formatTimestamp(startMs + 30 * DAY_MS),
    },
    config: newProxyConfig(state, nowMs),
    list: null,
  };
  syncSubuserList(state, subuser, nowMs);
  state.subusers.set(id, subuser);
  return subuser;
}

/** Gives a sub-user its own list when `proxy_countries` is set (a new one whenever the countries change). */
export function syncSubuserList(state: WebshareState, subuser: SubuserState, nowMs: number): void {
  const countries = subuser.record.proxy_countries;
  if (!countries) subuser.list = null;
  else if (!subuser.list || JSON.stringify(subuser.list.countries) !== JSON.stringify(countries)) {
    const residential = state.plans.get(subuser.planId)?.plan.proxy_subtype === 'residential';
    subuser.list = createProxyList(state.next.listOrdinal++, state.seed, countries, residential, nowMs);
  }
}

/** A sub-user with its aggregate usage over its bandwidth period [C: aggregate_stats]. */
export function renderSubuser(state: WebshareState, subuser: SubuserState, nowMs: number): WebshareSubuser {
  const source = { seed: state.seed, salt: subuser.record.id, scale: 0.15, countries: trafficCountries(subuser.record.proxy_countries) };
  const fromMs = Math.max(Date.parse(subuser.record.bandwidth_use_start_date), Date.parse(subuser.record.created_at));
  const toMs = Math.min(Date.parse(subuser.record.bandwidth_use_end_date), nowMs);
  return { ...subuser.record, aggregate_stats: aggregateStats(source, fromMs, Math.max(fromMs, toMs), nowMs) };
}

export function addIpAuthorization(
  state: WebshareState,
  planId: number,
  address: string,
  createdMs: number,
  lastUsedAt: string | null = null,
): IpAuthorizationState {
  const id = state.next.ipAuthorization++;
  const entry = { planId, record: { id, ip_address: address, created_at: formatTimestamp(createdMs), last_used_at: lastUsedAt } };
  state.ipAuthorizations.set(id, entry);
  return entry;
}

// [I] Nominal availability figures: Webshare's pool sizes are not public.
const AVAILABLE_COUNTRIES = Object.fromEntries(CATALOG.map((entry) => [entry.country, entry.weight * 1_000]));
const AVAILABLE_ASNS = Object.fromEntries(
  CATALOG.flatMap((entry) => entry.asns.map((asn) => [String(asn.number), [asn.name, entry.weight * 500] as [string, number]])),
);
const reserved = CATALOG.map((entry) => entry.prefixes[entry.prefixes.length - 1]);
const AVAILABLE_RANGES = {
  r24: Object.fromEntries(reserved.map(([a, b]) => [`${a}.${b}.1.0/24`, 254])),
  r16: Object.fromEntries(reserved.map(([a, b]) => [`${a}.${b}.0.0/16`, 65_024])),
  r8: Object.fromEntries(reserved.map(([a]) => [`${a}.0.0.0/8`, 65_024])),
};

/** Full v2 proxy config of one reader over one list. */
export function renderConfig(config: ProxyConfigState, list: ProxyList, unallocated: WebshareCountryCounts = {}): WebshareProxyConfig {
  const used = composition(list);
  const { createdAtMs, updatedAtMs, ...fields } = config;
  const empty = list.residential;
  return {
    ...fields,
    state: 'completed',
    countries: used.countries,
    available_countries: AVAILABLE_COUNTRIES,
    unallocated_countries: { ...unallocated },
    ip_ranges_24: used.ranges24,
    ip_ranges_16: used.ranges16,
    ip_ranges_8: used.ranges8,
    available_ip_ranges_24: empty ? {} : AVAILABLE_RANGES.r24,
    available_ip_ranges_16: empty ? {} : AVAILABLE_RANGES.r16,
    available_ip_ranges_8: empty ? {} : AVAILABLE_RANGES.r8,
    asns: used.asns,
    available_asns: empty ? {} : AVAILABLE_ASNS,
    is_proxy_used: listSize(list) > 0, // [I] the seeded account has traffic on every list
    created_at: formatTimestamp(createdAtMs),
    updated_at: formatTimestamp(updatedAtMs),
  } as WebshareProxyConfig;
}

/** The v3 subset [C]. */
export function renderConfigV3(config: ProxyConfigState): WebshareProxyConfigV3 {
  const { id, username, password, createdAtMs, updatedAtMs, ...v3 } = config;
  return v3;
}
