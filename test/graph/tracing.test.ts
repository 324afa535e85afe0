/**
 * OpenTelemetry: a span per GraphQL operation continuing the caller's W3C trace, a client span per upstream
 * call under it whose context reaches the provider in `traceparent`, and no secret in any span. Spans go to
 * an in-memory exporter; the operation runs over HTTP against the Webshare simulator.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import { createTracing, tracingFromEnvironment } from '../../src/observability/tracing';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';
import type { RunningProxyGraph } from '../../src/app';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const exporter = new InMemorySpanExporter();
let webshare: WebshareSimulator;
let proxygraph: RunningProxyGraph;
let client: GraphQLTestClient;

before(async () => {
  webshare = await startWebshareSimulator({ seed: 4, rateLimits: false });
  proxygraph = await startTestProxyGraph([{ id: 'ws', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }], {
    tracing: createTracing({ exporter }),
  });
  client = new GraphQLTestClient(proxygraph.url);
});
after(async () => {
  await proxygraph?.stop();
  await webshare?.stop();
});
beforeEach(() => {
  exporter.reset();
  webshare.server.resetCalls();
});

test("an operation continues the caller's trace, and each upstream call is a child span whose context reaches the provider", async () => {
  const result = await client.request('query Overview { account(id: "ws") { profile { email } plan { name } } }', undefined, {
    traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`,
    'x-request-id': 'traced-request-1',
  });
  assert.deepEqual(result.errors, []);
  const spans = exporter.getFinishedSpans();
  const operation = spans.find((span) => span.kind === SpanKind.SERVER)!;
  assert.equal(operation.name, 'query Overview');
  assert.equal(operation.spanContext().traceId, TRACE_ID);
  assert.equal(operation.parentSpanContext?.spanId, PARENT_SPAN_ID);
  assert.equal(operation.attributes['graphql.operation.name'], 'Overview');
  assert.equal(operation.attributes['proxygraph.request_id'], 'traced-request-1');

  const calls = spans.filter((span) => span.kind === SpanKind.CLIENT);
  assert.equal(calls.length, webshare.server.calls.length);
  assert.ok(calls.length >= 2);
  for (const call of calls) {
    assert.equal(call.spanContext().traceId, TRACE_ID);
    assert.equal(call.parentSpanContext?.spanId, operation.spanContext().spanId);
    assert.equal(call.attributes['proxygraph.provider'], 'webshare');
    assert.equal(call.attributes['proxygraph.account_id'], 'ws');
    assert.equal(call.attributes['http.response.status_code'], 200);
    assert.match(String(call.attributes['url.template']), /^\/api\/v2\//);
  }
  // The provider saw the same trace, each call with its own span as parent.
  const sent = webshare.server.calls.map((call) => call.headers.traceparent);
  assert.deepEqual(
    sent.map((header) => header?.split('-')[1]),
    calls.map(() => TRACE_ID),
  );
  assert.deepEqual(new Set(sent.map((header) => header?.split('-')[2])), new Set(calls.map((call) => call.spanContext().spanId)));
  // No credential in any span.
  assert.ok(!JSON.stringify(spans.map((span) => ({ name: span.name, attributes: span.attributes }))).includes(webshare.credentials.token));
});

test('without a traceparent a new trace starts; an upstream error marks the call and the operation', async () => {
  webshare.server.injectFault({ endpoint: 'GET /api/v2/profile/', status: 404, body: { detail: 'Not found.' }, times: 1 });
  await client.request('{ account(id: "ws") { profile { email } } }');
  const spans = exporter.getFinishedSpans();
  const operation = spans.find((span) => span.kind === SpanKind.SERVER)!;
  assert.equal(operation.parentSpanContext, undefined);
  assert.equal(operation.status.code, SpanStatusCode.ERROR);
  const call = spans.find((span) => span.kind === SpanKind.CLIENT)!;
  assert.equal(call.attributes['http.response.status_code'], 404);
  assert.equal(call.status.code, SpanStatusCode.ERROR);
});

test('tracing is off unless the OTEL_* variables ask for it', () => {
  assert.equal(tracingFromEnvironment({}, '0.1.0'), undefined);
  assert.equal(tracingFromEnvironment({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, '0.1.0'), undefined);
  assert.equal(tracingFromEnvironment({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }, '0.1.0'), undefined);
  const on = tracingFromEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' }, '0.1.0');
  assert.ok(on);
  void on.shutdown();
});
