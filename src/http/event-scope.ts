/**
 * The request scope a subscription's event is resolved with, over WebSocket or the router's callbacks alike:
 * the subscriber's principal, a deadline and call allowance of its own (a subscription lives for hours, a
 * request's limits for seconds), and the usage history for `Account.usageHistory` below a payload.
 */
import type { Principal } from '../domain/principal';
import type { AccountRegistry } from '../domain/registry';
import { RequestScope } from '../domain/request-scope';
import type { UsageHistorySource } from '../domain/usage-history';

export interface EventScopeSettings {
  registry: AccountRegistry;
  requestTimeoutMs: number;
  maxUpstreamCallsPerRequest: number;
  usageHistory?: UsageHistorySource;
}

export function eventScopeFactory(settings: EventScopeSettings): (principal: Principal, requestId: string) => RequestScope {
  return (principal, requestId) =>
    new RequestScope(principal, settings.registry, {
      deadlineAtMs: Date.now() + settings.requestTimeoutMs,
      maxUpstreamCalls: settings.maxUpstreamCallsPerRequest,
      requestId,
      usageHistory: settings.usageHistory,
    });
}
