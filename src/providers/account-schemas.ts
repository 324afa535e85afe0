/**
 * Each provider's account schema, for the configuration's discriminated union (config/schema.ts). A new
 * provider is one more entry here (docs/adding-a-provider.md).
 */
import type { AccountIssue } from '../config/account-issue';
import { pingproxiesAccount } from './pingproxies/config';
import { proxymeshAccount, proxymeshAccountIssues } from './proxymesh/config';
import { webshareAccount } from './webshare/config';
import { wonderproxyAccount } from './wonderproxy/config';

export const PROVIDER_ACCOUNT_SCHEMAS = [webshareAccount, proxymeshAccount, wonderproxyAccount, pingproxiesAccount] as const;

/** Rules across the fields of one account that a field's own schema cannot state; [] when all is well. */
export function accountIssues(account: { provider: string }): AccountIssue[] {
  if (account.provider === 'proxymesh') return proxymeshAccountIssues(account as Parameters<typeof proxymeshAccountIssues>[0]);
  return [];
}
