/**
 * The upstream layer's last line of defence for URL paths (issue 11, item 6): the path builder every client
 * uses percent-encodes each parameter and refuses a segment that is empty, `.`, `..` or carries a `/` (also
 * percent-encoded), and the gateway refuses such a path whoever built it, with a typed error and no call.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathWith } from '../../src/upstream/path';
import { UpstreamGateway } from '../../src/upstream/http';
import { ProxyGraphError } from '../../src/core/errors';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';
import { webshareTarget } from '../../src/providers/webshare/client';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ProxyGraphError, String(error));
    return error.code;
  }
  return 'no error';
}

describe('pathWith', () => {
  test('percent-encodes each parameter into its segment', () => {
    assert.equal(pathWith('/api/v2/subuser/:id/refresh/', { id: '42' }), '/api/v2/subuser/42/refresh/');
    assert.equal(pathWith('/public/user/service/edit/:service_id', { service_id: 'API-1234-5678' }), '/public/user/service/edit/API-1234-5678');
    assert.equal(pathWith('/v0/contract/servers/:name', { name: 'a b?c#d' }), '/v0/contract/servers/a%20b%3Fc%23d');
    assert.equal(pathWith('/api/v2/subscription/plan/:id/', { id: 7 }), '/api/v2/subscription/plan/7/');
  });

  test('refuses an empty, dot, dot-dot, slash-bearing or control-character segment, also percent-encoded, with BAD_USER_INPUT', () => {
    for (const value of ['', '.', '..', 'a/b', '/', '..%2f', '%2e%2e', '%2E', '%2f', 'a%5Cb', 'a\\b', 'a\u0000b', '\n']) {
      assert.equal(
        codeOf(() => pathWith('/api/v2/subuser/:id/', { id: value })),
        'BAD_USER_INPUT',
        JSON.stringify(value),
      );
    }
  });

  test('a template naming a parameter it is not given is a programming error, not a request', () => {
    assert.throws(() => pathWith('/api/v2/subuser/:id/', {}), /id/);
  });
});

describe('the gateway refuses a path with a dot, dot-dot or empty segment, before any call', () => {
  let webshare: WebshareSimulator;
  before(async () => {
    webshare = await startWebshareSimulator({ seed: 3, rateLimits: false });
  });
  after(() => webshare?.stop());

  test('DELETE /api/v2/subuser/../ and its encoded and empty-segment variants are refused with no call', async () => {
    const gateway = new UpstreamGateway();
    const channel = gateway.channel(webshareTarget('ws', webshare.credentials.token, webshare.origin));
    try {
      for (const path of [
        '/api/v2/subuser/../',
        '/api/v2/subuser/./',
        '/api/v2/subuser/%2e%2E/',
        '/api/v2//subuser/',
        '/api/v2/subuser/a%2fb/',
        '/api/v2/subuser/..',
      ]) {
        await assert.rejects(
          channel.send({ method: 'DELETE', path, endpoint: 'DELETE /api/v2/subuser/:id/' }),
          (error: unknown) => error instanceof ProxyGraphError && error.code === 'BAD_USER_INPUT',
          path,
        );
      }
      assert.equal(webshare.server.calls.length, 0);
      assert.equal(gateway.callLog.count(), 0);
      // A well-formed path still goes out.
      await channel.send({ method: 'GET', path: '/api/v2/profile/', endpoint: 'GET /api/v2/profile/' });
      assert.equal(webshare.server.calls.length, 1);
    } finally {
      await gateway.close();
    }
  });
});
