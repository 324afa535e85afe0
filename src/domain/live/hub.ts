/**
 * The pollers behind subscriptions: one per (account, watched resource) however many subscribers, in this
 * replica or in all of them.
 *
 * A poller exists in a replica while that replica has a subscriber for its key. Each interval it asks the
 * live bus for the key's lease: the replica holding it polls (through a read view of a system principal,
 * so through the read cache, single-flight and the account's rate budget) and publishes what it saw; every
 * replica, the leader included, hears the message on the bus and hands it to its own subscribers. The
 * leader also saves its last state on the bus, so a replica taking over continues from it. With no Redis
 * the bus is in memory and this replica always leads.
 */
import type { LiveBus } from '../../state/live-bus';
import { ProxyGraphError } from '../../core/errors';
import { Principal } from '../principal';
import type { AccountRegistry } from '../registry';
import { RequestScope } from '../request-scope';
import { parseLiveJson, WATCHES, type MessageOf, type WatchKind } from './watches';

/** Reads every account, writes nothing: what a poll may do. */
const POLLER_PRINCIPAL = Principal.backgroundReader('proxygraph live poller');

export type PollOutcome = 'ok' | 'failed' | 'skipped';

export interface LiveHubOptions {
  registry: AccountRegistry;
  bus: LiveBus;
  intervalMs: Record<WatchKind, number>;
  /** The longest one poll may take (the request deadline). */
  pollTimeoutMs: number;
  /** Told of every poll this replica made (`skipped`: another replica leads the key). */
  onPoll?: (kind: WatchKind, accountId: string, outcome: PollOutcome) => void;
  onPollError?: (kind: WatchKind, accountId: string, error: unknown) => void;
}

type Listener<K extends WatchKind> = (message: MessageOf<K>) => void;

export class LiveHub {
  private readonly pollers = new Map<string, Poller<WatchKind>>();
  private subscribers = 0;
  private closed = false;

  constructor(private readonly options: LiveHubOptions) {}

  /**
   * Delivers the key's messages to `listener` until the returned function is called. The first subscriber
   * of a key starts its poller; the last one to leave stops it. A subscriber joining a running poller of a
   * resource whose messages are current figures (usage, expiries, sub-users) gets the last one at once.
   */
  async watch<K extends WatchKind>(kind: K, accountId: string, listener: Listener<K>): Promise<() => Promise<void>> {
    if (this.closed) throw new ProxyGraphError('PROVIDER_UNAVAILABLE', 'the server is shutting down');
    const key = `${kind}:${accountId}`;
    let poller = this.pollers.get(key) as Poller<K> | undefined;
    if (!poller) {
      poller = new Poller(kind, accountId, key, this.options);
      this.pollers.set(key, poller as unknown as Poller<WatchKind>);
    }
    this.subscribers += 1;
    await poller.add(listener);
    let left = false;
    return async () => {
      if (left) return;
      left = true;
      this.subscribers -= 1;
      if (poller.remove(listener)) {
        if (this.pollers.get(key) === (poller as unknown as Poller<WatchKind>)) this.pollers.delete(key);
        await poller.stop();
      }
    };
  }

  /** Subscribers (one per watched account per subscription) in this replica. */
  subscriberCount(): number {
    return this.subscribers;
  }

  /** Keys this replica has a poller for (leading or following). */
  pollerCount(): number {
    return this.pollers.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pollers = [...this.pollers.values()];
    this.pollers.clear();
    await Promise.all(pollers.map((poller) => poller.stop()));
  }
}

class Poller<K extends WatchKind> {
  private readonly listeners = new Set<Listener<K>>();
  private timer: NodeJS.Timeout | null = null;
  private leaveBus: (() => Promise<void>) | null = null;
  private starting: Promise<void> | null = null;
  /** What the last poll saw; undefined until this replica leads (then loaded from the bus). */
  private state: Record<string, string> | null | undefined;
  private last: MessageOf<K> | null = null;
  private polling = false;
  private stopped = false;
  /** Aborted on stop: a poll in flight starts no further upstream call (a shutdown does not wait for it). */
  private readonly stopping = new AbortController();
  private polls = 0;
  private readonly intervalMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly kind: K,
    private readonly accountId: string,
    private readonly key: string,
    private readonly options: LiveHubOptions,
  ) {
    this.intervalMs = options.intervalMs[kind];
    // Long enough to cover a poll at its deadline plus a missed tick: a live leader never loses its lease.
    this.leaseMs = this.intervalMs * 2 + options.pollTimeoutMs;
  }

  async add(listener: Listener<K>): Promise<void> {
    this.listeners.add(listener);
    this.starting ??= this.start();
    await this.starting;
    if (this.last && this.kind !== 'proxies' && this.kind !== 'replacements') listener(this.last);
  }

  /** True when the poller has no listener left. */
  remove(listener: Listener<K>): boolean {
    this.listeners.delete(listener);
    return this.listeners.size === 0;
  }

  private async start(): Promise<void> {
    this.leaveBus = await this.options.bus.subscribe(this.key, (text) => this.deliver(text));
    if (this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    // The first look at once: it is what the first change is compared with.
    await this.tick();
  }

  private deliver(text: string): void {
    let message: MessageOf<K>;
    try {
      message = parseLiveJson<MessageOf<K>>(text);
    } catch {
      return;
    }
    this.last = message;
    for (const listener of this.listeners) listener(message);
  }

  private async tick(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      if (!(await this.options.bus.lead(this.key, this.leaseMs))) {
        // Another replica polls; if this one leads later, it continues from the state that one saved.
        this.state = undefined;
        this.options.onPoll?.(this.kind, this.accountId, 'skipped');
        return;
      }
      if (this.state === undefined) {
        const saved = await this.options.bus.loadState(this.key);
        this.state = saved ? parseLiveJson<Record<string, string> | null>(saved) : null;
      }
      this.polls += 1;
      const scope = new RequestScope(POLLER_PRINCIPAL, this.options.registry, {
        deadlineAtMs: Date.now() + this.options.pollTimeoutMs,
        maxUpstreamCalls: Number.POSITIVE_INFINITY,
        clientGone: this.stopping.signal,
        // What a query read within the last half interval is reused; anything older is read again (and refills
        // the cache). A cache TTL longer than the interval would otherwise hide every change for the whole TTL.
        maxCacheAgeMs: Math.floor(this.intervalMs / 2),
        requestId: `live-${this.kind}-${this.accountId}-${this.polls}`,
      });
      const observation = await WATCHES[this.kind].observe(scope.reads, this.accountId, this.state, new Date().toISOString());
      if (this.stopped) return;
      this.state = observation.state;
      await this.options.bus.saveState(this.key, JSON.stringify(observation.state), this.leaseMs * 4);
      if (observation.message) await this.options.bus.publish(this.key, JSON.stringify(observation.message));
      this.options.onPoll?.(this.kind, this.accountId, 'ok');
    } catch (error) {
      // The provider failing (or Redis): subscribers wait for the next poll; nothing is reported as a change.
      this.options.onPoll?.(this.kind, this.accountId, 'failed');
      this.options.onPollError?.(this.kind, this.accountId, error);
    } finally {
      this.polling = false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    if (this.timer) clearInterval(this.timer);
    await this.starting?.catch(() => undefined);
    await this.leaveBus?.();
    await this.options.bus.resign(this.key);
  }
}
