#!/usr/bin/env node
/**
 * `proxygraph` command line:
 *   serve [--config FILE] [--port N]   run the subgraph (no config → demo mode on embedded simulators)
 *   check-config [--config FILE]       validate the config and make one authenticated call per account
 *   print-schema [--out FILE | --check FILE]   print the subgraph SDL, write it, or fail if FILE differs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError, configPathFrom, loadConfigFile } from './config/load';
import { ListenError } from './http/listen';
import { createLogger, startProxyGraph, type RunningProxyGraph } from './app';
import { printProxyGraphSchema } from './schema/build';
import { FileStateStore } from './state/store';
import { checkAccounts, formatChecks } from './check-config';

/** Past the drain grace, time for closing upstream pools, the state store and Redis before a forced exit. */
const FORCED_EXIT_MARGIN_MS = 3_000;

function flag(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

function portFrom(argv: readonly string[], env: NodeJS.ProcessEnv): number | undefined {
  const text = flag(argv, '--port') ?? env.PORT;
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`port must be 0-65535, got "${text}"`);
  return port;
}

async function serve(argv: readonly string[]): Promise<void> {
  const logger = createLogger();
  const configPath = configPathFrom(argv, process.env);
  const port = portFrom(argv, process.env);
  let running: RunningProxyGraph;
  let stopDemo: (() => Promise<void>) | undefined;
  if (configPath) {
    const config = loadConfigFile(configPath);
    running = await startProxyGraph({ config, port, logger, development: process.env.NODE_ENV === 'development' });
    logger.info(
      { url: running.url, opsUrl: running.opsUrl, accounts: config.accounts.map((account) => `${account.id} (${account.provider})`) },
      'ProxyGraph is serving',
    );
  } else {
    // Loaded only in demo mode, so a configured server never loads simulator code.
    const { DEMO_SAMPLE_QUERY, startDemoEnvironment } = await import('./demo/demo');
    const demo = await startDemoEnvironment();
    stopDemo = demo.stop;
    running = await startProxyGraph({
      config: demo.config,
      port,
      opsPort: 0,
      host: '127.0.0.1',
      logger,
      development: true,
      stateStore: new FileStateStore(null),
    });
    const banner = [
      '',
      '==================================================================',
      '  ProxyGraph DEMO MODE: no configuration given (--config FILE or',
      '  PROXYGRAPH_CONFIG). Serving simulated providers with seeded data.',
      '  Bound to 127.0.0.1 with authentication OFF.',
      `  GraphQL + Apollo Sandbox: ${running.url}`,
      `  Explorer (GraphiQL, works offline): ${running.url.replace(/\/graphql$/, '/graphiql')}`,
      `  Dashboard (opens on the demo estate): ${running.url.replace(/\/graphql$/, '/app')}`,
      `  Readiness and metrics: ${running.opsUrl}/ready, ${running.opsUrl}/metrics`,
      `  Accounts: ${demo.config.accounts.map((account) => account.id).join(', ')}`,
      '  Try:',
      `  curl -s ${running.url} -H 'content-type: application/json' \\`,
      `    -d '${JSON.stringify({ query: DEMO_SAMPLE_QUERY })}'`,
      '==================================================================',
      '',
    ];
    process.stdout.write(`${banner.join('\n')}\n`);
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainGraceMs: running.drainGraceMs }, 'shutting down: draining in-flight requests');
    // The drain itself ends by drainGraceMs (the request deadline plus a margin); this only guards a stop that hangs after it.
    const timer = setTimeout(() => process.exit(1), running.drainGraceMs + FORCED_EXIT_MARGIN_MS).unref();
    await running.stop();
    await stopDemo?.();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function printSchema(argv: readonly string[]): Promise<void> {
  const sdl = await printProxyGraphSchema();
  const out = flag(argv, '--out');
  const check = flag(argv, '--check');
  if (out) {
    writeFileSync(out, sdl);
    process.stdout.write(`wrote ${out}\n`);
  } else if (check) {
    let committed = '';
    try {
      committed = readFileSync(check, 'utf8');
    } catch {
      committed = '';
    }
    if (committed !== sdl) {
      process.stderr.write(`${check} is out of date with the code-first schema: run \`npm run schema\` and commit the result.\n`);
      process.exit(1);
    }
  } else {
    process.stdout.write(sdl);
  }
}

async function checkConfig(argv: readonly string[]): Promise<void> {
  const configPath = configPathFrom(argv, process.env);
  if (!configPath) throw new ConfigError('check-config needs --config FILE or PROXYGRAPH_CONFIG');
  const config = loadConfigFile(configPath);
  process.stdout.write(`config ${configPath}: valid, ${config.accounts.length} account(s)\n`);
  const checks = await checkAccounts(config);
  process.stdout.write(`${formatChecks(checks)}\n`);
  process.exit(checks.some((check) => check.outcome === 'failed') ? 1 : 0);
}

async function main(): Promise<void> {
  const [command = 'serve', ...rest] = process.argv.slice(2);
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'print-schema':
      return printSchema(rest);
    case 'check-config':
      return checkConfig(rest);
    default:
      process.stderr.write(`unknown command "${command}". Commands: serve, check-config, print-schema\n`);
      process.exit(2);
  }
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`proxygraph: ${error.message}\n`);
    process.exit(78);
  }
  if (error instanceof ListenError) {
    // EX_UNAVAILABLE: the configuration is fine, the machine cannot give what it asks for.
    process.stderr.write(`proxygraph: ${error.message}\n`);
    process.exit(69);
  }
  process.stderr.write(`proxygraph: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
