/**
 * The audit log shared by replicas (domain/audit.ts): a Redis stream, entries trimmed past the retention on
 * every append (XADD MINID), read newest first (XREVRANGE) in batches until a page of visible entries is full.
 */
import type Redis from 'ioredis';
import { matchesAuditQuery, type AuditEntry, type AuditLog, type AuditQuery } from '../domain/audit';

const DAY_MS = 86_400_000;
const BATCH = 200;

export class RedisAuditLog implements AuditLog {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly retentionDays: number,
  ) {
    this.key = `${prefix}audit`;
  }

  async append(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    const minId = `${Date.now() - this.retentionDays * DAY_MS}-0`;
    await this.redis.xadd(this.key, 'MINID', '~', minId, '*', 'entry', JSON.stringify(entry));
  }

  async list(query: AuditQuery): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
    const matches: AuditEntry[] = [];
    let end = query.before ? `(${query.before}` : '+';
    for (;;) {
      const batch = (await this.redis.xrevrange(this.key, end, '-', 'COUNT', BATCH)) as Array<[string, string[]]>;
      for (const [id, fields] of batch) {
        const entry = { id, ...(JSON.parse(fields[1]) as Omit<AuditEntry, 'id'>) };
        if (!matchesAuditQuery(entry, query)) continue;
        matches.push(entry);
        if (matches.length > query.first) return { entries: matches.slice(0, query.first), hasMore: true };
      }
      if (batch.length < BATCH) return { entries: matches, hasMore: false };
      end = `(${batch[batch.length - 1][0]}`;
    }
  }

  async close(): Promise<void> {}
}
