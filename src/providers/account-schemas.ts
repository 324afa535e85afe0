/**
 * Each provider's account schema, for the configuration's discriminated union (config/schema.ts). A new
 * provider is one more entry here (docs/adding-a-provider.md).
 */
import { pingproxiesAccount } from './pingproxies/config';
import { proxymeshAccount } from './proxymesh/config';
import { webshareAccount } from './webshare/config';
import { wonderproxyAccount } from './wonderproxy/config';

export const PROVIDER_ACCOUNT_SCHEMAS = [webshareAccount, proxymeshAccount, wonderproxyAccount, pingproxiesAccount] as const;
