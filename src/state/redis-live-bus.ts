/**
 * The live bus shared by replicas through Redis (see live-bus.ts): a lease per watched key
 * (`SET NX PX`, renewed by its holder with a compare-and-extend script), the last observation in a key with
 * a TTL, and Redis pub/sub for the messages (on a second connection: a subscribed connection can do nothing
 * else).
 *
 * When Redis cannot answer, `lead` says no: no replica polls, rather than every replica polling at once and
 * multiplying the calls to the provider. Subscribers hear nothing until Redis is back; their subscriptions
 * stay open.
 */
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { LiveBus } from './live-bus';

// Take the lease if free, or extend it if this replica holds it.
const LEAD = `local holder = redis.call('GET', KEYS[1])
if holder == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`;
const RESIGN = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export class RedisLiveBus implements LiveBus {
  /** This replica's name in leases. */
  private readonly replicaId = randomUUID();
  private subscriber: Redis | null = null;
  private readonly listeners = new Map<string, Set<(message: string) => void>>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(kind: 'lease' | 'state' | 'channel', key: string): string {
    return `${this.prefix}live:${kind}:${key}`;
  }

  async lead(key: string, ttlMs: number): Promise<boolean> {
    try {
      return (await this.redis.eval(LEAD, 1, this.key('lease', key), this.replicaId, String(ttlMs))) === 1;
    } catch {
      return false;
    }
  }

  async resign(key: string): Promise<void> {
    await this.redis.eval(RESIGN, 1, this.key('lease', key), this.replicaId).catch(() => undefined);
  }

  async saveState(key: string, state: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.key('state', key), state, 'PX', ttlMs).catch(() => undefined);
  }

  async loadState(key: string): Promise<string | null> {
    return this.redis.get(this.key('state', key)).catch(() => null);
  }

  async publish(key: string, message: string): Promise<void> {
    await this.redis.publish(this.key('channel', key), message).catch(() => undefined);
  }

  private connection(): Redis {
    if (!this.subscriber) {
      const subscriber = this.redis.duplicate({ enableOfflineQueue: true });
      subscriber.on('error', () => undefined);
      subscriber.on('message', (channel: string, message: string) => {
        for (const listener of this.listeners.get(channel) ?? []) listener(message);
      });
      this.subscriber = subscriber;
    }
    return this.subscriber;
  }

  async subscribe(key: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    const channel = this.key('channel', key);
    let set = this.listeners.get(channel);
    if (!set) {
      this.listeners.set(channel, (set = new Set()));
      await this.connection().subscribe(channel);
    }
    set.add(onMessage);
    return async () => {
      set.delete(onMessage);
      if (set.size === 0 && this.listeners.get(channel) === set) {
        this.listeners.delete(channel);
        await this.subscriber?.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }
}
