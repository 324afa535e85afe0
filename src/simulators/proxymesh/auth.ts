/**
 * ProxyMesh authentication in the simulator: HTTP Basic with the parent account [C], or a bearer token
 * [C docs/providers/reference.md §3]; a sub-account's own credentials authenticate but may not use the API (403 [C]).
 *
 * The ban [C]: "4 authentication failures in a short period of time will result in a 3-hour ban", during
 * which every call with that identity gets 401, good credentials too. Failures are counted per username
 * tried (anonymous and bad-token attempts share one key) [I]; "a short period" is 10 minutes [I].
 */
import { basicCredentials, type SimClock, type SimRequest } from '../kit';
import type { ProxyMeshState } from './state';

export interface BanRules {
  /** Failures within the window that trigger a ban [C 4]. */
  threshold: number;
  /** [I] how long failures are remembered. */
  windowMs: number;
  /** [C] 3 hours. */
  banMs: number;
}

export const DEFAULT_BAN_RULES: BanRules = { threshold: 4, windowMs: 10 * 60_000, banMs: 3 * 3_600_000 };

const ANONYMOUS = '(no valid identity)';

export class BanTracker {
  /** Every 401 answered, for tests: "how many authentication failures did the provider see?" */
  failures = 0;
  private readonly recent = new Map<string, number[]>();
  private readonly bannedUntil = new Map<string, number>();

  constructor(
    private readonly clock: SimClock,
    readonly rules: BanRules,
  ) {}

  isBanned(key: string): boolean {
    const until = this.bannedUntil.get(key.toLowerCase());
    return until !== undefined && this.clock.nowMs() < until;
  }

  /** Records a failed login; the threshold-th one within the window starts a ban. */
  recordFailure(key: string): void {
    const now = this.clock.nowMs();
    const id = key.toLowerCase();
    const list = (this.recent.get(id) ?? []).filter((at) => at > now - this.rules.windowMs);
    list.push(now);
    if (list.length >= this.rules.threshold) {
      this.bannedUntil.set(id, now + this.rules.banMs);
      this.recent.delete(id);
    } else {
      this.recent.set(id, list);
    }
  }

  reset(): void {
    this.failures = 0;
    this.recent.clear();
    this.bannedUntil.clear();
  }
}

export type Identity = { kind: 'parent' } | { kind: 'sub'; username: string } | { kind: 'denied' };

/** Who is calling; a denied call has already been counted (and may have started a ban). */
export function authenticate(req: SimRequest, state: ProxyMeshState, bans: BanTracker): Identity {
  const deny = (key: string, counts: boolean): Identity => {
    bans.failures += 1;
    if (counts) bans.recordFailure(key);
    return { kind: 'denied' };
  };
  const header = req.headers.authorization ?? '';
  if (/^bearer\s+/i.test(header)) {
    const token = header.replace(/^bearer\s+/i, '').trim();
    if (token !== state.parent.bearerToken) return deny(ANONYMOUS, !bans.isBanned(ANONYMOUS));
    // A valid token is still refused while its account is banned.
    return bans.isBanned(state.parent.username) ? deny(state.parent.username, false) : { kind: 'parent' };
  }
  const credentials = basicCredentials(req);
  if (!credentials) return deny(ANONYMOUS, !bans.isBanned(ANONYMOUS));
  // [I] attempts during a ban are refused without extending it.
  if (bans.isBanned(credentials.username)) return deny(credentials.username, false);
  const { parent } = state;
  if (credentials.username === parent.username && credentials.password === parent.password) return { kind: 'parent' };
  const sub = state.subs.get(credentials.username);
  if (sub && sub.active && sub.password === credentials.password) return { kind: 'sub', username: sub.username };
  return deny(credentials.username, true);
}
