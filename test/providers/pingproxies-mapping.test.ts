/**
 * Ping Proxies mapping on the documented sample payloads (docs/providers/reference.md §2, tagged [C]): units, dates in
 * both of Ping's forms, statuses, error bodies, and how filters and windows become proxy/search queries.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseListEntry,
  formatProxyUrl,
  toProfile,
  toProxy,
  toService,
  toUsage,
  parseIpAuthorizationId,
  ipAuthorizationId,
} from '../../src/providers/pingproxies/mapping';
import { describePingFailure } from '../../src/providers/pingproxies/client';
import { choosePageSize, planProxyQuery } from '../../src/providers/pingproxies/proxy-query';
import type { PingCustomer, PingProxy, PingService } from '../../src/providers/pingproxies/wire';

/** The proxy object of the docs' checkout example [C]. */
const DOC_PROXY: PingProxy = {
  asn_id: 7018,
  asn_name: 'AT&T Enterprises, LLC',
  city_example_postcode: '75202',
  city_id: 75202,
  city_latitude: 32.7767,
  city_longitude: -96.797,
  city_name: 'Dallas',
  city_timezone: 'America/Chicago',
  country_id: 'us',
  country_name: 'United States',
  customer_id: 1976,
  default_proxy_user_password: 'apple1984',
  default_proxy_user_username: 'stevejobs',
  ip_address_id_v4: '107.225.73.142',
  ip_address_id_v6: '2600:1000:b12a:6351:8523:997e:93c4:f124',
  proxy_http_port: 8080,
  proxy_id: '7a018d34-76c2-4c23-b14d-f7b9a7054e25',
  proxy_ip_address: '107.225.73.142',
  proxy_ip_address_v6: '2600:1000:b12a:6351:8523:997e:93c4:f124',
  proxy_last_update_datetime: '2023-11-07T05:31:56Z',
  proxy_password: 'DHf3PSQXQ7rw1v9',
  proxy_protocol: 'ipv4',
  proxy_socks5_port: 1080,
  proxy_status: 'in_use',
  proxy_type: 'isp',
  proxy_username: 'att7018user',
  service_id: 'API-1234-5678',
  subdivision_id: 'us-tx',
  subdivision_name: 'Texas',
  subnet_id: '107.225.72.0/22',
  subnet_id_v6: '2600:1000::/28',
};

/** The service sample [C]. */
const DOC_SERVICE: PingService = {
  country_id: 'us',
  payment_method_id: 'pm_1NjyqfB2BUlqim5l2LgRUo0a',
  service_creation_datetime: '2023-09-12 10:00:00',
  service_cycle: '1:month',
  service_dispatch_datetime: '2023-09-12 11:00:00',
  service_earliest_cancellation_datetime: '2023-09-12 12:00:00',
  service_expiry_datetime: '2023-10-12 10:00:00',
  service_id: 'API-1234-5678',
  service_image: 'https://apple.com/image.png',
  service_is_automatic_collection: true,
  service_is_pending_cancellation: false,
  service_last_update_datetime: '2023-09-12 12:00:00',
  service_metadata: { resell_customer_id: 'APPL-9876-5432' },
  service_name: 'Premium ISP',
  service_promotional_code: 'PROMO2023',
  service_protocol: 'ipv4',
  service_quantity: 5,
  service_status: 'active',
  service_subscription_id: 'sub_1NpPVfB2BUlqim5lA374YoIh',
  service_subscription_is_paused: false,
  service_total: 100,
  service_type: 'isp',
};

describe('Ping Proxies mapping of documented payloads', () => {
  test("the docs' proxy maps to host, ports, ISO country, ISP type, OK status and the default proxy user", () => {
    assert.deepEqual(toProxy(DOC_PROXY), {
      nativeId: '7a018d34-76c2-4c23-b14d-f7b9a7054e25',
      host: '107.225.73.142',
      httpPort: 8080,
      socks5Port: 1080,
      exitIp: '107.225.73.142',
      username: 'stevejobs',
      password: 'apple1984',
      country: 'US',
      city: 'Dallas',
      asn: 7018,
      asnName: 'AT&T Enterprises, LLC',
      type: 'ISP',
      status: 'OK',
      providerStatus: 'in_use',
      lastCheckedAt: null,
      createdAt: null,
    });
    assert.equal(toProxy({ ...DOC_PROXY, proxy_status: 'pending_deletion' }).status, 'DOWN');
    assert.equal(toProxy({ ...DOC_PROXY, proxy_status: 'reserved' }).status, 'UNKNOWN');
    assert.equal(toProxy({ ...DOC_PROXY, default_proxy_user_username: null }).username, 'att7018user');
  });

  test('the docs\' service maps cents to dollars and "YYYY-MM-DD hh:mm:ss" to UTC', () => {
    assert.deepEqual(toService(DOC_SERVICE), {
      nativeId: 'API-1234-5678',
      name: 'Premium ISP',
      type: 'isp',
      status: 'active',
      cycle: '1:month',
      quantity: 5,
      expiresAt: new Date('2023-10-12T10:00:00Z'),
      total: 1,
      currency: 'USD',
      metadata: { resell_customer_id: 'APPL-9876-5432' },
    });
  });

  test("the docs' customer and residential summary map to profile and usage in bytes", () => {
    const customer = {
      customer_id: 1955,
      customer_email_address: 'steve.jobs@apple.com',
      customer_first_name: 'Steve',
      customer_last_name: 'Jobs',
      customer_creation_datetime: '2023-09-01 10:00:00',
      customer_proxy_user_limit: 5,
    } as PingCustomer;
    assert.deepEqual(toProfile(customer), { email: 'steve.jobs@apple.com', name: 'Steve Jobs', createdAt: new Date('2023-09-01T10:00:00Z') });
    const usage = toUsage({
      residential_bytes: 10737418240,
      residential_bytes_used: 3221225472,
      residential_bytes_left: 7516192768,
      residential_requests: 145022,
      proxy_user_ids: ['default_user', 'stevejobs'],
    });
    assert.deepEqual(
      [usage.bandwidthLimitBytes, usage.bandwidthUsedBytes, usage.bandwidthRemainingBytes, usage.requestsTotal],
      [10737418240, 3221225472, 7516192768, 145022],
    );
  });

  test("the docs' error body gives the message and api_request_id; a 429 message gives the retry time", () => {
    const notFound = describePingFailure(
      404,
      '{"error":"Not Found","message":"The requested proxy could not be found.","api_request_id":"0a5a76aa-e286-477b-b88f-e5b492a0ba70"}',
    );
    assert.deepEqual(notFound, { providerMessage: 'The requested proxy could not be found.', upstreamRequestId: '0a5a76aa-e286-477b-b88f-e5b492a0ba70' });
    assert.equal(
      describePingFailure(429, '{"error":"Too Many Requests","message":"Rate limit exceeded. Please try again in 45 seconds.","api_request_id":"x"}')
        .retryAfterSeconds,
      45,
    );
    assert.equal(describePingFailure(429, 'not json').retryAfterSeconds, 1);
    assert.equal(describePingFailure(429, 'not json', { 'retry-after': '7' }).retryAfterSeconds, undefined);
    assert.equal(describePingFailure(499, '{"error":"2FA","message":"Two-factor authentication required.","api_request_id":"y"}').code, 'PROVIDER_FORBIDDEN');
  });

  test('list entries in standard and URL form parse to host, port and credentials', () => {
    assert.deepEqual(parseListEntry('1.1.1.1:80:u:p'), { host: '1.1.1.1', port: 80, username: 'u', password: 'p' });
    assert.deepEqual(parseListEntry('1.1.1.1:80'), { host: '1.1.1.1', port: 80, username: null, password: null });
    assert.deepEqual(parseListEntry('socks5://u%40x:p@[2600:1000::1]:1080'), { host: '2600:1000::1', port: 1080, username: 'u@x', password: 'p' });
    assert.equal(formatProxyUrl('http', { host: '2600:1000::1', port: 8080, username: 'u@x', password: 'p:q' }), 'http://u%40x:p%3Aq@[2600:1000::1]:8080');
    assert.equal(parseListEntry('garbage'), null);
  });

  test('IP authorization ids carry the proxy user and the IP, IPv6 included', () => {
    assert.deepEqual(parseIpAuthorizationId(ipAuthorizationId('team_alpha_01', '2001:db8::1')), { proxyUserId: 'team_alpha_01', ip: '2001:db8::1' });
    assert.equal(parseIpAuthorizationId('no-slash'), null);
  });
});

describe('Ping Proxies proxy/search planning', () => {
  test('single values push down; all-but-one becomes not_; none empties; several are filtered locally', () => {
    assert.deepEqual(planProxyQuery({ countries: ['US'], statuses: ['OK'], types: ['DATACENTER'], serviceIds: ['API-1234-5678'] }).query, {
      country_id: 'us',
      proxy_status: 'in_use',
      proxy_type: 'datacenter',
      service_id: 'API-1234-5678',
    });
    assert.deepEqual(planProxyQuery({ statuses: ['UNKNOWN', 'DOWN'] }).query, { not_proxy_status: 'in_use' });
    assert.deepEqual(planProxyQuery({ types: ['ISP', 'DATACENTER', 'RESIDENTIAL'] }).query, { not_proxy_type: 'mobile' });
    assert.equal(planProxyQuery({ types: ['ROTATING_GATEWAY'] }).empty, true);
    assert.deepEqual(planProxyQuery({ countries: ['ZZ', 'US'] }), { empty: false, query: {}, localFilter: null });
    const local = planProxyQuery({ countries: ['DE', 'GB'], statuses: ['OK'] });
    assert.deepEqual(local.query, { proxy_status: 'in_use' });
    assert.equal(local.localFilter!({ ...DOC_PROXY, country_id: 'gb' }), true);
    assert.equal(local.localFilter!(DOC_PROXY), false);
  });

  test('a window is read with the smallest per_page whose one page covers it', () => {
    assert.equal(choosePageSize({ offset: 0, limit: 25 }), 25);
    assert.equal(choosePageSize({ offset: 25, limit: 25 }), 25);
    assert.equal(choosePageSize({ offset: 30, limit: 25 }), 28); // page 2 of 28 = items 28..55
    assert.equal(choosePageSize({ offset: 0, limit: 0 }), 1);
    assert.equal(choosePageSize({ offset: 150, limit: 100 }), 100);
  });
});
