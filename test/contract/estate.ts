/**
 * The contract suite's estate: every fixture's simulator over real HTTP and one ProxyGraph with each
 * fixture's main account, plus whatever extra accounts a suite file asks for (a wrong password, one account
 * per injected status). One estate per suite file, started in `before` and reused by all its tests.
 */
import type { AccountConfig, ProxyGraphConfig } from '../../src/config/schema';
import type { RunningProxyGraph } from '../../src/app';
import type { ProviderSimulator } from '../../src/simulators/kit';
import { GraphQLTestClient } from '../support/graphql-client';
import { startTestProxyGraph } from '../support/proxygraph';
import { FIXTURES, type ProviderFixture } from './fixtures';

export interface ContractEstate {
  client: GraphQLTestClient;
  proxygraph: RunningProxyGraph;
  simulator(fixture: ProviderFixture): ProviderSimulator;
  /** Calls received by every simulator of the estate since the last reset. */
  upstreamCalls(): number;
  resetCalls(): void;
  clearFaults(): void;
  stop(): Promise<void>;
}

export interface ContractEstateOptions {
  /** Accounts beyond each fixture's main one, built with `accountOn`. */
  extraAccounts?(fixture: ProviderFixture, simulator: ProviderSimulator): AccountConfig[];
  /** Server settings (the read cache is off in tests unless `server.cache` turns it on). */
  server?: ProxyGraphConfig['server'];
}

/** An account of `fixture` on its simulator: the simulator's own credentials unless others are given. */
export function accountOn(fixture: ProviderFixture, simulator: ProviderSimulator, id: string, credentials = simulator.credentials): AccountConfig {
  return { ...fixture.accountExtras?.(simulator), id, provider: fixture.provider, baseUrl: simulator.origin, credentials } as AccountConfig;
}

export async function startContractEstate(options: ContractEstateOptions = {}): Promise<ContractEstate> {
  const simulators = new Map<ProviderFixture, ProviderSimulator>();
  for (const fixture of FIXTURES) simulators.set(fixture, await fixture.start());
  const accounts = FIXTURES.flatMap((fixture) => {
    const simulator = simulators.get(fixture)!;
    return [accountOn(fixture, simulator, fixture.accountId), ...(options.extraAccounts?.(fixture, simulator) ?? [])];
  });
  const proxygraph = await startTestProxyGraph(accounts, { server: options.server });
  const all = () => [...simulators.values()];
  return {
    client: new GraphQLTestClient(proxygraph.url),
    proxygraph,
    simulator: (fixture) => simulators.get(fixture)!,
    upstreamCalls: () => all().reduce((sum, simulator) => sum + simulator.server.calls.length, 0),
    resetCalls: () => all().forEach((simulator) => simulator.server.resetCalls()),
    clearFaults: () => all().forEach((simulator) => simulator.server.clearFaults()),
    async stop() {
      await proxygraph.stop();
      await Promise.all(all().map((simulator) => simulator.stop()));
    },
  };
}
