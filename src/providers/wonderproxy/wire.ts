/**
 * WonderProxy API v0 wire shapes, under WonderProxy's own field names (docs/providers/wonderproxy.txt, docs/providers/reference.md §4).
 * Times are epoch seconds; bandwidth figures are bytes.
 */

/** `GET /v0/servers`: a server anywhere in WonderProxy's network. */
export interface WonderProxyNetworkServer {
  hostname: string;
  /** Usually the closest metro area [C, July 2023 changelog]. */
  title: string;
  ip_count: number;
  /** `proxy`, `vpn`. */
  services: string[];
  /** Only with `?detail=location`. */
  location?: WonderProxyLocation;
}

export interface WonderProxyLocation {
  city: string;
  /** ISO 3166-1 alpha-2, lower case in every sample. */
  country: string;
  latitude: number;
  longitude: number;
}

/** `GET /v0/contract`. */
export interface WonderProxyContract {
  name: string;
  plan: string;
  period: {
    start: number;
    end: number;
    /** Bytes used this period. */
    usage: number;
    /** Bytes allowed this period. */
    limit: number;
  };
  expiry: number;
}

export type WonderProxyHealth = 'ok' | 'warn' | 'crit' | 'unknown';

export interface WonderProxyGeoStatus {
  status: WonderProxyHealth;
  status_time: number;
}

export interface WonderProxyServerIp {
  ip: string;
  /** Added to the port scheme: port_base 4 → 10004, 11004, 12004. */
  port_base: number;
  status: WonderProxyHealth;
  status_time: number;
  /** Only with `?detail=geostatus`: one entry per third-party Geo-IP provider (google, maxmind, …). */
  geostatus?: Record<string, WonderProxyGeoStatus>;
}

export interface WonderProxyServerUsage {
  /** Bytes: the server's own limit with detailed server billing, else the account's network limit. */
  limit: number;
  current: number;
  last_30_days: number;
}

/** `GET /v0/contract/servers` and `/v0/contract/servers/{server}`. */
export interface WonderProxyContractServer {
  /** Short server name, e.g. `denver`. */
  server: string;
  hostname: string;
  title: string;
  services: string[];
  /** Only with `detail=usage`. */
  usage?: WonderProxyServerUsage;
  /** Only with `detail=location`. */
  location?: WonderProxyLocation;
  ips: WonderProxyServerIp[];
}

export type WonderProxyServerDetail = 'location' | 'geostatus' | 'usage';

export interface WonderProxyAuthlistEntry {
  id: number;
  ip: string;
  user: string;
  user_active: boolean;
  expiry: number;
}

/** POST body: `ip` absent means the IP the request comes from [C]. */
export interface WonderProxyAuthlistCreate {
  ip?: string;
  user: string;
  expiry: number;
}

export type WonderProxyAuthlistUpdate = Partial<WonderProxyAuthlistCreate>;

export type WonderProxyOverrideStatus = 'pending' | 'active' | 'expiring' | 'expired';

export interface WonderProxyOverride {
  id: number;
  /** Short server name. */
  server: string;
  hostname: string;
  ip: string;
  expiry: number;
  status: WonderProxyOverrideStatus;
}

export interface WonderProxyOverrideCreate {
  server: string;
  hostname: string;
  ip: string;
  expiry: number;
}

export type WonderProxyOverrideUpdate = Partial<WonderProxyOverrideCreate>;

/** Every error body: `{"message": "..."}` [C]. */
export interface WonderProxyError {
  message: string;
}
