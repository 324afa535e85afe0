/**
 * Reads the Webshare simulator directly over HTTP, as a second client would: the ground truth tests compare
 * ProxyGraph's answers with. (Calls made here show up in the simulator's call log; tests reset it after.)
 */
import type { WebshareSimulator } from '../../src/simulators/webshare';

export async function webshareGet<T>(simulator: WebshareSimulator, pathAndQuery: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${simulator.origin}${pathAndQuery}`, {
    headers: { authorization: `Token ${simulator.credentials.token}`, ...headers },
  });
  if (!response.ok) throw new Error(`simulator answered ${response.status} for ${pathAndQuery}`);
  return (await response.json()) as T;
}

/** POSTs JSON to the Webshare simulator as a second client would (to seed it through its own API). */
export async function websharePost<T>(simulator: WebshareSimulator, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${simulator.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Token ${simulator.credentials.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator answered ${response.status} for POST ${path}`);
  return (await response.json()) as T;
}

/** Call-log count for one route pattern on the simulator (`GET /api/v2/proxy/list/`) or a RegExp over it. */
export function callsTo(simulator: WebshareSimulator, endpoint: string | RegExp): number {
  return simulator.server.callCount(endpoint);
}

export const PLAN_BY_ID = /^GET \/api\/v2\/subscription\/plan\/:[^/]+\/$/;
export const PROXY_LIST = 'GET /api/v2/proxy/list/';
