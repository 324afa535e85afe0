/**
 * Echoed secrets (issue 11, item 12). A provider's error body may repeat the credential it was sent, in any
 * shape: raw, JSON-escaped, as the Basic header, URL- or form-encoded, base64 at any alignment, as a field
 * name or message, as a request id. Whatever the shape, the configured secret values and their derived
 * forms reach no GraphQL response, no `extensions`, no mutation payload and no log line. Also: a config
 * file that is not valid JSON is reported by line and column, never by its content.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { AccountConfig } from '../../src/config/schema';
import type { RunningProxyGraph } from '../../src/app';
import type { ProviderSimulator } from '../../src/simulators/kit';
import { startWebshareSimulator } from '../../src/simulators/webshare';
import { startProxyMeshSimulator } from '../../src/simulators/proxymesh';
import { startWonderProxySimulator } from '../../src/simulators/wonderproxy';
import { startPingProxiesSimulator } from '../../src/simulators/pingproxies';
import { secretRedactor } from '../../src/core/redact';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import { CLI_PATH } from '../support/paths';

// Secrets with the characters every encoding treats differently (`/ + = & % " \` and a space), so each
// derived form is distinct from the raw value. Header-borne ones stay header-safe.
const WEBSHARE_TOKEN = 'wsT0ken/9f8e+7d6c5b4a3210=Zq';
const PM_USERNAME = 'acme-parent-user';
const PM_PASSWORD = 'pm"P@ss\\w0rd/with+sym&bol% x';
const PM_BEARER = 'pmBearer+Tok/en_51c0ffee==';
const WP_TOKEN = 'wp"T0ken\\wi/th+odd&chars';
const PING_PUBLIC = 'pub_0123456789abcdefPUBLIC';
const PING_PRIVATE = 'priv_S3CRET/+=key_fedcba98';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const formEncoded = (text: string) => new URLSearchParams({ v: text }).toString().slice(2);
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);
const htmlEscaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** Every character as a JSON \u escape: what a raw body can hold that decodes to the secret. */
const unicodeEscaped = (text: string) => [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
/** The base64 of `text` placed `offset` bytes into a longer value, without the characters it shares with its neighbours. */
const b64Inside = (text: string, offset: number) => b64(`${'ab'.slice(0, offset)}${text}xy`).slice(Math.ceil((offset * 4) / 3) + 1, -4);

/** The forms of a secret that must appear nowhere (the test's own list, independent of the implementation). */
function forbiddenForms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    formEncoded(secret),
    jsonEscaped(secret),
    b64(secret),
    b64url(secret),
    b64Inside(secret, 1),
    b64Inside(secret, 2),
  ];
}

type ProviderKey = 'webshare' | 'proxymesh' | 'proxymeshBearer' | 'wonderproxy' | 'pingproxies';

interface Account {
  key: ProviderKey;
  id: string;
  secrets: string[];
  /** The Authorization value the account sends, as a provider would echo it. */
  basic?: string;
  /** Wraps a message in the provider's error body. */
  body(message: string): unknown;
  /** Field-error bodies, for providers whose error bodies carry them. */
  fieldBodies?: (secret: string) => Array<{ name: string; body: unknown }>;
  /** Request-id bodies, for providers whose error bodies carry one. */
  requestIdBody?: (requestId: string) => unknown;
  query: string;
}

const ACCOUNTS: Account[] = [
  {
    key: 'webshare',
    id: 'ws',
    secrets: [WEBSHARE_TOKEN],
    body: (message) => ({ detail: message }),
    fieldBodies: (secret) => [
      { name: 'field message', body: { ip_address: [`${secret} is not a valid IP`] } },
      { name: 'field name', body: { [secret]: ['Unknown field.'] } },
      { name: 'live DRF field error object', body: { username: [{ message: `taken by ${secret}`, code: 'invalid' }] } },
      { name: 'DRF code beside the detail', body: { detail: 'Invalid token.', code: secret } },
    ],
    query: '{ account(id: "ws") { profile { email } } }',
  },
  {
    key: 'proxymesh',
    id: 'pm',
    secrets: [PM_USERNAME, PM_PASSWORD],
    basic: b64(`${PM_USERNAME}:${PM_PASSWORD}`),
    body: (message) => ({ error: message }),
    fieldBodies: (secret) => [
      { name: 'form error message', body: { ip: [`${secret} is not valid`] } },
      { name: 'form error field name', body: { [secret]: ['This field is required.'] } },
      { name: 'form error as a string', body: { username: `no sub-account ${secret}` } },
    ],
    query: '{ account(id: "pm") { ipAuthorizations { ip } } }',
  },
  {
    key: 'proxymeshBearer',
    id: 'pm-bearer',
    secrets: [PM_BEARER],
    body: (message) => ({ error: message }),
    fieldBodies: (secret) => [{ name: 'form error field name', body: { [secret]: ['This field is required.'] } }],
    query: '{ account(id: "pm-bearer") { ipAuthorizations { ip } } }',
  },
  {
    key: 'wonderproxy',
    id: 'wp',
    secrets: [WP_TOKEN],
    basic: b64(`${WP_TOKEN}:`),
    body: (message) => ({ message }),
    query: '{ account(id: "wp") { profile { email } } }',
  },
  {
    key: 'pingproxies',
    id: 'ping',
    secrets: [PING_PUBLIC, PING_PRIVATE],
    body: (message) => ({ error: 'Bad Request', message, api_request_id: 'req-4f1c' }),
    requestIdBody: (requestId) => ({ error: 'Bad Request', message: 'The request was invalid.', api_request_id: requestId }),
    query: '{ account(id: "ping") { profile { email } } }',
  },
];

interface Shape {
  name: string;
  /** The error body (an object is sent as JSON; a string as is). */
  body: unknown;
  /** Forms specific to this shape that would show the secret travelled. */
  needles: string[];
}

/** The message shapes of one secret, in the account's error body. */
function messageShapes(account: Account, secret: string): Shape[] {
  const shapes: Array<[string, string, string[]?]> = [
    ['raw', `invalid credential ${secret}`],
    ['glued to words', `xx${secret}yy`],
    ['as an Authorization header', `Authorization: Token ${secret}`],
    ['after a plain key name', `value=${secret}`],
    ['base64', `key ${b64(secret)}`],
    ['base64 one byte in', `blob ${b64(`a${secret}xy`)}`, [b64Inside(secret, 1)]],
    ['base64 two bytes in', `blob ${b64(`ab${secret}xy`)}`, [b64Inside(secret, 2)]],
    ['base64url', `state=${b64url(secret)}`],
    ['URL-encoded in a query string', `GET /api/x?token=${encodeURIComponent(secret)}`],
    ['form-encoded', `body was key=${formEncoded(secret)}`],
    ['inside a JSON string', `received ${JSON.stringify({ credentials: secret })}`],
    ['inside doubly encoded JSON', `received ${JSON.stringify(JSON.stringify({ token: secret }))}`, [jsonEscaped(jsonEscaped(secret))]],
    ['JSON with escaped slashes', `got "${jsonEscaped(secret).replace(/\//g, '\\/')}"`, [jsonEscaped(secret).replace(/\//g, '\\/')]],
    ['HTML-escaped', `<p>${htmlEscaped(secret)}</p>`, [htmlEscaped(secret)]],
    ['in proxy URL userinfo', `http://${encodeURIComponent(secret)}:${encodeURIComponent(secret)}@proxy.example:8080/`],
    ['across the message truncation point', `${'x'.repeat(295)} ${secret}`, [secret.slice(0, 6)]],
  ];
  if (account.basic) shapes.push(['as the Basic header it was sent', `Authorization: Basic ${account.basic} rejected`, [account.basic]]);
  const result: Shape[] = shapes.map(([name, message, needles]) => ({ name, body: account.body(message), needles: needles ?? [] }));
  // A raw body whose JSON string spells the secret with \u escapes: it decodes to the secret itself.
  result.push({ name: 'JSON \\u escapes in the raw body', body: JSON.stringify(account.body('@@')).replace('@@', unicodeEscaped(secret)), needles: [] });
  for (const field of account.fieldBodies?.(secret) ?? []) result.push({ ...field, needles: [] });
  if (account.requestIdBody) {
    result.push({ name: 'as the request id', body: account.requestIdBody(secret), needles: [] });
    result.push({ name: 'base64 as the request id', body: account.requestIdBody(b64(secret)), needles: [] });
  }
  return result;
}

function leaks(text: string, account: Account, shape: Shape): string[] {
  const forms = [...account.secrets.flatMap(forbiddenForms), ...(account.basic ? [account.basic] : []), ...shape.needles];
  return forms.filter((form) => text.includes(form));
}

describe('provider error bodies that echo a credential', () => {
  const logLines: string[] = [];
  const simulators = {} as Record<ProviderKey, ProviderSimulator>;
  let proxygraph: RunningProxyGraph;
  let client: GraphQLTestClient;

  before(async () => {
    const webshare = await startWebshareSimulator({ seed: 31, rateLimits: false, token: WEBSHARE_TOKEN });
    const proxymesh = await startProxyMeshSimulator({ seed: 31, username: PM_USERNAME, password: PM_PASSWORD, bearerToken: PM_BEARER });
    const wonderproxy = await startWonderProxySimulator({ seed: 31, token: WP_TOKEN });
    const pingproxies = await startPingProxiesSimulator({ seed: 31, rateLimit: false, publicKey: PING_PUBLIC, privateKey: PING_PRIVATE });
    Object.assign(simulators, { webshare, proxymesh, proxymeshBearer: proxymesh, wonderproxy, pingproxies });
    const accounts: AccountConfig[] = [
      { id: 'ws', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: WEBSHARE_TOKEN } },
      { id: 'pm', provider: 'proxymesh', baseUrl: proxymesh.origin, credentials: { username: PM_USERNAME, password: PM_PASSWORD } },
      { id: 'pm-bearer', provider: 'proxymesh', baseUrl: proxymesh.origin, credentials: { bearerToken: PM_BEARER } },
      { id: 'wp', provider: 'wonderproxy', baseUrl: wonderproxy.origin, credentials: { token: WP_TOKEN } },
      // Ping's client-side budget (9 per 1.1 s) would only slow this test down.
      {
        id: 'ping',
        provider: 'pingproxies',
        baseUrl: pingproxies.origin,
        credentials: { publicKey: PING_PUBLIC, privateKey: PING_PRIVATE },
        limits: { requestsPerMinute: 60_000 },
      },
    ];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
    proxygraph = await startTestProxyGraph(accounts, { logger });
    client = new GraphQLTestClient(proxygraph.url);
  });
  after(async () => {
    await proxygraph?.stop();
    await Promise.all([...new Set(Object.values(simulators))].map((simulator) => simulator.stop()));
  });

  async function answerWith(simulator: ProviderSimulator, body: unknown, run: () => Promise<unknown>): Promise<unknown> {
    simulator.server.injectFault({ status: 400, body });
    try {
      return await run();
    } finally {
      simulator.server.clearFaults();
    }
  }

  for (const account of ACCOUNTS) {
    test(`${account.key}: no shape of an echoed credential reaches the response, its extensions or a log line`, async () => {
      const simulator = simulators[account.key];
      const shapes = account.secrets.flatMap((secret) => messageShapes(account, secret));
      assert.ok(shapes.length >= 15, `only ${shapes.length} shapes`);
      const failures: string[] = [];
      for (const shape of shapes) {
        const linesBefore = logLines.length;
        const result = (await answerWith(simulator, shape.body, () => client.request(account.query))) as Awaited<ReturnType<GraphQLTestClient['request']>>;
        assert.ok(result.errors.length > 0, `${shape.name}: the provider error did not surface`);
        assert.ok(result.errors.every((error) => typeof error.extensions?.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR'));
        const seen = JSON.stringify({ data: result.data, errors: result.errors }) + logLines.slice(linesBefore).join('');
        const leaked = leaks(seen, account, shape);
        if (leaked.length) failures.push(`${shape.name}: ${leaked.map((form) => JSON.stringify(form)).join(', ')}`);
      }
      assert.deepEqual(failures, [], `leaked through ${failures.length} of ${shapes.length} shapes`);
    });
  }

  test('pingproxies: a mutation result carries the provider request id and message without the echoed key', async () => {
    const account = ACCOUNTS.find((candidate) => candidate.key === 'pingproxies')!;
    const mutation = 'mutation { authorizeIp(input: { ip: "198.51.100.77", accountIds: ["ping"] }) { ok error { code message upstreamRequestId } } }';
    for (const secret of account.secrets) {
      for (const body of [account.requestIdBody!(secret), account.body(`bad key ${secret}`), account.requestIdBody!(`req-${b64(secret)}`)]) {
        const result = (await answerWith(simulators.pingproxies, body, () => client.request(mutation))) as Awaited<ReturnType<GraphQLTestClient['request']>>;
        const outcome = (result.data as { authorizeIp: Array<{ ok: boolean; error: { code: string } | null }> }).authorizeIp[0];
        assert.equal(outcome.ok, false);
        assert.equal(outcome.error?.code, 'BAD_USER_INPUT');
        assert.deepEqual(leaks(JSON.stringify(result), account, { name: 'mutation', body, needles: [] }), []);
      }
    }
  });
});

describe('which configured values are redacted', () => {
  test('passwords, tokens and keys are redacted whatever their length, usernames from 6 characters on', () => {
    const redact = secretRedactor({ secrets: ['pw'], identifiers: ['bob', 'alice-01'] });
    assert.equal(redact('user bob, password pw'), 'user bob, password [redacted]');
    assert.equal(redact('user alice-01 rejected'), 'user [redacted] rejected');
  });

  test('the Basic form of a username and password is redacted as a whole, even when the username is short', () => {
    const redact = secretRedactor({ secrets: ['hunter2'], identifiers: ['bob'], basic: [['bob', 'hunter2']] });
    const basic = b64('bob:hunter2');
    assert.equal(redact(`Authorization: Basic ${basic}`).includes(basic), false);
    assert.equal(redact('bob:hunter2'), '[redacted]');
  });
});

describe('a config file that is not valid JSON', () => {
  const CLI = CLI_PATH;
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'proxygraph-secrets-'));
  });

  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, LOG_LEVEL: 'silent' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  // Each breaks JSON next to the secret in a different way; V8 words some of them with a slice of the text.
  const broken: Array<[string, string, string]> = [
    [
      'an unquoted value',
      'tok3n-unquoted-9d8c7b6a5f4e',
      '{\n  "accounts": [\n    { "id": "ws", "provider": "webshare", "credentials": { "token": tok3n-unquoted-9d8c7b6a5f4e } }\n  ]\n}\n',
    ],
    [
      'a missing comma',
      'tok3n-missing-comma-1a2b3c4d',
      '{\n  "accounts": [\n    { "id": "ws", "provider": "webshare", "credentials": { "token": "tok3n-missing-comma-1a2b3c4d" "x": 1 } }\n  ]\n}\n',
    ],
    [
      'a trailing comma',
      'tok3n-trailing-comma-5e6f7a8b',
      '{ "accounts": [ { "id": "ws", "provider": "webshare", "credentials": { "token": "tok3n-trailing-comma-5e6f7a8b", } } ] }',
    ],
    ['a short file cut off', 'tok3n-cut-0f1e2d', '{"accounts":[{"credentials":{"token":"tok3n-cut-0f1e2d'],
  ];
  for (const [index, [what, secret, text]] of broken.entries()) {
    // Both commands read the file through one loader; `serve` is run once to show it.
    const commands = index === 0 ? ['serve', 'check-config'] : ['check-config'];
    test(`${commands.join(' and ')} report${commands.length === 1 ? 's' : ''} ${what} by line and column, exit 78, and never print the file's content`, async () => {
      const path = join(dir, `${what.replace(/\W+/g, '-')}.json`);
      writeFileSync(path, text);
      for (const command of commands) {
        const { code, stdout, stderr } = await run([command, '--config', path]);
        for (const fragment of [secret, secret.slice(0, 8), secret.slice(-8)]) {
          assert.ok(!stderr.includes(fragment) && !stdout.includes(fragment), `printed ${JSON.stringify(fragment)}: ${stderr}`);
        }
        assert.equal(code, 78, stderr);
        assert.match(stderr, /line \d+, column \d+/);
      }
    });
  }
});
