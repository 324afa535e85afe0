/**
 * Usage history shared by replicas (domain/usage-history.ts): per account, one sorted set of snapshots and
 * one of hours, each scored by its time (epoch ms), so a window is one ZRANGEBYSCORE. Every write trims what
 * is older than the retention (ZREMRANGEBYSCORE) and sets the key to expire a retention after it, so an
 * account removed from the configuration leaves nothing behind. A re-read hour replaces the one held (the
 * old member is removed by its score in the same MULTI). Slots are claimed with SET NX PX: one replica wins
 * each (account, slot).
 */
import type Redis from 'ioredis';
import { DAY_MS, type UsageHistoryStore, type UsageHourRecord, type UsageSnapshotRecord } from '../domain/usage-history';

export class RedisUsageHistoryStore implements UsageHistoryStore {
  private readonly retentionMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    retentionDays: number,
    /** Who claims slots, in the claim's value (for whoever inspects Redis). */
    private readonly replicaId: string,
  ) {
    this.retentionMs = retentionDays * DAY_MS;
  }

  async addSnapshot(snapshot: UsageSnapshotRecord): Promise<void> {
    const key = this.key('snapshots', snapshot.accountId);
    await run(this.trimmed(key, this.redis.multi().zadd(key, Date.parse(snapshot.takenAt), JSON.stringify(snapshot))));
  }

  async putHours(accountId: string, hours: readonly UsageHourRecord[]): Promise<void> {
    if (hours.length === 0) return;
    const key = this.key('hours', accountId);
    const multi = this.redis.multi();
    for (const hour of hours) {
      const score = Date.parse(hour.hourStart);
      multi.zremrangebyscore(key, score, score).zadd(key, score, JSON.stringify({ ...hour, accountId }));
    }
    await run(this.trimmed(key, multi));
  }

  async snapshots(accountId: string, fromMs: number, toMs: number): Promise<UsageSnapshotRecord[]> {
    const members = await this.redis.zrangebyscore(this.key('snapshots', accountId), fromMs, toMs);
    return members.map((member) => JSON.parse(member) as UsageSnapshotRecord);
  }

  async hours(accountId: string, fromMs: number, toMs: number): Promise<UsageHourRecord[]> {
    const members = await this.redis.zrangebyscore(this.key('hours', accountId), fromMs, toMs);
    return members.map((member) => JSON.parse(member) as UsageHourRecord);
  }

  async lastHourMs(accountId: string): Promise<number | null> {
    const [, score] = await this.redis.zrevrange(this.key('hours', accountId), 0, 0, 'WITHSCORES');
    return score === undefined ? null : Number(score);
  }

  async claim(accountId: string, slot: number, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}usage-history:slot:${accountId}:${slot}`, this.replicaId, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async close(): Promise<void> {}

  private key(kind: 'snapshots' | 'hours', accountId: string): string {
    return `${this.prefix}usage-history:${kind}:${accountId}`;
  }

  private trimmed<T extends ReturnType<Redis['multi']>>(key: string, multi: T): T {
    multi.zremrangebyscore(key, '-inf', `(${Date.now() - this.retentionMs}`).pexpire(key, this.retentionMs);
    return multi;
  }
}

/** A MULTI's commands each answer on their own: the first one that failed fails the write. */
async function run(multi: ReturnType<Redis['multi']>): Promise<void> {
  const failed = (await multi.exec())?.find(([error]) => error);
  if (failed) throw failed[0];
}
