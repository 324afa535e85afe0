/**
 * ProxyMesh account settings that ProxyGraph would otherwise skip are refused at boot, naming their key: a
 * `knownSubAccounts` entry must be a username ProxyMesh accepts (docs/providers/proxymesh.txt, incl. the
 * advised `pm_` prefix) and must not be the parent account itself.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ConfigError, parseConfig } from '../../src/config/load';
import { CLI_PATH } from '../support/paths';

function proxymeshAccount(knownSubAccounts: unknown, credentials: Record<string, string> = { username: 'parent', password: 'pm-secret-value' }) {
  return { accounts: [{ id: 'pm', provider: 'proxymesh', credentials, knownSubAccounts }] };
}

function configError(raw: unknown): string {
  try {
    parseConfig(raw, {});
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${error}`);
    return error.message;
  }
  assert.fail('configuration was accepted');
}

describe('ProxyMesh knownSubAccounts in the configuration', () => {
  test('usernames with the pm_ prefix ProxyMesh advises are accepted as they are', () => {
    const config = parseConfig(proxymeshAccount(['pm_alice', 'team.b@example.com', 'c+d-e']), {});
    const account = config.accounts[0];
    assert.ok(account.provider === 'proxymesh');
    assert.deepEqual(account.knownSubAccounts, ['pm_alice', 'team.b@example.com', 'c+d-e']);
  });

  test('a name ProxyMesh could never hold is refused, naming its key', () => {
    assert.match(configError(proxymeshAccount(['pm_alice', 'has space'])), /accounts\[0\]\.knownSubAccounts\[1\]: must be a ProxyMesh username/);
    assert.match(configError(proxymeshAccount(['x'.repeat(31)])), /accounts\[0\]\.knownSubAccounts\[0\]: must be a ProxyMesh username/);
    assert.match(configError(proxymeshAccount(['pm/alice'])), /accounts\[0\]\.knownSubAccounts\[0\]/);
  });

  test("the parent account's own username is refused (in any case), and the message carries no secret", () => {
    const message = configError(proxymeshAccount(['pm_alice', 'PARENT']));
    assert.match(message, /accounts\[0\]\.knownSubAccounts\[1\]: is the parent account's username/);
    assert.ok(!message.includes('pm-secret-value'));
  });

  test('serve exits with 78 and names the key of a sub-account name that would be skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxygraph-pm-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify(proxymeshAccount(['pm_alice', 'bad name'])));
    const result = spawnSync(process.execPath, [CLI_PATH, 'serve', '--config', file], { env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 78);
    assert.match(result.stderr, /accounts\[0\]\.knownSubAccounts\[1\]/);
    assert.ok(!result.stderr.includes('pm-secret-value'));
  });
});
