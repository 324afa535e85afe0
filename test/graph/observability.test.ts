/**
 * What an operator sees: one structured log line per operation (request id, operation, duration, upstream
 * calls; never a secret), Prometheus metrics at /metrics, and readiness per account.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { AccountProxiesDocument, UpdateProxyCredentialsDocument } from '../generated/graphql';

const logLines: Array<Record<string, unknown>> = [];
const rawLog: string[] = [];
let harness: Harness;

before(async () => {
  const logger = pino(
    { level: 'info' },
    {
      write(line: string) {
        rawLog.push(line);
        logLines.push(JSON.parse(line));
      },
    },
  );
  harness = await startHarness({ logger });
});
after(() => harness?.stop());

async function metricsText(): Promise<string> {
  const response = await fetch(`${harness.proxygraph.opsUrl}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
  return response.text();
}

describe('operation logs', () => {
  test('each operation logs one JSON line with its request id, name, duration and upstream call count', async () => {
    const requestId = 'obs-test-request-1';
    harness.webshare.server.resetCalls();
    const result = await harness.client.request(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 5 }, { 'x-request-id': requestId });
    assert.equal(result.errors.length, 0);
    const line = logLines.find((entry) => entry.requestId === requestId && entry.msg === 'graphql operation');
    assert.ok(line, 'no operation log line for the request id');
    assert.equal(line.operationName, 'AccountProxies');
    assert.equal(line.operationType, 'query');
    assert.equal(line.outcome, 'ok');
    assert.equal(typeof line.durationMs, 'number');
    // Exactly the calls the provider received for this request (list page, plus subscription and plan for the proxy type).
    assert.equal(line.upstreamCalls, harness.webshare.server.calls.length);
    assert.ok((line.upstreamCalls as number) >= 1);
  });

  test('a mutation carrying a proxy password and the provider token appear in no log line', async () => {
    const password = 'Obsv8secretPw';
    const data = await harness.client.data(UpdateProxyCredentialsDocument, {
      accountId: WEBSHARE_ACCOUNT_ID,
      input: { username: 'obsuser01', password },
    });
    assert.equal(data.updateProxyCredentials.proxyCredentials!.username, 'obsuser01');
    const everything = rawLog.join('');
    assert.ok(!everything.includes(password));
    assert.ok(!everything.includes(harness.webshare.credentials.token));
    const line = logLines.find((entry) => entry.operationName === 'UpdateProxyCredentials');
    assert.equal(line?.operationType, 'mutation');
  });
});

describe('request ids', () => {
  test('the request id travels to the provider on every call made for the request', async () => {
    harness.webshare.server.resetCalls();
    await harness.client.request('{ account(id: "ws") { profile { email } plan { name } } }', undefined, { 'x-request-id': 'trace-me-42' });
    const calls = harness.webshare.server.calls;
    assert.ok(calls.length >= 2);
    for (const call of calls) assert.equal(call.headers['x-request-id'], 'trace-me-42');
  });
});

describe('what the gateway did without a call of its own', () => {
  const count = (text: string, name: string, labels: string) => Number(new RegExp(`${name}\\{${labels}\\} (\\d+)`).exec(text)?.[1] ?? 0);

  test('a retried read, a read that joined another in flight, and a call refused by the closed budget are each counted', async () => {
    const before = await metricsText();
    const labels = 'provider="webshare",account_id="ws"';
    // One 503, then success: one retry.
    harness.webshare.server.injectFault({ endpoint: 'GET /api/v2/profile/', status: 503, body: { detail: 'Service unavailable.' }, times: 1 });
    await harness.client.data('{ account(id: "ws") { profile { email } } }');
    // Two identical reads at once from two requests: one joins the other.
    harness.webshare.server.knobs.latencyMs = 200;
    await Promise.all([harness.client.data('{ account(id: "ws") { plan { name } } }'), harness.client.data('{ account(id: "ws") { plan { name } } }')]);
    harness.webshare.server.knobs.latencyMs = 0;
    // A 429 closes the account's budget: the next call is refused without reaching Webshare.
    harness.webshare.server.injectFault({
      endpoint: 'GET /api/v2/subuser/',
      status: 429,
      headers: { 'retry-after': '2' },
      body: { detail: 'Request was throttled.' },
      times: 1,
    });
    await harness.client.request('{ account(id: "ws") { subUsers(first: 1) { totalCount } } }');
    await harness.client.request('{ account(id: "ws") { subUsers(first: 1) { totalCount } } }');
    const after = await metricsText();
    assert.equal(count(after, 'proxygraph_upstream_retries_total', labels) - count(before, 'proxygraph_upstream_retries_total', labels), 1);
    assert.ok(count(after, 'proxygraph_upstream_single_flight_joins_total', labels) > count(before, 'proxygraph_upstream_single_flight_joins_total', labels));
    const refusals = `${labels},reason="RATE_LIMITED"`;
    assert.ok(count(after, 'proxygraph_upstream_refusals_total', refusals) > count(before, 'proxygraph_upstream_refusals_total', refusals));
    await new Promise((resolve) => setTimeout(resolve, 2_100));
  });
});

describe('metrics', () => {
  test('/metrics exports operation and upstream histograms labelled by operation, provider, endpoint and status', async () => {
    await harness.client.request(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 5 });
    const text = await metricsText();
    assert.match(text, /proxygraph_graphql_operation_duration_seconds_count\{operation_name="AccountProxies",operation_type="query",outcome="ok"\} [1-9]/);
    assert.match(text, /proxygraph_upstream_request_duration_seconds_count\{provider="webshare",endpoint="GET \/api\/v2\/proxy\/list\/",status="200"\} [1-9]/);
    assert.match(text, /proxygraph_credential_breaker_open\{provider="webshare",account_id="ws"\} 0/);
    assert.ok(!text.includes(harness.webshare.credentials.token));
  });

  test('Node.js process metrics carry the standard names Node dashboards query', async () => {
    const text = await metricsText();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds_count',
    ]) {
      assert.match(text, new RegExp(`^${name}(\\{| )`, 'm'), name);
    }
    assert.ok(!text.includes('proxygraph_process_'));
  });

  test('a provider 429 is counted as a rate-limited upstream answer', async () => {
    harness.webshare.server.injectFault({
      endpoint: 'GET /api/v2/profile/',
      status: 429,
      headers: { 'retry-after': '7' },
      body: { detail: 'Request was throttled.' },
      times: 1,
    });
    await harness.client.request('{ account(id: "ws") { profile { email } } }');
    const text = await metricsText();
    assert.match(text, /proxygraph_upstream_rate_limited_total\{provider="webshare",account_id="ws"\} [1-9]/);
  });
});

describe('readiness', () => {
  test('/ready reports every account with its capabilities and credential-breaker state', async () => {
    const response = await fetch(`${harness.proxygraph.opsUrl}/ready`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { accounts: Array<{ id: string; credentialBreakerOpen: boolean; capabilities: string[] }> };
    const account = body.accounts.find((entry) => entry.id === WEBSHARE_ACCOUNT_ID)!;
    assert.equal(account.credentialBreakerOpen, false);
    assert.ok(account.capabilities.includes('PROXIES'));
  });
});
