/**
 * Proxy lists to paste (README "Proxy lists to paste") over HTTP against an estate of four simulators:
 * every format holds exactly the proxies Query.proxies lists, in its order and with its cursors; CSV pages
 * concatenate into one RFC 4180 document; formats with passwords need the `credentials` scope and are
 * refused before any upstream call, with nothing leaked; bad arguments are refused before any upstream call;
 * a failed account ends the page with its error and the cursor retries it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startEstateHarness, type EstateHarness } from '../support/estate-harness';
import { errorCodes, GraphQLTestClient } from '../support/graphql-client';
import { assertRefusedBeforeUpstream, estateUpstreamCalls, resetEstateCalls } from '../support/estate-calls';
import {
  AccountProxyListPageDocument,
  ProxyListPageDocument,
  ProxyListReferenceDocument,
  type ProxyFilter,
  type ProxyListFormat,
  type ProxyListPageQuery,
  type ProxyListReferenceQuery,
  type ProxyProtocol,
} from '../generated/graphql';

type ReferenceProxy = ProxyListReferenceQuery['proxies']['edges'][number]['node'];

const KEYS = { admin: 'key-lists-admin-0123456789', reader: 'key-lists-reader-0123456789' } as const;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let estate: EstateHarness;
let admin: GraphQLTestClient;
let reader: GraphQLTestClient;
/** Every proxy of the estate as Query.proxies lists it, and the end cursors of its pages of 100. */
let reference: ReferenceProxy[];
let referenceCursors: string[];

async function walkReference(filter?: ProxyFilter): Promise<{ proxies: ReferenceProxy[]; cursors: string[] }> {
  const proxies: ReferenceProxy[] = [];
  const cursors: string[] = [];
  let after: string | null | undefined;
  for (let page = 0; page < 50; page++) {
    const data = await admin.data(ProxyListReferenceDocument, { first: 100, after, filter });
    proxies.push(...data.proxies.edges.map((edge) => edge.node));
    cursors.push(data.proxies.pageInfo.endCursor!);
    if (!data.proxies.pageInfo.hasNextPage) break;
    after = data.proxies.pageInfo.endCursor;
  }
  return { proxies, cursors };
}

before(async () => {
  estate = await startEstateHarness({
    server: {
      auth: {
        mode: 'apiKeys',
        keys: [
          { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['read', 'credentials'], accounts: ['*'] },
          { name: 'reader', sha256: sha256(KEYS.reader), scopes: ['read'], accounts: ['*'] },
        ],
      },
    },
  });
  admin = new GraphQLTestClient(estate.proxygraph.url, { authorization: `Bearer ${KEYS.admin}` });
  reader = new GraphQLTestClient(estate.proxygraph.url, { authorization: `Bearer ${KEYS.reader}` });
  ({ proxies: reference, cursors: referenceCursors } = await walkReference());
});
after(() => estate?.stop());

interface Walked {
  text: string;
  lineCount: number;
  skippedCount: number;
  cursors: string[];
}

/** Query.proxyList from the start to the last page, every page free of errors. */
async function walkList(
  client: GraphQLTestClient,
  format: ProxyListFormat,
  options: { protocol?: ProxyProtocol; first?: number; filter?: ProxyFilter } = {},
): Promise<Walked> {
  const walked: Walked = { text: '', lineCount: 0, skippedCount: 0, cursors: [] };
  let after: string | null | undefined;
  for (let page = 0; page < 50; page++) {
    const data = await client.data(ProxyListPageDocument, { format, protocol: options.protocol, first: options.first ?? 100, after, filter: options.filter });
    walked.text += data.proxyList.text;
    walked.lineCount += data.proxyList.lineCount;
    walked.skippedCount += data.proxyList.skippedCount;
    walked.cursors.push(data.proxyList.pageInfo.endCursor!);
    if (!data.proxyList.pageInfo.hasNextPage) return walked;
    after = data.proxyList.pageInfo.endCursor;
  }
  throw new Error('the list did not end within 50 pages');
}

const bracketed = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** What a line of `format` says for a proxy, written from the README's description of the formats. */
function expectedLine(proxy: ReferenceProxy, format: ProxyListFormat, protocol: ProxyProtocol = 'HTTP'): string | null {
  const port = protocol === 'HTTP' ? proxy.ports.http : proxy.ports.socks5;
  if (!port) return null;
  const address = `${bracketed(proxy.host)}:${port}`;
  const { username, password } = proxy;
  switch (format) {
    case 'HOST_PORT':
      return address;
    case 'HOST_PORT_USER_PASS':
      return username ? `${address}:${username}:${password ?? ''}` : address;
    case 'USER_PASS_AT_HOST_PORT':
      return username ? `${password ? `${username}:${password}` : username}@${address}` : address;
    case 'URL': {
      const auth = username ? `${encodeURIComponent(username)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
      return `${protocol === 'HTTP' ? 'http' : 'socks5'}://${auth}${address}`;
    }
    default:
      throw new Error(`no line format ${format}`);
  }
}

function expectedText(proxies: readonly ReferenceProxy[], format: ProxyListFormat, protocol?: ProxyProtocol): { text: string; skipped: number } {
  const lines = proxies.map((proxy) => expectedLine(proxy, format, protocol));
  return {
    text: lines
      .filter((line) => line !== null)
      .map((line) => `${line}\n`)
      .join(''),
    skipped: lines.filter((line) => line === null).length,
  };
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; every record ends with CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let index = 0;
  while (index < text.length) {
    let field = '';
    if (text[index] === '"') {
      index += 1;
      for (;;) {
        const quote = text.indexOf('"', index);
        assert.ok(quote >= 0, 'a quoted field is closed');
        field += text.slice(index, quote);
        index = quote + 1;
        if (text[index] !== '"') break;
        field += '"';
        index += 1;
      }
    } else {
      const stop = text.slice(index).search(/,|\r\n/);
      assert.ok(stop >= 0, 'a record ends with CRLF');
      field = text.slice(index, index + stop);
      index += stop;
    }
    record.push(field);
    if (text[index] === ',') {
      index += 1;
    } else {
      assert.ok(text.startsWith('\r\n', index), `a record ends with CRLF at ${index}`);
      records.push(record);
      record = [];
      index += 2;
    }
  }
  return records;
}

describe('every format lists exactly the proxies of Query.proxies', () => {
  test('the estate has proxies of all four accounts, some with passwords and some without a SOCKS5 port', () => {
    assert.deepEqual([...new Set(reference.map((proxy) => proxy.account.id))], ['ws', 'pm', 'wp', 'ping']);
    assert.ok(reference.some((proxy) => proxy.password) && reference.some((proxy) => !proxy.password));
    assert.ok(reference.some((proxy) => !proxy.ports.socks5));
  });

  for (const format of ['HOST_PORT', 'HOST_PORT_USER_PASS', 'USER_PASS_AT_HOST_PORT', 'URL'] as const) {
    test(`${format}: walking every page gives one line per proxy in Query.proxies' order, with its cursors`, async () => {
      const walked = await walkList(admin, format);
      const expected = expectedText(reference, format);
      assert.equal(walked.text, expected.text);
      assert.equal(walked.lineCount, reference.length - expected.skipped);
      assert.equal(walked.skippedCount, expected.skipped);
      assert.deepEqual(walked.cursors, referenceCursors);
    });
  }

  test('URL with SOCKS5 writes socks5:// lines for proxies with a SOCKS5 port and counts the others as skipped', async () => {
    const walked = await walkList(admin, 'URL', { protocol: 'SOCKS5' });
    const expected = expectedText(reference, 'URL', 'SOCKS5');
    assert.ok(expected.text.length > 0 && expected.skipped > 0);
    assert.equal(walked.text, expected.text);
    assert.equal(walked.skippedCount, expected.skipped);
    assert.ok(
      walked.text
        .split('\n')
        .filter(Boolean)
        .every((line) => line.startsWith('socks5://')),
    );
  });

  test('pages of any size concatenate to the same list with no proxy twice', async () => {
    const walked = await walkList(admin, 'HOST_PORT_USER_PASS', { first: 37 });
    assert.equal(walked.text, expectedText(reference, 'HOST_PORT_USER_PASS').text);
    const lines = walked.text.split('\n').filter(Boolean);
    assert.equal(new Set(lines).size, lines.length);
  });

  test("the filter of Query.proxies applies: a country keeps only that country's proxies", async () => {
    const { proxies } = await walkReference({ countries: ['us'] });
    assert.ok(proxies.length > 0 && proxies.length < reference.length);
    const walked = await walkList(admin, 'HOST_PORT', { filter: { countries: ['us'] } });
    assert.equal(walked.text, expectedText(proxies, 'HOST_PORT').text);
  });

  test('CSV pages concatenate into one RFC 4180 document: one header, one record per proxy, every value as Query.proxies gives it', async () => {
    const walked = await walkList(admin, 'CSV', { first: 60 });
    assert.equal(walked.skippedCount, 0);
    assert.equal(walked.lineCount, reference.length);
    const [header, ...rows] = parseCsv(walked.text);
    assert.deepEqual(header, ['provider', 'account_id', 'host', 'http_port', 'socks5_port', 'username', 'password', 'country', 'city']);
    assert.deepEqual(
      rows,
      reference.map((proxy) =>
        [proxy.provider, proxy.account.id, proxy.host, proxy.ports.http, proxy.ports.socks5, proxy.username, proxy.password, proxy.country, proxy.city].map(
          (value) => (value == null ? '' : String(value)),
        ),
      ),
    );
  });

  test('Account.proxyList walks one account the same way Account.proxies does', async () => {
    for (const id of ['ws', 'pm', 'wp', 'ping']) {
      let text = '';
      let after: string | null | undefined;
      for (let page = 0; page < 20; page++) {
        const data = await admin.data(AccountProxyListPageDocument, { id, format: 'USER_PASS_AT_HOST_PORT', first: 100, after });
        text += data.account!.proxyList!.text;
        if (!data.account!.proxyList!.pageInfo.hasNextPage) break;
        after = data.account!.proxyList!.pageInfo.endCursor;
      }
      assert.equal(
        text,
        expectedText(
          reference.filter((proxy) => proxy.account.id === id),
          'USER_PASS_AT_HOST_PORT',
        ).text,
        id,
      );
    }
  });
});

describe('passwords need the credentials scope', () => {
  test('without it every format with passwords is FORBIDDEN, on Query and Account, before any upstream call and with no password in the response', async () => {
    const passwords = [...new Set(reference.map((proxy) => proxy.password).filter((password): password is string => Boolean(password)))];
    assert.ok(passwords.length > 0);
    for (const format of ['HOST_PORT_USER_PASS', 'USER_PASS_AT_HOST_PORT', 'URL', 'CSV'] as const) {
      resetEstateCalls(estate);
      const across = await reader.request(ProxyListPageDocument, { format, first: 100 });
      assert.deepEqual(errorCodes(across), ['FORBIDDEN'], format);
      assert.equal(across.data, null);
      const one = await reader.request(AccountProxyListPageDocument, { id: 'ws', format, first: 100 });
      assert.deepEqual(errorCodes(one), ['FORBIDDEN'], format);
      assert.equal(one.data?.account?.proxyList, null);
      assert.equal(estateUpstreamCalls(estate), 0, `${format} reached a provider`);
      const body = JSON.stringify([across, one]);
      for (const password of passwords) assert.ok(!body.includes(password), `${format} leaked a password`);
    }
  });

  test('HOST_PORT needs only read, and holds no password', async () => {
    const walked = await walkList(reader, 'HOST_PORT');
    assert.equal(walked.text, expectedText(reference, 'HOST_PORT').text);
    for (const proxy of reference) if (proxy.password) assert.ok(!walked.text.includes(proxy.password));
  });
});

describe('arguments are checked before any upstream call', () => {
  test('CSV with a protocol, a page over 100 and a cursor from elsewhere are BAD_USER_INPUT with no upstream call', async () => {
    const cases = [
      { what: 'CSV with protocol', field: 'protocol', variables: { format: 'CSV', protocol: 'SOCKS5' } },
      { what: 'first: 101', field: 'first', variables: { format: 'HOST_PORT', first: 101 } },
      { what: 'a foreign cursor', field: 'after', variables: { format: 'HOST_PORT', after: 'bm90LWEtY3Vyc29y' } },
    ] as const;
    for (const { what, field, variables } of cases) {
      resetEstateCalls(estate);
      assertRefusedBeforeUpstream(estate, await admin.request(ProxyListPageDocument, variables), field, `Query.proxyList ${what}`);
      resetEstateCalls(estate);
      assertRefusedBeforeUpstream(estate, await admin.request(AccountProxyListPageDocument, { id: 'ws', ...variables }), field, `Account.proxyList ${what}`);
    }
  });
});

describe('a failed account', () => {
  test('ends the page with its error; the cursor retries it, and the walk still lists every proxy once', async () => {
    const wonder = estate.simulators.wonderproxy.server;
    wonder.injectFault({ status: 503, body: { error: 'unavailable' } });
    let text = '';
    let after: string | null | undefined;
    let stoppedAt: string | null | undefined;
    try {
      for (let page = 0; page < 20; page++) {
        const result = await admin.request(ProxyListPageDocument, { format: 'URL', first: 100, after });
        const list = result.data!.proxyList;
        text += list.text;
        if (result.errors.length > 0) {
          assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
          assert.equal(result.errors[0].extensions?.accountId, 'wp');
          assert.deepEqual(result.errors[0].path, ['proxyList']);
          assert.equal(list.pageInfo.hasNextPage, true);
          stoppedAt = list.pageInfo.endCursor;
          break;
        }
        assert.ok(list.pageInfo.hasNextPage, 'the walk reaches the failing account');
        after = list.pageInfo.endCursor;
      }
      assert.ok(stoppedAt, 'a page stopped at the failed account');
      // What came before WonderProxy is there, nothing of it or after it.
      const before = reference.filter((proxy) => proxy.account.id === 'ws' || proxy.account.id === 'pm');
      assert.equal(text, expectedText(before, 'URL').text);
      // Still down: the retry from that cursor gives nothing and the same cursor back.
      const retry = await admin.request(ProxyListPageDocument, { format: 'URL', first: 100, after: stoppedAt });
      assert.deepEqual(errorCodes(retry), ['PROVIDER_UNAVAILABLE']);
      assert.deepEqual([retry.data!.proxyList.text, retry.data!.proxyList.pageInfo.endCursor], ['', stoppedAt]);
    } finally {
      wonder.clearFaults();
    }
    after = stoppedAt;
    for (let page = 0; page < 20 && after; page++) {
      const data: ProxyListPageQuery = await admin.data(ProxyListPageDocument, { format: 'URL', first: 100, after });
      text += data.proxyList.text;
      after = data.proxyList.pageInfo.hasNextPage ? data.proxyList.pageInfo.endCursor : null;
    }
    assert.equal(text, expectedText(reference, 'URL').text);
  });
});
