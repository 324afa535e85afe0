/**
 * The WonderProxy simulator's state, seeded deterministically: the network catalogue, the contract (plan,
 * period, expiry), its servers with exit IPs and health, proxy users, the IP authlist and custom DNS
 * entries, plus records other contracts hold (the authlist and DNS entries are unique across contracts
 * [C]). Pure rendering into WonderProxy's wire shapes lives here too; HTTP is in routes-*.ts.
 */
import { pick, seededRandom } from '../kit';
import {
  CATALOG,
  CONTRACT_NAMES,
  DAY_MS,
  DEFAULT_CONTRACT_SERVERS,
  DEFAULT_USERS,
  hostnameOf,
  seededIpCount,
  seededIps,
  toEpochSeconds,
  type CatalogEntry,
  type SeededIp,
} from './data';
import type {
  WonderProxyAuthlistEntry,
  WonderProxyContract,
  WonderProxyContractServer,
  WonderProxyNetworkServer,
  WonderProxyOverride,
  WonderProxyOverrideStatus,
  WonderProxyServerDetail,
} from '../../providers/wonderproxy/wire';

export interface NetworkServerState extends CatalogEntry {
  services: string[];
  ips: SeededIp[];
}

export interface ContractServerState {
  name: string;
  /** Bytes this billing period and over the last 30 days. */
  usageCurrent: number;
  usageLast30Days: number;
  /** Per-server limit when the contract has detailed server billing; null = the network limit. */
  limit: number | null;
}

export interface AuthlistState {
  id: number;
  ip: string;
  user: string;
  expiry: number;
}

export interface OverrideState {
  id: number;
  server: string;
  hostname: string;
  ip: string;
  expiry: number;
  /** When the entry was created or last changed: it is `pending` while servers pick the change up. */
  changedAtMs: number;
}

export interface WonderProxyState {
  seed: number;
  contract: { name: string; plan: string; periodStartMs: number; periodEndMs: number; limit: number; expiryMs: number };
  network: Map<string, NetworkServerState>;
  contractServers: Map<string, ContractServerState>;
  users: Map<string, boolean>;
  authlist: Map<number, AuthlistState>;
  overrides: Map<number, OverrideState>;
  /** IPs on other contracts' authlists and server/hostname pairs other contracts override. */
  foreignAuthlistIps: Set<string>;
  foreignOverrides: Set<string>;
  next: { authlist: number; override: number };
}

export interface WonderProxySeedOptions {
  seed: number;
  nowMs: number;
  contractServers?: string[];
  users?: Record<string, boolean>;
  authlistCount: number;
  overrideCount: number;
  /** Bytes per period; the docs' sample contract has 100000000000. */
  periodLimitBytes: number;
  detailedServerBilling: boolean;
}

/** [I] how long a new or changed DNS entry stays `pending`, and then `expiring` after its expiry. */
export const OVERRIDE_PENDING_MS = 60_000;
export const OVERRIDE_EXPIRING_MS = 5 * 60_000;
/** [C] expiring and expired entries are kept for 30 days. */
export const OVERRIDE_RETENTION_MS = 30 * DAY_MS;

export function createState(options: WonderProxySeedOptions): WonderProxyState {
  const { seed, nowMs } = options;
  const random = seededRandom(seed * 2_654_435 + 1);
  const nowSeconds = toEpochSeconds(nowMs);
  const network = new Map<string, NetworkServerState>();
  CATALOG.forEach((entry, index) => {
    const services = random() < 0.6 ? ['proxy', 'vpn'] : ['proxy'];
    network.set(entry.name, { ...entry, services, ips: seededIps(seed, index, seededIpCount(seed, index), nowSeconds) });
  });
  const periodStartMs = nowMs - (2 + Math.floor(random() * 20)) * DAY_MS;
  const names = (options.contractServers ?? DEFAULT_CONTRACT_SERVERS).filter((name) => network.has(name));
  const contractServers = new Map<string, ContractServerState>();
  for (const name of names) {
    const usageCurrent = Math.floor(random() * 2_000_000_000);
    contractServers.set(name, {
      name,
      usageCurrent,
      usageLast30Days: usageCurrent + Math.floor(random() * 1_500_000_000),
      limit: options.detailedServerBilling ? 512_000_000_000 : null,
    });
  }
  const state: WonderProxyState = {
    seed,
    contract: {
      name: pick(random, CONTRACT_NAMES),
      plan: 'corporate',
      periodStartMs,
      periodEndMs: periodStartMs + 30 * DAY_MS,
      limit: options.periodLimitBytes,
      expiryMs: nowMs + (90 + Math.floor(random() * 270)) * DAY_MS,
    },
    network,
    contractServers,
    users: new Map(Object.entries(options.users ?? DEFAULT_USERS)),
    authlist: new Map(),
    overrides: new Map(),
    foreignAuthlistIps: new Set(['45.180.22.7', '198.51.100.77']),
    foreignOverrides: new Set(names.length ? [`${names[0]}|www.example.org`] : []),
    next: { authlist: 1, override: 1 },
  };
  const users = [...state.users.keys()];
  for (let i = 0; i < options.authlistCount && users.length; i++) {
    const id = state.next.authlist++;
    state.authlist.set(id, { id, ip: `123.52.25.${12 + i * 2}`, user: users[i % users.length], expiry: nowSeconds + (7 + i) * 86_400 });
  }
  const hostnames = ['www.google.com', 'api.example.com', 'cdn.example.net', 'shop.example.com'];
  for (let i = 0; i < options.overrideCount && names.length; i++) {
    const id = state.next.override++;
    state.overrides.set(id, {
      id,
      server: names[i % names.length],
      hostname: hostnames[i % hostnames.length],
      ip: `123.41.250.${19 + i * 10}`,
      expiry: nowSeconds + (3 + i) * 86_400,
      changedAtMs: nowMs - DAY_MS,
    });
  }
  return state;
}

// ---- rendering ---------------------------------------------------------------------------------------------

export function renderNetworkServer(server: NetworkServerState, details: Set<WonderProxyServerDetail>): WonderProxyNetworkServer {
  return {
    hostname: hostnameOf(server.name),
    title: server.title,
    ip_count: server.ips.length,
    services: [...server.services],
    ...(details.has('location') ? { location: locationOf(server) } : {}),
  };
}

export function renderContract(state: WonderProxyState): WonderProxyContract {
  const usage = [...state.contractServers.values()].reduce((sum, server) => sum + server.usageCurrent, 0);
  return {
    name: state.contract.name,
    plan: state.contract.plan,
    period: {
      start: toEpochSeconds(state.contract.periodStartMs),
      end: toEpochSeconds(state.contract.periodEndMs),
      usage,
      limit: state.contract.limit,
    },
    expiry: toEpochSeconds(state.contract.expiryMs),
  };
}

export function renderContractServer(state: WonderProxyState, server: ContractServerState, details: Set<WonderProxyServerDetail>): WonderProxyContractServer {
  const network = state.network.get(server.name)!;
  return {
    server: server.name,
    hostname: hostnameOf(server.name),
    title: network.title,
    services: [...network.services],
    ...(details.has('usage')
      ? { usage: { limit: server.limit ?? state.contract.limit, current: server.usageCurrent, last_30_days: server.usageLast30Days } }
      : {}),
    ...(details.has('location') ? { location: locationOf(network) } : {}),
    ips: network.ips.map((ip) => ({
      ip: ip.ip,
      port_base: ip.port_base,
      status: ip.status,
      status_time: ip.status_time,
      ...(details.has('geostatus') ? { geostatus: structuredClone(ip.geostatus) } : {}),
    })),
  };
}

function locationOf(server: CatalogEntry) {
  return { city: server.city, country: server.country, latitude: server.latitude, longitude: server.longitude };
}

export function renderAuthlist(state: WonderProxyState, entry: AuthlistState): WonderProxyAuthlistEntry {
  return { id: entry.id, ip: entry.ip, user: entry.user, user_active: state.users.get(entry.user) === true, expiry: entry.expiry };
}

/** [I] pending while servers pick a change up, active until expiry, expiring while it is torn down, then expired. */
export function overrideStatus(entry: OverrideState, nowMs: number): WonderProxyOverrideStatus {
  const expiryMs = entry.expiry * 1000;
  if (nowMs >= expiryMs + OVERRIDE_EXPIRING_MS) return 'expired';
  if (nowMs >= expiryMs) return 'expiring';
  if (nowMs < entry.changedAtMs + OVERRIDE_PENDING_MS) return 'pending';
  return 'active';
}

export function renderOverride(entry: OverrideState, nowMs: number): WonderProxyOverride {
  return { id: entry.id, server: entry.server, hostname: entry.hostname, ip: entry.ip, expiry: entry.expiry, status: overrideStatus(entry, nowMs) };
}

/** [C] expiring and expired entries stay listed for 30 days; after that they are gone. */
export function purgeOverrides(state: WonderProxyState, nowMs: number): void {
  for (const [id, entry] of state.overrides) {
    if (nowMs >= entry.expiry * 1000 + OVERRIDE_RETENTION_MS) state.overrides.delete(id);
  }
}
