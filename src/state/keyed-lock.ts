/**
 * A per-key mutex for read-modify-write on provider resources that can only be replaced whole (a Ping proxy
 * user's IP list): holders of one key run one at a time, in arrival order; different keys never wait for
 * each other. This in-process version serialises writers inside one ProxyGraph; RedisKeyedLock
 * (redis-keyed-lock.ts, `SET NX PX` + compare-and-delete) implements the same interface so replicas
 * serialise too.
 */

export interface KeyedLock {
  /** Runs `work` while holding `key`; the lock is released when `work` settles, even if it throws. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export class InProcessKeyedLock implements KeyedLock {
  /** The promise the next holder of each key waits for; absent when nobody holds or waits for the key. */
  private readonly tails = new Map<string, Promise<void>>();

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => held);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      // Forget the key once no later holder has queued behind us, so the map does not grow forever.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys currently held or waited for (for tests and metrics). */
  get activeKeys(): number {
    return this.tails.size;
  }
}
