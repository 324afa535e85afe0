/**
 * The state store: small durable facts ProxyGraph must remember because a provider cannot tell it (the
 * ProxyMesh sub-accounts it knows about, credential-breaker marks). Sets of strings under namespaced keys.
 * The default keeps them in memory and persists them to `<dataDir>/state.json` (written atomically); the
 * Redis-backed store (redis.ts) has the same interface so replicas share one view.
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StateStore {
  /** Members of a set, in insertion order; [] when the set does not exist. */
  members(key: string): Promise<string[]>;
  /** Adds a member; true when it was not there before. Throws when the change could not be kept. */
  add(key: string, member: string): Promise<boolean>;
  /** Removes a member; true when it was there. Throws when the change could not be kept. */
  remove(key: string, member: string): Promise<boolean>;
  /** Where the state lives and whether it can be written right now (for /ready). */
  health?(): StateHealth;
  close(): Promise<void>;
}

export interface StateHealth {
  backend: 'redis' | 'file' | 'memory' | 'custom';
  ok: boolean;
}

/** The state directory or file cannot be used: reported at boot as a configuration problem (exit 78). */
export class StateStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateStoreError';
  }
}

const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** In-memory sets, persisted to a JSON file when `filePath` is given (null = memory only, e.g. demo mode). */
export class FileStateStore implements StateStore {
  private readonly sets = new Map<string, string[]>();
  /** False after a write that could not be persisted, until the next one that could. */
  private lastWriteOk = true;

  constructor(private readonly filePath: string | null) {
    if (!filePath) return;
    let text: string;
    try {
      text = readFileSync(filePath, 'utf8');
    } catch (error) {
      // A missing file is a first start.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new StateStoreError(`state file ${filePath} cannot be read (${reason(error)})`);
    }
    let saved: { sets?: Record<string, string[]> };
    try {
      saved = JSON.parse(text) as typeof saved;
    } catch (error) {
      // Never overwrite what may be the only record of sub-accounts created upstream: the operator decides.
      throw new StateStoreError(`state file ${filePath} is not valid JSON (${(error as Error).message}); repair it or move it away`);
    }
    for (const [key, members] of Object.entries(saved.sets ?? {})) this.sets.set(key, [...members]);
  }

  /** The store in `dataDir`, after proving the directory can be written (a probe file written and renamed). */
  static inDataDir(dataDir: string): FileStateStore {
    const probe = join(dataDir, `.write-probe.${process.pid}`);
    try {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(`${probe}.tmp`, 'probe\n');
      renameSync(`${probe}.tmp`, probe);
      unlinkSync(probe);
    } catch (error) {
      throw new StateStoreError(
        `dataDir ${dataDir} is not a writable directory (${reason(error)}); set dataDir to one ProxyGraph can write, or configure redis`,
      );
    }
    return new FileStateStore(join(dataDir, 'state.json'));
  }

  async members(key: string): Promise<string[]> {
    return [...(this.sets.get(key) ?? [])];
  }

  async add(key: string, member: string): Promise<boolean> {
    const members = this.sets.get(key) ?? [];
    if (members.includes(member)) return false;
    this.change(key, [...members, member], members);
    return true;
  }

  async remove(key: string, member: string): Promise<boolean> {
    const members = this.sets.get(key) ?? [];
    if (!members.includes(member)) return false;
    this.change(
      key,
      members.filter((entry) => entry !== member),
      members,
    );
    return true;
  }

  health(): StateHealth {
    return { backend: this.filePath ? 'file' : 'memory', ok: this.lastWriteOk };
  }

  async close(): Promise<void> {}

  /** Applies a change and persists it; a change that cannot be persisted is undone, so memory never claims more than the file. */
  private change(key: string, next: string[], previous: string[]): void {
    this.sets.set(key, next);
    try {
      this.persist();
      this.lastWriteOk = true;
    } catch (error) {
      this.sets.set(key, previous);
      this.lastWriteOk = false;
      throw new StateStoreError(`state file ${this.filePath} could not be written (${reason(error)})`);
    }
  }

  private persist(): void {
    if (!this.filePath) return;
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ sets: Object.fromEntries(this.sets) }, null, 2)}\n`);
    renameSync(temporary, this.filePath);
  }
}
