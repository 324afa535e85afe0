/**
 * What adapters receive: windows over lists, filters, and the parameters of writes, already validated by
 * the layers above (domain/checks) so that an adapter checks only what its provider documents.
 */
import type { ProxyReplacementSelectorRecord, ProxyStatus, ProxyType } from './records';
import type { ProxySettingsRecord } from './records';

/**
 * Optional parts of a record the GraphQL query selects, so an adapter asks its provider for only those
 * (WonderProxy `detail=location,usage,geostatus`). Absent = not needed.
 */
export interface SelectedDetails {
  location?: boolean;
  usage?: boolean;
  geoStatus?: boolean;
}

export interface ProxyListFilter {
  countries?: string[];
  statuses?: ProxyStatus[];
  types?: ProxyType[];
  /** Native ids of Ping Proxies services (Service.proxies). */
  serviceIds?: string[];
}

/** A window over a provider's list: absolute offset and how many items, in the provider's own order. */
export interface ListWindow {
  offset: number;
  limit: number;
}

export interface CreateSubUserParams {
  username?: string | null;
  label?: string | null;
  password?: string | null;
  bandwidthLimitBytes?: number | null;
  monthlyBandwidthLimitBytes?: number | null;
  maxThreads?: number | null;
  proxyCountries?: Record<string, number> | null;
  /** Ping: replaces the whole metadata object. */
  metadata?: Record<string, unknown> | null;
  /** Ping: require IP authentication and password together. */
  strictSecurity?: boolean | null;
  /** ProxyMesh sub-account contact details. */
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
}

export type UpdateSubUserParams = CreateSubUserParams;

export interface AuthorizeIpParams {
  ip: string;
  subUserNativeId?: string | null;
  user?: string | null;
  expiresAt?: Date | null;
}

/** Narrows an IP authorization list; adapters push down what their provider can filter. */
export interface IpAuthorizationListFilter {
  ip?: string | null;
  /** WonderProxy user names. */
  users?: string[] | null;
}

export interface UpdateIpAuthorizationParams {
  ip?: string | null;
  user?: string | null;
  expiresAt?: Date | null;
}

export interface ReplaceProxiesParams {
  toReplace: ProxyReplacementSelectorRecord;
  replaceWith: ProxyReplacementSelectorRecord[];
  dryRun: boolean;
}

export interface DnsOverrideFilterParams {
  ip?: string | null;
  server?: string | null;
}

export interface CreateDnsOverrideParams {
  server: string;
  hostname: string;
  ip: string;
  expiresAt: Date;
}

export interface UpdateDnsOverrideParams {
  hostname?: string | null;
  ip?: string | null;
  expiresAt?: Date | null;
}

export interface UpdateServiceParams {
  name?: string | null;
  metadata?: Record<string, unknown> | null;
  automaticCollection?: boolean | null;
}

export interface CancelServiceParams {
  reason: string;
  comment?: string | null;
}

/**
 * The usage window asked: both ends set, or neither (the provider's own period). A provider that cannot
 * report the window answers with its own period's figures and says which (UsageRecord.period); the domain
 * marks them as not covering the window (domain/usage.ts).
 */
export interface UsageRange {
  from?: Date | null;
  to?: Date | null;
  /**
   * False when the query does not show bandwidthRemainingBytes, so a provider may skip a read only that
   * figure needs (Webshare: the plan period's stats when a window is asked). Absent = needed.
   */
  remaining?: boolean;
}

// ---- usage series and proxy activity ----

/** An hourly usage series: both ends given (the domain resolves `to` to now when it is omitted). */
export interface UsageSeriesRange {
  from: Date;
  to: Date;
}

/** Narrows proxy activity; adapters pass it to the provider. */
export interface ProxyActivityFilter {
  from?: Date | null;
  to?: Date | null;
  /** Only requests that failed for this reason. */
  errorReason?: string | null;
  /** Only requests that failed, for any reason. */
  failedOnly?: boolean | null;
  minBytes?: number | null;
  maxBytes?: number | null;
  search?: string | null;
}

/** A window over a list the provider pages by position (Webshare `starting_after`): how many, after which. */
export interface PositionWindow {
  limit: number;
  /** The provider's position of the last item already read; null = from the start. */
  after: string | null;
}

/** A sub-user access rule: exactly one of the two targets, by native id. */
export interface CreateSubUserAccessRuleParams {
  subUserNativeId: string;
  serviceNativeId?: string | null;
  proxyNativeId?: string | null;
}

/** Which proxies a generated list or a list-options question covers: ids, or a search filter (not both). */
export type ProxySelection = { proxyNativeIds: string[] } | { filter: ProxyListFilter };

/** How generated proxy lines are written (Ping `list_*` options), in the provider's lower-case words. */
export interface ProxyListLineOptions {
  format?: 'standard' | 'http' | 'https' | 'socks5' | 'socks5h';
  authentication?: 'username_and_password' | 'ip_address' | 'proxy_specific';
  protocol?: 'http' | 'socks5';
  ipVersion?: 'ipv4' | 'ipv6';
  /** The sub-user whose credentials the lines carry; absent = the provider's default. */
  subUserNativeId?: string | null;
}

/** A residential gateway list (Ping residential/list): where, how many, sticky or rotating sessions. */
export interface ResidentialListParams {
  subUserNativeId?: string | null;
  country?: string | null;
  subdivision?: string | null;
  cityId?: number | null;
  count?: number | null;
  format?: ProxyListLineOptions['format'];
  sessionType?: 'sticky' | 'rotating' | null;
  sessionTtlSeconds?: number | null;
}

/** Targeting appended to a gateway username. */
export interface GatewayUsernameParams {
  countries?: readonly string[] | null;
  city?: string | null;
  sessionId?: string | null;
  rotate?: boolean | null;
}

/**
 * A change of proxy settings: a field left undefined is unchanged; null clears the ones that can be cleared
 * (country/city/state/postal code/ASN restrictions).
 */
export type ProxySettingsChange = Partial<ProxySettingsRecord>;
