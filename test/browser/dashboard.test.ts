/**
 * The dashboard (/app) in headless Chromium against the demo estate (the four demo accounts on their
 * simulators, over real HTTP): what a user sees on the overview, the proxy list narrowing under a filter,
 * one IP authorized on four accounts with four results, the audit log showing those writes, sign-in with API
 * keys where a read-only key gets no write button, and no request leaving 127.0.0.1.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { browserUnavailable, launchBrowser, startDemoEstate, type DemoEstate, type TestBrowser } from '../support/browser';
import type { AccountConfig } from '../../src/config/schema';

const skip = browserUnavailable() ?? false;
if (skip) console.log(`# skipping the dashboard browser tests: ${skip}`);

const DEMO_ACCOUNTS = ['ws-demo', 'pm-demo', 'wp-demo', 'ping-demo'];
const WRITE_BUTTON = /^(Authorize|Revoke|Remove|Delete|Activate|Deactivate|Add hostname)\b/;

/** Polls until `check` returns a value other than false/undefined, or fails with the last state. */
async function eventually<T>(what: string, check: () => Promise<T | false | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== false && value !== undefined) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function proxyCount(page: Page): Promise<number> {
  const text = await page.getByTestId('proxy-count').innerText();
  const match = /^(\d+) proxies/.exec(text);
  if (!match) throw new Error(`no count yet: "${text}"`);
  return Number(match[1]);
}

async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name: name === 'Overview' ? 'Estate overview' : name }).waitFor();
}

describe('the dashboard on the demo estate (authentication off)', { skip }, () => {
  let estate: DemoEstate;
  let browser: TestBrowser;
  before(async () => {
    // Proxies polled every second for subscriptions: a status flip shows within a few seconds.
    estate = await startDemoEstate({ server: { live: { pollIntervalSeconds: { proxies: 1 } } } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await estate?.stop();
  });

  test('it opens straight onto the overview: the four demo accounts with provider, plan, usage, capabilities and charts', async () => {
    const { page } = browser;
    await page.goto(`${estate.baseUrl}/app`);
    await page.getByRole('heading', { level: 1, name: 'Estate overview' }).waitFor();
    assert.equal(await page.getByRole('form', { name: 'Sign in' }).count(), 0);
    assert.match(await page.getByTestId('viewer').innerText(), /authentication off/);
    const cards = page.getByTestId('account-card');
    await eventually('four account cards', async () => (await cards.count()) === 4);
    assert.deepEqual(await cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-account-id'))), DEMO_ACCOUNTS);
    const webshare = page.locator('[data-account-id="ws-demo"]');
    assert.match(await webshare.innerText(), /Webshare/);
    assert.match(await webshare.getByTestId('plan').innerText(), /Shared 250 proxies/);
    assert.match(await webshare.getByTestId('usage').innerText(), /GiB of 250 GiB/);
    assert.ok(await webshare.getByRole('meter').count());
    assert.ok(await webshare.getByRole('list', { name: 'Capabilities' }).getByText('usage history').count());
    assert.match(await page.locator('[data-account-id="pm-demo"]').innerText(), /ProxyMesh[\s\S]*hostname authorizations/);
    assert.match(await page.getByTestId('estate-summary').innerText(), /4 accounts · none in error/);
    // Usage against limit for every account that reports it, and Webshare's hourly history, drawn on canvases.
    await page.getByTestId('usage-chart').locator('canvas').waitFor();
    // Usage history (Account.usageHistory) for every account that reports usage: Webshare's kept hours, the others' snapshots.
    await page.getByRole('img', { name: 'Usage history of Webshare (demo)' }).locator('canvas').waitFor();
    await eventually('a chart for every account that reports usage', async () => (await page.getByTestId('history-chart').count()) === 3);
  });

  test('a filter narrows the proxy list, paging moves on, and the selection copies as text', async () => {
    const { page } = browser;
    await openPage(page, 'Proxies');
    const everything = await eventually('the proxy count', () => proxyCount(page));
    assert.ok(everything > 25, `${everything} proxies`);
    assert.equal(await page.getByTestId('proxy-row').count(), 25);

    await page.getByLabel('Provider').selectOption('WONDERPROXY');
    const wonderproxy = await eventually('a narrower count', async () => ((await proxyCount(page)) < everything ? proxyCount(page) : false));
    assert.ok(wonderproxy > 0);
    const accounts = await page.getByTestId('proxy-row').locator('td:last-child').allInnerTexts();
    assert.ok(accounts.length > 0 && accounts.every((text) => text.startsWith('WonderProxy (demo)')), accounts.join('\n'));

    await page.getByLabel('Provider').selectOption('');
    await page.getByLabel('Country').fill('US');
    const american = await eventually('the US count', async () => {
      const count = await proxyCount(page);
      return count < everything ? count : false;
    });
    const countries = await page.getByTestId('proxy-row').locator('td:nth-child(3)').allInnerTexts();
    assert.ok(
      countries.every((text) => text.startsWith('US')),
      countries.join('\n'),
    );

    if (american > 25) {
      const first = await page.getByTestId('proxy-row').first().innerText();
      await page.getByRole('button', { name: 'Next' }).click();
      await eventually('page 2', async () => (await page.getByTestId('proxy-count').innerText()).includes('page 2'));
      await eventually('other rows', async () => (await page.getByTestId('proxy-row').first().innerText()) !== first);
      await page.getByRole('button', { name: 'Previous' }).click();
      await eventually('page 1 again', async () => (await page.getByTestId('proxy-row').first().innerText()) === first);
    }

    await page.getByLabel('Format').selectOption('HOST_PORT');
    await page.getByRole('button', { name: 'Copy list' }).click();
    const text = await eventually('the list text', async () => (await page.getByTestId('proxy-list-text').inputValue()) || false);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, Math.min(american, 100));
    for (const line of lines) assert.match(line, /^[^\s:]+:\d+$/);
  });

  test('authorizing one IP on every account shows four per-account results, then the audit log shows the writes', async () => {
    const { page } = browser;
    await openPage(page, 'Access');
    const form = page.getByRole('form', { name: 'Authorize an IP' });
    assert.equal(await form.getByRole('checkbox').count(), 4);
    await form.getByLabel('IP address').fill('203.0.113.77');
    await form.getByRole('button', { name: 'Authorize' }).click();
    const results = page.getByTestId('authorize-result');
    await eventually('four results', async () => (await results.count()) === 4);
    assert.deepEqual((await results.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-account-id')))).sort(), [...DEMO_ACCOUNTS].sort());
    for (const row of await results.all()) assert.match(await row.innerText(), /authorized|already there/);
    assert.equal(await page.getByTestId('authorize-result').getByRole('alert').count(), 0);
    // The first account's list (Webshare) now holds the IP.
    await eventually('the new IP in the list', async () =>
      (await page.getByTestId('ip-authorization').allInnerTexts()).some((text) => text.includes('203.0.113.77')),
    );

    await openPage(page, 'Audit log');
    const entries = page.getByTestId('audit-entry');
    await eventually('audit entries', async () => (await entries.count()) >= 4);
    const texts = await entries.allInnerTexts();
    for (const account of DEMO_ACCOUNTS)
      assert.ok(
        texts.some((text) => text.includes(account) && text.includes('203.0.113.77')),
        account,
      );
  });

  test('a proxy going down in the provider shows on the proxy list and in the live strip without a reload', async () => {
    const { page } = browser;
    await openPage(page, 'Proxies');
    // Whatever an earlier test left in the filters: every Webshare proxy.
    await page.getByLabel('Country').fill('');
    await page.getByLabel('Provider').selectOption('WEBSHARE');
    await eventually('Webshare rows', async () => ((await page.getByTestId('proxy-row').first().innerText()).includes('Webshare') ? true : false));
    const row = page.getByTestId('proxy-row').first();
    const host = (await row.locator('td').first().innerText()).trim();
    assert.equal(await row.getAttribute('data-status'), 'OK');
    // The simulator id of that proxy, from the graph (Webshare native ids are `<id>@<address>`).
    const response = await fetch(estate.proxygraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ proxies(first: 1, filter: { providers: [WEBSHARE] }) { edges { node { id host } } } }' }),
    });
    const node = ((await response.json()) as { data: { proxies: { edges: Array<{ node: { id: string; host: string } }> } } }).data.proxies.edges[0].node;
    assert.equal(node.host, host);
    const simulatorId = Buffer.from(node.id, 'base64url').toString('utf8').split(':')[2].split('@')[0];
    const webshare = estate.demo.simulators.find((simulator) => simulator.provider === 'webshare') as unknown as {
      setProxyValidity(id: string, valid: boolean): boolean;
    };
    // Let the subscription's first poll happen, then take the proxy down at the provider.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(webshare.setProxyValidity(simulatorId, false), true);
    await eventually('the row marked DOWN', async () => (await page.getByTestId('proxy-row').first().getAttribute('data-status')) === 'DOWN');
    const change = await eventually(
      'the live strip',
      async () => (await page.getByTestId('live-change').count()) > 0 && page.getByTestId('live-change').first().innerText(),
    );
    assert.ok(change.includes(host) && /OK[\s\S]*DOWN/.test(change), change);
    webshare.setProxyValidity(simulatorId, true);
  });

  test('a reload of any /app path opens that page (the server answers index.html)', async () => {
    const { page } = browser;
    await page.goto(`${estate.baseUrl}/app/proxies`);
    await page.getByRole('heading', { level: 1, name: 'Proxies' }).waitFor();
  });

  test('nothing was asked of any host but the server, and no page error (CSP violations included)', () => {
    assert.deepEqual(browser.offHost, []);
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('the dashboard with API keys: sign-in, an account in error, and a read-only key sees no write button', { skip }, () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const KEYS = { admin: 'dashboard-admin-key-0123456789', reader: 'dashboard-reader-key-0123456789' };
  let estate: DemoEstate;
  let browser: TestBrowser;
  before(async () => {
    estate = await startDemoEstate({
      auth: {
        mode: 'apiKeys',
        keys: [
          { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['read', 'write', 'credentials'], accounts: ['*'] },
          { name: 'reader', sha256: sha256(KEYS.reader), scopes: ['read'], accounts: ['*'] },
        ],
      },
      // A fifth account: the demo Webshare simulator with a token it does not know (revoked at the provider).
      extraAccounts: (demo) => [
        {
          id: 'ws-revoked',
          provider: 'webshare',
          label: 'Webshare (revoked token)',
          baseUrl: demo.simulators[0].origin,
          credentials: { token: 'revoked-token' },
        } as AccountConfig,
      ],
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await estate?.stop();
  });

  async function signIn(page: Page, key: string): Promise<void> {
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('API key or JWT').fill(key);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }

  test("the app asks for a key; a wrong key is refused with the graph's message", async () => {
    const { page } = browser;
    await page.goto(`${estate.baseUrl}/app`);
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await signIn(page, 'not-a-key');
    await eventually('the refusal', async () => /the API key is not valid/.test(await page.getByTestId('sign-in-message').innerText()));
    assert.equal(await page.getByTestId('account-card').count(), 0);
  });

  test('a read-only key sees the estate, the account in error with its typed error, the access lists, and no write button', async () => {
    const { page } = browser;
    await signIn(page, KEYS.reader);
    await page.getByRole('heading', { level: 1, name: 'Estate overview' }).waitFor();
    assert.match(await page.getByTestId('viewer').innerText(), /reader · read$/m);
    await eventually('five account cards', async () => (await page.getByTestId('account-card').count()) === 5);
    const revoked = page.locator('[data-account-id="ws-revoked"]');
    await eventually('the typed error', async () => (await revoked.getByTestId('account-error').count()) > 0);
    assert.match(await revoked.getByTestId('account-error').first().innerText(), /^PROVIDER_AUTH_FAILED /);
    assert.equal(await page.locator('[data-account-id="ws-demo"]').getByTestId('account-error').count(), 0);
    assert.match(await page.getByTestId('estate-summary').innerText(), /5 accounts · 1 in error/);
    await openPage(page, 'Access');
    await eventually('IP authorizations listed', async () => (await page.getByTestId('ip-authorization').count()) > 0);
    await page.getByTestId('read-only-note').waitFor();
    assert.equal(await page.getByRole('form', { name: 'Authorize an IP' }).count(), 0);
    const tabs = { 'ws-demo': 'Webshare (demo)', 'pm-demo': 'ProxyMesh (demo)', 'wp-demo': 'WonderProxy (demo)', 'ping-demo': 'Ping Proxies (demo)' };
    for (const [accountId, label] of Object.entries(tabs)) {
      await page.getByRole('tab', { name: label }).click();
      // The account's lists are shown (each account has IP authorizations), with nothing to change them.
      const panel = page.locator(`[data-testid="account-access"][data-account-id="${accountId}"]`);
      await panel.getByRole('heading', { level: 2, name: 'IP authorizations' }).waitFor();
      const buttons = await page.getByRole('button').allInnerTexts();
      assert.deepEqual(
        buttons.filter((text) => WRITE_BUTTON.test(text)),
        [],
        label,
      );
    }
    assert.ok(await page.getByTestId('sub-user').count(), 'Ping Proxies sub-users are listed');
    // The key is kept for the tab: a reload stays signed in.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Access' }).waitFor();
  });

  test('signing out and in with a key that may write brings the write controls', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, KEYS.admin);
    await page.getByRole('heading', { level: 1, name: 'Access' }).waitFor();
    assert.match(await page.getByTestId('viewer').innerText(), /admin · read, write, credentials/);
    await page.getByRole('form', { name: 'Authorize an IP' }).getByRole('button', { name: 'Authorize' }).waitFor();
    await eventually('revoke buttons', async () => (await page.getByRole('button', { name: /^Revoke / }).count()) > 0);
  });

  test('nothing was asked of any host but the server', () => {
    assert.deepEqual(browser.offHost, []);
    // The refused key's 401 is the only error the console may show (Chromium logs failed fetches).
    assert.deepEqual(
      browser.pageErrors.filter((text) => !/status of 401/.test(text)),
      [],
    );
  });
});
