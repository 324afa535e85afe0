/**
 * The ProxyMesh simulator against docs/providers/proxymesh.txt and docs/providers/reference.md §3, over HTTP, as any ProxyMesh client
 * would see it. These tests pin the documented behaviour the adapter tests rely on, so the adapter is never
 * tested against a simulator that merely agrees with it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/simulators/kit';
import { startProxyMeshSimulator, type ProxyMeshSimulator } from '../../src/simulators/proxymesh';

let simulator: ProxyMeshSimulator;

before(async () => {
  simulator = await startProxyMeshSimulator({ seed: 3, subAccountCount: 3, plan: { subAccountLimit: 8, proxyLimit: 6 } });
});
after(() => simulator.stop());

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

async function call(
  sim: ProxyMeshSimulator,
  method: string,
  path: string,
  form?: Record<string, string>,
  authorization: string | null = basic(sim.credentials.username, sim.credentials.password),
) {
  const response = await fetch(`${sim.origin}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
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

describe('ProxyMesh simulator: authentication and the ban', () => {
  test('a wrong password or no Authorization header is 401 with a Basic challenge; the bearer token works too', async () => {
    const wrong = await call(simulator, 'GET', '/api/proxies/', undefined, basic('someone', 'nope'));
    assert.equal(wrong.status, 401);
    assert.match(wrong.headers.get('www-authenticate') ?? '', /^Basic/);
    assert.equal((await call(simulator, 'GET', '/api/proxies/', undefined, null)).status, 401);
    const bearer = await call(simulator, 'GET', '/api/proxies/', undefined, `Bearer ${simulator.bearerToken}`);
    assert.equal(bearer.status, 200);
  });

  test('a sub-account authenticating with its own credentials is forbidden (403)', async () => {
    const sub = [...simulator.state.subs.values()].find((entry) => entry.active)!;
    const response = await call(simulator, 'GET', '/api/proxies/', undefined, basic(sub.username, sub.password));
    assert.equal(response.status, 403);
  });

  test('4 failures in a short time ban the account for 3 hours: good credentials get 401 until the ban ends', async () => {
    const clock = new ManualClock(Date.parse('2026-11-01T12:00:00Z'));
    const sim = await startProxyMeshSimulator({ clock });
    try {
      const bad = basic(sim.credentials.username, 'wrong-password');
      for (let attempt = 0; attempt < 3; attempt++) assert.equal((await call(sim, 'GET', '/api/proxies/', undefined, bad)).status, 401);
      assert.equal((await call(sim, 'GET', '/api/proxies/')).status, 200);
      assert.equal((await call(sim, 'GET', '/api/proxies/', undefined, bad)).status, 401);
      assert.equal(sim.isBanned(), true);
      assert.equal((await call(sim, 'GET', '/api/proxies/')).status, 401);
      assert.equal((await call(sim, 'GET', '/api/proxies/', undefined, `Bearer ${sim.bearerToken}`)).status, 401);
      clock.advance(3 * 3_600_000 - 1_000);
      assert.equal((await call(sim, 'GET', '/api/proxies/')).status, 401);
      clock.advance(2_000);
      assert.equal((await call(sim, 'GET', '/api/proxies/')).status, 200);
      assert.equal(sim.authFailureCount(), 7);
    } finally {
      await sim.stop();
    }
  });

  test('failures spread beyond the short window do not add up to a ban', async () => {
    const clock = new ManualClock(Date.parse('2026-11-01T12:00:00Z'));
    const sim = await startProxyMeshSimulator({ clock });
    try {
      const bad = basic(sim.credentials.username, 'wrong-password');
      for (let attempt = 0; attempt < 6; attempt++) {
        await call(sim, 'GET', '/api/proxies/', undefined, bad);
        clock.advance(6 * 60_000);
      }
      assert.equal(sim.isBanned(), false);
      assert.equal((await call(sim, 'GET', '/api/proxies/')).status, 200);
    } finally {
      await sim.stop();
    }
  });
});

describe('ProxyMesh simulator: HTTP conventions', () => {
  test('a known path with the wrong method is 405 with Allow, an unknown path is 404', async () => {
    const wrongMethod = await call(simulator, 'GET', '/api/sub/create/');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'POST');
    assert.equal((await call(simulator, 'GET', '/api/nothing/')).status, 404);
  });

  test('when HTTPS is required, plain HTTP is redirected with 302 before authentication', async () => {
    simulator.setRequireHttps(true);
    try {
      const response = await call(simulator, 'GET', '/api/ips/?username=x', undefined, null);
      assert.equal(response.status, 302);
      assert.match(response.headers.get('location')!, /^https:\/\/127\.0\.0\.1\/api\/ips\/\?username=x$/);
    } finally {
      simulator.setRequireHttps(false);
    }
  });
});

describe('ProxyMesh simulator: sub-accounts', () => {
  test('create returns the details, with names and email only when set, and limits in whole GB', async () => {
    const created = await call(simulator, 'POST', '/api/sub/create/', { username: 'sim-new1', password: 'pw', monthly_limit: '5', email: 'new1@example.com' });
    assert.equal(created.status, 200);
    assert.deepEqual(created.json, {
      username: 'sim-new1',
      active: true,
      monthly_bandwidth: 0,
      monthly_bandwidth_limit: 5,
      total_bandwidth: 0,
      total_bandwidth_limit: 0,
      email: 'new1@example.com',
    });
    const fetched = await call(simulator, 'GET', '/api/sub/get/?username=sim-new1');
    assert.deepEqual(fetched.json, created.json);
  });

  test('an invalid form is 400 with field errors; a username taken anywhere on ProxyMesh is 400 too', async () => {
    const invalid = await call(simulator, 'POST', '/api/sub/create/', {
      username: 'has space',
      first_name: 'x'.repeat(21),
      email: 'not-an-email',
      total_limit: '-1',
      monthly_limit: '1.5',
    });
    assert.equal(invalid.status, 400);
    assert.deepEqual(Object.keys(invalid.json).sort(), ['email', 'first_name', 'monthly_limit', 'total_limit', 'username']);
    assert.deepEqual((await call(simulator, 'POST', '/api/sub/create/', {})).json, { username: ['This field is required.'] });
    const taken = await call(simulator, 'POST', '/api/sub/create/', { username: 'taken-user' });
    assert.equal(taken.status, 400);
    assert.match(taken.json.username[0], /already exists/);
    assert.equal((await call(simulator, 'POST', '/api/sub/create/', { username: simulator.credentials.username })).status, 400);
  });

  test("past the plan's sub-account limit create is 402, and 503 while the plan cannot be looked up", async () => {
    simulator.setPlanLookupFailing(true);
    assert.equal((await call(simulator, 'POST', '/api/sub/create/', { username: 'sim-plan' })).status, 503);
    simulator.setPlanLookupFailing(false);
    const filled: string[] = [];
    while (simulator.state.subs.size < simulator.state.plan.subAccountLimit) {
      filled.push(`sim-fill${simulator.state.subs.size}`);
      assert.equal((await call(simulator, 'POST', '/api/sub/create/', { username: filled[filled.length - 1] })).status, 200);
    }
    assert.equal((await call(simulator, 'POST', '/api/sub/create/', { username: 'sim-over' })).status, 402);
    for (const username of filled) assert.equal((await call(simulator, 'POST', '/api/sub/delete/', { username })).status, 200);
  });

  test("edit changes only the fields sent; another parent's username is 403 and an unknown one 404", async () => {
    await call(simulator, 'POST', '/api/sub/create/', { username: 'sim-edit', first_name: 'Ann', email: 'ann@example.com' });
    const edited = await call(simulator, 'POST', '/api/sub/edit/', { username: 'sim-edit', total_limit: '7' });
    assert.equal(edited.status, 200);
    assert.equal(edited.json.first_name, 'Ann');
    assert.equal(edited.json.total_bandwidth_limit, 7);
    assert.equal((await call(simulator, 'POST', '/api/sub/edit/', { username: 'taken-user', total_limit: '1' })).status, 403);
    assert.equal((await call(simulator, 'POST', '/api/sub/edit/', { username: 'nobody-here', total_limit: '1' })).status, 404);
    assert.equal((await call(simulator, 'POST', '/api/sub/edit/', { username: 'sim-edit', email: 'bad' })).status, 400);
  });

  test('deactivate and activate flip active; delete answers an empty 200 and the account is gone', async () => {
    await call(simulator, 'POST', '/api/sub/create/', { username: 'sim-life' });
    assert.equal((await call(simulator, 'POST', '/api/sub/deactivate/', { username: 'sim-life' })).json.active, false);
    assert.equal((await call(simulator, 'POST', '/api/sub/activate/', { username: 'sim-life' })).json.active, true);
    const deleted = await call(simulator, 'POST', '/api/sub/delete/', { username: 'sim-life' });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.text, '');
    assert.equal((await call(simulator, 'GET', '/api/sub/get/?username=sim-life')).status, 404);
    assert.equal((await call(simulator, 'POST', '/api/sub/activate/', { username: 'sim-life' })).status, 404);
    assert.equal((await call(simulator, 'GET', '/api/sub/get/?username=taken-user')).status, 403);
    assert.equal((await call(simulator, 'GET', '/api/sub/get/')).status, 400);
  });
});

describe('ProxyMesh simulator: IPs, hostnames, proxies and geo IPs', () => {
  test('IPs: add answers {"ip"}, a second add is 400, delete is 204, deleting again is 400; per sub-account too', async () => {
    const added = await call(simulator, 'POST', '/api/ip/add/', { ip: '192.0.2.44' });
    assert.deepEqual(added.json, { ip: '192.0.2.44' });
    assert.ok((await call(simulator, 'GET', '/api/ips/')).json.ips.includes('192.0.2.44'));
    const again = await call(simulator, 'POST', '/api/ip/add/', { ip: '192.0.2.44' });
    assert.equal(again.status, 400);
    assert.match(again.json.ip[0], /already authorized/);
    assert.equal((await call(simulator, 'POST', '/api/ip/delete/', { ip: '192.0.2.44' })).status, 204);
    assert.equal((await call(simulator, 'POST', '/api/ip/delete/', { ip: '192.0.2.44' })).status, 400);
    assert.equal((await call(simulator, 'POST', '/api/ip/add/', { ip: '999.1.1.1' })).status, 400);
    const sub = [...simulator.state.subs.keys()][0];
    await call(simulator, 'POST', '/api/ip/add/', { ip: '192.0.2.45', username: sub });
    assert.ok((await call(simulator, 'GET', `/api/ips/?username=${sub}`)).json.ips.includes('192.0.2.45'));
    assert.ok(!(await call(simulator, 'GET', '/api/ips/')).json.ips.includes('192.0.2.45'));
    assert.equal((await call(simulator, 'GET', '/api/ips/?username=nobody-here')).status, 404);
  });

  test('hostnames: add answers {"domain"}, duplicates and missing ones are 400, delete is 204', async () => {
    assert.deepEqual((await call(simulator, 'POST', '/api/hostname/add/', { domain: 'api.example.org' })).json, { domain: 'api.example.org' });
    assert.ok((await call(simulator, 'GET', '/api/hostnames/')).json.domains.includes('api.example.org'));
    assert.equal((await call(simulator, 'POST', '/api/hostname/add/', { domain: 'api.example.org' })).status, 400);
    assert.equal((await call(simulator, 'POST', '/api/hostname/delete/', { domain: 'api.example.org' })).status, 204);
    assert.equal((await call(simulator, 'POST', '/api/hostname/delete/', { domain: 'api.example.org' })).status, 400);
  });

  test('proxies are host:port strings; add accepts host, domain or domain:port and answers the full domain', async () => {
    const list = (await call(simulator, 'GET', '/api/proxies/')).json.proxies as string[];
    assert.ok(list.length > 0);
    for (const entry of list) assert.match(entry, /^[a-z-]+\.proxymesh\.com:31280$/);
    assert.deepEqual((await call(simulator, 'POST', '/api/proxy/add/', { proxy: 'fr' })).json, { proxy: 'fr.proxymesh.com' });
    assert.deepEqual((await call(simulator, 'POST', '/api/proxy/add/', { proxy: 'fr.proxymesh.com:31280' })).json, { proxy: 'fr.proxymesh.com' });
    assert.equal((await call(simulator, 'POST', '/api/proxy/add/', { proxy: 'atlantis' })).status, 400);
    assert.equal((await call(simulator, 'POST', '/api/proxy/delete/', { proxy: 'fr.proxymesh.com' })).status, 204);
    assert.equal((await call(simulator, 'POST', '/api/proxy/delete/', { proxy: 'fr' })).status, 204);
    assert.equal((await call(simulator, 'POST', '/api/proxy/delete/', { proxy: 'atlantis' })).status, 400);
  });

  test('adding proxies past the plan is 402, and 503 while the plan cannot be looked up', async () => {
    simulator.setPlanLookupFailing(true);
    assert.equal((await call(simulator, 'POST', '/api/proxy/add/', { proxy: 'jp' })).status, 503);
    simulator.setPlanLookupFailing(false);
    for (const host of ['jp', 'sg', 'nl', 'au', 'us-wa']) await call(simulator, 'POST', '/api/proxy/add/', { proxy: host });
    assert.equal(simulator.state.proxies.length, simulator.state.plan.proxyLimit);
    assert.equal((await call(simulator, 'POST', '/api/proxy/add/', { proxy: 'us-fl' })).status, 402);
  });

  test('geo IPs map ISO country codes to IP counts for the open and world pools', async () => {
    for (const pool of ['open', 'world']) {
      const response = await call(simulator, 'GET', `/api/geoips/${pool}/`);
      assert.equal(response.status, 200);
      for (const [code, count] of Object.entries(response.json)) {
        assert.match(code, /^[A-Z]{2}$/);
        assert.ok(Number.isInteger(count) && (count as number) > 0);
      }
    }
  });
});

describe("ProxyMesh simulator: usernames follow the docs' `pm_` advice", () => {
  test('seeded sub-accounts carry the pm_ prefix, and a pm_ username is created and read back; characters outside letters, digits and _ . @ + - are 400', async () => {
    const own = await startProxyMeshSimulator({ seed: 1, subAccountCount: 3 });
    try {
      const seeded = [...own.state.subs.keys()];
      assert.equal(seeded.length, 3);
      for (const username of seeded) assert.match(username, /^pm_[a-z]+\d+$/);
      const created = await call(own, 'POST', '/api/sub/create/', { username: 'pm_new.sub+1@x' });
      assert.equal(created.status, 200);
      assert.equal(created.json.username, 'pm_new.sub+1@x');
      assert.equal((await call(own, 'GET', '/api/sub/get/?username=pm_new.sub%2B1%40x')).status, 200);
      const refused = await call(own, 'POST', '/api/sub/create/', { username: 'pm/slash' });
      assert.equal(refused.status, 400);
      assert.deepEqual(Object.keys(refused.json), ['username']);
    } finally {
      await own.stop();
    }
  });
});
