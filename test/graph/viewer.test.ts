/**
 * Query.viewer over HTTP: what a client (the dashboard) learns about its own key: the name, the scopes as
 * auth.ts knows them, and whether authentication is on; refused without a valid key like any query.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness';
import { errorCodes } from '../support/graphql-client';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const VIEWER = '{ viewer { name scopes authenticated } }';
const KEYS = { admin: 'viewer-admin-key-0123456789', reader: 'viewer-reader-key-0123456789', writer: 'viewer-writer-key-0123456789' };

describe('with API keys', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({
      auth: {
        mode: 'apiKeys',
        keys: [
          { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['credentials', 'write', 'read'], accounts: ['*'] },
          { name: 'reader', sha256: sha256(KEYS.reader), scopes: ['read'], accounts: ['ws'] },
          { name: 'writer', sha256: sha256(KEYS.writer), scopes: ['write'], accounts: ['ws'] },
        ],
      },
    });
  });
  after(() => harness?.stop());

  test('each key sees its own name and scopes, in read, write, credentials order', async () => {
    const as = (key: string) => harness.client.withHeaders({ authorization: `Bearer ${key}` });
    assert.deepEqual((await as(KEYS.admin).data<any, unknown>(VIEWER)).viewer, {
      name: 'admin',
      scopes: ['read', 'write', 'credentials'],
      authenticated: true,
    });
    assert.deepEqual((await as(KEYS.reader).data<any, unknown>(VIEWER)).viewer, { name: 'reader', scopes: ['read'], authenticated: true });
    // A key without `read` may still ask who it is: viewer needs no scope.
    assert.deepEqual((await as(KEYS.writer).data<any, unknown>(VIEWER)).viewer, { name: 'writer', scopes: ['write'], authenticated: true });
  });

  test('no key or a wrong key is UNAUTHENTICATED (401), as for any other query', async () => {
    const missing = await harness.client.request(VIEWER);
    assert.equal(missing.status, 401);
    assert.deepEqual(errorCodes(missing), ['UNAUTHENTICATED']);
    const wrong = await harness.client.request(VIEWER, undefined, { authorization: 'Bearer not-a-key' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(errorCodes(wrong), ['UNAUTHENTICATED']);
  });
});

describe('with authentication off (demo mode)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness?.stop());

  test('viewer says nobody signed in and every scope applies', async () => {
    const data = await harness.client.data<any, unknown>(VIEWER);
    assert.deepEqual(data.viewer, { name: null, scopes: ['read', 'write', 'credentials'], authenticated: false });
  });
});
