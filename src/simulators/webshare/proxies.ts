/**
 * Proxy lists of the Webshare simulator. A list is stored compactly (composition, generation, a few
 * per-slot overrides) and materialized deterministically on demand, so 100_000 proxies cost nothing until
 * read and are cached until the list changes. Credentials are not part of a list: they come from the proxy
 * config of whoever reads it (the plan owner or a sub-user), so changing them changes every proxy at once.
 */
import type { WebshareCountryCounts, WebshareProxy, WebshareProxyListMode } from '../../providers/webshare/wire';
import { catalogEntry, formatTimestamp, hostAddress, HOSTS_PER_PREFIX, ipToNumber, mix, weightedEntry, type CatalogEntry } from './data';

/** One materialized proxy, before credentials are applied. */
export interface ProxySlot {
  slot: number;
  id: string;
  address: string | null;
  addressNumber: number;
  port: number;
  country: string;
  city: string;
  asnNumber: number;
  asnName: string;
  valid: boolean;
  highCountryConfidence: boolean;
  createdAtMs: number;
  /** Offset inside Webshare's 30 s verification cycle. */
  verifyPhaseMs: number;
}

/** A proxy that took a slot's place through a replacement. */
export type SlotOverride = Omit<ProxySlot, 'slot' | 'valid' | 'verifyPhaseMs' | 'highCountryConfidence'>;

export interface ProxyList {
  /** Unique per list: namespaces proxy ids. */
  ordinal: number;
  salt: number;
  residential: boolean;
  countries: WebshareCountryCounts;
  generation: number;
  generatedAtMs: number;
  overrides: Map<number, SlotOverride>;
  /** Forced validity by proxy id (tests' markInvalid). */
  validity: Map<string, boolean>;
  /** Replacement proxies issued so far (numbers their ids and pool hosts). */
  issued: number;
  cache: ProxySlot[] | null;
}

export function createProxyList(ordinal: number, seed: number, countries: WebshareCountryCounts, residential: boolean, generatedAtMs: number): ProxyList {
  return {
    ordinal,
    salt: mix(seed, ordinal, 0x5eed),
    residential,
    countries: { ...countries },
    generation: 0,
    generatedAtMs,
    overrides: new Map(),
    validity: new Map(),
    issued: 0,
    cache: null,
  };
}

export function listSize(list: ProxyList): number {
  return Object.values(list.countries).reduce((sum, count) => sum + count, 0);
}

function idFor(list: ProxyList, slot: number): string {
  return `d-${10_000 + list.ordinal * 10_000_000 + list.generation * 100_000 + slot}`;
}

/** A fresh list's networks: every prefix but the last, which is reserved for replacements. */
function listPrefixes(entry: CatalogEntry): Array<[number, number]> {
  return entry.prefixes.length > 1 ? entry.prefixes.slice(0, -1) : entry.prefixes;
}

/** Materializes the list (cached until it changes). Addresses are unique within a list by construction. */
export function materialize(list: ProxyList): ProxySlot[] {
  if (list.cache) return list.cache;
  const slots: ProxySlot[] = [];
  const perCountryIndex = new Map<string, number>();
  const offset = mix(list.salt, list.generation) % HOSTS_PER_PREFIX;
  for (const [code, count] of Object.entries(list.countries)) {
    for (let i = 0; i < count; i++) {
      const slot = slots.length;
      const h = (n: number) => mix(list.salt, list.generation, slot, n);
      // [I] A country outside our catalog borrows a network but keeps its code.
      const entry = code === 'ZZ' ? weightedEntry(h(1)) : (catalogEntry(code) ?? weightedEntry(h(1)));
      const country = code === 'ZZ' ? entry.country : code;
      const k = perCountryIndex.get(entry.country) ?? 0;
      perCountryIndex.set(entry.country, k + 1);
      const prefixes = listPrefixes(entry);
      const address = hostAddress(prefixes[k % prefixes.length], (Math.floor(k / prefixes.length) * 40503 + offset) % HOSTS_PER_PREFIX);
      const asn = entry.asns[h(4) % entry.asns.length];
      slots.push({
        slot,
        id: idFor(list, slot),
        address: list.residential ? null : address,
        addressNumber: ipToNumber(address) ?? 0,
        port: 5000 + (h(2) % 5000), // [I] direct ports seen in Webshare examples are 5000–9999
        country,
        city: entry.cities[h(3) % entry.cities.length],
        asnNumber: asn.number,
        asnName: asn.name,
        valid: h(5) % 100 >= 3, // [I] ~3% of proxies fail verification at any time
        highCountryConfidence: h(6) % 100 >= 4,
        createdAtMs: list.generatedAtMs + slot * 3,
        verifyPhaseMs: h(7) % 30_000,
      });
    }
  }
  for (const [slot, override] of list.overrides) {
    if (slots[slot]) slots[slot] = { ...slots[slot], ...override, valid: true, highCountryConfidence: true };
  }
  for (const proxy of slots) proxy.valid = list.validity.get(proxy.id) ?? proxy.valid;
  list.cache = slots;
  return slots;
}

/** Drops the materialized cache after any change. */
export function invalidate(list: ProxyList): void {
  list.cache = null;
}

/** A new generation: every proxy (ids, addresses, ports) changes; overrides and forced validity are dropped. */
export function regenerate(list: ProxyList, nowMs: number): void {
  list.generation += 1;
  list.generatedAtMs = nowMs;
  list.overrides.clear();
  list.validity.clear();
  invalidate(list);
}

export function setValidity(list: ProxyList, proxyId: string, valid: boolean): boolean {
  if (!materialize(list).some((proxy) => proxy.id === proxyId)) return false;
  list.validity.set(proxyId, valid);
  invalidate(list);
  return true;
}

/** Issues a replacement proxy from a country's reserved network, or at a given address. */
export function issueReplacement(list: ProxyList, entry: CatalogEntry, country: string, nowMs: number, address?: string): SlotOverride {
  const n = list.issued++;
  const text = address ?? hostAddress(entry.prefixes[entry.prefixes.length - 1], (n * 40503 + list.salt) % HOSTS_PER_PREFIX);
  const h = (k: number) => mix(list.salt, 0xfeed, n, k);
  const asn = entry.asns[h(1) % entry.asns.length];
  return {
    id: `d-${10_000 + list.ordinal * 10_000_000 + 9_000_000 + n}`,
    address: text,
    addressNumber: ipToNumber(text) ?? 0,
    port: 5000 + (h(2) % 5000),
    country,
    city: entry.cities[h(3) % entry.cities.length],
    asnNumber: asn.number,
    asnName: asn.name,
    createdAtMs: nowMs,
  };
}

export function applyOverrides(list: ProxyList, replacements: Array<{ slot: number; override: SlotOverride }>): void {
  for (const { slot, override } of replacements) list.overrides.set(slot, override);
  invalidate(list);
}

// ---- Reading a list ----------------------------------------------------------------------------------------

export interface ProxyListFilter {
  mode: WebshareProxyListMode;
  countryCodes?: string[];
  valid?: boolean;
  proxyAddresses?: string[];
  search?: string;
  ordering?: string[];
  asnNumber?: number;
  asnName?: string;
}

/** Applies the documented filters. Only country_code__in works in backbone mode [C]. */
export function filterProxies(list: ProxyList, filter: ProxyListFilter): ProxySlot[] {
  let proxies = materialize(list);
  if (filter.countryCodes) {
    const wanted = new Set(filter.countryCodes.map((code) => code.toUpperCase()));
    proxies = proxies.filter((proxy) => wanted.has(proxy.country));
  }
  if (filter.mode === 'backbone') return proxies;
  if (filter.valid !== undefined) proxies = proxies.filter((proxy) => proxy.valid === filter.valid);
  if (filter.proxyAddresses) {
    const wanted = new Set(filter.proxyAddresses);
    proxies = proxies.filter((proxy) => proxy.address !== null && wanted.has(proxy.address));
  }
  if (filter.asnNumber !== undefined) proxies = proxies.filter((proxy) => proxy.asnNumber === filter.asnNumber);
  // [I] asn_name is matched case-insensitively as a substring.
  if (filter.asnName) {
    const needle = filter.asnName.toLowerCase();
    proxies = proxies.filter((proxy) => proxy.asnName.toLowerCase().includes(needle));
  }
  // [I] search covers the text fields: address, country, city and ASN name.
  if (filter.search) {
    const needle = filter.search.toLowerCase();
    proxies = proxies.filter((proxy) => [proxy.address ?? '', proxy.country, proxy.city, proxy.asnName].some((text) => text.toLowerCase().includes(needle)));
  }
  if (filter.ordering?.length) proxies = orderProxies(proxies, filter.ordering);
  return proxies;
}

const ORDER_KEYS: Record<string, (proxy: ProxySlot) => number | string> = {
  id: (proxy) => Number(proxy.id.slice(2)),
  proxy_address: (proxy) => proxy.addressNumber,
  port: (proxy) => proxy.port,
  valid: (proxy) => (proxy.valid ? 1 : 0),
  country_code: (proxy) => proxy.country,
  city_name: (proxy) => proxy.city,
  asn_name: (proxy) => proxy.asnName,
  asn_number: (proxy) => proxy.asnNumber,
  created_at: (proxy) => proxy.createdAtMs,
  last_verification: (proxy) => proxy.verifyPhaseMs,
};

/** `ordering=-valid,proxy_address`; unknown fields are ignored, as DRF's OrderingFilter does. */
function orderProxies(proxies: ProxySlot[], ordering: string[]): ProxySlot[] {
  const keys = ordering
    .map((term) => ({ descending: term.startsWith('-'), key: ORDER_KEYS[term.replace(/^-/, '')] }))
    .filter((entry) => entry.key !== undefined);
  if (!keys.length) return proxies;
  return [...proxies].sort((a, b) => {
    for (const { descending, key } of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return a.slot - b.slot;
  });
}

export interface ProxyCredentials {
  username: string;
  password: string;
}

/** The wire form of one proxy as a given reader sees it. */
export function renderProxy(proxy: ProxySlot, credentials: ProxyCredentials, mode: WebshareProxyListMode, nowMs: number): WebshareProxy {
  const lastVerifiedMs = nowMs - ((((nowMs - proxy.verifyPhaseMs) % 30_000) + 30_000) % 30_000);
  return {
    id: proxy.id,
    // [I] Backbone entries carry a numbered username and a per-proxy port in the 10000+ backbone range.
    username: mode === 'backbone' ? `${credentials.username}-${proxy.slot + 1}` : credentials.username,
    password: credentials.password,
    proxy_address: proxy.address,
    port: mode === 'backbone' ? 10_000 + (proxy.slot % 10_000) : proxy.port,
    valid: proxy.valid,
    last_verification: formatTimestamp(Math.max(lastVerifiedMs, proxy.createdAtMs)),
    country_code: proxy.country,
    city_name: proxy.city,
    asn_name: proxy.asnName,
    asn_number: proxy.asnNumber,
    high_country_confidence: proxy.highCountryConfidence,
    created_at: formatTimestamp(proxy.createdAtMs),
  };
}

/** Composition figures of the proxy config: countries, /24 /16 /8 ranges and ASNs in use. */
export function composition(list: ProxyList) {
  const countries: Record<string, number> = {};
  const ranges24: Record<string, number> = {};
  const ranges16: Record<string, number> = {};
  const ranges8: Record<string, number> = {};
  const asns: Record<string, [string, number]> = {};
  for (const proxy of materialize(list)) {
    countries[proxy.country] = (countries[proxy.country] ?? 0) + 1;
    if (list.residential || proxy.address === null) continue; // [C] range and ASN dicts are empty for residential
    const [a, b, c] = proxy.address.split('.');
    ranges24[`${a}.${b}.${c}.0/24`] = (ranges24[`${a}.${b}.${c}.0/24`] ?? 0) + 1;
    ranges16[`${a}.${b}.0.0/16`] = (ranges16[`${a}.${b}.0.0/16`] ?? 0) + 1;
    ranges8[`${a}.0.0.0/8`] = (ranges8[`${a}.0.0.0/8`] ?? 0) + 1;
    const asn = (asns[String(proxy.asnNumber)] ??= [proxy.asnName, 0]);
    asn[1] += 1;
  }
  return { countries, ranges24, ranges16, ranges8, asns };
}
