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

// ---- Issue 13 ------------------------------------------------------------------------------------------------

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
