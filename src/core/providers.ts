/**
 * The provider vocabulary every layer shares: which providers exist and which capabilities an account can
 * have. The ground floor: imports nothing else from src/.
 */

/** Every provider ProxyGraph speaks to. A new provider is one more name here (docs/adding-a-provider.md). */
export const PROVIDERS = ['webshare', 'proxymesh', 'wonderproxy', 'pingproxies'] as const;

export type ProviderName = (typeof PROVIDERS)[number];

/**
 * What an account can do: one capability per facet of its sessions (providers/contract/session.ts), so an
 * account's capabilities are derived from what its provider implements, never declared apart.
 */
export const CAPABILITIES = [
  'PROXIES',
  'SUB_USERS',
  'SUB_USER_ACTIVATION',
  'IP_AUTHORIZATIONS',
  'HOSTNAME_AUTHORIZATIONS',
  'PROXY_SERVER_AUTHORIZATION',
  'DNS_OVERRIDES',
  'PROXY_REPLACEMENT',
  'PROXY_LIST_REFRESH',
  'USAGE',
  'NETWORK_SERVERS',
  'COUNTRY_POOLS',
  'PROFILE',
  'PLAN',
  'SUB_USER_IMPORT',
  'SUB_USER_PROXY_REFRESH',
  'IP_AUTHORIZATION_UPDATES',
  'SERVERS',
  'SERVICES',
  'PROXY_CREDENTIALS',
  'USAGE_HISTORY',
  'PROXY_ACTIVITY',
  'DOWNLOAD_TOKENS',
  'SUB_USER_ACCESS_RULES',
  'GENERATED_PROXY_LISTS',
  'IP_AUTHORIZATION_USERS',
  'PROXY_GATEWAY',
  'PROXY_ALLOCATION',
  'PROXY_SETTINGS',
] as const;

export type Capability = (typeof CAPABILITIES)[number];
