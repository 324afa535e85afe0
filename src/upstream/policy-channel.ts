/**
 * An AccountChannel with policies of its own: the gateway's policies apply to every account, these only to
 * one (e.g. the credential breaker of an account whose provider bans after failed logins). They run
 * outermost, so a policy that refuses a call stops it before any gateway policy or HTTP request.
 */
import { AccountChannel, type AccountTarget, type UpstreamGateway, type UpstreamPolicy, type UpstreamRequest, type UpstreamResponse } from './http';

export class PolicyChannel extends AccountChannel {
  constructor(
    gateway: UpstreamGateway,
    target: AccountTarget,
    private readonly policies: readonly UpstreamPolicy[],
  ) {
    super(gateway, target);
  }

  override send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const call = { target: this.target, request };
    const run = (index: number): Promise<UpstreamResponse> => {
      const policy = this.policies[index];
      if (!policy) return super.send(request);
      return policy.execute(call, () => run(index + 1));
    };
    return run(0);
  }
}
