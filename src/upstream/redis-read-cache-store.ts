/**
 * The read cache in Redis (read-cache-store.ts explains generations): every replica pointed at one Redis
 * serves the same entries and sees a write's invalidation as soon as the writing replica has made it. A
 * lookup is one round trip (a script reads the generations and the entry under them); storing checks the
 * generations again in the same script, so an answer fetched before a write never lands after it.
 *
 * Entries arrive sealed (cache-sealing.ts): what Redis holds can be read only with the account's credentials.
 * Generation keys outlive every entry (a day); when one expires, the entries it addressed are long gone.
 */
import type Redis from 'ioredis';
import type { CacheLookup, CacheSlot, ReadCacheStore } from './read-cache-store';

const GENERATION_KEEP_MS = 24 * 3_600_000;

/**
 * KEYS[1] account generation, KEYS[2] group generation; ARGV[1] entry key head, ARGV[2] tail, ARGV[3] the
 * seal head of the entry the caller holds ('' for none): when the entry is that one, only `1` comes back
 * in its place, not the entry (a 100-proxy page is ~50 KB sealed).
 */
const LOOKUP = `
local g = (redis.call('GET', KEYS[1]) or '0') .. '.' .. (redis.call('GET', KEYS[2]) or '0')
local entry = redis.call('GET', ARGV[1] .. g .. ARGV[2])
if entry and ARGV[3] ~= '' and string.sub(entry, 1, #ARGV[3]) == ARGV[3] then return {g, false, 1} end
return {g, entry}
`;

/** As LOOKUP, then ARGV[3] the generation the read began under, ARGV[4] the entry, ARGV[5] keep ms. */
const STORE = `
local g = (redis.call('GET', KEYS[1]) or '0') .. '.' .. (redis.call('GET', KEYS[2]) or '0')
if g ~= ARGV[3] then return 0 end
redis.call('SET', ARGV[1] .. g .. ARGV[2], ARGV[4], 'PX', ARGV[5])
return 1
`;

export class RedisReadCacheStore implements ReadCacheStore {
  readonly shared = true;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async lookup(slot: CacheSlot, knownSealHead = ''): Promise<CacheLookup> {
    const [generation, entry, unchanged] = (await this.redis.eval(LOOKUP, 2, ...this.generationKeys(slot), ...this.entryKeyParts(slot), knownSealHead)) as [
      string,
      string | null,
      number | undefined,
    ];
    return unchanged === 1 ? { generation, unchanged: true } : { generation, entry: entry ?? undefined };
  }

  async store(slot: CacheSlot, generation: string, entry: string, keepMs: number): Promise<void> {
    await this.redis.eval(STORE, 2, ...this.generationKeys(slot), ...this.entryKeyParts(slot), generation, entry, Math.max(1, Math.ceil(keepMs)));
  }

  async invalidate(accountId: string, groups: readonly string[] | '*'): Promise<void> {
    const keys = groups === '*' ? [this.generationKey(accountId)] : groups.map((group) => this.generationKey(accountId, group));
    const batch = this.redis.multi();
    for (const key of keys) batch.incr(key).pexpire(key, GENERATION_KEEP_MS);
    const results = await batch.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('redis transaction aborted');
  }

  async claimRefresh(slot: CacheSlot, generation: string, forMs: number): Promise<boolean> {
    const [head, tail] = this.entryKeyParts(slot);
    const answer = await this.redis.set(`${head}${generation}${tail}:refresh`, '1', 'PX', Math.max(1, Math.ceil(forMs)), 'NX');
    return answer === 'OK';
  }

  bytes(): number {
    return 0;
  }

  private generationKey(accountId: string, group?: string): string {
    return `${this.prefix}cache:gen:${accountId}${group === undefined ? '' : `:${group}`}`;
  }

  private generationKeys(slot: CacheSlot): [string, string] {
    return [this.generationKey(slot.accountId), this.generationKey(slot.accountId, slot.group)];
  }

  private entryKeyParts(slot: CacheSlot): [string, string] {
    return [`${this.prefix}cache:entry:${slot.accountId}:${slot.group}:`, `:${slot.requestKey}`];
  }
}
