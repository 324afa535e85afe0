/**
 * ProxyMesh mapping functions and error reading on the documented payloads (docs/providers/proxymesh.txt, docs/providers/reference.md §3),
 * plus the credential breaker on its own (no HTTP): the pieces the graph tests build on.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeProxyMeshFailure } from '../../src/providers/proxymesh/client';
import { hostCountry, parseProxyEntry, parseScopedId, scopedId, toCountryPools, toProxy, toServer, toSubUser } from '../../src/providers/proxymesh/mapping';
import { CredentialBreaker } from '../../src/upstream/credential-breaker';
import { FileStateStore } from '../../src/state/store';
import { ProviderError } from '../../src/core/errors';
import type { UpstreamCall, UpstreamResponse } from '../../src/upstream/http';

const GIB = 2 ** 30;

describe('ProxyMesh mapping', () => {
  test('host names give ISO countries: us-ca is US, uk is GB, open and world have none', () => {
    assert.equal(hostCountry('us-ca.proxymesh.com'), 'US');
    assert.equal(hostCountry('uk.proxymesh.com'), 'GB');
    assert.equal(hostCountry('de.proxymesh.com'), 'DE');
    assert.equal(hostCountry('open.proxymesh.com'), null);
    assert.equal(hostCountry('world.proxymesh.com'), null);
  });

  test('a /api/proxies/ entry becomes a rotating gateway proxy and a server on port 31280', () => {
    assert.deepEqual(parseProxyEntry('us-ca.proxymesh.com:31280'), { host: 'us-ca.proxymesh.com', port: 31280 });
    const proxy = toProxy('us-ca.proxymesh.com:31280', 'parent');
    assert.equal(proxy.nativeId, 'us-ca.proxymesh.com:31280');
    assert.equal(proxy.type, 'ROTATING_GATEWAY');
    assert.equal(proxy.status, 'UNKNOWN');
    assert.equal(proxy.password, null);
    assert.equal(toProxy('us-ca.proxymesh.com:31280', 'parent', 'parent-password').password, 'parent-password');
    // With a bearer token there is no username, and the gateway gets no password either.
    assert.equal(toProxy('us-ca.proxymesh.com:31280', null, 'unused').password, null);
    assert.deepEqual(toServer('fr.proxymesh.com'), {
      hostname: 'fr.proxymesh.com',
      title: 'fr',
      services: ['proxy'],
      location: { country: 'FR', city: null, latitude: null, longitude: null },
      ips: null,
      ipCount: null,
      port: 31280,
    });
  });

  test('sub-account details map GB to bytes, 0 limits to null, and optional names only when present', () => {
    const record = toSubUser({
      username: 'pm-x',
      active: false,
      monthly_bandwidth: 1.5,
      monthly_bandwidth_limit: 0,
      total_bandwidth: 3,
      total_bandwidth_limit: 10,
    });
    assert.equal(record.nativeId, 'pm-x');
    assert.equal(record.active, false);
    assert.equal(record.monthlyBandwidthUsedBytes, 1.5 * GIB);
    assert.equal(record.monthlyBandwidthLimitBytes, null);
    assert.equal(record.bandwidthLimitBytes, 10 * GIB);
    assert.equal(record.label, null);
    assert.equal(record.email, null);
  });

  test('IP and hostname ids carry their scope: the account, or one sub-account', () => {
    assert.equal(scopedId('2001:db8::1', null), '2001:db8::1');
    assert.deepEqual(parseScopedId(scopedId('2001:db8::1', 'pm-a')), { username: 'pm-a', value: '2001:db8::1' });
    assert.deepEqual(parseScopedId('203.0.113.5'), { username: null, value: '203.0.113.5' });
  });

  test('geo-IP counts become country pools sorted by country', () => {
    assert.deepEqual(toCountryPools('open', { US: 5, gb: 2 }), [
      { pool: 'open', country: 'GB', count: 2 },
      { pool: 'open', country: 'US', count: 5 },
    ]);
  });
});

describe('ProxyMesh error bodies', () => {
  test('400 "already authorized" is CONFLICT, 400 "not authorized" is NOT_FOUND, other form errors keep their fields', () => {
    assert.equal(describeProxyMeshFailure(400, '{"ip": ["IP address is already authorized"]}').code, 'CONFLICT');
    assert.equal(describeProxyMeshFailure(400, '{"username": ["A user with that username already exists."]}').code, 'CONFLICT');
    assert.equal(describeProxyMeshFailure(400, '{"domain": ["Domain is not authorized"]}').code, 'NOT_FOUND');
    const form = describeProxyMeshFailure(400, '{"email": ["Enter a valid email address."]}');
    assert.equal(form.code, undefined);
    assert.deepEqual(form.fields, { email: ['Enter a valid email address.'] });
  });

  test('other statuses keep the generic mapping and a non-JSON body is no problem', () => {
    assert.equal(describeProxyMeshFailure(403, '{"error": "Forbidden"}').providerMessage, 'Forbidden');
    assert.deepEqual(describeProxyMeshFailure(401, 'Unauthorized'), {});
  });
});

describe('credential breaker', () => {
  const call = {} as UpstreamCall;
  const ok = async (): Promise<UpstreamResponse> => ({ status: 200, headers: {}, text: '{}', json: <T>() => ({}) as T });
  const unauthorized = async (): Promise<UpstreamResponse> => {
    throw new ProviderError('PROVIDER_AUTH_FAILED', 'proxymesh answered HTTP 401', { provider: 'proxymesh', accountId: 'a', upstreamStatus: 401 });
  };
  const breaker = (store = new FileStateStore(null), password = 'p') =>
    new CredentialBreaker({ provider: 'proxymesh', accountId: 'a', store, credentials: { username: 'u', password }, consequence: 'a ban' });

  test('the first 401 opens it; after that no call is attempted until reset', async () => {
    const subject = breaker();
    let attempts = 0;
    const counted = () => {
      attempts += 1;
      return unauthorized();
    };
    await assert.rejects(subject.execute(call, counted), { code: 'PROVIDER_AUTH_FAILED' });
    await assert.rejects(subject.execute(call, counted), { code: 'PROVIDER_AUTH_FAILED' });
    assert.equal(attempts, 1);
    assert.equal(subject.isOpen(), true);
    await subject.reset();
    assert.equal(subject.isOpen(), false);
    await subject.execute(call, ok);
  });

  test('the state store holds only a fingerprint, and other credentials are not affected by it', async () => {
    const store = new FileStateStore(null);
    await assert.rejects(breaker(store).execute(call, unauthorized));
    const members = await store.members('credential-breaker:proxymesh:a');
    assert.equal(members.length, 1);
    assert.match(members[0], /^[0-9a-f]{32}$/);
    await breaker(store, 'new-password').execute(call, ok);
  });

  test('when the state store fails, the breaker still protects this process', async () => {
    const failing = {
      members: async () => {
        throw new Error('down');
      },
      add: async () => {
        throw new Error('down');
      },
      remove: async () => false,
      close: async () => {},
    };
    const subject = breaker(failing as unknown as FileStateStore);
    let attempts = 0;
    const counted = () => {
      attempts += 1;
      return unauthorized();
    };
    await assert.rejects(subject.execute(call, counted));
    await assert.rejects(subject.execute(call, counted), { code: 'PROVIDER_AUTH_FAILED' });
    assert.equal(attempts, 1);
  });
});
