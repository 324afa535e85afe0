/**
 * Proxy lists to paste (domain/proxy-list-format.ts and domain/proxy-lists.ts): each format line by line,
 * CSV quoting, IPv6 hosts, proxies without credentials or without a port, which arguments go together, and
 * the `credentials` scope refused before any provider is asked.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isCode, ProxyGraphError } from '../../src/core/errors';
import type { ProxyRecord } from '../../src/providers/contract/records';
import type { ListWindow } from '../../src/providers/contract/params';
import type { ProxiesFacet } from '../../src/providers/contract/session';
import {
  CSV_COLUMNS,
  csvField,
  formatCarriesCredentials,
  proxyListOptions,
  renderProxyList,
  type ListedProxy,
  type ProxyListFormat,
  type ProxyListProtocol,
} from '../../src/domain/proxy-list-format';
import { accountProxyList, proxyListAcrossAccounts } from '../../src/domain/proxy-lists';
import { fakeScope } from '../support/fake-accounts';

const proxy = (record: Partial<ProxyRecord>): ListedProxy => ({
  record: { nativeId: 'n', host: '203.0.113.7', httpPort: 8080, socks5Port: 1080, username: 'alice', password: 's3cret', status: 'OK', ...record },
  provider: 'WEBSHARE',
  accountId: 'ws',
});

function render(proxies: ListedProxy[], format: ProxyListFormat, protocol?: ProxyListProtocol | null, withHeader = false) {
  return renderProxyList(proxies, proxyListOptions(format, protocol), withHeader);
}

describe('line formats', () => {
  const one = [proxy({})];

  test('each format writes one line per proxy, ending with LF', () => {
    assert.equal(render(one, 'HOST_PORT').text, '203.0.113.7:8080\n');
    assert.equal(render(one, 'HOST_PORT_USER_PASS').text, '203.0.113.7:8080:alice:s3cret\n');
    assert.equal(render(one, 'USER_PASS_AT_HOST_PORT').text, 'alice:s3cret@203.0.113.7:8080\n');
    assert.equal(render(one, 'URL').text, 'http://alice:s3cret@203.0.113.7:8080\n');
    assert.equal(render(one, 'URL', 'SOCKS5').text, 'socks5://alice:s3cret@203.0.113.7:1080\n');
    assert.equal(render(one, 'HOST_PORT', 'SOCKS5').text, '203.0.113.7:1080\n');
    assert.equal(render([proxy({}), proxy({ host: 'b.example' })], 'HOST_PORT').lineCount, 2);
  });

  test('an IPv6 host is bracketed wherever a port follows it', () => {
    const v6 = [proxy({ host: '2001:db8::1' })];
    assert.equal(render(v6, 'URL').text, 'http://alice:s3cret@[2001:db8::1]:8080\n');
    assert.equal(render(v6, 'URL', 'SOCKS5').text, 'socks5://alice:s3cret@[2001:db8::1]:1080\n');
    assert.equal(render(v6, 'HOST_PORT').text, '[2001:db8::1]:8080\n');
    assert.equal(render(v6, 'HOST_PORT_USER_PASS').text, '[2001:db8::1]:8080:alice:s3cret\n');
    assert.equal(render(v6, 'USER_PASS_AT_HOST_PORT').text, 'alice:s3cret@[2001:db8::1]:8080\n');
    // As CSV the host is a column of its own: no brackets.
    assert.match(render(v6, 'CSV').text, /,2001:db8::1,8080,1080,/);
  });

  test('a proxy without credentials is host:port in every line format; a username without password keeps its place', () => {
    const open = [proxy({ username: null, password: null })];
    assert.equal(render(open, 'HOST_PORT_USER_PASS').text, '203.0.113.7:8080\n');
    assert.equal(render(open, 'USER_PASS_AT_HOST_PORT').text, '203.0.113.7:8080\n');
    assert.equal(render(open, 'URL').text, 'http://203.0.113.7:8080\n');
    const userOnly = [proxy({ password: null })];
    assert.equal(render(userOnly, 'HOST_PORT_USER_PASS').text, '203.0.113.7:8080:alice:\n');
    assert.equal(render(userOnly, 'USER_PASS_AT_HOST_PORT').text, 'alice@203.0.113.7:8080\n');
    assert.equal(render(userOnly, 'URL').text, 'http://alice@203.0.113.7:8080\n');
  });

  test('URLs percent-encode user and password, so any value fits', () => {
    const odd = [proxy({ username: 'a:b@c', password: 'p@ss:w/rd#?\n' })];
    assert.equal(render(odd, 'URL').text, 'http://a%3Ab%40c:p%40ss%3Aw%2Frd%23%3F%0A@203.0.113.7:8080\n');
  });

  test('a proxy the format cannot hold is left out and counted: no port for the protocol, a line break, a separator in the username', () => {
    const proxies = [
      proxy({ nativeId: 'ok' }),
      proxy({ socks5Port: null }),
      proxy({ password: 'two\nlines' }),
      proxy({ username: 'user:name' }),
      proxy({ username: 'user@name' }),
    ];
    const socks = render(proxies, 'HOST_PORT', 'SOCKS5');
    assert.equal(socks.lineCount, 4);
    assert.equal(socks.skippedCount, 1);
    const colon = render(proxies, 'HOST_PORT_USER_PASS');
    assert.deepEqual([colon.lineCount, colon.skippedCount], [3, 2]);
    assert.ok(!colon.text.includes('two'), 'a line break never reaches the text');
    const at = render(proxies, 'USER_PASS_AT_HOST_PORT');
    assert.deepEqual([at.lineCount, at.skippedCount], [2, 3]);
    const url = render(proxies, 'URL', 'SOCKS5');
    assert.deepEqual([url.lineCount, url.skippedCount], [4, 1]);
    assert.equal(url.text.split('\n').length, 5, 'four lines, each ending with LF');
  });

  test('an empty page is empty text', () => {
    assert.deepEqual(render([], 'URL'), { text: '', lineCount: 0, skippedCount: 0 });
  });
});

describe('CSV (RFC 4180)', () => {
  test('a header row when the page starts the document, CRLF after every record, both ports and empty fields for nulls', () => {
    const csv = render([proxy({ country: 'US', city: 'New York' }), proxy({ username: null, password: null, socks5Port: null })], 'CSV', null, true);
    assert.equal(
      csv.text,
      `${CSV_COLUMNS.join(',')}\r\n` + 'WEBSHARE,ws,203.0.113.7,8080,1080,alice,s3cret,US,New York\r\n' + 'WEBSHARE,ws,203.0.113.7,8080,,,,,\r\n',
    );
    assert.equal(csv.lineCount, 2);
    assert.equal(render([proxy({})], 'CSV', null, false).text.startsWith('provider,'), false);
  });

  test('fields holding a comma, a quote or a line break are quoted, quotes doubled; nothing is skipped', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\r\nlines'), '"two\r\nlines"');
    assert.equal(csvField(null), '');
    const csv = render([proxy({ username: 'a,b', password: 'q"\nx', city: 'Washington, D.C.' })], 'CSV');
    assert.equal(csv.text, 'WEBSHARE,ws,203.0.113.7,8080,1080,"a,b","q""\nx",,"Washington, D.C."\r\n');
    assert.equal(csv.skippedCount, 0);
  });
});

describe('arguments and scope', () => {
  test('only HOST_PORT goes without passwords', () => {
    const formats: ProxyListFormat[] = ['HOST_PORT', 'HOST_PORT_USER_PASS', 'USER_PASS_AT_HOST_PORT', 'URL', 'CSV'];
    assert.deepEqual(formats.filter(formatCarriesCredentials), ['HOST_PORT_USER_PASS', 'USER_PASS_AT_HOST_PORT', 'URL', 'CSV']);
  });

  test('CSV with a protocol is BAD_USER_INPUT naming protocol; other formats default to HTTP', () => {
    assert.throws(
      () => proxyListOptions('CSV', 'SOCKS5'),
      (error: unknown) => isCode(error, 'BAD_USER_INPUT') && Object.keys(error.details.fields ?? {}).includes('protocol'),
    );
    assert.deepEqual(proxyListOptions('URL', null), { format: 'URL', protocol: 'HTTP' });
    assert.deepEqual(proxyListOptions('CSV', undefined), { format: 'CSV', protocol: null });
  });

  /** Proxies `<prefix>-<n>` on host `<prefix>.example` with credentials, counting list calls, failing while `failing()`. */
  function fakeProxies(prefix: string, count: number, failing: () => boolean = () => false): ProxiesFacet & { calls: ListWindow[] } {
    const all: ProxyRecord[] = Array.from({ length: count }, (_, index) => ({
      nativeId: `${prefix}-${index}`,
      host: `${prefix}${index}.example`,
      httpPort: 8000 + index,
      username: 'u',
      password: 'secret-pw',
      status: 'OK',
    }));
    const calls: ListWindow[] = [];
    return {
      calls,
      async list(window) {
        calls.push(window);
        if (failing()) throw new ProxyGraphError('PROVIDER_UNAVAILABLE', `${prefix} is down`);
        const items = all.slice(window.offset, window.offset + window.limit);
        return { items, totalCount: count, hasMore: window.offset + items.length < count };
      },
      async get() {
        return null;
      },
    };
  }

  test('without the credentials scope a format with passwords is FORBIDDEN before any provider is asked; HOST_PORT needs only read', async () => {
    const proxies = fakeProxies('a', 2);
    const scope = fakeScope([{ id: 'a', session: () => ({ proxies }) }], { scopes: ['read'] });
    for (const format of ['HOST_PORT_USER_PASS', 'USER_PASS_AT_HOST_PORT', 'URL', 'CSV'] as const) {
      await assert.rejects(proxyListAcrossAccounts(scope, 10, null, { format, query: {} }), (error: unknown) => isCode(error, 'FORBIDDEN'));
      await assert.rejects(accountProxyList(scope, 'a', { offset: 0, limit: 10 }, { format, query: {} }), (error: unknown) => isCode(error, 'FORBIDDEN'));
    }
    assert.equal(proxies.calls.length, 0);
    const page = await proxyListAcrossAccounts(scope, 10, null, { format: 'HOST_PORT', query: {} });
    assert.equal(page.text, 'a0.example:8000\na1.example:8001\n');
    assert.ok(!page.text.includes('secret-pw'));
  });

  test('across accounts a failed account ends the page; the CSV header waits for the page that holds the first row', async () => {
    let aDown = true;
    const scope = fakeScope([
      { id: 'a', session: () => ({ proxies: fakeProxies('a', 2, () => aDown) }) },
      { id: 'b', session: () => ({ proxies: fakeProxies('b', 1) }) },
    ]);
    const failed = await proxyListAcrossAccounts(scope, 10, null, { format: 'CSV', query: {} });
    assert.deepEqual([failed.text, failed.hasNextPage, failed.endCursor], ['', true, null]);
    assert.deepEqual(
      failed.failures.map((failure) => failure.account.id),
      ['a'],
    );
    aDown = false;
    const retried = await proxyListAcrossAccounts(scope, 10, failed.endCursor, { format: 'CSV', query: {} });
    assert.equal(retried.text.split('\r\n').filter(Boolean).length, 4, 'header + three rows');
    assert.equal(retried.hasNextPage, false);
  });
});
