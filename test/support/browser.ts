/**
 * Headless Chromium for the dashboard tests, through playwright-core driving the machine's own browser
 * (Debian's chromium at /usr/bin/chromium; .ci/run installs it). Playwright never downloads a browser here.
 * Each launch gets a fresh temporary profile, and every request the pages make is recorded: anything not
 * for 127.0.0.1 is refused and listed, so a test can assert the app needs nothing beyond the server.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startDemoEnvironment, type DemoEnvironment } from '../../src/demo/demo';
import { startTestProxyGraph, type TestServerOptions } from './proxygraph';
import type { RunningProxyGraph } from '../../src/app';
import type { AccountConfig } from '../../src/config/schema';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or null when they can (pass it to `describe(..., { skip })`). */
export function browserUnavailable(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `no Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium; .ci/run does) to run the dashboard's browser tests`;
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** URLs the pages asked for that were not on 127.0.0.1 (refused). */
  offHost: string[];
  /** Console errors and uncaught exceptions in the pages (a CSP violation is one). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'proxygraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    serviceWorkers: 'block',
    timeout: 60_000,
  });
  const offHost: string[] = [];
  const pageErrors: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && url.protocol !== 'data:',
    (route) => {
      offHost.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    offHost,
    pageErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface DemoEstate {
  proxygraph: RunningProxyGraph;
  /** The demo's simulators (to change a provider's state under the dashboard). */
  demo: DemoEnvironment;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The demo estate exactly as `npm start` with no config serves it (src/demo/: the same simulators, seeds and
 * accounts ws-demo, pm-demo, wp-demo, ping-demo), with auth off unless `options.auth` is given, and any
 * `extraAccounts` after them (e.g. one with a revoked token, against a demo simulator).
 */
export async function startDemoEstate(options: TestServerOptions & { extraAccounts?: (demo: DemoEnvironment) => AccountConfig[] } = {}): Promise<DemoEstate> {
  const demo: DemoEnvironment = await startDemoEnvironment();
  const accounts = [...demo.config.accounts, ...(options.extraAccounts?.(demo) ?? [])];
  // Usage history on, as in demo mode: the overview's charts come from it.
  const proxygraph = await startTestProxyGraph(accounts, { usageHistory: { enabled: true }, ...options }).catch(async (error) => {
    await demo.stop();
    throw error;
  });
  return {
    proxygraph,
    demo,
    baseUrl: proxygraph.url.replace(/\/graphql$/, ''),
    async stop() {
      await proxygraph.stop();
      await demo.stop();
    },
  };
}
