/**
 * docs/dashboard.png, the README's picture of the dashboard: the overview of the demo estate (the same
 * simulators, seeds and accounts as `npm start` with no config) in headless Chromium (Debian's, at
 * /usr/bin/chromium; nothing is downloaded). `npm run screenshot`; OUT=path writes elsewhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { startDemoEnvironment } from '../src/demo/demo';
import { startProxyGraph } from '../src/app';
import { FileStateStore } from '../src/state/store';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/browser';

const OUT = process.env.OUT ?? join(__dirname, '..', '..', 'docs', 'dashboard.png');

async function main(): Promise<void> {
  const demo = await startDemoEnvironment();
  const proxygraph = await startProxyGraph({
    config: { ...demo.config, server: { ...demo.config.server, ops: { port: 0 } } },
    port: 0,
    host: '127.0.0.1',
    development: true,
    logger: pino({ level: 'warn' }),
    stateStore: new FileStateStore(null),
  });
  const profile = mkdtempSync(join(tmpdir(), 'proxygraph-screenshot-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    deviceScaleFactor: 1,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(proxygraph.url.replace(/\/graphql$/, '/app'));
    await page.getByTestId('usage-chart').locator('canvas').waitFor();
    await page.getByTestId('history-chart').first().locator('canvas').waitFor();
    await page.screenshot({ path: OUT, fullPage: true });
    process.stdout.write(`wrote ${OUT}\n`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await proxygraph.stop();
    await demo.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
