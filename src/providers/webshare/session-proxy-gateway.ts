/**
 * Webshare's backbone gateway (p.webshare.io): its ports, which list the account's proxies come from, and the
 * username grammar for country, city, sticky-session and rotating targeting (docs/providers/reference.md §1.5
 * "Proxy list"; apidocs.webshare.io /proxy-connection).
 */
import type { GatewayUsernameParams } from '../contract/params';
import type { ProxyGatewayFacet } from '../contract/session';
import { cityTargetingOf, gatewayUsername, toProxyGateway } from './mapping-config';
import type { WebshareConfigReads } from './session-config-reads';
import type { WebshareAccountReads } from './session-reads';
import type { WebshareListModes } from './list-mode';
import { checkGatewayUsername } from './validate-config';

export class WebshareProxyGateway implements ProxyGatewayFacet {
  constructor(
    private readonly account: WebshareAccountReads,
    private readonly config: WebshareConfigReads,
    private readonly modes: WebshareListModes,
  ) {}

  /** The plan says the list mode (remembered for the proxy list) and whether cities can be targeted; the list status holds the proxy username. */
  async get() {
    const [plan, status] = await Promise.all([this.account.plan(), this.config.status.get(), this.modes.fromPlan()]);
    return toProxyGateway(plan, status.username);
  }

  /** Checked against the grammar (and the plan, for cities) before the username is built. */
  async username(params: GatewayUsernameParams) {
    const plan = await this.account.plan();
    checkGatewayUsername(params, cityTargetingOf(plan));
    const status = await this.config.status.get();
    return gatewayUsername(status.username, params);
  }
}
