/**
 * The dashboard as the server serves it (src/http/web-app.ts), without a browser: index.html for every /app
 * path with a strict Content-Security-Policy, hashed assets with their content types, no CDN, 404 for a
 * missing asset, off with `server.app: false`; and every operation the dashboard sends is valid against the
 * schema (the usage-history one once Account.usageHistory exists).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import express from 'express';
import { parse, validate } from 'graphql';
import { startHarness, type Harness } from '../support/harness';
import { REPO_ROOT } from '../support/paths';
import { buildProxyGraphSchema } from '../../src/schema/build';
import { mountWebApp, WEB_APP_CSP } from '../../src/http/web-app';

describe('with the dashboard on (the default) and the explorer off', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ server: { explorer: false } });
  });
  after(() => harness?.stop());

  test('/app and any page under it answer index.html with the CSP; every asset it names is served with its type', async () => {
    for (const path of ['/app', '/app/', '/app/proxies', '/app/access/anything']) {
      const response = await fetch(`${harness.baseUrl}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(response.headers.get('content-security-policy'), WEB_APP_CSP);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      const html = await response.text();
      assert.match(html, /<div id="root"><\/div>/);
      assert.doesNotMatch(html, /https?:\/\//);
      // No inline script or style: the CSP allows neither.
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
      assert.doesNotMatch(html, /<style/);
    }
    const html = await (await fetch(`${harness.baseUrl}/app`)).text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    assert.ok(references.some((reference) => reference.endsWith('.js')) && references.some((reference) => reference.endsWith('.css')), references.join(' '));
    for (const reference of references) {
      assert.match(reference, /^\/app\/(assets\/[\w-]+\.(js|css)|favicon\.svg)$/);
      const asset = await fetch(`${harness.baseUrl}${reference}`);
      assert.equal(asset.status, 200, reference);
      const type = asset.headers.get('content-type') ?? '';
      assert.match(type, reference.endsWith('.css') ? /^text\/css/ : reference.endsWith('.js') ? /^text\/javascript/ : /^image\/svg\+xml/, reference);
      if (reference.includes('/assets/')) assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.doesNotMatch(await asset.text(), /https?:\/\/(unpkg|cdn|cdnjs|jsdelivr|fonts\.googleapis)/);
    }
  });

  test('a missing asset is 404, never the page; / leads to the dashboard when the explorer is off', async () => {
    assert.equal((await fetch(`${harness.baseUrl}/app/assets/missing.js`)).status, 404);
    assert.equal((await fetch(`${harness.baseUrl}/app/config.json`)).status, 404);
    const root = await fetch(`${harness.baseUrl}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/app');
  });
});

describe('with server.app: false', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ server: { app: false, explorer: false } });
  });
  after(() => harness?.stop());

  test('/app answers 404, and so does / with the explorer off too', async () => {
    assert.equal((await fetch(`${harness.baseUrl}/`, { redirect: 'manual' })).status, 404);
    assert.equal((await fetch(`${harness.baseUrl}/app`)).status, 404);
    assert.equal((await fetch(`${harness.baseUrl}/app/proxies`)).status, 404);
  });
});

test('an unbuilt dashboard answers 503 with how to build it, and the server still starts', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'proxygraph-web-'));
  const missing: string[] = [];
  const app = express();
  mountWebApp(app, { directory: empty, onMissing: (directory) => missing.push(directory) });
  const server = http.createServer(app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/app`);
    assert.equal(response.status, 503);
    assert.match(await response.text(), /npm run build/);
    assert.deepEqual(missing, [empty]);
  } finally {
    server.close();
    rmSync(empty, { recursive: true, force: true });
  }
});

/** The gql`…` documents in the dashboard's sources, by file. */
function dashboardOperations(): { file: string; source: string }[] {
  const found: { file: string; source: string }[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name))
        for (const match of readFileSync(path, 'utf8').matchAll(/gql`([^`]*)`/g)) found.push({ file: path, source: match[1] });
    }
  };
  walk(join(REPO_ROOT, 'web', 'src'));
  return found;
}

test('every operation the dashboard sends, subscription and usage history included, is valid against the schema', async () => {
  const { schema } = await buildProxyGraphSchema();
  const operations = dashboardOperations();
  assert.ok(operations.length >= 15, `${operations.length} operations found`);
  for (const { file, source } of operations) {
    assert.deepEqual(
      validate(schema, parse(source)).map((error) => error.message),
      [],
      file,
    );
  }
  assert.ok(operations.some(({ source }) => /subscription DashboardProxyStatusChanges/.test(source)));
  assert.ok(operations.some(({ source }) => /usageHistory\(/.test(source)));
});
