/**
 * Clearing a list (all IP authorizations, all DNS overrides of an account), with a payload that tells the
 * truth (docs/architecture.md, "Meaning across accounts"): the entries are listed first, so the answer
 * says how many were removed, and an empty list answers `deleted: false, count: 0` without a write. The
 * provider's own bulk delete is used where it has one (WonderProxy answers it without a count); otherwise
 * each entry is removed, in parallel.
 */
export interface ClearableList<T extends { nativeId: string }> {
  list(): Promise<T[]>;
  remove(nativeId: string): Promise<void>;
  clear?(): Promise<number | null>;
}

export interface ClearOutcome {
  deleted: boolean;
  count: number;
}

export async function clearAll<T extends { nativeId: string }>(target: ClearableList<T>): Promise<ClearOutcome> {
  const entries = await target.list();
  if (entries.length === 0) return { deleted: false, count: 0 };
  if (target.clear) {
    await target.clear();
  } else {
    await Promise.all(entries.map((entry) => target.remove(entry.nativeId)));
  }
  return { deleted: true, count: entries.length };
}
