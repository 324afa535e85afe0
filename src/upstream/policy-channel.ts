/**
 * An AccountChannel with policies of its own: the gateway's policies apply to every account, these only to
 * one (the credential breaker of an account whose provider bans after failed logins, an account's rate
 * budget). They run inside the gateway's policies, right before the HTTP send, so every attempt a retry
 * makes passes the budget and the breaker, and a call refused by them makes no HTTP request.
 */
import { AccountChannel, type AccountTarget, type UpstreamGateway, type UpstreamPolicy } from './http';

export class PolicyChannel extends AccountChannel {
  constructor(gateway: UpstreamGateway, target: AccountTarget, policies: readonly UpstreamPolicy[]) {
    super(gateway, target, policies);
  }
}
