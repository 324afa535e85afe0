/**
 * A provider answer parsed once and shared by every request that reads it from the in-process read cache.
 * Parsing the same 100-proxy page again for each hit was a quarter of a warm page's CPU and most of its
 * garbage (bench:cost). Shared objects must never change under another request, so the parsed value is
 * frozen all the way down: code that tried to change it would throw (modules run in strict mode) instead of
 * changing what the next request reads.
 */

export function parseFrozen(text: string): unknown {
  return deepFreeze(JSON.parse(text) as unknown);
}

function deepFreeze(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
