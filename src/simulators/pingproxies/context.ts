/** What every Ping Proxies simulator route shares: the state, the clock, the knobs, the auth/throttle guard. */
import type { SimHandler, SimRequest, SimResponse } from '../kit';
import type { PingSimState } from './state';

export type Guard = (handler: (req: SimRequest) => SimResponse) => SimHandler;

export interface PingSimContext {
  state: PingSimState;
  nowMs(): number;
  /** Search resources that answer `total_count: -1` ("too expensive to count" [C]). */
  uncountedSearches: ReadonlySet<PingSearchResource>;
}

export type PingSearchResource = 'proxy' | 'proxy_user' | 'service' | 'proxy_user_acl' | 'service_adjustment';

/** Every public endpoint is `/1.0/public/user/{resource}/{action}[/{identifier}]` [C]. */
export const USER = '/1.0/public/user';
