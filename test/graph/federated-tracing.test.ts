/**
 * Federated tracing: a router that asks for this subgraph's trace (`apollo-federation-include-trace: ftv1`)
 * gets it in `extensions.ftv1`; nobody else does, and with a router secret configured only the router does.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { startHarness, type Harness } from '../support/harness';

const QUERY = '{ account(id: "ws") { id profile { email } } }';
const TRACE_HEADER = { 'apollo-federation-include-trace': 'ftv1' };

async function ftv1Of(harness: Harness, headers: Record<string, string>): Promise<string | undefined> {
  const response = await fetch(harness.proxygraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await response.json()) as { errors?: unknown[]; extensions?: { ftv1?: string } };
  assert.equal(body.errors, undefined);
  return body.extensions?.ftv1;
}

describe('without a router secret', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness?.stop());

  test('a request asking for ftv1 gets a trace of the fields it resolved; one not asking gets none', async () => {
    const encoded = await ftv1Of(harness, TRACE_HEADER);
    assert.ok(encoded);
    const trace = Trace.decode(Buffer.from(encoded, 'base64'));
    const fieldNames = (node: Trace.INode | null | undefined): string[] =>
      (node?.child ?? []).flatMap((child) => [String(child.responseName ?? ''), ...fieldNames(child)]);
    assert.ok(fieldNames(trace.root).includes('account'));
    assert.ok(Number(trace.durationNs) > 0);
    assert.equal(await ftv1Of(harness, {}), undefined);
  });
});

describe('with a router secret', () => {
  const secret = 'router-secret-for-traces-0123456789';
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ server: { routerSecret: secret } });
  });
  after(() => harness?.stop());

  test('only a request carrying the secret gets a trace', async () => {
    assert.equal(await ftv1Of(harness, TRACE_HEADER), undefined);
    assert.equal(await ftv1Of(harness, { ...TRACE_HEADER, 'x-router-secret': 'wrong-secret-wrong-secret-01' }), undefined);
    assert.ok(await ftv1Of(harness, { ...TRACE_HEADER, 'x-router-secret': secret }));
  });
});
