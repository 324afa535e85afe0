/**
 * The audit log in this process (domain/audit.ts): entries in memory, appended as JSON lines to
 * `<dataDir>/audit.jsonl` when a data directory is used (memory only in demo mode and tests), entries older
 * than the retention dropped, and at most MAX_FILE_AUDIT_ENTRIES kept (the oldest go first). At boot the file
 * is read back, what is not kept left out and the file rewritten without it. The Redis log
 * (redis-audit-log.ts) is the shared one for replicas, bounded by retention only.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { readJsonLines } from './json-lines';
import { matchesAuditQuery, type AuditEntry, type AuditLog, type AuditQuery } from '../domain/audit';

const DAY_MS = 86_400_000;
/** The most entries kept in this process, so a busy replica's memory stays bounded whatever the retention. */
export const MAX_FILE_AUDIT_ENTRIES = 100_000;

export class FileAuditLog implements AuditLog {
  private entries: AuditEntry[] = [];
  private sequence = 0;

  constructor(
    private readonly filePath: string | null,
    private readonly retentionDays: number,
    private readonly maxEntries = MAX_FILE_AUDIT_ENTRIES,
  ) {
    if (!filePath) return;
    const { values, lineCount } = readJsonLines<AuditEntry>(filePath);
    this.entries.push(...values);
    this.prune();
    if (this.entries.length !== lineCount) void writeFile(filePath, this.entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  }

  async append(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    const full: AuditEntry = { id: `${Date.parse(entry.at).toString().padStart(15, '0')}-${String(++this.sequence).padStart(9, '0')}`, ...entry };
    this.entries.push(full);
    this.prune();
    if (this.filePath) await appendFile(this.filePath, `${JSON.stringify(full)}\n`);
  }

  async list(query: AuditQuery): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
    const matches: AuditEntry[] = [];
    for (let index = this.entries.length - 1; index >= 0 && matches.length <= query.first; index -= 1) {
      const entry = this.entries[index];
      if (query.before && entry.id >= query.before) continue;
      if (matchesAuditQuery(entry, query)) matches.push(entry);
    }
    return { entries: matches.slice(0, query.first), hasMore: matches.length > query.first };
  }

  async close(): Promise<void> {}

  private prune(): void {
    const oldestKept = new Date(Date.now() - this.retentionDays * DAY_MS).toISOString();
    let firstKept = this.entries.findIndex((entry) => entry.at >= oldestKept);
    if (firstKept === -1) firstKept = this.entries.length;
    firstKept = Math.max(firstKept, this.entries.length - this.maxEntries);
    if (firstKept > 0) this.entries = this.entries.slice(firstKept);
  }
}
