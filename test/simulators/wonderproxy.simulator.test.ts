/**
 * The WonderProxy simulator against docs/providers/wonderproxy.txt, over HTTP, as any WonderProxy client would see it.
 * These tests pin the documented behaviour the adapter tests rely on, so the adapter is never tested
 * against a simulator that merely agrees with it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/simulators/kit';
import { startWonderProxySimulator, type WonderProxySimulator } from '../../src/simulators/wonderproxy';

let simulator: WonderProxySimulator;
const clock = new ManualClock(Date.parse('2026-11-01T12:00:00Z'));
const nowSeconds = () => Math.floor(clock.nowMs() / 1000);

before(async () => {
  simulator = await startWonderProxySimulator({ seed: 3, clock, callerIp: '203.0.113.50' });
});
after(() => simulator.stop());

function basic(token: string, password = ''): string {
  return `Basic ${Buffer.from(`${token}:${password}`).toString('base64')}`;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${simulator.origin}${path}`, {
    method,
    headers: { authorization: basic(simulator.credentials.token), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

describe('WonderProxy simulator: auth and conventions', () => {
  test('a wrong or missing token is 401 with the documented message', async () => {
    const wrong = await call('GET', '/v0/contract', undefined, { authorization: basic('this is a not a token') });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, { message: 'You are not authenticated. Visit https://wonderproxy.com to get your API token.' });
    const missing = await fetch(`${simulator.origin}/v0/contract`);
    assert.equal(missing.status, 401);
  });

  test('an unknown path is 404 and a method a resource does not take is 405, both with a message body', async () => {
    const unknown = await call('GET', '/v0/nothing');
    assert.equal(unknown.status, 404);
    assert.equal(typeof unknown.json.message, 'string');
    const wrongMethod = await call('PUT', '/v0/contract/overrides/1', { ip: '1.2.3.4' });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'GET, PATCH, DELETE');
  });

  test('a request budget, when configured, answers 429 with Retry-After', async () => {
    const limited = await startWonderProxySimulator({ seed: 3, requestsPerMinute: 2 });
    try {
      const headers = { authorization: basic(limited.credentials.token) };
      assert.equal((await fetch(`${limited.origin}/v0/contract`, { headers })).status, 200);
      assert.equal((await fetch(`${limited.origin}/v0/contract`, { headers })).status, 200);
      const third = await fetch(`${limited.origin}/v0/contract`, { headers });
      assert.equal(third.status, 429);
      assert.ok(Number(third.headers.get('retry-after')) > 0);
    } finally {
      await limited.stop();
    }
  });
});

describe('WonderProxy simulator: servers and contract', () => {
  test('the network catalogue lists hostnames, titles and IP counts, with location only on request', async () => {
    const plain = await call('GET', '/v0/servers');
    assert.equal(plain.status, 200);
    const denver = plain.json.find((server: any) => server.hostname === 'denver.wonderproxy.com');
    assert.equal(denver.title, 'Denver');
    assert.ok(denver.ip_count >= 1);
    assert.ok(denver.services.includes('proxy'));
    assert.equal(denver.location, undefined);
    const located = await call('GET', '/v0/servers?detail=location');
    assert.deepEqual(Object.keys(located.json[0].location).sort(), ['city', 'country', 'latitude', 'longitude']);
    assert.equal((await call('GET', '/v0/servers?detail=usage')).status, 400);
  });

  test('the contract has epoch-second period bounds, byte usage and limit, and an expiry', async () => {
    const { json } = await call('GET', '/v0/contract');
    assert.equal(json.plan, 'corporate');
    assert.ok(json.period.start < nowSeconds() && nowSeconds() < json.period.end);
    assert.equal(json.period.limit, 100_000_000_000);
    assert.ok(json.period.usage > 0 && json.period.usage < json.period.limit);
    assert.ok(json.expiry > nowSeconds());
  });

  test('contract servers carry their exit IPs; usage, location and geostatus appear only when asked for', async () => {
    const plain = (await call('GET', '/v0/contract/servers')).json;
    assert.deepEqual(plain.map((server: any) => server.server).slice(0, 4), ['denver', 'melbourne', 'joaopessoa', 'riyadh']);
    const denver = plain[0];
    assert.equal(denver.hostname, 'denver.wonderproxy.com');
    assert.equal(denver.usage, undefined);
    assert.equal(denver.location, undefined);
    assert.deepEqual(
      denver.ips.map((ip: any) => ip.port_base),
      denver.ips.map((_: unknown, index: number) => index),
    );
    assert.ok(['ok', 'warn', 'crit', 'unknown'].includes(denver.ips[0].status));
    assert.equal(denver.ips[0].geostatus, undefined);
    const full = (await call('GET', '/v0/contract/servers?server=denver,melbourne,nowhere&detail=location,usage,geostatus')).json;
    assert.deepEqual(
      full.map((server: any) => server.server),
      ['denver', 'melbourne'],
    );
    assert.deepEqual(Object.keys(full[0].usage).sort(), ['current', 'last_30_days', 'limit']);
    assert.equal(full[0].location.country, 'us');
    assert.ok(Object.keys(full[0].ips[0].geostatus).length >= 1);
  });

  test('one contract server by name, 404 for a server not on the contract', async () => {
    const one = await call('GET', '/v0/contract/servers/melbourne?detail=location,usage');
    assert.equal(one.status, 200);
    assert.equal(one.json.server, 'melbourne');
    assert.equal(one.json.location.city, 'Melbourne');
    assert.equal((await call('GET', '/v0/contract/servers/paris')).status, 404);
  });

  test("an IP's health changes when monitoring says so", async () => {
    const before = (await call('GET', '/v0/contract/servers/tokyo')).json.ips[0];
    assert.ok(simulator.setIpStatus('tokyo', before.ip, 'crit'));
    const after = (await call('GET', '/v0/contract/servers/tokyo')).json.ips[0];
    assert.equal(after.status, 'crit');
  });
});

describe('WonderProxy simulator: IP authlist', () => {
  test('list, filter by partial IP and by users, and read one entry', async () => {
    const all = (await call('GET', '/v0/contract/ip-authlist')).json;
    assert.equal(all.length, 3);
    assert.deepEqual(Object.keys(all[0]).sort(), ['expiry', 'id', 'ip', 'user', 'user_active']);
    assert.equal(all.find((entry: any) => entry.user === 'jill').user_active, false);
    assert.equal((await call('GET', '/v0/contract/ip-authlist?ip=123.52')).json.length, 3);
    assert.deepEqual(
      (await call('GET', '/v0/contract/ip-authlist?ip=123.52.25.14')).json.map((entry: any) => entry.ip),
      ['123.52.25.14'],
    );
    const byUsers = (await call('GET', '/v0/contract/ip-authlist?user=jill,joe')).json;
    assert.deepEqual(byUsers.map((entry: any) => entry.user).sort(), ['jill', 'joe']);
    const one = await call('GET', `/v0/contract/ip-authlist/${all[0].id}`);
    assert.deepEqual(one.json, all[0]);
    assert.equal((await call('GET', '/v0/contract/ip-authlist/999999')).status, 404);
  });

  test("create answers 201 with a Location; without an ip the caller's address is used", async () => {
    const expiry = nowSeconds() + 3_600;
    const made = await call('POST', '/v0/contract/ip-authlist', { ip: '31.14.15.92', user: 'jack', expiry });
    assert.equal(made.status, 201);
    assert.equal(made.headers.get('location'), `/contract/ip-authlist/${made.json.id}`);
    assert.deepEqual(made.json, { id: made.json.id, ip: '31.14.15.92', user: 'jack', user_active: true, expiry });
    const mine = await call('POST', '/v0/contract/ip-authlist', { user: 'joe', expiry });
    assert.equal(mine.status, 201);
    assert.equal(mine.json.ip, '203.0.113.50');
  });

  test('create refuses a duplicate IP (any contract) and an inactive user with 409, and bad parameters with 400', async () => {
    const expiry = nowSeconds() + 3_600;
    const duplicate = await call('POST', '/v0/contract/ip-authlist', { ip: '31.14.15.92', user: 'joe', expiry });
    assert.equal(duplicate.status, 409);
    assert.deepEqual(duplicate.json, { message: 'That IP address is already on the authlist' });
    assert.equal((await call('POST', '/v0/contract/ip-authlist', { ip: '45.180.22.7', user: 'joe', expiry })).status, 409);
    assert.equal((await call('POST', '/v0/contract/ip-authlist', { ip: '31.14.15.93', user: 'jill', expiry })).status, 409);
    assert.equal((await call('POST', '/v0/contract/ip-authlist', { ip: '31.14.15.93', user: 'joe' })).status, 400);
    assert.equal((await call('POST', '/v0/contract/ip-authlist', { ip: '31.14.15.93', expiry })).status, 400);
    assert.equal((await call('POST', '/v0/contract/ip-authlist', { ip: '999.1.1.1', user: 'joe', expiry })).status, 400);
    assert.equal((await call('POST', '/v0/contract/ip-authlist', { ip: '31.14.15.93', user: 'joe', expiry: nowSeconds() - 10 })).status, 400);
  });

  test('patch changes only the fields sent and answers the whole record; delete is 204 then 404', async () => {
    const made = (await call('POST', '/v0/contract/ip-authlist', { ip: '31.14.16.1', user: 'jack', expiry: nowSeconds() + 60 })).json;
    const expiry = nowSeconds() + 7_200;
    const patched = await call('PATCH', `/v0/contract/ip-authlist/${made.id}`, { ip: '31.14.16.2', expiry });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json, { ...made, ip: '31.14.16.2', expiry });
    assert.equal((await call('PATCH', `/v0/contract/ip-authlist/${made.id}`, { ip: '31.14.15.92' })).status, 409);
    const removed = await call('DELETE', `/v0/contract/ip-authlist/${made.id}`);
    assert.equal(removed.status, 204);
    assert.equal(removed.text, '');
    assert.equal((await call('DELETE', `/v0/contract/ip-authlist/${made.id}`)).status, 404);
  });

  test('delete all empties the authlist', async () => {
    const scratch = await startWonderProxySimulator({ seed: 9 });
    try {
      const headers = { authorization: basic(scratch.credentials.token) };
      assert.equal((await fetch(`${scratch.origin}/v0/contract/ip-authlist`, { method: 'DELETE', headers })).status, 204);
      assert.deepEqual(await (await fetch(`${scratch.origin}/v0/contract/ip-authlist`, { headers })).json(), []);
    } finally {
      await scratch.stop();
    }
  });
});

describe('WonderProxy simulator: custom DNS', () => {
  test('entries go pending → active → expiring → expired with time, and leave the list 30 days after expiry', async () => {
    const expiry = nowSeconds() + 3_600;
    const made = await call('POST', '/v0/contract/overrides', { server: 'denver', hostname: 'google.com', ip: '31.14.15.92', expiry });
    assert.equal(made.status, 201);
    assert.equal(made.headers.get('location'), `/contract/overrides/${made.json.id}`);
    assert.equal(made.json.status, 'pending');
    const statusAfter = async (ms: number) => {
      clock.advance(ms);
      return (await call('GET', `/v0/contract/overrides/${made.json.id}`)).json?.status;
    };
    assert.equal(await statusAfter(61_000), 'active');
    assert.equal(await statusAfter(3_600_000), 'expiring');
    assert.equal(await statusAfter(10 * 60_000), 'expired');
    assert.equal(await statusAfter(31 * 86_400_000), undefined);
  });

  test('list filters by ip and by servers, and includes every status', async () => {
    const all = (await call('GET', '/v0/contract/overrides')).json;
    assert.ok(all.length >= 1);
    const onDenver = (await call('GET', '/v0/contract/overrides?server=denver,riyadh')).json;
    assert.ok(onDenver.every((entry: any) => ['denver', 'riyadh'].includes(entry.server)));
    const byIp = (await call('GET', `/v0/contract/overrides?ip=${all[0].ip}`)).json;
    assert.ok(byIp.every((entry: any) => entry.ip === all[0].ip));
  });

  test('create refuses a taken server/hostname (any contract) and a server off the contract with 409, bad fields with 400', async () => {
    const expiry = nowSeconds() + 3_600;
    await call('POST', '/v0/contract/overrides', { server: 'melbourne', hostname: 'shop.test.com', ip: '31.14.15.92', expiry });
    const taken = await call('POST', '/v0/contract/overrides', { server: 'melbourne', hostname: 'shop.test.com', ip: '31.14.15.93', expiry });
    assert.equal(taken.status, 409);
    assert.deepEqual(taken.json, { message: 'That server/hostname combination already exists' });
    assert.equal((await call('POST', '/v0/contract/overrides', { server: 'denver', hostname: 'www.example.org', ip: '1.2.3.4', expiry })).status, 409);
    assert.equal((await call('POST', '/v0/contract/overrides', { server: 'paris', hostname: 'a.com', ip: '1.2.3.4', expiry })).status, 409);
    assert.equal((await call('POST', '/v0/contract/overrides', { server: 'denver', hostname: 'not a host', ip: '1.2.3.4', expiry })).status, 400);
    assert.equal((await call('POST', '/v0/contract/overrides', { server: 'denver', hostname: 'a.com', ip: '1.2.3.4' })).status, 400);
  });

  test('patch goes back to pending; a server off the contract or no change at all is the documented 409', async () => {
    const made = (await call('POST', '/v0/contract/overrides', { server: 'tokyo', hostname: 'api.test.com', ip: '31.14.15.92', expiry: nowSeconds() + 3_600 }))
      .json;
    clock.advance(120_000);
    const expiry = nowSeconds() + 7_200;
    const patched = await call('PATCH', `/v0/contract/overrides/${made.id}`, { ip: '31.14.15.93', expiry });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json, { ...made, ip: '31.14.15.93', expiry, status: 'pending' });
    const offContract = await call('PATCH', `/v0/contract/overrides/${made.id}`, { server: 'paris' });
    assert.equal(offContract.status, 409);
    assert.match(offContract.json.message, /^No changes were made/);
    assert.equal((await call('PATCH', `/v0/contract/overrides/${made.id}`, { ip: '31.14.15.93' })).status, 409);
    assert.equal((await call('DELETE', `/v0/contract/overrides/${made.id}`)).status, 204);
    assert.equal((await call('GET', `/v0/contract/overrides/${made.id}`)).status, 404);
  });

  test('delete all empties the custom DNS list', async () => {
    assert.equal((await call('DELETE', '/v0/contract/overrides')).status, 204);
    assert.deepEqual((await call('GET', '/v0/contract/overrides')).json, []);
  });
});

describe('WonderProxy simulator: IP counts and authlist users', () => {
  test("a network server's ip_count is the number of exit IPs the contract detail lists for the same server", async () => {
    const network = (await call('GET', '/v0/servers')).json;
    const contract = (await call('GET', '/v0/contract/servers')).json;
    assert.ok(contract.length > 0);
    for (const server of contract) {
      const listed = network.find((entry: any) => entry.hostname === server.hostname);
      assert.equal(listed.ip_count, server.ips.length, server.hostname);
      assert.equal(listed.ips, undefined);
    }
  });

  test("user_active says whether the entry's user is an active proxy user, the same on every entry of that user", async () => {
    // A fresh simulator: the tests above empty this file's authlist.
    const own = await startWonderProxySimulator({ seed: 3, authlistCount: 6 });
    let entries: any[];
    try {
      const response = await fetch(`${own.origin}/v0/contract/ip-authlist`, { headers: { authorization: basic(own.credentials.token) } });
      entries = (await response.json()) as any[];
    } finally {
      await own.stop();
    }
    assert.equal(entries.length, 6);
    const byUser = new Map<string, Set<boolean>>();
    for (const entry of entries) byUser.set(entry.user, (byUser.get(entry.user) ?? new Set()).add(entry.user_active));
    for (const [user, states] of byUser) assert.equal(states.size, 1, user);
    assert.deepEqual([...byUser.get('joe')!], [true]);
    assert.deepEqual([...byUser.get('jill')!], [false]);
  });
});
