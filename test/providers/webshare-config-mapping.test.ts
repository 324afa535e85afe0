/**
 * Webshare proxy-config mapping on the documented payloads (apidocs.webshare.io /proxy-config/get_proxy_stats,
 * /get_proxy_status, /get_proxy_config; /proxy-connection for the backbone username grammar).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  gatewayUsername,
  listModeOf,
  toProxyListStats,
  toProxyListStatus,
  toProxySettings,
  toProxySettingsUpdate,
} from '../../src/providers/webshare/mapping-config';
import type { WebsharePlan } from '../../src/providers/webshare/wire';

describe('Webshare proxy-config mapping', () => {
  test('the documented v3 stats sample: ranges of every prefix in one list, ASNs with their names', () => {
    const stats = toProxyListStats({
      available_countries: { US: 95 },
      ip_ranges_24: { '10.1.1.0/24': 5, '10.1.3.0/24': 100 },
      ip_ranges_16: { '10.1.0.0/16': 105 },
      ip_ranges_8: { '10.0.0.0/8': 105 },
      available_ip_ranges_24: { '1.2.3.0/24': 100 },
      available_ip_ranges_16: { '1.2.0.0/16': 100 },
      available_ip_ranges_8: { '1.0.0.0/8': 100 },
      asns: { '6137': ['ASN NAME', 105] },
      available_asns: { '9421': ['ASN NAME', 105] },
    });
    assert.deepEqual(stats.availableCountries, [{ country: 'US', count: 95 }]);
    assert.deepEqual(
      stats.ipRanges.map((range) => [range.cidr, range.prefixLength, range.count]),
      [
        ['10.1.1.0/24', 24, 5],
        ['10.1.3.0/24', 24, 100],
        ['10.1.0.0/16', 16, 105],
        ['10.0.0.0/8', 8, 105],
      ],
    );
    assert.deepEqual(stats.asns, [{ asn: 6137, name: 'ASN NAME', count: 105 }]);
    assert.deepEqual(stats.availableAsns, [{ asn: 9421, name: 'ASN NAME', count: 105 }]);
  });

  test('the documented v3 status sample: state upper case, countries largest first, nothing unallocated', () => {
    const status = toProxyListStatus({
      state: 'completed',
      countries: { US: 5, FR: 100 },
      unallocated_countries: {},
      username: 'username',
      password: 'password',
      is_proxy_used: false,
    });
    assert.deepEqual(status, {
      state: 'COMPLETED',
      countries: [
        { country: 'FR', count: 100 },
        { country: 'US', count: 5 },
      ],
      unallocatedCountries: [],
      unallocatedCount: 0,
      proxiesUsed: false,
      username: 'username',
      password: 'password',
    });
    assert.equal(
      toProxyListStatus({ state: 'pending', countries: {}, unallocated_countries: { FR: 3, de: 2 }, username: 'u', password: 'p', is_proxy_used: false })
        .unallocatedCount,
      5,
    );
  });

  test('the documented v3 config sample becomes settings with units in their names; fields the sample lacks are null', () => {
    const settings = toProxySettings({
      request_timeout: 86_400,
      request_idle_timeout: 900,
      ip_authorization_country_codes: ['US', 'FR'],
      auto_replace_invalid_proxies: true,
      auto_replace_low_country_confidence_proxies: false,
      auto_replace_out_of_rotation_proxies: false,
      auto_replace_failed_site_check_proxies: false,
    } as Parameters<typeof toProxySettings>[0]);
    assert.equal(settings.requestTimeoutSeconds, 86_400);
    assert.deepEqual(settings.ipAuthorizationCountries, ['US', 'FR']);
    assert.equal(settings.ipAuthorizationCity, null);
    assert.equal(settings.ipAuthorizationAsn, null);
  });

  test('an update names only the fields given, and null is sent to clear', () => {
    assert.deepEqual(toProxySettingsUpdate({ requestTimeoutSeconds: 60, ipAuthorizationCity: null }), { request_timeout: 60, ip_authorization_city: null });
    assert.deepEqual(toProxySettingsUpdate({}), {});
  });

  test('backbone usernames follow {username}-{cc}...-city_{name}-{session|rotate}, codes and city in lower case', () => {
    assert.equal(gatewayUsername('myuser', {}), 'myuser');
    assert.equal(gatewayUsername('myuser', { countries: ['US'], sessionId: '1234' }), 'myuser-us-1234');
    assert.equal(gatewayUsername('myuser', { countries: ['us', 'FR', 'de'], rotate: true }), 'myuser-us-fr-de-rotate');
    assert.equal(gatewayUsername('myuser', { countries: ['us'], city: 'Los_Angeles' }), 'myuser-us-city_los_angeles');
  });

  test('residential plans (by subtype, or pool_filter when present) are read in backbone mode, others direct', () => {
    const plan = (fields: Partial<WebsharePlan> & { pool_filter?: string }) => ({ proxy_subtype: 'default', ...fields }) as WebsharePlan;
    assert.equal(listModeOf(plan({ proxy_subtype: 'residential' })), 'backbone');
    assert.equal(listModeOf(plan({ pool_filter: 'residential' })), 'backbone');
    assert.equal(listModeOf(plan({ proxy_subtype: 'isp' })), 'direct');
    assert.equal(listModeOf(plan({})), 'direct');
  });
});
