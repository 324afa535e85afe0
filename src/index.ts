/** Library entry: start ProxyGraph from code (tests, embedding) with a validated configuration. */
export { startProxyGraph, type RunningProxyGraph, type StartOptions } from './app';
export { parseConfig, loadConfigFile, ConfigError } from './config/load';
export type { ProxyGraphConfig, AccountConfig } from './config/schema';
export { printProxyGraphSchema } from './schema/build';
