/**
 * `npm start` with no configuration: demo mode on the embedded simulators, as a user runs it.
 * Starts the real CLI in a child process, runs the README's sample query, and stops it with SIGTERM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { GraphQLTestClient } from '../support/graphql-client';
import { DemoProviderUsersDocument, DemoSampleDocument } from '../generated/graphql';
import { CLI_PATH } from '../support/paths';

const CLI = CLI_PATH;

test('demo mode serves simulator data for the sample query, binds to loopback, and shuts down cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start: ${output}`)), 30_000);
      const check = () => {
        const match = /GraphQL \+ Apollo Sandbox: (http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', check);
    });
    assert.match(output, /DEMO MODE/);
    assert.match(output, /authentication OFF/);
    const client = new GraphQLTestClient(url);
    const data = await client.data(DemoSampleDocument, {});
    assert.ok(data.accounts.length >= 1);
    const webshare = data.accounts.find((account) => account.provider === 'WEBSHARE')!;
    assert.ok(webshare.capabilities.includes('PROXIES'));
    assert.equal(webshare.proxies!.edges.length, 5);
    for (const edge of webshare.proxies!.edges) {
      assert.match(edge.node.host, /^\d+\.\d+\.\d+\.\d+$/);
      assert.ok(edge.node.ports.http! > 0);
      assert.match(edge.node.country!, /^[A-Z]{2}$/);
    }
    // Data the simulators hold shows: ProxyMesh's sub-accounts (named in the demo config, as ProxyMesh cannot
    // list them; pm_ names, as its docs advise) and the WonderProxy users its authlist names, with their state.
    const users = await client.data(DemoProviderUsersDocument, {});
    const subAccounts = users.proxymesh!.subUsers!.edges.map((edge) => edge.node.username);
    assert.equal(users.proxymesh!.subUsers!.totalCount, 3);
    assert.equal(subAccounts.length, 3);
    for (const username of subAccounts) assert.match(username, /^pm_/);
    const wonderproxyUsers = users.wonderproxy!.ipAuthorizationUsers!;
    assert.ok(wonderproxyUsers.length >= 2);
    assert.ok(wonderproxyUsers.some((user) => user.active));
    assert.ok(wonderproxyUsers.some((user) => !user.active));
    const landing = await fetch(url, { headers: { accept: 'text/html' } });
    assert.equal(landing.status, 200);
    assert.match(await landing.text(), /<html/i);
    // The dashboard is served and announced; with auth off it needs no sign-in (test/browser/dashboard.test.ts).
    assert.match(output, /Dashboard \(opens on the demo estate\): http:\/\/127\.0\.0\.1:\d+\/app/);
    const dashboard = await fetch(url.replace(/\/graphql$/, '/app'));
    assert.equal(dashboard.status, 200);
    assert.match(await dashboard.text(), /<div id="root">/);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});
