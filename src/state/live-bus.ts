/**
 * What the pollers of subscriptions share (src/domain/live/hub.ts): who polls a watched resource, what it
 * saw last, and the messages every replica delivers to its own subscribers.
 *
 * - `lead` gives the poll of one key to one replica at a time: a lease taken or renewed for `ttlMs`. The
 *   leader renews it at every poll; when it stops (or crashes) the lease lapses and another replica whose
 *   subscribers need the key takes it.
 * - `saveState`/`loadState` keep the last observation, so a new leader continues from what the old one saw
 *   instead of starting blind (no change between two leaders is missed or reported twice).
 * - `publish`/`subscribe` carry each poll's message to every replica, the leader included.
 *
 * In one process (no Redis) the memory bus below: this replica always leads.
 */
export interface LiveBus {
  lead(key: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up (no subscriber left here), so another replica may take it at once. */
  resign(key: string): Promise<void>;
  saveState(key: string, state: string, ttlMs: number): Promise<void>;
  loadState(key: string): Promise<string | null>;
  publish(key: string, message: string): Promise<void>;
  /** Resolves once the subscription is in place; the function it returns ends it. */
  subscribe(key: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class MemoryLiveBus implements LiveBus {
  private readonly states = new Map<string, string>();
  private readonly listeners = new Map<string, Set<(message: string) => void>>();

  async lead(): Promise<boolean> {
    return true;
  }

  async resign(): Promise<void> {}

  async saveState(key: string, state: string): Promise<void> {
    this.states.set(key, state);
  }

  async loadState(key: string): Promise<string | null> {
    return this.states.get(key) ?? null;
  }

  async publish(key: string, message: string): Promise<void> {
    for (const listener of this.listeners.get(key) ?? []) listener(message);
  }

  async subscribe(key: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(onMessage);
    return async () => {
      set.delete(onMessage);
      if (set.size === 0) this.listeners.delete(key);
      this.states.delete(key);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
