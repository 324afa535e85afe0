/**
 * Webshare mapping of the issue-13 payloads on the documented samples (docs/providers/reference.md §1.5 "Stats
 * and activity", "Proxy replacement (v3) and replaced proxies", "Download tokens").
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nextActivityCursor, toActivityQuery, toDownloadToken, toProxyActivity, toReplacedProxy, toUsagePoint } from '../../src/providers/webshare/mapping';
import type { WebshareActivity, WebshareProxyStat } from '../../src/providers/webshare/wire';

const STAT: WebshareProxyStat = {
  timestamp: '2022-08-11T17:00:00-07:00',
  is_projected: false,
  bandwidth_total: 5000,
  bandwidth_average: 1000,
  requests_total: 5,
  requests_successful: 4,
  requests_failed: 1,
  error_reasons: [
    {
      reason: 'client_connect_forbidden_host',
      type: 'configuration',
      how_to_fix: 'The target website you are connecting cannot be accessed via Webshare Proxy.',
      http_status: 403,
      count: 1,
    },
  ],
  countries_used: { GB: 1, FR: 4 },
  number_of_proxies_used: 2,
  protocols_used: { http: 5 },
  average_concurrency: 0.000138,
  average_rps: 0.000277,
  last_request_sent_at: '2022-08-11T17:12:32.589667-07:00',
};

const ACTIVITY: WebshareActivity = {
  timestamp: '2022-08-16T15:29:42.517523-07:00',
  protocol: 'http',
  request_duration: 0.5,
  handshake_duration: 0.3,
  tunnel_duration: 0.2,
  error_reason: 'client_connect_forbidden_host',
  error_reason_how_to_fix: '...',
  auth_username: null,
  proxy_address: '192.168.5.1',
  bytes: 0,
  client_address: '10.1.0.1',
  ip_address: '10.1.0.2',
  hostname: 'ipv4.webshare.io',
  domain: 'webshare.io',
  port: 443,
  proxy_port: null,
  listen_address: '192.168.5.24',
  listen_port: 6455,
};

describe('Webshare hourly stats, activity, replaced proxies and download tokens mapping', () => {
  test('an hourly row is a point at its hour in UTC with request counts that add up; a projected row has none', () => {
    assert.deepEqual(toUsagePoint(STAT), {
      hourStart: new Date('2022-08-12T00:00:00Z'),
      bandwidthBytes: 5000,
      requestsTotal: 5,
      requestsSucceeded: 4,
      requestsFailed: 1,
      projected: false,
    });
    const projected = toUsagePoint({ ...STAT, is_projected: true, requests_total: 0, requests_successful: 0, requests_failed: 0 });
    assert.deepEqual([projected.projected, projected.requestsTotal, projected.requestsSucceeded, projected.requestsFailed], [true, null, null, null]);
  });

  test("an activity row keeps Webshare's timestamp as its cursor and gives durations in milliseconds", () => {
    const record = toProxyActivity(ACTIVITY);
    assert.equal(record.cursor, ACTIVITY.timestamp);
    assert.equal(record.at.toISOString(), '2022-08-16T22:29:42.517Z');
    assert.deepEqual([record.requestDurationMs, record.handshakeDurationMs, record.tunnelDurationMs], [500, 300, 200]);
    assert.deepEqual(
      [record.protocol, record.errorReason, record.targetHostname, record.targetIp, record.clientIp],
      ['HTTP', 'client_connect_forbidden_host', 'ipv4.webshare.io', '10.1.0.2', '10.1.0.1'],
    );
  });

  test("the next page starts after the next link's starting_after; no next link is the end", () => {
    const next = 'https://proxy.webshare.io/api/v2/proxy/activity/?page_size=1&starting_after=2022-08-16T15%3A29%3A42.517523-07%3A00';
    assert.equal(nextActivityCursor({ count: 2, next, results: [ACTIVITY] }), ACTIVITY.timestamp);
    assert.equal(nextActivityCursor({ count: 1, next: null, results: [ACTIVITY] }), null);
  });

  test('failedOnly asks error_reason=*, a named reason wins over it, and bounds become __gte/__lte', () => {
    const from = new Date('2022-08-16T00:00:00Z');
    assert.deepEqual(toActivityQuery({ limit: 10, after: null }, { failedOnly: true, minBytes: 0, maxBytes: 10, from }), {
      page_size: 10,
      error_reason: '*',
      bytes__gte: 0,
      bytes__lte: 10,
      timestamp__gte: '2022-08-16T00:00:00.000Z',
    });
    assert.deepEqual(toActivityQuery({ limit: 5, after: ACTIVITY.timestamp }, { failedOnly: true, errorReason: 'x_y' }), {
      page_size: 5,
      starting_after: ACTIVITY.timestamp,
      error_reason: 'x_y',
    });
  });

  test('the documented replaced proxy and download token samples', () => {
    assert.deepEqual(
      toReplacedProxy({
        id: 93892,
        reason: 'proxy_replaced',
        proxy: '45.158.184.116',
        proxy_port: 9192,
        proxy_country_code: 'US',
        replaced_with: '104.227.101.59',
        replaced_with_port: 6120,
        replaced_with_country_code: 'US',
        created_at: '2022-07-26T21:25:13.966946-07:00',
      }),
      {
        nativeId: '93892',
        reason: 'proxy_replaced',
        address: '45.158.184.116',
        port: 9192,
        country: 'US',
        replacedWithAddress: '104.227.101.59',
        replacedWithPort: 6120,
        replacedWithCountry: 'US',
        replacedAt: new Date('2022-07-27T04:25:13.966Z'),
      },
    );
    assert.deepEqual(
      toDownloadToken({ id: 56, key: 'abcdefghijklmnopqrstuvwxyz', scope: 'replaced_proxy', expire_at: '2022-06-14T11:58:10.246406-07:00' }, 'PROXY_LIST'),
      {
        scope: 'REPLACED_PROXIES',
        key: 'abcdefghijklmnopqrstuvwxyz',
        expiresAt: new Date('2022-06-14T18:58:10.246Z'),
      },
    );
  });
});
