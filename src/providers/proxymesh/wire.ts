/**
 * ProxyMesh account API shapes under ProxyMesh's own field names (docs/providers/proxymesh.txt, docs/providers/reference.md §3).
 * Bandwidth figures are GB; requests are form-encoded POSTs or GETs with query parameters.
 */

/** Sub-account details, returned by create, edit, get, activate and deactivate [C]. */
export interface ProxyMeshSubAccount {
  username: string;
  active: boolean;
  /** GB used in the current billing period. */
  monthly_bandwidth: number;
  /** GB; 0 = no limit. */
  monthly_bandwidth_limit: number;
  /** GB used over all time (>= monthly_bandwidth). */
  total_bandwidth: number;
  /** GB; 0 = no limit. */
  total_bandwidth_limit: number;
  /** Present only when set [C]. */
  first_name?: string;
  last_name?: string;
  email?: string;
}

/** Form fields of POST /api/sub/create/ and /api/sub/edit/ [C]. Limits are whole GB; 0 = no limit. */
export interface ProxyMeshSubAccountForm {
  username: string;
  password?: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  monthly_limit?: number;
  total_limit?: number;
}

/** GET /api/ips/ [C]. */
export interface ProxyMeshIpList {
  ips: string[];
}

/** POST /api/ip/add/ [C]. */
export interface ProxyMeshIpAdded {
  ip: string;
}

/** GET /api/hostnames/ [C]. */
export interface ProxyMeshDomainList {
  domains: string[];
}

/** POST /api/hostname/add/ [C]. */
export interface ProxyMeshDomainAdded {
  domain: string;
}

/** GET /api/proxies/: `host:port` strings, e.g. "us-ca.proxymesh.com:31280" [C, 3P]. */
export interface ProxyMeshProxyList {
  proxies: string[];
}

/** POST /api/proxy/add/: the full domain of the proxy [C]. */
export interface ProxyMeshProxyAdded {
  proxy: string;
}

/** GET /api/geoips/open/ and /world/: ISO country code → IP count [C]. */
export type ProxyMeshGeoIps = Record<string, number>;

export type ProxyMeshPool = 'open' | 'world';

/** A 400 form error: field → messages, as Django form errors serialise [I: shape]. */
export type ProxyMeshFormErrors = Record<string, string[]>;

/** Other error bodies the simulator sends [I: ProxyMesh documents only the status codes]. */
export interface ProxyMeshErrorBody {
  error: string;
}
