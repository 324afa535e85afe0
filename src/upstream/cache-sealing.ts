/**
 * Cached provider answers hold what the provider sent: proxy passwords, usernames, IP lists. In this
 * process they are as safe as the rest of its memory; in Redis they would be readable by anyone who can read
 * Redis. So an entry that leaves the process is sealed (AES-256-GCM) with a key derived (HKDF) from the
 * account's own credentials: replicas with the same configuration open it, nobody without the credentials
 * can, and rotated credentials start a fresh key space (the request digest changes with the key too, so
 * entries of old credentials are never even looked up).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Digests remembered per account, then forgotten all at once (a few hundred KB at most). */
const RECENT_DIGESTS = 1_000;
/** Base64 characters of a sealed entry's head: IV (12 bytes) and tag (16 bytes) are its first 37⅓. */
const SEAL_HEAD_CHARS = 40;

export class AccountCacheKey {
  private readonly key: Buffer;
  private readonly recentDigests = new Map<string, string>();

  constructor(accountId: string, credentialMaterial: string) {
    this.key = Buffer.from(hkdfSync('sha256', credentialMaterial, 'proxygraph read cache', accountId, 32));
  }

  /** A digest of what identifies a request: the same for every replica, meaningless without the key. */
  digest(requestIdentity: string): string {
    let digest = this.recentDigests.get(requestIdentity);
    if (digest === undefined) {
      digest = createHmac('sha256', this.key).update(requestIdentity).digest('base64url').slice(0, 32);
      // Hot reads repeat the same few identities; an HMAC per lookup was 2 % of a warm page's CPU.
      if (this.recentDigests.size >= RECENT_DIGESTS) this.recentDigests.clear();
      this.recentDigests.set(requestIdentity, digest);
    }
    return digest;
  }

  /**
   * What tells one sealed entry from every other: its random IV and its GCM tag, which authenticates the
   * ciphertext under this key (the first 40 base64 characters cover both). An entry opened once need not be
   * fetched or opened again while the store still holds the entry with this head (read-cache.ts).
   */
  static sealHead(sealed: string): string {
    return sealed.slice(0, SEAL_HEAD_CHARS);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
  }

  /** The plain text, or undefined for anything that was not sealed with this key (it is then a miss). */
  open(sealed: string): string | undefined {
    try {
      const bytes = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
