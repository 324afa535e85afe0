/**
 * An answer kept in this process's read cache is parsed once and shared by every later hit (issue 14: the
 * re-parse was a quarter of a warm page's CPU). Shared objects must never change under another request, so
 * the shared body is frozen; answers that are not kept (a miss, a read the cache does not keep, an entry
 * opened from Redis) are parsed afresh for each caller. Through the gateway, against the Webshare simulator.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UpstreamGateway, type AccountChannel } from '../../src/upstream/http';
import { MemoryReadCacheStore } from '../../src/upstream/read-cache-store';
import { WEBSHARE_CACHE_RULES } from '../../src/providers/webshare/cache';
import { webshareTarget } from '../../src/providers/webshare/client';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

interface ProxyPage {
  results: Array<{ id: string; username: string; valid: boolean }>;
}

const PROXY_LIST = { path: '/api/v2/proxy/list/', endpoint: 'GET /api/v2/proxy/list/', query: { mode: 'direct', page: 1, page_size: 25 } };
const ACTIVITY = { path: '/api/v2/proxy/activity/', endpoint: 'GET /api/v2/proxy/activity/' };

let simulator: WebshareSimulator;
let gateway: UpstreamGateway;
let channel: AccountChannel;

before(async () => {
  simulator = await startWebshareSimulator({ seed: 5, proxyCount: 50, rateLimits: false });
  gateway = new UpstreamGateway({ readCache: { store: new MemoryReadCacheStore(16 * 1024 * 1024), rules: { webshare: WEBSHARE_CACHE_RULES } } });
  channel = gateway.channel(webshareTarget('ws', simulator.credentials.token, simulator.origin));
});
after(async () => {
  await gateway?.close();
  await simulator?.stop();
});

describe('a kept answer is parsed once and frozen', () => {
  test('every hit reads the same parsed body, and nothing can change it', async () => {
    const missed = await channel.getJson<ProxyPage>(PROXY_LIST);
    const firstHit = await channel.getJson<ProxyPage>(PROXY_LIST);
    const secondHit = await channel.getJson<ProxyPage>(PROXY_LIST);
    assert.equal(simulator.server.callCount('GET /api/v2/proxy/list/'), 1);
    assert.deepEqual(firstHit, missed);
    assert.equal(secondHit, firstHit, 'the hits share one parsed body');
    assert.ok(Object.isFrozen(firstHit) && Object.isFrozen(firstHit.results) && Object.isFrozen(firstHit.results[0]));
    assert.throws(() => {
      firstHit.results[0].username = 'changed';
    }, TypeError);
    assert.throws(() => firstHit.results.pop(), TypeError);
    assert.deepEqual(await channel.getJson<ProxyPage>(PROXY_LIST), missed);
  });

  test('the answer of a miss belongs to its caller: it is neither shared nor frozen', async () => {
    const query = { ...PROXY_LIST, query: { ...PROXY_LIST.query, page: 2 } };
    const missed = await channel.getJson<ProxyPage>(query);
    assert.equal(Object.isFrozen(missed), false);
    missed.results[0].username = 'the caller may change its own copy';
    const hit = await channel.getJson<ProxyPage>(query);
    assert.notEqual(hit.results[0].username, 'the caller may change its own copy');
  });

  test('a read the cache does not keep is parsed afresh for each caller', async () => {
    const first = await channel.getJson<unknown>(ACTIVITY);
    const second = await channel.getJson<unknown>(ACTIVITY);
    assert.notEqual(second, first);
    assert.equal(Object.isFrozen(first), false);
  });
});
