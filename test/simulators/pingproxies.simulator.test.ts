/**
 * The Ping Proxies simulator against docs/providers/reference.md §2, over HTTP, as any Ping client would see it. These
 * tests pin the documented behaviour the adapter tests rely on, so the adapter is never tested against a
 * simulator that merely agrees with it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/simulators/kit';
import { startPingProxiesSimulator, type PingProxiesSimulator } from '../../src/simulators/pingproxies';
import { DATACENTER_SERVICE_ID, ISP_SERVICE_ID } from '../../src/simulators/pingproxies/data';

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let simulator: PingProxiesSimulator;
const clock = new ManualClock(Date.parse('2026-11-01T12:00:00Z'));

before(async () => {
  simulator = await startPingProxiesSimulator({ seed: 9, proxyCount: 150, clock, rateLimit: { perSecond: 10 } });
});
after(() => simulator.stop());

/** One call; the clock moves a second first so the rate limit only bites where a test wants it to. */
async function call(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  clock.advance(1_000);
  const response = await fetch(`${simulator.origin}/public/user${path}`, {
    method,
    headers: headers ?? {
      'x-api-public-key': simulator.credentials.publicKey,
      'x-api-private-key': simulator.credentials.privateKey,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

function assertError(response: { status: number; json: any }, status: number, error: string): void {
  assert.equal(response.status, status);
  assert.equal(response.json.error, error);
  assert.equal(typeof response.json.message, 'string');
  assert.match(response.json.api_request_id, REQUEST_ID);
}

describe('Ping simulator: auth, envelopes and errors', () => {
  test('both API key headers are required: missing or wrong is 401 "API key authentication is required."', async () => {
    const missing = await call('GET', '/customer/retrieve', undefined, {});
    assertError(missing, 401, 'Unauthorized');
    assert.equal(missing.json.message, 'API key authentication is required.');
    const onlyPublic = await call('GET', '/customer/retrieve', undefined, { 'x-api-public-key': simulator.credentials.publicKey });
    assertError(onlyPublic, 401, 'Unauthorized');
  });

  test('a retrieve is {data, message}; unknown paths are 404 and a wrong method on a known path is 405', async () => {
    const customer = await call('GET', '/customer/retrieve');
    assert.equal(customer.status, 200);
    assert.equal(customer.json.message, 'Customer successfully retrieved.');
    assert.equal(customer.json.data.customer_id, 1955);
    assert.match(customer.json.data.customer_creation_datetime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assertError(await call('GET', '/nothing/here'), 404, 'Not Found');
    assertError(await call('DELETE', '/customer/retrieve'), 405, 'Method Not Allowed');
  });

  test('proxy/retrieve of an unknown id is the documented 404 body', async () => {
    const response = await call('GET', '/proxy/retrieve/00000000-0000-4000-8000-000000000000');
    assertError(response, 404, 'Not Found');
    assert.equal(response.json.message, 'The requested proxy could not be found.');
  });

  test('the residential summary has the documented figures', async () => {
    const response = await call('GET', '/residential/summary');
    assert.deepEqual(
      { ...response.json.data, proxy_user_ids: undefined },
      {
        residential_bytes: 10737418240,
        residential_bytes_used: 3221225472,
        residential_bytes_left: 7516192768,
        residential_requests: 145022,
        proxy_user_ids: undefined,
      },
    );
  });

  test('past 10 requests in one second the answer is 429 "Rate limit exceeded. Please try again in N seconds."', async () => {
    clock.advance(5_000);
    const headers = { 'x-api-public-key': simulator.credentials.publicKey, 'x-api-private-key': simulator.credentials.privateKey };
    const statuses: number[] = [];
    let last: any;
    for (let index = 0; index < 11; index++) {
      const response = await fetch(`${simulator.origin}/public/user/customer/retrieve`, { headers });
      statuses.push(response.status);
      last = await response.json();
    }
    assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
    assert.equal(last.error, 'Too Many Requests');
    assert.match(last.message, /^Rate limit exceeded\. Please try again in \d+ seconds?\.$/);
    clock.advance(1_000);
    assert.equal((await fetch(`${simulator.origin}/public/user/customer/retrieve`, { headers })).status, 200);
  });
});

describe('Ping simulator: search', () => {
  test('the search envelope has page, per_page (default 100, at most 100), total_count and item_count', async () => {
    const first = await call('GET', '/proxy/search');
    assert.deepEqual([first.json.page, first.json.per_page, first.json.total_count, first.json.item_count], [1, 100, 150, 100]);
    assert.equal(first.json.message, 'Proxy search successful.');
    const second = await call('GET', '/proxy/search?page=2&per_page=100');
    assert.equal(second.json.item_count, 50);
    const past = await call('GET', '/proxy/search?page=9');
    assert.deepEqual([past.status, past.json.data, past.json.total_count], [200, [], 150]);
    assertError(await call('GET', '/proxy/search?per_page=101'), 400, 'Bad Request');
  });

  test('exact filters, not_/like_/min_/max_ operators and sort_by _asc/_desc work on proxy fields', async () => {
    const de = (await call('GET', '/proxy/search?country_id=de')).json;
    assert.ok(de.data.every((proxy: any) => proxy.country_id === 'de'));
    const notUs = (await call('GET', '/proxy/search?not_country_id=us')).json;
    assert.equal(notUs.total_count + (await call('GET', '/proxy/search?country_id=us')).json.total_count, 150);
    const like = (await call('GET', '/proxy/search?like_city_name=%25ondo%25')).json;
    assert.ok(like.total_count > 0 && like.data.every((proxy: any) => proxy.city_name === 'London'));
    const asn = (await call('GET', '/proxy/search?min_asn_id=7000&max_asn_id=8000')).json;
    assert.ok(asn.data.every((proxy: any) => proxy.asn_id >= 7000 && proxy.asn_id <= 8000));
    const desc = (await call('GET', '/proxy/search?sort_by=proxy_id_desc&per_page=5')).json.data.map((proxy: any) => proxy.proxy_id);
    assert.deepEqual(desc, [...desc].sort().reverse());
    assertError(await call('GET', '/proxy/search?sort_by=nonsense_asc'), 400, 'Bad Request');
    assertError(await call('GET', '/proxy/search?colour=blue'), 400, 'Bad Request');
  });

  test("search rows add proxy_user_ids and ready-made strings; service_id filters a service's proxies", async () => {
    const rows = (await call('GET', `/proxy/search?service_id=${ISP_SERVICE_ID}&per_page=3`)).json.data;
    assert.ok(rows.every((proxy: any) => proxy.service_id === ISP_SERVICE_ID));
    assert.ok(rows[0].proxy_user_ids.includes('default_user'));
    assert.equal(rows[0].http_formatted, `${rows[0].proxy_ip_address}:8080:default_user:${rows[0].default_proxy_user_password}`);
  });

  test('proxy users filter by metadata key existence and value', async () => {
    const exists = (await call('GET', '/proxy_user/search?proxy_user_metadata.exists_department=1')).json.data;
    assert.deepEqual(
      exists.map((user: any) => user.proxy_user_id),
      ['marketing_team'],
    );
    const value = (await call('GET', '/proxy_user/search?proxy_user_metadata.department=Marketing')).json.data;
    assert.deepEqual(
      value.map((user: any) => user.proxy_user_id),
      ['marketing_team'],
    );
  });
});

describe('Ping simulator: list_by_id', () => {
  test('formats standard "ip:port:user:pass" by default and scheme URLs for http/socks5, skipping unknown ids', async () => {
    const proxies = (await call('GET', '/proxy/search?per_page=2&sort_by=proxy_id_asc')).json.data;
    const ids = [proxies[0].proxy_id, 'not-a-proxy', proxies[1].proxy_id];
    const standard = await call('POST', '/proxy/list_by_id', { proxy_ids: ids });
    const password = proxies[0].default_proxy_user_password;
    assert.deepEqual(
      standard.json.data,
      proxies.map((proxy: any) => `${proxy.proxy_ip_address}:8080:default_user:${password}`),
    );
    const socks = await call('POST', '/proxy/list_by_id', { proxy_ids: ids, list_format: 'socks5' });
    assert.equal(socks.json.data[0], `socks5://default_user:${password}@${proxies[0].proxy_ip_address}:1080`);
    const specific = await call('POST', '/proxy/list_by_id', { proxy_ids: [proxies[0].proxy_id], list_authentication: 'proxy_specific' });
    assert.deepEqual(specific.json.data, [`${proxies[0].proxy_ip_address}:8080:${proxies[0].proxy_username}:${proxies[0].proxy_password}`]);
    const byIp = await call('POST', '/proxy/list_by_id', { proxy_ids: [proxies[0].proxy_id], list_authentication: 'ip_address', list_protocol: 'socks5' });
    assert.deepEqual(byIp.json.data, [`${proxies[0].proxy_ip_address}:1080`]);
    assertError(await call('POST', '/proxy/list_by_id', {}), 400, 'Bad Request');
  });
});

describe('Ping simulator: proxy users', () => {
  test('create answers 201 with created[] and the credentials; an omitted id is random within 10-32 characters', async () => {
    const created = await call('POST', '/proxy_user/create', { proxy_user_id: 'sim_user_0001', proxy_user_password: 'pw-123456' });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json, {
      created: ['sim_user_0001'],
      data: { proxy_user_id: 'sim_user_0001', proxy_user_password: 'pw-123456' },
      message: 'Proxy User successfully created.',
    });
    const random = await call('POST', '/proxy_user/create', {});
    assert.equal(random.status, 201);
    assert.ok(random.json.data.proxy_user_id.length >= 10 && random.json.data.proxy_user_id.length <= 32);
  });

  test('the documented 10-32 rule is enforced on create, although the docs\' own example "stevejobs" has 9', async () => {
    assertError(await call('POST', '/proxy_user/create', { proxy_user_id: 'stevejob2' }), 400, 'Bad Request');
    assert.equal((await call('GET', '/proxy_user/retrieve/stevejobs')).status, 200);
  });

  test('duplicates and IPs of another proxy user are 409; invalid IPs, metadata and unknown fields are 400', async () => {
    assertError(await call('POST', '/proxy_user/create', { proxy_user_id: 'sim_user_0001' }), 409, 'Conflict');
    assertError(await call('POST', '/proxy_user/create', { ip_address_authentications: ['1.1.1.1'] }), 409, 'Conflict');
    assertError(await call('POST', '/proxy_user/create', { ip_address_authentications: ['1.2.3'] }), 400, 'Bad Request');
    assertError(await call('POST', '/proxy_user/create', { proxy_user_metadata: { a: { b: 1 } } }), 400, 'Bad Request');
    assertError(
      await call('POST', '/proxy_user/create', { proxy_user_metadata: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, i])) }),
      400,
      'Bad Request',
    );
    assertError(await call('POST', '/proxy_user/create', { proxy_user_colour: 'red' }), 400, 'Bad Request');
    assertError(
      await call('POST', '/proxy_user/create', '{"proxy_user_id": "x"', {
        'x-api-public-key': simulator.credentials.publicKey,
        'x-api-private-key': simulator.credentials.privateKey,
        'content-type': 'application/json',
      }),
      400,
      'Bad Request',
    );
  });

  test('edit replaces the IP list and metadata whole and answers edited[]', async () => {
    const edited = await call('PATCH', '/proxy_user/edit/sim_user_0001', { ip_address_authentications: ['9.9.9.9', '8.8.8.8'], proxy_user_metadata: { a: 1 } });
    assert.deepEqual(edited.json, { edited: ['sim_user_0001'], message: 'Proxy User successfully edited.' });
    await call('PATCH', '/proxy_user/edit/sim_user_0001', { ip_address_authentications: ['8.8.8.8'], proxy_user_metadata: { b: 2 } });
    const user = (await call('GET', '/proxy_user/retrieve/sim_user_0001')).json.data;
    assert.deepEqual([user.ip_address_authentications, user.proxy_user_metadata], [['8.8.8.8'], { b: 2 }]);
  });

  test('leaving a restricted access type for "all" needs clear_proxy_user_acl', async () => {
    assertError(await call('PATCH', '/proxy_user/edit/marketing_team', { proxy_user_access_type: 'all' }), 400, 'Bad Request');
    const entries = (await call('GET', '/proxy_user_acl/search?proxy_user_id=marketing_team')).json.data;
    assert.deepEqual(
      entries.map((acl: any) => acl.service_id),
      [ISP_SERVICE_ID],
    );
    const cleared = await call('PATCH', '/proxy_user/edit/marketing_team', { proxy_user_access_type: 'all', clear_proxy_user_acl: true });
    // The ACL entries the edit removed, by their ids.
    assert.deepEqual(
      cleared.json.proxy_user_acl_deleted,
      entries.map((acl: any) => acl.proxy_user_acl_id),
    );
  });

  test('past customer_proxy_user_limit a create is 422', async () => {
    const live = [...simulator.state.proxyUsers.values()].filter((user) => !user.proxy_user_is_deleted).length;
    simulator.state.customer.customer_proxy_user_limit = live;
    assertError(await call('POST', '/proxy_user/create', {}), 422, 'Unprocessable Entity');
    simulator.state.customer.customer_proxy_user_limit = 10;
  });

  test('delete answers deleted[], releases the IPs, and keeps the user flagged; the default user cannot be deleted', async () => {
    const deleted = await call('DELETE', '/proxy_user/delete/sim_user_0001');
    assert.deepEqual(deleted.json, { deleted: ['sim_user_0001'], message: 'Proxy User successfully deleted.' });
    const user = (await call('GET', '/proxy_user/retrieve/sim_user_0001')).json.data;
    assert.deepEqual([user.proxy_user_is_deleted, user.ip_address_authentications], [true, []]);
    assert.equal((await call('POST', '/proxy_user/create', { ip_address_authentications: ['8.8.8.8'] })).status, 201);
    assertError(await call('DELETE', '/proxy_user/delete/default_user'), 400, 'Bad Request');
  });
});

describe('Ping simulator: services', () => {
  test('edit takes only the documented fields and replaces metadata; cancel answers edited[] and proxy_edited[]', async () => {
    assertError(await call('PATCH', `/service/edit/${ISP_SERVICE_ID}`, { service_name: 'x' }), 400, 'Bad Request');
    const edited = await call('PATCH', `/service/edit/${ISP_SERVICE_ID}`, { service_metadata: { k: 'v' } });
    assert.deepEqual(edited.json.edited, [ISP_SERVICE_ID]);
    assert.deepEqual((await call('GET', `/service/retrieve/${ISP_SERVICE_ID}`)).json.data.service_metadata, { k: 'v' });
    assertError(await call('DELETE', `/service/cancel/${DATACENTER_SERVICE_ID}`, { cancel_feedback: 'bored' }), 400, 'Bad Request');
    assertError(
      await call('DELETE', `/service/cancel/${DATACENTER_SERVICE_ID}`, { cancel_feedback: 'other', cancel_comment: 'x'.repeat(301) }),
      400,
      'Bad Request',
    );
    const canceled = await call('DELETE', `/service/cancel/${DATACENTER_SERVICE_ID}`, { cancel_feedback: 'unused', cancel_comment: 'done' });
    assert.equal(canceled.json.message, 'Service successfully canceled.');
    assert.deepEqual(canceled.json.edited, [DATACENTER_SERVICE_ID]);
    const proxies = (await call('GET', `/service/retrieve/${DATACENTER_SERVICE_ID}?proxies=true`)).json.data.proxies;
    assert.ok(proxies.length > 0 && proxies.every((proxy: any) => proxy.proxy_status === 'pending_deletion'));
    assert.ok(canceled.json.proxy_edited.length > 0);
    assertError(await call('DELETE', `/service/cancel/${DATACENTER_SERVICE_ID}`, { cancel_feedback: 'unused' }), 409, 'Conflict');
  });
});

describe('Ping simulator: proxy user ACLs, list options, list_by_search, residential list, service adjustments', () => {
  const UUID = REQUEST_ID;

  before(async () => {
    // Two restricted users of this suite's own, made through the API.
    for (const [id, access] of [
      ['acl_service_user', 'service_restricted'],
      ['acl_proxy_user1', 'proxy_restricted'],
    ]) {
      assert.equal(
        (await call('POST', '/proxy_user/create', { proxy_user_id: id, proxy_user_password: 'pw-for-acl-tests', proxy_user_access_type: access })).status,
        201,
      );
    }
  });

  test('proxy_user_acl/create answers 201 {created: [uuid], message} without data; retrieve, search and delete use the documented envelopes', async () => {
    const created = await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'acl_service_user', service_id: ISP_SERVICE_ID });
    assert.equal(created.status, 201);
    assert.deepEqual(Object.keys(created.json).sort(), ['created', 'message']);
    assert.equal(created.json.message, 'Proxy User ACL successfully created.');
    const [id] = created.json.created;
    assert.match(id, UUID);

    const retrieved = await call('GET', `/proxy_user_acl/retrieve/${id}`);
    assert.deepEqual(Object.keys(retrieved.json.data).sort(), [
      'proxy_id',
      'proxy_user_acl_creation_datetime',
      'proxy_user_acl_id',
      'proxy_user_id',
      'service_id',
    ]);
    assert.deepEqual(
      [retrieved.json.data.proxy_user_id, retrieved.json.data.service_id, retrieved.json.data.proxy_id],
      ['acl_service_user', ISP_SERVICE_ID, null],
    );
    assert.match(retrieved.json.data.proxy_user_acl_creation_datetime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const found = await call('GET', '/proxy_user_acl/search?proxy_user_id=acl_service_user&per_page=5');
    assert.deepEqual(
      { ...found.json, data: found.json.data.map((acl: any) => acl.proxy_user_acl_id) },
      {
        data: [id],
        item_count: 1,
        message: 'Proxy User ACL search successful.',
        page: 1,
        per_page: 5,
        total_count: 1,
      },
    );
    // The user's legacy list follows its entries [C object page].
    assert.deepEqual((await call('GET', '/proxy_user/retrieve/acl_service_user')).json.data.restricted_service_ids, [ISP_SERVICE_ID]);

    const deleted = await call('DELETE', `/proxy_user_acl/delete/${id}`);
    assert.deepEqual(deleted.json, { deleted: [id], message: 'Proxy User ACL successfully deleted.' });
    assertError(await call('GET', `/proxy_user_acl/retrieve/${id}`), 404, 'Not Found');
    assertError(await call('DELETE', `/proxy_user_acl/delete/${id}`), 404, 'Not Found');
    assert.deepEqual((await call('GET', '/proxy_user/retrieve/acl_service_user')).json.data.restricted_service_ids, []);
  });

  test('an ACL names its proxy user and exactly one target matching the access type; default users take none; unknown ids are 404, a repeated grant 409, no keys 401', async () => {
    const proxyId = simulator.state.proxies[0].proxy_id;
    const missing = await call('POST', '/proxy_user_acl/create', { service_id: ISP_SERVICE_ID });
    assertError(missing, 400, 'Bad Request');
    assert.equal(missing.json.message, 'The proxy_user_id field is required.');
    assertError(await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'acl_proxy_user1' }), 400, 'Bad Request');
    assertError(
      await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'acl_proxy_user1', proxy_id: proxyId, service_id: ISP_SERVICE_ID }),
      400,
      'Bad Request',
    );
    assertError(await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'acl_proxy_user1', service_id: ISP_SERVICE_ID }), 400, 'Bad Request');
    assertError(await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'default_user', service_id: ISP_SERVICE_ID }), 400, 'Bad Request');
    assertError(await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'nobody_at_all', service_id: ISP_SERVICE_ID }), 404, 'Not Found');
    assertError(await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'acl_service_user', service_id: 'NO-SUCH-SERVICE' }), 404, 'Not Found');
    assertError(
      await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'acl_proxy_user1', proxy_id: '00000000-0000-4000-8000-000000000000' }),
      404,
      'Not Found',
    );
    assert.equal((await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'acl_proxy_user1', proxy_id: proxyId })).status, 201);
    assertError(await call('POST', '/proxy_user_acl/create', { proxy_user_id: 'acl_proxy_user1', proxy_id: proxyId }), 409, 'Conflict');
    assertError(await call('GET', '/proxy_user_acl/search', undefined, {}), 401, 'Unauthorized');
    assertError(await call('GET', '/proxy_user_acl/create'), 405, 'Method Not Allowed');
  });

  test('proxy/list/options takes proxy_ids or search_filter (exactly one) and lists every active proxy user with has_access from its access type and entries', async () => {
    const granted = simulator.state.proxies[0];
    const other = simulator.state.proxies.find((proxy) => proxy.service_id === granted.service_id && proxy.proxy_id !== granted.proxy_id)!;
    const options = await call('POST', '/proxy/list/options', { proxy_ids: [granted.proxy_id] });
    assert.equal(options.json.message, 'Proxy user list options successfully retrieved.');
    const live = [...simulator.state.proxyUsers.values()].filter((user) => !user.proxy_user_is_deleted).map((user) => user.proxy_user_id);
    assert.deepEqual(
      options.json.data.map((option: any) => option.proxy_user_id),
      live,
    );
    const byUser = (data: any[], id: string) => data.find((option) => option.proxy_user_id === id);
    assert.deepEqual(byUser(options.json.data, 'acl_proxy_user1'), { has_access: true, proxy_user_id: 'acl_proxy_user1', proxy_user_is_default: false });
    assert.equal(byUser(options.json.data, 'default_user').proxy_user_is_default, true);
    assert.equal(byUser(options.json.data, 'acl_service_user').has_access, false);
    // Proxy-restricted: access to every proxy named, not just one of them.
    const pair = await call('POST', '/proxy/list/options', { proxy_ids: [granted.proxy_id, other.proxy_id] });
    assert.equal(byUser(pair.json.data, 'acl_proxy_user1').has_access, false);
    const filtered = await call('POST', '/proxy/list/options', { search_filter: { proxy_id: granted.proxy_id } });
    assert.equal(byUser(filtered.json.data, 'acl_proxy_user1').has_access, true);

    assertError(await call('POST', '/proxy/list/options', {}), 400, 'Bad Request');
    assertError(await call('POST', '/proxy/list/options', { proxy_ids: [granted.proxy_id], search_filter: { country_id: 'us' } }), 400, 'Bad Request');
    assertError(await call('POST', '/proxy/list/options', { search_filter: { proxy_colour: 'red' } }), 400, 'Bad Request');
    assertError(await call('POST', '/proxy/list/options', { proxy_ids: ['00000000-0000-4000-8000-000000000000'] }), 404, 'Not Found');
  });

  test('proxy/list_by_search filters like proxy/search and formats one line per proxy; bad options are 400, an unknown proxy user 404', async () => {
    const listed = await call('GET', '/proxy/list_by_search?country_id=de&proxy_type=datacenter&list_authentication=ip_address');
    assert.equal(listed.json.message, 'Proxy list successfully generated.');
    const expected = simulator.state.proxies
      .filter((proxy) => proxy.country_id === 'de' && proxy.proxy_type === 'datacenter')
      .map((proxy) => `${proxy.proxy_ip_address}:${proxy.proxy_http_port}`);
    assert.ok(expected.length > 0);
    assert.deepEqual(listed.json.data, expected);
    const restricted = await call('GET', '/proxy/list_by_search?proxy_user_id=acl_proxy_user1&list_format=http');
    assert.deepEqual(restricted.json.data, [`http://acl_proxy_user1:pw-for-acl-tests@${simulator.state.proxies[0].proxy_ip_address}:8080`]);
    assertError(await call('GET', '/proxy/list_by_search?list_format=ftp'), 400, 'Bad Request');
    assertError(await call('GET', '/proxy/list_by_search?proxy_colour=red'), 400, 'Bad Request');
    assertError(await call('GET', '/proxy/list_by_search?proxy_user_id=nobody_at_all'), 404, 'Not Found');
  });

  test('residential/list answers {data: lines, message}: ten by default, the session and target in the username; out-of-range or unknown parameters are 400', async () => {
    const listed = await call('GET', '/residential/list');
    assert.equal(listed.json.message, 'Residential proxy list successfully generated.');
    assert.equal(listed.json.data.length, 10);
    assert.ok(listed.json.data.every((line: string) => line.includes(':default_user-session-')));
    const sticky = await call('GET', '/residential/list?proxy_user_id=stevejobs&country_id=us&list_count=2&list_format=socks5h&list_session_ttl=120');
    assert.equal(sticky.json.data.length, 2);
    for (const line of sticky.json.data) assert.match(line, /^socks5h:\/\/stevejobs-country-us-session-[a-z0-9]{8}-ttl-120:apple1984@[a-z.]+:\d+$/);
    const rotating = await call('GET', '/residential/list?list_session_type=rotating&list_count=1&proxy_user_id=stevejobs');
    assert.match(rotating.json.data[0], /:stevejobs:apple1984$/);
    assertError(await call('GET', '/residential/list?list_count=1001'), 400, 'Bad Request');
    assertError(await call('GET', '/residential/list?list_count=0'), 400, 'Bad Request');
    assertError(await call('GET', '/residential/list?list_session_type=rotating&list_session_ttl=60'), 400, 'Bad Request');
    assertError(await call('GET', '/residential/list?country_id=usa'), 400, 'Bad Request');
    assertError(await call('GET', '/residential/list?colour=red'), 400, 'Bad Request');
    assertError(await call('GET', '/residential/list?proxy_user_id=nobody_at_all'), 404, 'Not Found');
  });

  test('service_adjustment/search pages the audit trail with the search envelope; retrieve takes integer ids; edits and cancellations add entries', async () => {
    const trail = await call('GET', `/service_adjustment/search?service_id=${ISP_SERVICE_ID}&sort_by=service_adjustment_id_desc&per_page=2`);
    assert.equal(trail.json.message, 'Service Adjustment search successful.');
    assert.deepEqual([trail.json.page, trail.json.per_page, trail.json.item_count], [1, 2, 2]);
    const all = simulator.state.adjustments.filter((entry) => entry.service_id === ISP_SERVICE_ID);
    assert.equal(trail.json.total_count, all.length);
    // The services suite above edited the ISP service's metadata and canceled the datacenter service.
    assert.equal(trail.json.data[0].service_adjustment_type, 'update');
    assert.deepEqual(trail.json.data[0].service_adjustment_post, { service_metadata: { k: 'v' } });
    const canceled = await call('GET', `/service_adjustment/search?service_id=${DATACENTER_SERVICE_ID}&service_adjustment_type=cancel`);
    assert.equal(canceled.json.total_count, 1);
    assert.equal(canceled.json.data[0].service_adjustment_is_customer, true);
    assert.ok(Number.isInteger(canceled.json.data[0].service_adjustment_id));

    const one = await call('GET', `/service_adjustment/retrieve/${all[0].service_adjustment_id}`);
    assert.equal(one.json.message, 'Service Adjustment successfully retrieved.');
    assert.equal(one.json.data.service_adjustment_type, 'ingestion');
    assertError(await call('GET', '/service_adjustment/retrieve/abc'), 404, 'Not Found');
    assertError(await call('GET', '/service_adjustment/retrieve/999999'), 404, 'Not Found');
    assertError(await call('GET', '/service_adjustment/search?per_page=101'), 400, 'Bad Request');
  });
});
