/**
 * The offline explorer: GraphiQL at /graphiql with every asset served by ProxyGraph itself (no CDN), example
 * operations that are valid against the schema, `/` leading to it, and none of it when it is turned off.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, validate } from 'graphql';
import { startHarness, type Harness } from '../support/harness';
import { buildProxyGraphSchema } from '../../src/schema/build';
import { EXAMPLE_OPERATIONS } from '../../src/http/explorer';

describe('with the explorer on (development and demo mode)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ server: { explorer: true } });
  });
  after(() => harness?.stop());

  test('the page loads every script and stylesheet from ProxyGraph itself, and each is served', async () => {
    const response = await fetch(`${harness.baseUrl}/graphiql`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const html = await response.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    assert.equal(references.length, 5);
    assert.doesNotMatch(html, /https?:\/\//);
    for (const reference of references) {
      assert.match(reference, /^\/graphiql\/assets\/[a-z-]+\.(js|css)$/);
      const asset = await fetch(`${harness.baseUrl}${reference}`);
      assert.equal(asset.status, 200, reference);
      assert.match(asset.headers.get('content-type') ?? '', reference.endsWith('.css') ? /text\/css/ : /javascript/);
      const body = await asset.text();
      assert.ok(body.length > (reference.endsWith('start.js') ? 100 : 10_000), reference);
      assert.doesNotMatch(body, /https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/);
    }
    const start = await (await fetch(`${harness.baseUrl}/graphiql/assets/start.js`)).text();
    assert.match(start, /"\/graphql"/);
    for (const operation of EXAMPLE_OPERATIONS) assert.ok(start.includes(JSON.stringify(`# ${operation.title}`).slice(1, -1)), operation.title);
  });

  test('/ leads to the explorer; an unknown asset is 404', async () => {
    const root = await fetch(`${harness.baseUrl}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/graphiql');
    assert.equal((await fetch(`${harness.baseUrl}/graphiql/assets/secrets.json`)).status, 404);
  });
});

test('the example operations are valid against the schema', async () => {
  const { schema } = await buildProxyGraphSchema();
  for (const operation of EXAMPLE_OPERATIONS)
    assert.deepEqual(
      validate(schema, parse(operation.query)).map((error) => error.message),
      [],
      operation.title,
    );
});

describe('with the explorer off (production default)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ server: { explorer: false } });
  });
  after(() => harness?.stop());

  test('/graphiql answers 404; / leads to the dashboard instead (404 too with server.app off, test/graph/web-app.test.ts)', async () => {
    assert.equal((await fetch(`${harness.baseUrl}/graphiql`)).status, 404);
    const root = await fetch(`${harness.baseUrl}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/app');
  });
});
