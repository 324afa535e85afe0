/**
 * Usage history in this process (domain/usage-history.ts): snapshots and hours in memory, appended as JSON
 * lines to `<dataDir>/usage-history.jsonl` when a data directory is used (memory only in demo mode and
 * tests). Entries older than the retention are dropped, and each account keeps at most
 * MAX_FILE_USAGE_ENTRIES snapshots and as many hours (the oldest go first), so memory stays bounded whatever
 * the interval and retention. At boot the file is read back and rewritten without what is not kept; it is
 * rewritten again whenever it holds twice as many lines as are kept (a re-read hour appends a line that
 * replaces an earlier one). Without Redis there is one replica, so every slot claim succeeds.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { readJsonLines } from './json-lines';
import { DAY_MS, type UsageHistoryStore, type UsageHourRecord, type UsageSnapshotRecord } from '../domain/usage-history';

/** Snapshots (and, separately, hours) kept per account: a year of 15-minute snapshots is 35 040. */
export const MAX_FILE_USAGE_ENTRIES = 50_000;

type Line = ({ type: 'snapshot' } & UsageSnapshotRecord) | ({ type: 'hour' } & UsageHourRecord);

interface AccountHistory {
  /** Oldest first. */
  snapshots: UsageSnapshotRecord[];
  /** By hourStart (ISO strings sort by time). */
  hours: Map<string, UsageHourRecord>;
}

export class FileUsageHistoryStore implements UsageHistoryStore {
  private readonly accounts = new Map<string, AccountHistory>();
  private fileLines = 0;
  /** Appends and rewrites one after another, so a rewrite never loses a line appended meanwhile. */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly filePath: string | null,
    private readonly retentionDays: number,
    private readonly maxEntries = MAX_FILE_USAGE_ENTRIES,
  ) {
    if (!filePath) return;
    const { values, lineCount } = readJsonLines<Line>(filePath);
    for (const line of values) this.take(line);
    for (const accountId of this.accounts.keys()) this.prune(accountId);
    this.fileLines = lineCount;
    // Compacted at start; should the rewrite fail, the next one (or the next start) drops the same lines.
    if (this.kept() !== lineCount) this.enqueue(() => this.rewrite()).catch(() => {});
  }

  async addSnapshot(snapshot: UsageSnapshotRecord): Promise<void> {
    this.take({ type: 'snapshot', ...snapshot });
    this.prune(snapshot.accountId);
    await this.append([{ type: 'snapshot', ...snapshot }]);
  }

  async putHours(accountId: string, hours: readonly UsageHourRecord[]): Promise<void> {
    const lines = hours.map((hour): Line => ({ type: 'hour', ...hour, accountId }));
    for (const line of lines) this.take(line);
    this.prune(accountId);
    await this.append(lines);
  }

  async snapshots(accountId: string, fromMs: number, toMs: number): Promise<UsageSnapshotRecord[]> {
    return (this.accounts.get(accountId)?.snapshots ?? []).filter((snapshot) => within(snapshot.takenAt, fromMs, toMs));
  }

  async hours(accountId: string, fromMs: number, toMs: number): Promise<UsageHourRecord[]> {
    const hours = [...(this.accounts.get(accountId)?.hours.values() ?? [])].filter((hour) => within(hour.hourStart, fromMs, toMs));
    return hours.sort((a, b) => a.hourStart.localeCompare(b.hourStart));
  }

  async lastHourMs(accountId: string): Promise<number | null> {
    let last: string | null = null;
    for (const hourStart of this.accounts.get(accountId)?.hours.keys() ?? []) if (!last || hourStart > last) last = hourStart;
    return last ? Date.parse(last) : null;
  }

  async claim(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    await this.writes;
  }

  private take(line: Line): void {
    const { type, ...record } = line;
    let history = this.accounts.get(record.accountId);
    if (!history) this.accounts.set(record.accountId, (history = { snapshots: [], hours: new Map() }));
    if (type === 'snapshot') history.snapshots.push(record as UsageSnapshotRecord);
    else history.hours.set((record as UsageHourRecord).hourStart, record as UsageHourRecord);
  }

  private prune(accountId: string): void {
    const history = this.accounts.get(accountId);
    if (!history) return;
    const oldestKept = new Date(Date.now() - this.retentionDays * DAY_MS).toISOString();
    const snapshots = history.snapshots.filter((snapshot) => snapshot.takenAt >= oldestKept);
    history.snapshots = snapshots.slice(Math.max(0, snapshots.length - this.maxEntries));
    const hours = [...history.hours.keys()].sort();
    const firstRecent = hours.findIndex((hourStart) => hourStart >= oldestKept);
    const firstKept = Math.max(firstRecent === -1 ? hours.length : firstRecent, hours.length - this.maxEntries);
    for (const hourStart of hours.slice(0, firstKept)) history.hours.delete(hourStart);
    if (history.snapshots.length === 0 && history.hours.size === 0) this.accounts.delete(accountId);
  }

  private kept(): number {
    let count = 0;
    for (const history of this.accounts.values()) count += history.snapshots.length + history.hours.size;
    return count;
  }

  private append(lines: Line[]): Promise<void> {
    if (!this.filePath || lines.length === 0) return Promise.resolve();
    return this.enqueue(async () => {
      await appendFile(this.filePath!, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
      this.fileLines += lines.length;
      if (this.fileLines > 2 * this.kept() + 1_000) await this.rewrite();
    });
  }

  private async rewrite(): Promise<void> {
    const lines: Line[] = [];
    for (const history of this.accounts.values()) {
      for (const snapshot of history.snapshots) lines.push({ type: 'snapshot', ...snapshot });
      for (const hour of history.hours.values()) lines.push({ type: 'hour', ...hour });
    }
    await writeFile(this.filePath!, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    this.fileLines = lines.length;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.writes.then(work);
    // A failed write is the caller's to report; the chain goes on for the next one.
    this.writes = next.catch(() => {});
    return next;
  }
}

function within(at: string, fromMs: number, toMs: number): boolean {
  const ms = Date.parse(at);
  return ms >= fromMs && ms <= toMs;
}
