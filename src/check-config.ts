/**
 * `proxygraph check-config`: validates the configuration file, then makes one cheap authenticated call per
 * account (the adapter's verifyCredentials) and prints `ok` or the typed failure for each. One attempt per
 * account, no retries: ProxyMesh bans an account after 4 failed logins, so a check must not add to them.
 * Never prints a secret: failures are ProxyGraphErrors whose messages are already redacted.
 */
import { AccountRegistry } from './domain/registry';
import { adapterFactories } from './providers';
import { FileStateStore } from './state/store';
import { UpstreamGateway } from './upstream/http';
import { ProxyGraphError } from './core/errors';
import { redactSecrets } from './core/redact';
import type { ProxyGraphConfig } from './config/schema';

export interface AccountCheck {
  accountId: string;
  provider: string;
  outcome: 'ok' | 'failed' | 'skipped';
  code?: string;
  message?: string;
}

export async function checkAccounts(config: ProxyGraphConfig): Promise<AccountCheck[]> {
  const gateway = new UpstreamGateway();
  // Memory-only store: a check must not write the data directory.
  const registry = new AccountRegistry(config.accounts, adapterFactories, { gateway, store: new FileStateStore(null) });
  try {
    return await Promise.all(
      registry.all().map(async (account): Promise<AccountCheck> => {
        const base = { accountId: account.id, provider: account.provider };
        if (!account.adapter.verifyCredentials) return { ...base, outcome: 'skipped', message: 'this provider has no adapter yet' };
        try {
          await account.adapter.verifyCredentials();
          return { ...base, outcome: 'ok' };
        } catch (error) {
          const code = error instanceof ProxyGraphError ? error.code : 'INTERNAL_SERVER_ERROR';
          const message = redactSecrets(error instanceof Error ? error.message : String(error));
          return { ...base, outcome: 'failed', code, message };
        }
      }),
    );
  } finally {
    await gateway.close();
  }
}

export function formatChecks(checks: readonly AccountCheck[]): string {
  return checks
    .map((check) => {
      const name = `${check.accountId} (${check.provider})`;
      if (check.outcome === 'ok') return `ok       ${name}`;
      if (check.outcome === 'skipped') return `skipped  ${name}: ${check.message}`;
      return `FAILED   ${name}: ${check.code} ${check.message}`;
    })
    .join('\n');
}
