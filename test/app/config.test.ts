/**
 * The configuration contract: validated at boot, unknown keys rejected, ${ENV} secrets substituted, and an
 * invalid file stops the server with a message naming the bad key (and never a secret's value).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ConfigError, parseConfig } from '../../src/config/load';
import { CLI_PATH } from '../support/paths';

const CLI = CLI_PATH;

function webshareAccount(extra: Record<string, unknown> = {}) {
  return { id: 'ws', provider: 'webshare', credentials: { token: 'secret-token-value' }, ...extra };
}

function configError(raw: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseConfig(raw, env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${error}`);
    return error.message;
  }
  assert.fail('configuration was accepted');
}

function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 20_000 });
}

describe('configuration validation', () => {
  test('a valid file with all four providers is accepted and ${ENV} references are substituted', () => {
    const config = parseConfig(
      {
        server: { port: 4100, host: '127.0.0.1', cors: { origins: ['https://dash.example.com'] } },
        accounts: [
          webshareAccount({ credentials: { token: '${WS_TOKEN}' }, planId: 12 }),
          { id: 'pm', provider: 'proxymesh', credentials: { username: 'parent', password: '${PM_PASS}' }, knownSubAccounts: ['team-a'] },
          { id: 'wp', provider: 'wonderproxy', credentials: { token: 'wp-token' } },
          { id: 'ping', provider: 'pingproxies', credentials: { publicKey: 'pub', privateKey: 'priv' }, limits: { requestsPerMinute: 300 } },
        ],
      },
      { WS_TOKEN: 'from-env', PM_PASS: 'pm-secret' },
    );
    assert.equal(config.accounts.length, 4);
    assert.deepEqual(config.accounts[0].credentials, { token: 'from-env' });
    assert.deepEqual(config.accounts[1].credentials, { username: 'parent', password: 'pm-secret' });
  });

  test('an unknown key is an error naming the key with its path', () => {
    assert.match(configError({ accounts: [webshareAccount({ tokn: 'x' })] }), /accounts\[0\]\.tokn: unknown key/);
    assert.match(configError({ accounts: [webshareAccount()], sever: {} }), /sever: unknown key/);
  });

  test('an unknown provider names the provider key and the allowed values', () => {
    assert.match(
      configError({ accounts: [{ id: 'x', provider: 'brightdata', credentials: {} }] }),
      /accounts\[0\]\.provider: must be one of "webshare", "proxymesh", "wonderproxy", "pingproxies"/,
    );
  });

  test('missing credentials for the provider name the credentials key', () => {
    assert.match(configError({ accounts: [{ id: 'x', provider: 'pingproxies', credentials: { publicKey: 'p' } }] }), /accounts\[0\]\.credentials\.privateKey/);
  });

  test('an environment variable that is not set is named, with the key that uses it', () => {
    assert.match(
      configError({ accounts: [webshareAccount({ credentials: { token: '${MISSING_TOKEN}' } })] }, {}),
      /accounts\[0\]\.credentials\.token: environment variable MISSING_TOKEN is not set/,
    );
  });

  test('duplicate account ids are rejected', () => {
    assert.match(configError({ accounts: [webshareAccount(), webshareAccount()] }), /accounts\[1\]\.id: duplicate account id "ws"/);
  });

  test('a baseUrl that is not http(s) is rejected', () => {
    assert.match(configError({ accounts: [webshareAccount({ baseUrl: 'ftp://example.com' })] }), /accounts\[0\]\.baseUrl/);
  });

  test('usage history takes an interval of 60 s to a day and a retention of 1 to 3650 days, and no other key', () => {
    const config = parseConfig({ accounts: [webshareAccount()], usageHistory: { enabled: true, intervalSeconds: 60, retentionDays: 3_650 } });
    assert.deepEqual(config.usageHistory, { enabled: true, intervalSeconds: 60, retentionDays: 3_650 });
    assert.match(configError({ accounts: [webshareAccount()], usageHistory: { intervalSeconds: 59 } }), /usageHistory\.intervalSeconds/);
    assert.match(configError({ accounts: [webshareAccount()], usageHistory: { intervalSeconds: 86_401 } }), /usageHistory\.intervalSeconds/);
    assert.match(configError({ accounts: [webshareAccount()], usageHistory: { retentionDays: 0 } }), /usageHistory\.retentionDays/);
    assert.match(configError({ accounts: [webshareAccount()], usageHistory: { intervalSeconds: 90.5 } }), /usageHistory\.intervalSeconds/);
    assert.match(configError({ accounts: [webshareAccount()], usageHistory: { interval: 60 } }), /usageHistory\.interval: unknown key/);
  });

  test('an error message never contains a credential value', () => {
    const message = configError({ accounts: [webshareAccount({ planId: 'abc' })] });
    assert.ok(!message.includes('secret-token-value'));
  });
});

describe('the server refuses to start on a bad configuration', () => {
  test('serve --config with an invalid file exits non-zero and names the bad key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxygraph-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ accounts: [webshareAccount({ labl: 'typo' })] }));
    const result = runCli(['serve', '--config', file]);
    assert.equal(result.status, 78);
    assert.match(result.stderr, /accounts\[0\]\.labl: unknown key/);
    assert.ok(!result.stderr.includes('secret-token-value'));
  });

  test('PROXYGRAPH_CONFIG pointing at a missing file exits non-zero with the path', () => {
    const result = runCli(['serve'], { PROXYGRAPH_CONFIG: '/nonexistent/proxygraph.json' });
    assert.equal(result.status, 78);
    assert.match(result.stderr, /cannot read config file \/nonexistent\/proxygraph\.json/);
  });

  test('auth off on a public interface is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxygraph-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ server: { host: '0.0.0.0', port: 0 }, accounts: [webshareAccount()] }));
    const result = runCli(['serve', '--config', file]);
    assert.equal(result.status, 78);
    assert.match(result.stderr, /auth\.mode "none" is only allowed on a loopback host/);
  });
});
