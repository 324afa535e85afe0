/**
 * What a subscription can watch, as one poll of one account sees it. Each watch reads its resource through
 * a read view (so through the read cache, single-flight and the account's rate budget, like any query),
 * keeps a small state (what the next poll compares with), and publishes a message per poll: only the
 * changes where a change is the event (proxy status, replacement state), the current figures where each
 * subscriber judges them against its own threshold (usage, expiries, sub-user limits).
 *
 * States and messages travel as JSON between replicas (state/live-bus.ts): plain records, dates revived.
 */
import type { FacetName } from '../../providers/contract/session';
import type {
  DnsOverrideRecord,
  IpAuthorizationRecord,
  ProxyRecord,
  ProxyReplacementRecord,
  ProxyStatus,
  SubUserRecord,
  UsageRecord,
} from '../../providers/contract/records';
import type { AccessView } from '../request-scope';

export type WatchKind = 'proxies' | 'usage' | 'replacements' | 'expiries' | 'subUsers';

export const WATCH_KINDS: readonly WatchKind[] = ['proxies', 'usage', 'replacements', 'expiries', 'subUsers'];

/** How often each resource is polled when the configuration does not say (seconds). */
export const DEFAULT_POLL_INTERVAL_SECONDS: Record<WatchKind, number> = {
  proxies: 60,
  usage: 300,
  replacements: 30,
  expiries: 300,
  subUsers: 300,
};

export interface ProxyStatusMessage {
  kind: 'proxies';
  observedAt: string;
  changes: Array<{ proxy: ProxyRecord; previousStatus: ProxyStatus }>;
}

export interface UsageMessage {
  kind: 'usage';
  observedAt: string;
  usage: UsageRecord | null;
}

export interface ReplacementMessage {
  kind: 'replacements';
  observedAt: string;
  changes: Array<{ replacement: ProxyReplacementRecord; previousState: string | null }>;
}

export type ExpiringEntry = { kind: 'IP_AUTHORIZATION'; record: IpAuthorizationRecord } | { kind: 'DNS_OVERRIDE'; record: DnsOverrideRecord };

export interface ExpiriesMessage {
  kind: 'expiries';
  observedAt: string;
  entries: ExpiringEntry[];
}

export interface SubUsersMessage {
  kind: 'subUsers';
  observedAt: string;
  subUsers: SubUserRecord[];
}

export type LiveMessage = ProxyStatusMessage | UsageMessage | ReplacementMessage | ExpiriesMessage | SubUsersMessage;
export type MessageOf<K extends WatchKind> = Extract<LiveMessage, { kind: K }>;

/** Status (or state) per native id: what the next poll compares with. */
type StateMap = Record<string, string>;

export interface Observation<K extends WatchKind> {
  state: StateMap | null;
  /** Null when there is nothing to tell (a first look, no change). */
  message: MessageOf<K> | null;
}

interface Watch<K extends WatchKind> {
  /** The facets an account needs for this watch (any one of them). */
  facets: readonly FacetName[];
  observe(view: AccessView<'read'>, accountId: string, previous: StateMap | null, observedAt: string): Promise<Observation<K>>;
}

/** Pages through a list of the provider's (100 a page, the largest every provider accepts). */
async function readAll<T>(read: (offset: number, limit: number) => Promise<{ items: T[]; hasMore: boolean }>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ;) {
    const page = await read(offset, 100);
    items.push(...page.items);
    if (!page.hasMore || page.items.length === 0) return items;
    offset += page.items.length;
  }
}

const proxies: Watch<'proxies'> = {
  facets: ['proxies'],
  async observe(view, accountId, previous, observedAt) {
    const facet = view.facet(accountId, 'proxies');
    const records = await readAll((offset, limit) => facet.list({ offset, limit }, {}));
    const state: StateMap = {};
    const changes: ProxyStatusMessage['changes'] = [];
    for (const proxy of records) {
      state[proxy.nativeId] = proxy.status;
      const before = previous?.[proxy.nativeId];
      // A proxy seen for the first time has no previous status: it is new, not changed.
      if (before !== undefined && before !== proxy.status) changes.push({ proxy, previousStatus: before as ProxyStatus });
    }
    return { state, message: changes.length ? { kind: 'proxies', observedAt, changes } : null };
  },
};

const usage: Watch<'usage'> = {
  facets: ['usage'],
  async observe(view, accountId, _previous, observedAt) {
    // The provider's own period, as Account.usage without a window.
    const record = await view.facet(accountId, 'usage').get({});
    return { state: null, message: { kind: 'usage', observedAt, usage: record } };
  },
};

const replacements: Watch<'replacements'> = {
  facets: ['proxyReplacement'],
  async observe(view, accountId, previous, observedAt) {
    // The newest 100: a replacement older than that has long reached its final state.
    const { items } = await view.facet(accountId, 'proxyReplacement').list({ offset: 0, limit: 100 });
    const state: StateMap = {};
    const changes: ReplacementMessage['changes'] = [];
    for (const replacement of items) {
      state[replacement.nativeId] = replacement.state;
      const before = previous ? (previous[replacement.nativeId] ?? null) : undefined;
      // After the first look, a replacement not seen before is a change from nothing.
      if (before !== undefined && before !== replacement.state) changes.push({ replacement, previousState: before });
    }
    return { state, message: changes.length ? { kind: 'replacements', observedAt, changes } : null };
  },
};

const expiries: Watch<'expiries'> = {
  facets: ['ipAuthorizations', 'dnsOverrides'],
  async observe(view, accountId, _previous, observedAt) {
    const entries: ExpiringEntry[] = [];
    const ipFacet = view.facetIfAny(accountId, 'ipAuthorizations');
    if (ipFacet) {
      for (const record of await ipFacet.list()) if (record.expiresAt) entries.push({ kind: 'IP_AUTHORIZATION', record });
    }
    const dnsFacet = view.facetIfAny(accountId, 'dnsOverrides');
    if (dnsFacet) {
      for (const record of await dnsFacet.list({})) entries.push({ kind: 'DNS_OVERRIDE', record });
    }
    return { state: null, message: { kind: 'expiries', observedAt, entries } };
  },
};

const subUsers: Watch<'subUsers'> = {
  facets: ['subUsers'],
  async observe(view, accountId, _previous, observedAt) {
    const facet = view.facet(accountId, 'subUsers');
    const records = await readAll((offset, limit) => facet.list({ offset, limit }));
    // Only sub-users with a limit can near it.
    const limited = records.filter((record) => record.bandwidthLimitBytes || record.monthlyBandwidthLimitBytes);
    return { state: null, message: { kind: 'subUsers', observedAt, subUsers: limited } };
  },
};

export const WATCHES: { [K in WatchKind]: Watch<K> } = { proxies, usage, replacements, expiries, subUsers };

const DATE_KEY = /(At|Start|End)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A message or state read back from JSON: the records' dates are Dates again. */
export function parseLiveJson<T>(text: string): T {
  return JSON.parse(text, (key, value) => (typeof value === 'string' && DATE_KEY.test(key) && ISO_DATE.test(value) ? new Date(value) : value)) as T;
}
