/** Provider registry: the adapter factory of each provider. Adding a provider = one line here. */
import type { AdapterFactory } from '../domain/registry';
import type { ProviderName } from './types';
import { createWebshareAdapter } from './webshare/adapter';

export const adapterFactories: Partial<Record<ProviderName, AdapterFactory>> = {
  webshare: createWebshareAdapter,
};
