/**
 * ProxyMesh gateways are used with the parent account's username and password, so Proxy.url is ready to use
 * under the `credentials` scope (like Webshare's and Ping's); without that scope it keeps the username and
 * leaves the password out, and Proxy.password is FORBIDDEN. A gateway host's exit IPs rotate and are not
 * listed: its server says "unknown" (null), never an empty list.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startProxyMeshHarness, PROXYMESH_ACCOUNT_ID, type ProxyMeshHarness } from '../support/proxymesh-harness';
import { errorCodes } from '../support/graphql-client';
import { ProxyMeshProxySecretsDocument, ProxyMeshProxyUrlsDocument, ProxyMeshServerIpsDocument } from '../generated/graphql';

const KEYS = { reader: 'key-reader-pm-url-0123456789', admin: 'key-admin-pm-url-0123456789' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
let harness: ProxyMeshHarness;

before(async () => {
  harness = await startProxyMeshHarness({
    auth: {
      mode: 'apiKeys',
      keys: [
        { name: 'reader', sha256: sha256(KEYS.reader), scopes: ['read'], accounts: ['*'] },
        { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['read', 'credentials'], accounts: ['*'] },
      ],
    },
  });
});
after(() => harness?.stop());

const as = (key: string) => harness.client.withHeaders({ authorization: `Bearer ${key}` });

describe('ProxyMesh Proxy.url and the credentials scope', () => {
  test('under the credentials scope the url carries the parent password and Proxy.password is that password', async () => {
    const { username, password } = harness.proxymesh.credentials;
    const data = await as(KEYS.admin).data(ProxyMeshProxySecretsDocument, { id: PROXYMESH_ACCOUNT_ID, first: 1 });
    const proxy = data.account!.proxies!.edges[0].node;
    assert.equal(proxy.username, username);
    assert.equal(proxy.password, password);
    assert.equal(proxy.url, `http://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${proxy.host}:31280`);
  });

  test('without the scope the url has the username and no password, and Proxy.password is FORBIDDEN', async () => {
    const { username, password } = harness.proxymesh.credentials;
    const urls = await as(KEYS.reader).request(ProxyMeshProxyUrlsDocument, { id: PROXYMESH_ACCOUNT_ID, first: 3 });
    assert.deepEqual(errorCodes(urls), []);
    for (const edge of urls.data!.account!.proxies!.edges) {
      assert.equal(edge.node.url, `http://${encodeURIComponent(username)}@${edge.node.host}:31280`);
    }
    assert.ok(!JSON.stringify(urls).includes(password));
    const secrets = await as(KEYS.reader).request(ProxyMeshProxySecretsDocument, { id: PROXYMESH_ACCOUNT_ID, first: 1 });
    assert.deepEqual(errorCodes(secrets), ['FORBIDDEN']);
    assert.ok(!JSON.stringify(secrets).includes(password));
  });
});

describe('ProxyMesh servers', () => {
  test("a gateway host's exit IPs and their count are unknown (null), not an empty list", async () => {
    const data = await as(KEYS.reader).data(ProxyMeshServerIpsDocument, { id: PROXYMESH_ACCOUNT_ID });
    const servers = data.account!.servers!;
    assert.ok(servers.length > 0);
    for (const server of servers) {
      assert.equal(server.ips, null, server.hostname);
      assert.equal(server.ipCount, null, server.hostname);
    }
  });
});
