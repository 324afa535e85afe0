/**
 * Ping Proxies mapping of the proxy user ACL, service adjustment, list option and customer credit shapes
 * (docs/providers/reference.md §2.5), and of the graph's list options into Ping's `list_*` parameters.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toProfile } from '../../src/providers/pingproxies/mapping';
import { toAccessRule, toListOption, toListOptions, toResidentialListQuery } from '../../src/providers/pingproxies/mapping-access';
import { toServiceAdjustment } from '../../src/providers/pingproxies/mapping-adjustments';
import type { PingCustomer } from '../../src/providers/pingproxies/wire';

describe('Ping Proxies extras mapping', () => {
  test('an ACL entry becomes an access rule with exactly one target and a UTC date', () => {
    const rule = toAccessRule({
      proxy_user_acl_id: '550e8400-e29b-41d4-a716-446655440000',
      proxy_user_id: 'seo_team',
      service_id: 'API-SEO-POOL-001',
      proxy_id: null,
      proxy_user_acl_creation_datetime: '2024-01-02 03:04:05',
    });
    assert.deepEqual(rule, {
      nativeId: '550e8400-e29b-41d4-a716-446655440000',
      subUserNativeId: 'seo_team',
      serviceNativeId: 'API-SEO-POOL-001',
      proxyNativeId: null,
      createdAt: new Date('2024-01-02T03:04:05Z'),
    });
  });

  test("a service adjustment keeps Ping's words and objects, its integer id as a string, and who made it", () => {
    const record = toServiceAdjustment({
      service_adjustment_id: 42,
      service_id: 'API-1234-5678',
      service_adjustment_type: 'proxy_replacement',
      service_adjustment_status: 'complete',
      service_adjustment_pre: { proxy_ip_address: '1.2.3.4' },
      service_adjustment_post: { proxy_ip_address: '5.6.7.8' },
      service_adjustment_eval: null,
      service_adjustment_is_administrator: true,
      service_adjustment_is_automatic: false,
      service_adjustment_is_customer: false,
      service_adjustment_creation_datetime: '2023-09-12 10:00:00',
      service_adjustment_last_update_datetime: '2023-09-12 11:00:00',
      invoice_id: null,
    });
    assert.equal(record.nativeId, '42');
    assert.deepEqual(
      [record.type, record.status, record.byAdministrator, record.automatic, record.byCustomer],
      ['proxy_replacement', 'complete', true, false, false],
    );
    assert.deepEqual([record.before, record.after, record.evaluation], [{ proxy_ip_address: '1.2.3.4' }, { proxy_ip_address: '5.6.7.8' }, null]);
    assert.deepEqual([record.createdAt, record.updatedAt], [new Date('2023-09-12T10:00:00Z'), new Date('2023-09-12T11:00:00Z')]);
  });

  test('the documented list option and credit balance in cents map as given; an absent balance stays absent', () => {
    assert.deepEqual(toListOption({ has_access: true, proxy_user_id: 'stevejobs', proxy_user_is_default: false }), {
      subUserNativeId: 'stevejobs',
      hasAccess: true,
      isDefault: false,
    });
    const customer = {
      customer_id: 1955,
      customer_email_address: 'steve.jobs@apple.com',
      customer_first_name: 'Steve',
      customer_last_name: 'Jobs',
      customer_creation_datetime: '2023-09-01 10:00:00',
      customer_proxy_user_limit: 5,
    } as PingCustomer;
    assert.deepEqual(
      [toProfile({ ...customer, credit_balance: 1234 }).creditBalanceCents, toProfile({ ...customer, credit_balance: 1234 }).creditBalanceCurrency],
      [1234, 'USD'],
    );
    assert.equal('creditBalanceCents' in toProfile(customer), false);
  });

  test('list options send only what was chosen; residential targets go lower-case', () => {
    assert.deepEqual(toListOptions({}), {});
    assert.deepEqual(
      toListOptions({ format: 'socks5h', authentication: 'proxy_specific', protocol: 'socks5', ipVersion: 'ipv6', subUserNativeId: 'stevejobs' }),
      {
        list_format: 'socks5h',
        list_authentication: 'proxy_specific',
        list_protocol: 'socks5',
        list_version: 'ipv6',
        proxy_user_id: 'stevejobs',
      },
    );
    assert.deepEqual(toResidentialListQuery({ country: 'US', subdivision: 'US-TX', cityId: 75202, count: 5, sessionType: 'sticky', sessionTtlSeconds: 600 }), {
      country_id: 'us',
      subdivision_id: 'us-tx',
      city_id: 75202,
      list_count: 5,
      list_session_type: 'sticky',
      list_session_ttl: 600,
    });
  });
});
