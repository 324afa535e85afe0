/**
 * The Webshare simulator against docs/providers/reference.md §1, over HTTP, as any Webshare client would see it. These
 * tests pin the documented behaviour the adapter tests rely on, so the adapter is never tested against a
 * simulator that merely agrees with it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/simulators/kit';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

let simulator: WebshareSimulator;
const clock = new ManualClock(Date.parse('2026-11-01T12:00:00Z'));

before(async () => {
  simulator = await startWebshareSimulator({
    seed: 11,
    proxyCount: 250,
    clock,
    rateLimits: { generalPerMinute: 240, proxyListPerMinute: 60 },
    replacementDelayMs: 1_000,
  });
});
after(() => simulator.stop());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${simulator.origin}${path}`, {
    method,
    redirect: 'manual',
    headers: { authorization: `Token ${simulator.credentials.token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
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

describe('Webshare simulator: auth and conventions', () => {
  test('a wrong token is 401 {"detail": "Invalid token."} and a missing one says no credentials were provided', async () => {
    const wrong = await call('GET', '/api/v2/profile/', undefined, { authorization: 'Token nope' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, { detail: 'Invalid token.' });
    const missing = await fetch(`${simulator.origin}/api/v2/profile/`);
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), { detail: 'Authentication credentials were not provided.' });
  });

  test('a GET without the trailing slash is redirected to the slashed path, as Django does', async () => {
    const response = await call('GET', '/api/v2/profile');
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), '/api/v2/profile/');
  });

  test('the proxy list requires mode, in the live field-error form', async () => {
    const response = await call('GET', '/api/v2/proxy/list/');
    assert.equal(response.status, 400);
    assert.deepEqual(response.json, { mode: [{ message: 'This field is required.', code: 'required' }] });
  });

  test('pages are DRF envelopes with absolute next/previous URLs, page_size is capped, and past the end is 404 "Invalid page."', async () => {
    const first = await call('GET', '/api/v2/proxy/list/?mode=direct');
    assert.equal(first.json.count, 250);
    assert.equal(first.json.results.length, 25);
    assert.equal(first.json.previous, null);
    assert.equal(first.json.next, `${simulator.origin}/api/v2/proxy/list/?mode=direct&page=2`);
    const big = await call('GET', '/api/v2/proxy/list/?mode=direct&page_size=1000&page=2');
    assert.equal(big.json.results.length, 100);
    assert.equal(big.json.previous, `${simulator.origin}/api/v2/proxy/list/?mode=direct&page_size=1000`);
    const past = await call('GET', '/api/v2/proxy/list/?mode=direct&page=99');
    assert.equal(past.status, 404);
    assert.deepEqual(past.json, { detail: 'Invalid page.' });
  });

  test('proxy ids are strings like "d-10513" and filters narrow the list', async () => {
    const page: Page<any> = (await call('GET', '/api/v2/proxy/list/?mode=direct&page_size=100')).json;
    assert.match(page.results[0].id, /^d-\d+$/);
    const country = page.results[0].country_code;
    const filtered: Page<any> = (await call('GET', `/api/v2/proxy/list/?mode=direct&country_code__in=${country}`)).json;
    assert.ok(filtered.count > 0 && filtered.count < 250);
    assert.ok(filtered.results.every((proxy) => proxy.country_code === country));
    const addresses = page.results.slice(0, 3).map((proxy) => proxy.proxy_address);
    const byAddress: Page<any> = (await call('GET', `/api/v2/proxy/list/?mode=direct&proxy_address__in=${addresses.join(',')}`)).json;
    assert.deepEqual(byAddress.results.map((proxy) => proxy.proxy_address).sort(), [...addresses].sort());
  });
});

describe('Webshare simulator: state', () => {
  test('an IP authorization is created once; the same address again is 400; delete is 204 and then 404', async () => {
    const created = await call('POST', '/api/v2/proxy/ipauthorization/', { ip_address: '203.0.113.9' });
    assert.equal(created.status, 201);
    assert.equal(created.json.ip_address, '203.0.113.9');
    const again = await call('POST', '/api/v2/proxy/ipauthorization/', { ip_address: '203.0.113.9' });
    assert.equal(again.status, 400);
    assert.equal(again.json.ip_address[0].code, 'unique');
    const deleted = await call('DELETE', `/api/v2/proxy/ipauthorization/${created.json.id}/`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, '');
    assert.equal((await call('DELETE', `/api/v2/proxy/ipauthorization/${created.json.id}/`)).status, 404);
  });

  test('proxy credentials changed through PATCH /api/v2/proxy/config/ appear on every proxy; bad ones are field errors', async () => {
    const bad = await call('PATCH', '/api/v2/proxy/config/', { username: 'short' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.username[0].code, 'min_length');
    const changed = await call('PATCH', '/api/v2/proxy/config/', { username: 'simuser42', password: 'Xk29dLq7Zt' });
    assert.equal(changed.status, 200);
    const page: Page<any> = (await call('GET', '/api/v2/proxy/list/?mode=direct')).json;
    assert.ok(page.results.every((proxy) => proxy.username === 'simuser42' && proxy.password === 'Xk29dLq7Zt'));
  });

  test('a sub-user reads its own credentials through X-Subuser, and refresh needs a custom list', async () => {
    const plain = await call('POST', '/api/v2/subuser/', { label: 'plain', proxy_limit: 2.5 });
    assert.equal(plain.status, 201);
    assert.equal(plain.json.proxy_limit, 2.5);
    const config = await call('GET', '/api/v2/proxy/config/', undefined, { 'x-subuser': String(plain.json.id) });
    const owner = await call('GET', '/api/v2/proxy/config/');
    assert.notEqual(config.json.username, owner.json.username);
    const refused = await call('POST', `/api/v2/subuser/${plain.json.id}/refresh/`);
    assert.equal(refused.status, 400);
    const custom = await call('POST', '/api/v2/subuser/', { label: 'custom', proxy_countries: { DE: 3 } });
    const list: Page<any> = (await call('GET', '/api/v2/proxy/list/?mode=direct', undefined, { 'x-subuser': String(custom.json.id) })).json;
    assert.equal(list.count, 3);
    assert.ok(list.results.every((proxy) => proxy.country_code === 'DE'));
    const refreshed = await call('POST', `/api/v2/subuser/${custom.json.id}/refresh/`);
    assert.equal(refreshed.status, 200);
    const after: Page<any> = (await call('GET', '/api/v2/proxy/list/?mode=direct', undefined, { 'x-subuser': String(custom.json.id) })).json;
    assert.notDeepEqual(
      after.results.map((proxy) => proxy.id),
      list.results.map((proxy) => proxy.id),
    );
  });

  test('an on-demand refresh is 204, spends one refresh and replaces every proxy; with none left it is 400', async () => {
    const planId = (await call('GET', '/api/v2/subscription/')).json.plan;
    const plan = (await call('GET', `/api/v2/subscription/plan/${planId}/`)).json;
    const before: Page<any> = (await call('GET', '/api/v2/proxy/list/?mode=direct')).json;
    for (let left = plan.on_demand_refreshes_available; left > 0; left--) {
      assert.equal((await call('POST', '/api/v2/proxy/list/refresh/')).status, 204);
    }
    const spent = (await call('GET', `/api/v2/subscription/plan/${planId}/`)).json;
    assert.equal(spent.on_demand_refreshes_available, 0);
    assert.equal((await call('POST', '/api/v2/proxy/list/refresh/')).status, 400);
    const afterRefresh: Page<any> = (await call('GET', '/api/v2/proxy/list/?mode=direct')).json;
    assert.notEqual(afterRefresh.results[0].id, before.results[0].id);
  });

  test('a replacement moves validating → processing → completed as time passes and swaps the address out', async () => {
    const page: Page<any> = (await call('GET', '/api/v2/proxy/list/?mode=direct')).json;
    const address = page.results[0].proxy_address;
    const created = await call('POST', '/api/v3/proxy/replace/', {
      to_replace: { type: 'ip_address', ip_addresses: [address] },
      replace_with: [{ type: 'country', country_code: 'US' }],
    });
    assert.equal(created.status, 201);
    assert.equal(created.json.state, 'validating');
    assert.equal(created.json.reason, '');
    clock.advance(1_000);
    assert.equal((await call('GET', `/api/v3/proxy/replace/${created.json.id}/`)).json.state, 'processing');
    clock.advance(1_000);
    const done = (await call('GET', `/api/v3/proxy/replace/${created.json.id}/`)).json;
    assert.equal(done.state, 'completed');
    assert.equal(done.proxies_removed, 1);
    assert.equal(done.proxies_added, 1);
    const gone: Page<any> = (await call('GET', `/api/v2/proxy/list/?mode=direct&proxy_address=${address}`)).json;
    assert.equal(gone.count, 0);
    const replaced: Page<any> = (await call('GET', `/api/v2/proxy/list/replaced/?proxy_list_replacement=${created.json.id}`)).json;
    assert.equal(replaced.results[0].proxy, address);
    assert.equal(replaced.results[0].replaced_with_country_code, 'US');
  });

  test('stats reach back at most 90 days', async () => {
    const now = clock.nowMs();
    const iso = (ms: number) => new Date(ms).toISOString();
    const ok = await call('GET', `/api/v2/stats/aggregate/?timestamp__gte=${iso(now - 7 * 86_400_000)}&timestamp__lte=${iso(now)}`);
    assert.equal(ok.status, 200);
    assert.ok(ok.json.bandwidth_total > 0);
    const tooOld = await call('GET', `/api/v2/stats/aggregate/?timestamp__gte=${iso(now - 91 * 86_400_000)}&timestamp__lte=${iso(now)}`);
    assert.equal(tooOld.status, 400);
    assert.ok(tooOld.json.timestamp__gte);
  });
});

describe('Webshare simulator: rate limits', () => {
  test('the 61st proxy-list call in a minute is 429 with Retry-After, and the window reopens a minute later', async () => {
    clock.advance(61_000);
    let throttled: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 61 && !throttled; i++) {
      const response = await call('GET', '/api/v2/proxy/list/?mode=direct&page_size=1');
      if (response.status === 429) throttled = response;
    }
    assert.ok(throttled, 'expected a 429 within 61 calls');
    assert.match(throttled.json.detail, /^Request was throttled/);
    assert.ok(Number(throttled.headers.get('retry-after')) > 0);
    assert.equal((await call('GET', '/api/v2/profile/')).status, 200);
    clock.advance(60_000);
    assert.equal((await call('GET', '/api/v2/proxy/list/?mode=direct&page_size=1')).status, 200);
  });
});

describe('Webshare simulator: hourly stats, proxy activity, replaced proxies and download tokens', () => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const iso = (ms: number) => new Date(ms).toISOString();
  const q = (params: Record<string, string | number>) =>
    new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)])).toString();

  before(() => {
    // The rate-limit suite above used up the minute's budget.
    clock.advance(61_000);
  });

  test('hourly stats are a bare array of hour-aligned rows inside the window, idle hours left out, future hours projected with empty breakdowns', async () => {
    const now = clock.nowMs();
    const subscription = (await call('GET', '/api/v2/subscription/')).json;
    const to = Math.min(now + 5 * HOUR, Date.parse(subscription.end_date));
    const response = await call('GET', `/api/v2/stats/?${q({ timestamp__gte: iso(now - 3 * DAY), timestamp__lte: iso(to) })}`);
    assert.equal(response.status, 200);
    assert.ok(Array.isArray(response.json));
    const rows: any[] = response.json;
    const hours = rows.map((row) => Date.parse(row.timestamp));
    assert.ok(hours.every((ms) => ms % HOUR === 0 && ms >= now - 3 * DAY && ms <= to));
    assert.ok(rows.length < Math.floor((to - (now - 3 * DAY)) / HOUR) + 1, 'some idle hours are omitted');
    const past = rows.filter((row) => !row.is_projected);
    const projected = rows.filter((row) => row.is_projected);
    assert.ok(past.every((row) => Date.parse(row.timestamp) <= now && row.requests_total === row.requests_successful + row.requests_failed));
    assert.ok(projected.length > 0);
    for (const row of projected) {
      assert.ok(Date.parse(row.timestamp) > now);
      assert.deepEqual(
        [row.error_reasons, row.countries_used, row.protocols_used, row.number_of_proxies_used, row.average_rps, row.last_request_sent_at],
        [[], {}, {}, 0, null, null],
      );
    }
  });

  test('hourly stats refuse a start older than 90 days and an end after the subscription, in the live field-error form', async () => {
    const now = clock.nowMs();
    const subscription = (await call('GET', '/api/v2/subscription/')).json;
    const tooOld = await call('GET', `/api/v2/stats/?${q({ timestamp__gte: iso(now - 91 * DAY), timestamp__lte: iso(now) })}`);
    assert.equal(tooOld.status, 400);
    assert.deepEqual(Object.keys(tooOld.json), ['timestamp__gte']);
    assert.equal(tooOld.json.timestamp__gte[0].code, 'invalid');
    const pastEnd = await call('GET', `/api/v2/stats/?${q({ timestamp__gte: iso(now - DAY), timestamp__lte: iso(Date.parse(subscription.end_date) + HOUR) })}`);
    assert.equal(pastEnd.status, 400);
    assert.equal(typeof pastEnd.json.timestamp__lte[0].message, 'string');
  });

  test('activity is newest first and pages by starting_after: count, an absolute next, no previous, and a walk meets every entry once', async () => {
    const first = await call('GET', '/api/v2/proxy/activity/?page_size=100');
    assert.equal(first.status, 200);
    assert.ok(first.json.count > 100, 'the seeded week holds more than one page');
    assert.ok(!('previous' in first.json));
    const seen: string[] = [];
    let page = first.json;
    for (let guard = 0; guard < 20; guard++) {
      seen.push(...page.results.map((row: any) => row.timestamp));
      if (!page.next) break;
      const next = new URL(page.next);
      assert.equal(next.origin, simulator.origin);
      assert.equal(next.searchParams.get('starting_after'), page.results[page.results.length - 1].timestamp);
      page = (await call('GET', `${next.pathname}${next.search}`)).json;
    }
    assert.equal(seen.length, first.json.count);
    assert.equal(new Set(seen).size, seen.length);
    const instants = seen.map((text) => Date.parse(text));
    assert.deepEqual(
      instants,
      [...instants].sort((a, b) => b - a),
    );
  });

  test('activity filters: error_reason * is any error, a reason matches exactly, bytes and timestamps bound the entries', async () => {
    const now = clock.nowMs();
    const all: any[] = (await call('GET', '/api/v2/proxy/activity/?page_size=100')).json.results;
    const failed = await call('GET', '/api/v2/proxy/activity/?error_reason=*&page_size=100');
    assert.ok(failed.json.count > 0);
    assert.ok(failed.json.results.every((row: any) => row.error_reason !== null && row.bytes === 0));
    const reason = failed.json.results[0].error_reason;
    const exact = await call('GET', `/api/v2/proxy/activity/?${q({ error_reason: reason, page_size: 100 })}`);
    assert.ok(exact.json.results.every((row: any) => row.error_reason === reason));
    const bounded = await call('GET', `/api/v2/proxy/activity/?${q({ bytes__gte: 100_000, bytes__lte: 900_000, page_size: 100 })}`);
    assert.ok(bounded.json.results.length > 0);
    assert.ok(bounded.json.results.every((row: any) => row.bytes >= 100_000 && row.bytes <= 900_000));
    const recent = await call('GET', `/api/v2/proxy/activity/?${q({ timestamp__gte: iso(now - 6 * HOUR), page_size: 100 })}`);
    assert.equal(recent.json.count, all.filter((row) => Date.parse(row.timestamp) >= now - 6 * HOUR).length);
  });

  test('activity refuses malformed filters field by field, and answers 401 without a token', async () => {
    const bad = await call('GET', '/api/v2/proxy/activity/?bytes__gte=lots&timestamp__lte=yesterday');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, {
      timestamp__lte: [{ message: 'Enter a valid date/time.', code: 'invalid' }],
      bytes__gte: [{ message: 'Enter a number.', code: 'invalid' }],
    });
    assert.equal((await call('GET', '/api/v2/proxy/activity/?starting_after=nope')).json.starting_after[0].code, 'invalid');
    const anonymous = await fetch(`${simulator.origin}/api/v2/proxy/activity/`);
    assert.equal(anonymous.status, 401);
  });

  test('replaced proxies are a paginated list filtered by proxy_list_replacement, which must be a number', async () => {
    const all = await call('GET', '/api/v2/proxy/list/replaced/');
    assert.equal(all.status, 200);
    assert.deepEqual(Object.keys(all.json).sort(), ['count', 'next', 'previous', 'results']);
    assert.ok(all.json.count >= 1, 'the replacement test above replaced one proxy');
    const none = await call('GET', '/api/v2/proxy/list/replaced/?proxy_list_replacement=1');
    assert.equal(none.json.count, 0);
    const bad = await call('GET', '/api/v2/proxy/list/replaced/?proxy_list_replacement=abc');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.proxy_list_replacement[0].code, 'invalid');
  });

  test('a download token is stable until reset; reset rotates it and the old key stops opening the activity download', async () => {
    const token = await call('GET', '/api/v2/download_token/activity/');
    assert.equal(token.status, 200);
    assert.deepEqual(Object.keys(token.json).sort(), ['expire_at', 'id', 'key', 'scope']);
    assert.equal(token.json.scope, 'activity');
    assert.equal((await call('GET', '/api/v2/download_token/activity/')).json.key, token.json.key);
    const csv = await fetch(`${simulator.origin}/api/v2/proxy/activity/download/?download_token=${token.json.key}`);
    assert.equal(csv.status, 200);
    assert.match(await csv.text(), /^timestamp,protocol,/);
    const reset = await call('POST', '/api/v2/download_token/activity/reset/');
    assert.equal(reset.status, 200);
    assert.notEqual(reset.json.key, token.json.key);
    assert.equal((await fetch(`${simulator.origin}/api/v2/proxy/activity/download/?download_token=${token.json.key}`)).status, 401);
    assert.equal((await fetch(`${simulator.origin}/api/v2/proxy/activity/download/?download_token=${reset.json.key}`)).status, 200);
  });

  test("the proxy_list token is the proxy config's download token; an unknown scope is 404; no token is 401", async () => {
    const token = await call('GET', '/api/v2/download_token/proxy_list/');
    assert.equal(token.json.key, (await call('GET', '/api/v2/proxy/config/')).json.proxy_list_download_token);
    const unknown = await call('GET', '/api/v2/download_token/everything/');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.json, { detail: 'Not found.' });
    assert.equal((await fetch(`${simulator.origin}/api/v2/download_token/activity/`)).status, 401);
    assert.equal((await fetch(`${simulator.origin}/api/v2/download_token/activity/reset/`, { method: 'POST' })).status, 401);
  });
});

describe('Webshare simulator: IPv6, proxy list status and stats, allocation, proxy settings, backbone', () => {
  let planId: number;
  const withPlan = (path: string) => `${path}${path.includes('?') ? '&' : '?'}plan_id=${planId}`;

  before(() => {
    // A fresh rate-limit window: the tests above spent most of theirs.
    clock.advance(61_000);
    planId = simulator.state.subscription.plan;
  });

  test('an IPv6 address is authorized in its compressed lower-case form, and another spelling of it is the same address', async () => {
    const created = await call('POST', '/api/v2/proxy/ipauthorization/', { ip_address: '2001:db8::1' });
    assert.equal(created.status, 201);
    assert.equal(created.json.ip_address, '2001:db8::1');
    const again = await call('POST', '/api/v2/proxy/ipauthorization/', { ip_address: '2001:DB8:0:0::1' });
    assert.equal(again.status, 400);
    assert.deepEqual(
      again.json.ip_address.map((error: { code: string }) => error.code),
      ['unique'],
    );
    for (const bad of ['2001:db8::g', '01.2.3.4', '1.2.3', 'fe80::1%eth0']) {
      const refused = await call('POST', '/api/v2/proxy/ipauthorization/', { ip_address: bad });
      assert.equal(refused.status, 400, bad);
      assert.deepEqual(refused.json, { ip_address: [{ message: 'Enter a valid IPv4 or IPv6 address.', code: 'invalid' }] }, bad);
    }
    assert.equal((await call('DELETE', `/api/v2/proxy/ipauthorization/${created.json.id}/`)).status, 204);
  });

  test('a replacement naming an IPv6 address is a valid request (it matches no proxy), not a field error', async () => {
    const response = await call('POST', '/api/v3/proxy/replace/', {
      to_replace: { type: 'ip_address', ip_addresses: ['2001:db8::5'] },
      replace_with: [{ type: 'any', count: 1 }],
      dry_run: true,
    });
    assert.equal(response.status, 201);
    assert.equal(response.json.state, 'validating');
  });

  test('the v3 list status and stats need plan_id (a live field error), answer 404 for another plan and 401 without a valid token', async () => {
    for (const path of ['/api/v3/proxy/list/status', '/api/v3/proxy/list/stats']) {
      const missing = await call('GET', path);
      assert.equal(missing.status, 400, path);
      assert.deepEqual(missing.json, { plan_id: [{ message: 'This field is required.', code: 'required' }] });
      const other = await call('GET', `${path}?plan_id=1`);
      assert.equal(other.status, 404);
      assert.deepEqual(other.json, { detail: 'Not found.' });
      const unauthorized = await call('GET', withPlan(path), undefined, { authorization: 'Token nope' });
      assert.equal(unauthorized.status, 401);
      assert.deepEqual(unauthorized.json, { detail: 'Invalid token.' });
    }
  });

  test("the v3 list status has exactly the documented fields and agrees with the v2 config; the stats are the config's composition", async () => {
    const status = await call('GET', withPlan('/api/v3/proxy/list/status'));
    assert.equal(status.status, 200);
    assert.deepEqual(Object.keys(status.json).sort(), ['countries', 'is_proxy_used', 'password', 'state', 'unallocated_countries', 'username']);
    const config = await call('GET', '/api/v2/proxy/config/');
    assert.equal(status.json.state, 'completed');
    assert.deepEqual(status.json.countries, config.json.countries);
    assert.equal(status.json.username, config.json.username);
    const stats = await call('GET', withPlan('/api/v3/proxy/list/stats'));
    assert.equal(stats.status, 200);
    assert.deepEqual(Object.keys(stats.json).sort(), [
      'asns',
      'available_asns',
      'available_countries',
      'available_ip_ranges_16',
      'available_ip_ranges_24',
      'available_ip_ranges_8',
      'ip_ranges_16',
      'ip_ranges_24',
      'ip_ranges_8',
    ]);
    assert.deepEqual(stats.json.ip_ranges_24, config.json.ip_ranges_24);
    const total = (ranges: Record<string, number>) => Object.values(ranges).reduce((sum, count) => sum + count, 0);
    assert.equal(total(stats.json.ip_ranges_8), 250);
    for (const [name, count] of Object.values(stats.json.asns) as Array<[string, number]>) assert.ok(typeof name === 'string' && count > 0);
  });

  test('unallocated countries are allocated only with upper-case codes, positive counts and the exact total; then nothing is unallocated', async () => {
    simulator.state.plans.get(planId)!.unallocated = { FR: 3, DE: 2 };
    assert.deepEqual((await call('GET', '/api/v2/proxy/config/')).json.unallocated_countries, { FR: 3, DE: 2 });
    assert.deepEqual((await call('GET', withPlan('/api/v3/proxy/list/status'))).json.unallocated_countries, { FR: 3, DE: 2 });
    const path = '/api/v2/proxy/config/allocate_unallocated_countries/';
    const refusals: Array<[unknown, string, string]> = [
      [{}, 'new_countries', 'required'],
      [{ new_countries: [] }, 'new_countries', 'not_a_dict'],
      [{ new_countries: { fr: 5 } }, 'new_countries', 'invalid'],
      [{ new_countries: { FR: 0, DE: 5 } }, 'new_countries', 'invalid'],
      [{ new_countries: { XX: 5 } }, 'new_countries', 'unavailable_country'],
      [{ new_countries: { FR: 4 } }, 'new_countries', 'invalid_total'],
    ];
    for (const [body, field, code] of refusals) {
      const refused = await call('POST', path, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.deepEqual(
        refused.json[field].map((error: { code: string }) => error.code),
        [code],
        JSON.stringify(body),
      );
    }
    const before = (await call('GET', '/api/v2/proxy/config/')).json.countries;
    const allocated = await call('POST', path, { new_countries: { FR: 4, US: 1 } });
    assert.equal(allocated.status, 200);
    assert.deepEqual(allocated.json.unallocated_countries, {});
    assert.equal(allocated.json.countries.FR, (before.FR ?? 0) + 4);
    assert.equal(allocated.json.countries.US, (before.US ?? 0) + 1);
    assert.equal((await call('GET', '/api/v2/proxy/list/?mode=direct&page_size=1')).json.count, 255);
    const nothingLeft = await call('POST', path, { new_countries: { FR: 1 } });
    assert.equal(nothingLeft.status, 400);
    assert.equal(nothingLeft.json.code, 'no_unallocated_countries');
  });

  test('the remaining proxy settings change through the v2 PATCH and read back from the v3 config; bad values are field errors', async () => {
    const changed = await call('PATCH', '/api/v2/proxy/config/', {
      request_idle_timeout: 600,
      ip_authorization_country_codes: ['US', 'DE'],
      ip_authorization_city: 'Berlin',
      ip_authorization_asn: 'AS7922',
      auto_replace_out_of_rotation_proxies: true,
    });
    assert.equal(changed.status, 200);
    const v3 = (await call('GET', withPlan('/api/v3/proxy/config'))).json;
    assert.equal(v3.request_idle_timeout, 600);
    assert.deepEqual(v3.ip_authorization_country_codes, ['US', 'DE']);
    assert.equal(v3.ip_authorization_city, 'Berlin');
    assert.equal(v3.ip_authorization_asn, 'AS7922');
    assert.equal(v3.auto_replace_out_of_rotation_proxies, true);
    const exclusive = await call('PATCH', '/api/v2/proxy/config/', { ip_authorization_state: 'Bavaria' });
    assert.equal(exclusive.status, 400);
    assert.ok(exclusive.json.non_field_errors);
    const tooShort = await call('PATCH', '/api/v2/proxy/config/', { request_idle_timeout: 10 });
    assert.deepEqual(
      tooShort.json.request_idle_timeout.map((error: { code: string }) => error.code),
      ['min_value'],
    );
    const cleared = await call('PATCH', '/api/v2/proxy/config/', {
      ip_authorization_city: null,
      ip_authorization_country_codes: null,
      ip_authorization_asn: null,
    });
    assert.equal(cleared.json.ip_authorization_city, null);
    assert.equal(cleared.json.ip_authorization_country_codes, null);
  });

  test('the v3 list status is rate limited like every call: 429 with Retry-After', async () => {
    const limited = await startWebshareSimulator({ seed: 3, proxyCount: 10, rateLimits: { generalPerMinute: 2 } });
    try {
      const headers = { authorization: `Token ${limited.credentials.token}` };
      const url = `${limited.origin}/api/v3/proxy/list/status?plan_id=${limited.state.subscription.plan}`;
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await fetch(url, { headers }));
      assert.deepEqual(
        statuses.map((response) => response.status),
        [200, 200, 429],
      );
      assert.ok(Number(statuses[2].headers.get('retry-after')) > 0);
      assert.match(((await statuses[2].json()) as { detail: string }).detail, /^Request was throttled/);
    } finally {
      await limited.stop();
    }
  });

  test('a residential plan is listed in backbone mode only: entries have no address, a numbered username and their own port; direct mode is refused', async () => {
    const residential = await startWebshareSimulator({
      seed: 5,
      rateLimits: false,
      plans: [{ proxy_subtype: 'residential', proxy_countries: { US: 30, DE: 10 } }],
    });
    try {
      const get = async (path: string) => {
        const response = await fetch(`${residential.origin}${path}`, { headers: { authorization: `Token ${residential.credentials.token}` } });
        return { status: response.status, json: (await response.json()) as any };
      };
      const direct = await get('/api/v2/proxy/list/?mode=direct');
      assert.equal(direct.status, 400);
      assert.equal(direct.json.mode[0].code, 'invalid');
      const backbone = await get('/api/v2/proxy/list/?mode=backbone&page_size=100');
      assert.equal(backbone.status, 200);
      assert.equal(backbone.json.count, 40);
      const config = (await get('/api/v2/proxy/config/')).json;
      for (const proxy of backbone.json.results) {
        assert.equal(proxy.proxy_address, null);
        assert.match(proxy.username, new RegExp(`^${config.username}-\\d+$`));
      }
      const countries = await get('/api/v2/proxy/list/?mode=backbone&country_code__in=DE');
      assert.equal(countries.json.count, 10);
      const stats = (await get(`/api/v3/proxy/list/stats?plan_id=${residential.state.subscription.plan}`)).json;
      assert.deepEqual([stats.ip_ranges_24, stats.asns, stats.available_asns], [{}, {}, {}]);
    } finally {
      await residential.stop();
    }
  });
});
