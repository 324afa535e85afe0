/**
 * Rate budgets shared by every replica pointed at one Redis (docs/architecture.md §5): each window is a sorted set of
 * reserved send times, and a reservation is one Lua script, so two replicas can never both take the last
 * slot. The script reads Redis's own clock (TIME), so replicas with skewed clocks still agree on windows.
 * The closed mark of a 429 is a key with a PX expiry.
 *
 * If Redis cannot answer, this replica falls back to its own in-process budget rather than failing calls:
 * the provider's limit is then only respected per replica until Redis is back.
 */
import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { InProcessBudgetStore, type BudgetStore, type BudgetWindow, type Reservation } from './budget-store';

/**
 * KEYS[1] = closed key, KEYS[2..] = window keys. ARGV = maxWaitMs, member, then limit and windowMs per window.
 * Returns {1, waitMs} (granted) or {0, retryAfterMs, closed(1|0)}.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local closed = redis.call('PTTL', KEYS[1])
if closed > 0 then return {0, closed, 1} end
local maxWait = tonumber(ARGV[1])
local slot = now
for i = 2, #KEYS do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  if count > 0 then
    local last = redis.call('ZRANGE', KEYS[i], -1, -1, 'WITHSCORES')
    slot = math.max(slot, tonumber(last[2]))
  end
  if count >= limit then
    local oldest = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
    slot = math.max(slot, tonumber(oldest[2]) + window)
  end
end
if slot - now > maxWait then return {0, slot - now, 0} end
for i = 2, #KEYS do
  local window = tonumber(ARGV[2 * i])
  redis.call('ZADD', KEYS[i], slot, ARGV[2] .. ':' .. i)
  redis.call('PEXPIRE', KEYS[i], slot - now + window)
end
return {1, slot - now}
`;

const RESERVE_SHA = createHash('sha1').update(RESERVE).digest('hex');

/** Sets the closed mark unless a longer closure is already there. */
const CLOSE = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1
`;

export interface RedisBudgetStoreOptions {
  /** Told when Redis failed and the local fallback answered (once per outage). */
  onFallback?: (error: Error) => void;
}

export class RedisBudgetStore implements BudgetStore {
  private readonly fallback = new InProcessBudgetStore();
  private readonly instance = randomUUID().slice(0, 8);
  private sequence = 0;
  private degraded = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: RedisBudgetStoreOptions = {},
  ) {}

  private key(name: string): string {
    return `${this.prefix}budget:${name}`;
  }

  async reserve(closedKey: string, windows: readonly BudgetWindow[], maxWaitMs: number): Promise<Reservation> {
    const keys = [this.key(closedKey), ...windows.map((window) => this.key(window.key))];
    const args: Array<string | number> = [Math.floor(maxWaitMs), `${this.instance}:${++this.sequence}`];
    for (const window of windows) args.push(window.limit, window.windowMs);
    try {
      const answer = (await this.evalReserve(keys, args)) as number[];
      this.degraded = false;
      if (answer[0] === 1) return { granted: true, waitMs: Number(answer[1]) };
      return { granted: false, retryAfterMs: Number(answer[1]), closed: answer[2] === 1 };
    } catch (error) {
      this.noteFallback(error);
      return this.fallback.reserveNow(closedKey, windows, maxWaitMs);
    }
  }

  async close(closedKey: string, durationMs: number): Promise<void> {
    // Close locally too, so this replica stays closed even if the Redis write is lost.
    this.fallback.closeNow(closedKey, durationMs);
    try {
      await this.redis.eval(CLOSE, 1, this.key(closedKey), Math.max(1, Math.ceil(durationMs)));
    } catch (error) {
      this.noteFallback(error);
    }
  }

  /** EVALSHA (the script is sent once per Redis restart), EVAL when Redis does not have it cached yet. */
  private async evalReserve(keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await this.redis.evalsha(RESERVE_SHA, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return this.redis.eval(RESERVE, keys.length, ...keys, ...args);
    }
  }

  private noteFallback(error: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.options.onFallback?.(error as Error);
  }
}
