/**
 * The state store: small durable facts ProxyGraph must remember because a provider cannot tell it (the
 * ProxyMesh sub-accounts it knows about). Sets of strings under namespaced keys. The default keeps them in
 * memory and persists them to `<dataDir>/state.json` (written atomically); a Redis-backed store with the
 * same interface arrives with the resilience work so replicas share one view.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StateStore {
  /** Members of a set, in insertion order; [] when the set does not exist. */
  members(key: string): Promise<string[]>;
  /** Adds a member; true when it was not there before. */
  add(key: string, member: string): Promise<boolean>;
  /** Removes a member; true when it was there. */
  remove(key: string, member: string): Promise<boolean>;
  close(): Promise<void>;
}

/** In-memory sets, persisted to a JSON file when `filePath` is given (null = memory only, e.g. demo mode). */
export class FileStateStore implements StateStore {
  private readonly sets = new Map<string, string[]>();

  constructor(private readonly filePath: string | null) {
    if (!filePath) return;
    try {
      const saved = JSON.parse(readFileSync(filePath, 'utf8')) as { sets?: Record<string, string[]> };
      for (const [key, members] of Object.entries(saved.sets ?? {})) this.sets.set(key, [...members]);
    } catch (error) {
      // A missing file is a first start; anything else (corrupt JSON) must not be silently overwritten.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`state file ${filePath} is unreadable: ${(error as Error).message}`);
      }
    }
  }

  static inDataDir(dataDir: string): FileStateStore {
    mkdirSync(dataDir, { recursive: true });
    return new FileStateStore(join(dataDir, 'state.json'));
  }

  async members(key: string): Promise<string[]> {
    return [...(this.sets.get(key) ?? [])];
  }

  async add(key: string, member: string): Promise<boolean> {
    const members = this.sets.get(key) ?? [];
    if (members.includes(member)) return false;
    this.sets.set(key, [...members, member]);
    this.persist();
    return true;
  }

  async remove(key: string, member: string): Promise<boolean> {
    const members = this.sets.get(key) ?? [];
    if (!members.includes(member)) return false;
    this.sets.set(key, members.filter((entry) => entry !== member));
    this.persist();
    return true;
  }

  async close(): Promise<void> {}

  private persist(): void {
    if (!this.filePath) return;
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ sets: Object.fromEntries(this.sets) }, null, 2)}\n`);
    renameSync(temporary, this.filePath);
  }
}
