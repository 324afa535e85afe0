/**
 * The read cache's configuration: per-account TTLs name groups the provider has; anything else would be
 * ignored, so it is refused with its key named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config/load';

const account = (cache: unknown) => ({ id: 'ws', provider: 'webshare', credentials: { token: 'secret-token-value' }, cache });

test("a TTL for one of the provider's cache groups is accepted, and the cache can be turned off per account or for the server", () => {
  const config = parseConfig({ server: { cache: { maxBytes: 8_388_608 } }, accounts: [account({ ttlSecondsByGroup: { proxies: 10, profile: 0 } })] }, {});
  assert.deepEqual(config.accounts[0].cache, { ttlSecondsByGroup: { proxies: 10, profile: 0 } });
  assert.equal(parseConfig({ server: { cache: { enabled: false } }, accounts: [account({ enabled: false })] }, {}).server?.cache?.enabled, false);
});

test('a TTL for a group the provider does not have is refused, naming the key and the groups there are', () => {
  assert.throws(
    () => parseConfig({ accounts: [account({ ttlSecondsByGroup: { dnsOverrides: 10 } })] }, {}),
    (error: unknown) =>
      error instanceof ConfigError && /accounts\[0\]\.cache\.ttlSecondsByGroup\.dnsOverrides/.test(error.message) && /ipAuthorizations/.test(error.message),
  );
});

test('a negative TTL or an unknown cache key is refused with its key named', () => {
  assert.throws(() => parseConfig({ accounts: [account({ ttlSecondsByGroup: { proxies: -1 } })] }, {}), /accounts\[0\]\.cache\.ttlSecondsByGroup\.proxies/);
  assert.throws(() => parseConfig({ accounts: [account({ ttl: 5 })] }, {}), /accounts\[0\]\.cache\.ttl/);
});
