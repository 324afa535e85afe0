/**
 * Seed data for the Ping Proxies simulator, built from the docs' own examples where they exist (customer
 * Steve Jobs #1955, service API-1234-5678 "Premium ISP", proxy user "stevejobs" / "apple1984", the
 * residential summary's 10 GiB / 3 GiB / 145022 figures [C]) and a seeded generator for the rest, so the
 * same seed always gives the same account.
 */
import { pick, seededRandom } from '../kit';
import { isoDate, pingDate } from './http';
import { addAcl, addAdjustment, randomUuid, type PingSimState } from './state';
import type { PingProxy, PingProxyStatus, PingProxyUser, PingService } from '../../providers/pingproxies/wire';

export const DAY_MS = 24 * 3_600_000;
const GIB = 2 ** 30;

export interface PingSeedOptions {
  seed: number;
  nowMs: number;
  proxyCount: number;
  /** Proxy users beyond the three documented ones (for paging). */
  extraProxyUsers: number;
  proxyUserLimit: number;
  ipAuthenticationLimit: number;
}

interface Location {
  country: string;
  countryName: string;
  subdivision: string;
  subdivisionName: string;
  cityId: number;
  city: string;
  timezone: string;
  postcode: string;
  lat: number;
  lon: number;
  asn: number;
  asnName: string;
}

const loc = (
  country: string,
  countryName: string,
  subdivision: string,
  subdivisionName: string,
  cityId: number,
  city: string,
  timezone: string,
  postcode: string,
  lat: number,
  lon: number,
  asn: number,
  asnName: string,
): Location => ({
  country,
  countryName,
  subdivision,
  subdivisionName,
  cityId,
  city,
  timezone,
  postcode,
  lat,
  lon,
  asn,
  asnName,
});

/** The docs' example location first (Dallas, AT&T 7018 [C]). */
const ISP_LOCATIONS = [
  loc('us', 'United States', 'us-tx', 'Texas', 75202, 'Dallas', 'America/Chicago', '75202', 32.7767, -96.797, 7018, 'AT&T Enterprises, LLC'),
  loc('us', 'United States', 'us-ny', 'New York', 10001, 'New York', 'America/New_York', '10001', 40.7128, -74.006, 701, 'Verizon Business'),
  loc(
    'us',
    'United States',
    'us-ca',
    'California',
    90001,
    'Los Angeles',
    'America/Los_Angeles',
    '90001',
    34.0522,
    -118.2437,
    7922,
    'Comcast Cable Communications, LLC',
  ),
];
const DATACENTER_LOCATIONS = [
  loc('de', 'Germany', 'de-he', 'Hesse', 60311, 'Frankfurt am Main', 'Europe/Berlin', '60311', 50.1109, 8.6821, 24940, 'Hetzner Online GmbH'),
  loc('gb', 'United Kingdom', 'gb-eng', 'England', 10101, 'London', 'Europe/London', 'EC1A 1BB', 51.5072, -0.1276, 20473, 'The Constant Company, LLC'),
  loc('nl', 'Netherlands', 'nl-nh', 'North Holland', 1012, 'Amsterdam', 'Europe/Amsterdam', '1012', 52.3676, 4.9041, 60781, 'LeaseWeb Netherlands B.V.'),
  loc('fr', 'France', 'fr-idf', 'Ile-de-France', 75001, 'Paris', 'Europe/Paris', '75001', 48.8566, 2.3522, 16276, 'OVH SAS'),
  loc('jp', 'Japan', 'jp-13', 'Tokyo', 1000001, 'Tokyo', 'Asia/Tokyo', '100-0001', 35.6762, 139.6503, 2516, 'KDDI Corporation'),
];

export const ISP_SERVICE_ID = 'API-1234-5678';
export const DATACENTER_SERVICE_ID = '1955-8012-871';
export const RESIDENTIAL_SERVICE_ID = 'API-2024-0001';
export const CANCELED_SERVICE_ID = 'API-0420-1999';

function service(
  nowMs: number,
  fields: Partial<PingService> & Pick<PingService, 'service_id' | 'service_name' | 'service_type' | 'service_quantity' | 'service_total'>,
  ageDays: number,
  termDays: number,
): PingService {
  const created = nowMs - ageDays * DAY_MS;
  return {
    country_id: 'us',
    payment_method_id: 'pm_1NjyqfB2BUlqim5l2LgRUo0a',
    service_creation_datetime: pingDate(created),
    service_cycle: '1:month',
    service_dispatch_datetime: pingDate(created + 3_600_000),
    service_earliest_cancellation_datetime: pingDate(created + 2 * 3_600_000),
    service_expiry_datetime: pingDate(created + termDays * DAY_MS),
    service_image: null,
    service_is_automatic_collection: true,
    service_is_pending_cancellation: false,
    service_last_update_datetime: pingDate(created + 2 * 3_600_000),
    service_metadata: {},
    service_promotional_code: null,
    service_protocol: 'ipv4',
    service_status: 'active',
    service_subscription_id: `sub_${fields.service_id.replace(/-/g, '')}`,
    service_subscription_is_paused: false,
    ...fields,
  };
}

function status(random: () => number): PingProxyStatus {
  const roll = random();
  if (roll < 0.06) return 'available';
  if (roll < 0.1) return 'reserved';
  if (roll < 0.12) return 'waiting';
  if (roll < 0.15) return 'pending_deletion';
  return 'in_use';
}

function proxy(random: () => number, index: number, isp: boolean, nowMs: number): PingProxy {
  const location = isp ? ISP_LOCATIONS[index % ISP_LOCATIONS.length] : pick(random, DATACENTER_LOCATIONS);
  // Unique addresses: the index picks the host inside a per-type /16.
  const ip = isp
    ? `107.225.${72 + Math.floor(index / 250)}.${(index % 250) + 1}`
    : `45.${130 + Math.floor(index / 250)}.${Math.floor(random() * 250)}.${(index % 250) + 1}`;
  const octets = ip.split('.');
  return {
    proxy_id: randomUuid(random),
    service_id: isp ? ISP_SERVICE_ID : DATACENTER_SERVICE_ID,
    customer_id: 1955,
    proxy_ip_address: ip,
    proxy_ip_address_v6: null,
    ip_address_id_v4: ip,
    ip_address_id_v6: null,
    subnet_id: `${octets[0]}.${octets[1]}.${octets[2]}.0/24`,
    subnet_id_v6: null,
    proxy_http_port: 8080,
    proxy_socks5_port: 1080,
    proxy_protocol: 'ipv4',
    proxy_status: status(random),
    proxy_type: isp ? 'isp' : 'datacenter',
    proxy_username: `${location.asn}user${index}`,
    proxy_password: Array.from({ length: 15 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'[Math.floor(random() * 56)]).join(''),
    proxy_last_update_datetime: isoDate(nowMs - Math.floor(random() * 10 * DAY_MS)),
    country_id: location.country,
    country_name: location.countryName,
    subdivision_id: location.subdivision,
    subdivision_name: location.subdivisionName,
    city_id: location.cityId,
    city_name: location.city,
    city_timezone: location.timezone,
    city_example_postcode: location.postcode,
    city_latitude: location.lat,
    city_longitude: location.lon,
    asn_id: location.asn,
    asn_name: location.asnName,
  };
}

export function proxyUser(
  nowMs: number,
  fields: Partial<PingProxyUser> & Pick<PingProxyUser, 'proxy_user_id' | 'proxy_user_password'>,
  ipLimit: number,
): PingProxyUser {
  return {
    proxy_user_access_type: 'all',
    proxy_user_is_default: false,
    proxy_user_is_deleted: false,
    proxy_user_is_strict_security: false,
    proxy_user_enforce_https: false,
    proxy_user_ip_address_authentication_limit: ipLimit,
    ip_address_authentications: [],
    restricted_proxy_ids: [],
    restricted_service_ids: [],
    proxy_user_is_service_restricted: false,
    proxy_user_residential_bytes_limit: null,
    proxy_user_residential_bytes_used: 0,
    proxy_user_mobile_bytes_limit: null,
    proxy_user_mobile_bytes_used: 0,
    proxy_user_metadata: {},
    customer_id: 1955,
    proxy_user_creation_datetime: pingDate(nowMs),
    proxy_user_last_update_datetime: pingDate(nowMs),
    ...fields,
  };
}

export function createPingState(options: PingSeedOptions): PingSimState {
  const random = seededRandom(options.seed);
  const { nowMs } = options;
  const ispCount = Math.ceil(options.proxyCount * 0.6);
  const proxies = Array.from({ length: options.proxyCount }, (_, index) => proxy(random, index, index < ispCount, nowMs));
  const services = [
    service(
      nowMs,
      {
        service_id: ISP_SERVICE_ID,
        service_name: 'Premium ISP',
        service_type: 'isp',
        service_quantity: ispCount,
        service_total: ispCount * 20,
        service_metadata: { resell_customer_id: 'APPL-9876-5432' },
      },
      20,
      30,
    ),
    service(
      nowMs,
      {
        service_id: DATACENTER_SERVICE_ID,
        service_name: 'Datacenter Global',
        service_type: 'datacenter',
        service_quantity: options.proxyCount - ispCount,
        service_total: (options.proxyCount - ispCount) * 9,
        service_cycle: '3:month',
        country_id: null,
      },
      40,
      90,
    ),
    service(
      nowMs,
      { service_id: RESIDENTIAL_SERVICE_ID, service_name: 'Residential 10 GB', service_type: 'residential', service_quantity: 10, service_total: 3000 },
      10,
      30,
    ),
    service(
      nowMs,
      {
        service_id: CANCELED_SERVICE_ID,
        service_name: 'Legacy ISP',
        service_type: 'isp',
        service_quantity: 0,
        service_total: 500,
        service_status: 'canceled',
        service_is_automatic_collection: false,
      },
      400,
      30,
    ),
  ];
  const limit = options.ipAuthenticationLimit;
  const users = [
    proxyUser(
      nowMs - 60 * DAY_MS,
      {
        proxy_user_id: 'default_user',
        proxy_user_password: 'DfLt7Kq2Zx9Pw4',
        proxy_user_is_default: true,
        ip_address_authentications: ['203.0.113.10'],
        proxy_user_residential_bytes_used: 1.5 * GIB,
      },
      limit,
    ),
    // The docs' example user "stevejobs" (9 characters). Ping documents proxy_user_id as 10–32 characters on
    // the create page only [C]; the same docs show "stevejobs" in create, retrieve and edit answers. So the rule
    // is a creation rule: an existing id may be shorter (it exists, it just could not be created today), and
    // ProxyGraph checks 10–32 on create and 1–32 for ids it is given to read or change.
    proxyUser(
      nowMs - 30 * DAY_MS,
      {
        proxy_user_id: 'stevejobs',
        proxy_user_password: 'apple1984',
        ip_address_authentications: ['1.1.1.1', '2.2.2.2'],
        proxy_user_residential_bytes_limit: 1_000_000,
      },
      limit,
    ),
    proxyUser(
      nowMs - 20 * DAY_MS,
      {
        proxy_user_id: 'marketing_team',
        proxy_user_password: 'secure_password',
        proxy_user_access_type: 'service_restricted',
        restricted_service_ids: [ISP_SERVICE_ID],
        proxy_user_is_strict_security: true,
        proxy_user_metadata: { department: 'Marketing', project: 'Q2 Campaign' },
        proxy_user_residential_bytes_limit: 5 * GIB,
        proxy_user_residential_bytes_used: 1.5 * GIB,
      },
      limit,
    ),
    ...Array.from({ length: options.extraProxyUsers }, (_, index) =>
      proxyUser(
        nowMs - (10 - (index % 10)) * DAY_MS,
        { proxy_user_id: `team_member_${String(index + 1).padStart(3, '0')}`, proxy_user_password: `pw${index}x${Math.floor(random() * 1e6)}` },
        limit,
      ),
    ),
  ];
  const state: PingSimState = {
    customer: {
      country_id: 'us',
      country_id_billing: 'us',
      customer_billing_line_one: '1',
      customer_billing_line_two: 'Infinite Loop',
      customer_billing_name: 'Steve Jobs',
      customer_billing_subdivision_name: 'Cupertino',
      customer_billing_zip_code: '95014',
      customer_creation_datetime: pingDate(nowMs - 400 * DAY_MS),
      customer_email_address: 'steve.jobs@apple.com',
      customer_email_two_factor_authentication: true,
      customer_first_name: 'Steve',
      customer_id: 1955,
      customer_iso_language_code: 'en',
      customer_last_login_datetime: pingDate(nowMs - DAY_MS),
      customer_last_name: 'Jobs',
      customer_last_update_datetime: pingDate(nowMs - DAY_MS + 3_600_000),
      customer_phone_number: '+14089961010',
      customer_proxy_user_limit: options.proxyUserLimit,
      customer_requires_information_confirm: false,
      customer_requires_password_change: false,
      credit_balance: 2_500,
      active_residential_service_id: RESIDENTIAL_SERVICE_ID,
    },
    services: new Map(services.map((entry) => [entry.service_id, entry])),
    proxies,
    proxyIndex: new Map(proxies.map((entry) => [entry.proxy_id, entry])),
    proxyUsers: new Map(users.map((user) => [user.proxy_user_id, user])),
    residential: { bytesPurchased: 10 * GIB, requests: 145_022 },
    ipAuthenticationLimit: limit,
    acls: new Map(),
    adjustments: [],
    random,
  };
  seedAccessRules(state, nowMs);
  seedAdjustments(state, services);
  return state;
}

/** Seeded users' restricted lists become ACL entries, the form the API reads and writes them in [C]. */
function seedAccessRules(state: PingSimState, nowMs: number): void {
  for (const user of state.proxyUsers.values()) {
    const services = user.restricted_service_ids ?? [];
    const proxies = user.restricted_proxy_ids ?? [];
    for (const id of services) addAcl(state, user, { service_id: id }, pingDate(nowMs - 19 * DAY_MS));
    for (const id of proxies) addAcl(state, user, { proxy_id: id }, pingDate(nowMs - 19 * DAY_MS));
  }
}

/**
 * [I] Each service's trail: the customer's order (ingestion, with the invoice), its automatic fulfillment,
 * an administrator's proxy replacement on the ISP service, and the cancellation of the canceled one.
 */
function seedAdjustments(state: PingSimState, services: PingService[]): void {
  for (const entry of services) {
    const created = entry.service_creation_datetime ?? pingDate(0);
    const invoice = `in_${entry.service_id.replace(/-/g, '')}`;
    addAdjustment(
      state,
      entry,
      {
        service_adjustment_type: 'ingestion',
        service_adjustment_is_customer: true,
        invoice_id: invoice,
        service_adjustment_post: { service_quantity: entry.service_quantity },
        service_adjustment_eval: { service_total: entry.service_total },
      },
      created,
    );
    addAdjustment(
      state,
      entry,
      {
        service_adjustment_type: 'fulfillment',
        service_adjustment_is_automatic: true,
        service_adjustment_pre: { service_status: 'awaiting_fulfillment' },
        service_adjustment_post: { service_status: 'active' },
      },
      entry.service_dispatch_datetime ?? created,
    );
    if (entry.service_id === ISP_SERVICE_ID) {
      addAdjustment(
        state,
        entry,
        { service_adjustment_type: 'proxy_replacement', service_adjustment_is_administrator: true, service_adjustment_eval: { reason: 'ip_reputation' } },
        entry.service_last_update_datetime ?? created,
      );
    }
    if (entry.service_status === 'canceled') {
      addAdjustment(
        state,
        entry,
        {
          service_adjustment_type: 'cancel',
          service_adjustment_is_customer: true,
          service_adjustment_pre: { service_status: 'active' },
          service_adjustment_post: { service_status: 'canceled' },
        },
        entry.service_last_update_datetime ?? created,
      );
    }
  }
}
