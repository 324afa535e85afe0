/**
 * GraphQL enums. Internal code uses lower-case provider names (`webshare`); the graph shows the enum
 * (`WEBSHARE`), built from the one provider list in core/providers.ts. The other enums share their values
 * with the internal string unions in providers/contract/records.ts.
 */
import { registerEnumType } from 'type-graphql';
import { CAPABILITIES, PROVIDERS, type Capability as CoreCapability, type ProviderName } from '../../core/providers';

export type Provider = Uppercase<ProviderName>;
export const Provider = Object.fromEntries(PROVIDERS.map((name) => [name.toUpperCase(), name.toUpperCase()])) as { [K in Provider]: K };

export const providerEnum = (name: ProviderName): Provider => name.toUpperCase() as Provider;
export const providerName = (value: Provider): ProviderName => value.toLowerCase() as ProviderName;

export type Capability = CoreCapability;
export const Capability = Object.fromEntries(CAPABILITIES.map((name) => [name, name])) as { [K in CoreCapability]: K };

export enum ProxyStatus {
  OK = 'OK',
  DEGRADED = 'DEGRADED',
  DOWN = 'DOWN',
  UNKNOWN = 'UNKNOWN',
}

export enum ProxyType {
  DATACENTER = 'DATACENTER',
  ISP = 'ISP',
  RESIDENTIAL = 'RESIDENTIAL',
  MOBILE = 'MOBILE',
  ROTATING_GATEWAY = 'ROTATING_GATEWAY',
}

export enum DnsOverrideStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
}

export enum ProxyProtocol {
  HTTP = 'HTTP',
  SOCKS5 = 'SOCKS5',
}

export enum ProxyReplacementState {
  VALIDATING = 'VALIDATING',
  VALIDATED = 'VALIDATED',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}

export enum ProxySelectorType {
  IP_RANGE = 'IP_RANGE',
  IP_ADDRESS = 'IP_ADDRESS',
  ASN = 'ASN',
  COUNTRY = 'COUNTRY',
  ANY = 'ANY',
}

export enum ServiceCancelReason {
  TOO_EXPENSIVE = 'TOO_EXPENSIVE',
  MISSING_FEATURES = 'MISSING_FEATURES',
  SWITCHED_SERVICE = 'SWITCHED_SERVICE',
  UNUSED = 'UNUSED',
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  TOO_COMPLEX = 'TOO_COMPLEX',
  LOW_QUALITY = 'LOW_QUALITY',
  OTHER = 'OTHER',
}

export enum UsagePeriod {
  REQUESTED_WINDOW = 'REQUESTED_WINDOW',
  BILLING_PERIOD = 'BILLING_PERIOD',
  LIFETIME = 'LIFETIME',
}

export enum UsageTotalsExclusion {
  UNSUPPORTED = 'UNSUPPORTED',
  FAILED = 'FAILED',
  NO_FIGURES = 'NO_FIGURES',
  WINDOW_NOT_COVERED = 'WINDOW_NOT_COVERED',
  PERIOD_DIFFERS = 'PERIOD_DIFFERS',
}

registerEnumType(Provider, { name: 'Provider', description: 'The proxy providers ProxyGraph speaks to.' });
registerEnumType(Capability, { name: 'Capability', description: "What an account's provider can do through ProxyGraph." });
registerEnumType(ProxyStatus, { name: 'ProxyStatus', description: "Normalised health; the provider's own word is in Proxy.providerStatus." });
registerEnumType(ProxyType, { name: 'ProxyType' });
registerEnumType(DnsOverrideStatus, { name: 'DnsOverrideStatus' });
registerEnumType(ProxyProtocol, { name: 'ProxyProtocol' });
registerEnumType(ProxyReplacementState, {
  name: 'ProxyReplacementState',
  description: 'Webshare replacement lifecycle: VALIDATING → VALIDATED (dry run) or PROCESSING → COMPLETED, or FAILED.',
});
registerEnumType(ProxySelectorType, { name: 'ProxySelectorType' });
registerEnumType(ServiceCancelReason, { name: 'ServiceCancelReason', description: 'Ping Proxies cancellation feedback.' });
registerEnumType(UsagePeriod, {
  name: 'UsagePeriod',
  description: 'Which period usage figures cover.',
  valuesConfig: {
    REQUESTED_WINDOW: { description: 'Exactly the from/to window asked (periodStart/periodEnd).' },
    BILLING_PERIOD: { description: "The provider's current billing period (periodStart/periodEnd), used so far." },
    LIFETIME: { description: "The account's whole life (Ping Proxies: bandwidth bought never expires); no bounds." },
  },
});
registerEnumType(UsageTotalsExclusion, {
  name: 'UsageTotalsExclusion',
  description: "Why an account's usage is not added into UsageSummary.totals.",
  valuesConfig: {
    UNSUPPORTED: { description: 'The provider cannot report usage.' },
    FAILED: { description: 'The provider failed; see error.' },
    NO_FIGURES: { description: 'The provider answered without figures.' },
    WINDOW_NOT_COVERED: { description: 'A window was asked and this provider cannot report it; its figures cover another period.' },
    PERIOD_DIFFERS: { description: "No window was asked and the accounts' periods differ; see totalsByPeriod." },
  },
});
