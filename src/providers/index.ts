/** Provider registry: the adapter factory of each provider. Adding a provider = one line here. */
import type { AdapterFactory } from '../domain/registry';
import type { ProviderName } from '../core/providers';
import { createWebshareAdapter } from './webshare/adapter';
import { createPingProxiesAdapter } from './pingproxies/adapter';
import { createProxyMeshAdapter } from './proxymesh/adapter';
import { createWonderProxyAdapter } from './wonderproxy/adapter';

export const adapterFactories: Partial<Record<ProviderName, AdapterFactory>> = {
  webshare: createWebshareAdapter,
  pingproxies: createPingProxiesAdapter,
  proxymesh: createProxyMeshAdapter,
  wonderproxy: createWonderProxyAdapter,
};
