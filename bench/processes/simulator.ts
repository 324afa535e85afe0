/**
 * The cost bench's upstream, in its own process: the Webshare simulator with 10 000 proxies and no rate
 * limits. Prints one JSON line (`origin`, `token`) when listening; stops on SIGTERM.
 */
import { startWebshareSimulator } from '../../src/simulators/webshare';

async function main() {
  const simulator = await startWebshareSimulator({ seed: 3, proxyCount: 10_000, rateLimits: false });
  process.stdout.write(`${JSON.stringify({ origin: simulator.origin, token: simulator.credentials.token })}\n`);
  process.once('SIGTERM', () => void simulator.stop().then(() => process.exit(0)));
}

void main();
