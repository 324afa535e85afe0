/**
 * Which proxy list an account entry reads (`mode=direct` or `mode=backbone`), without a plan read on every
 * page: [C] residential plans must be listed in backbone mode, and Webshare refuses `mode=direct` for them. The
 * adapter remembers the mode the plan gave (for LIFETIME_MS [I]: the default plan can change); until one is
 * known the list is read in direct mode, and a refusal of that mode (or an empty answer) makes the plan decide
 * and the read run again. So a datacenter account with proxies never pays a call for this, and a residential
 * one pays once per lifetime.
 */
import { isCode } from '../../core/errors';
import { listModeOf } from './mapping-config';
import type { WebshareAccountReads } from './session-reads';
import type { WebshareProxyListMode } from './wire';

const LIFETIME_MS = 10 * 60_000;

/** Lives as long as the adapter. */
export class WebshareListModeMemory {
  private remembered: { mode: WebshareProxyListMode; untilMs: number } | null = null;

  known(nowMs = Date.now()): WebshareProxyListMode | null {
    return this.remembered && this.remembered.untilMs > nowMs ? this.remembered.mode : null;
  }

  remember(mode: WebshareProxyListMode, nowMs = Date.now()): void {
    this.remembered = { mode, untilMs: nowMs + LIFETIME_MS };
  }
}

/** Webshare's 400 for a list mode the plan does not allow: a field error on `mode`. */
function refusesMode(error: unknown): boolean {
  return isCode(error, 'BAD_USER_INPUT') && Boolean(error.details.fields && 'mode' in error.details.fields);
}

/** One request's view: the remembered mode, the plan's when asked, and reads that recover from a wrong guess. */
export class WebshareListModes {
  constructor(
    private readonly memory: WebshareListModeMemory,
    private readonly account: WebshareAccountReads,
  ) {}

  known(): WebshareProxyListMode | null {
    return this.memory.known();
  }

  /** The plan's mode (the plan is read once per request), remembered for later requests. */
  async fromPlan(): Promise<WebshareProxyListMode> {
    const mode = listModeOf(await this.account.plan());
    this.memory.remember(mode);
    return mode;
  }

  /** The mode when it matters before any call (a filter only direct mode has). */
  async certain(): Promise<WebshareProxyListMode> {
    return this.known() ?? this.fromPlan();
  }

  /**
   * Runs `read` in the known mode, else direct; when Webshare refuses direct mode, in the plan's mode. A guessed
   * direct read that finds nothing also asks the plan [I]: should Webshare answer a residential plan's direct
   * list with an empty page instead of a 400, its proxies are still found.
   */
  async read<T>(read: (mode: WebshareProxyListMode) => Promise<T>, isEmpty: (result: T) => boolean): Promise<T> {
    const known = this.known();
    if (known) return read(known);
    let result: T;
    try {
      result = await read('direct');
    } catch (error) {
      if (!refusesMode(error) || (await this.fromPlan()) === 'direct') throw error;
      return read('backbone');
    }
    if (isEmpty(result) && (await this.fromPlan()) === 'backbone') return read('backbone');
    this.memory.remember('direct');
    return result;
  }
}
