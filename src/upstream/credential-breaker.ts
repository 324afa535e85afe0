/**
 * Credential breaker: an upstream policy for providers that ban an account after a few failed logins
 * (ProxyMesh: 4 authentication failures in a short time → 3-hour ban, docs/architecture.md §5).
 *
 * - The first 401 opens the breaker; while open, every call fails fast with PROVIDER_AUTH_FAILED and no
 *   HTTP request is made with those credentials.
 * - Until a call has proven the credentials on this replica, one call at a time probes them, across every
 *   replica: the probe runs under the shared lock of (account, credentials) (Redis when configured), and
 *   whoever gets the lock next first reads the open mark the previous holder may have left. A burst of
 *   requests through any number of replicas with a wrong password costs one authentication failure, not
 *   one per replica. When the shared lock cannot be taken (Redis down), an unproven account is refused with
 *   PROVIDER_UNAVAILABLE rather than probed: a second probe could be the failure that starts the ban.
 * - "Proven" is this process's knowledge only, on purpose: a durable shared mark would let a restarted
 *   fleet skip the probe after the password was changed at the provider, and send a burst of 401s. Each
 *   replica's first call waits its turn under the lock instead, which costs nothing when the credentials work.
 * - The open mark lives in the state store (shared by replicas when it is Redis), keyed by the account and a
 *   one-way fingerprint of the credentials: new credentials in the config start closed, and `reset()` (the
 *   admin mutation resetProviderCredentials) closes it for every replica.
 */
import { scrypt } from 'node:crypto';
import type { KeyedLock } from '../state/keyed-lock';
import type { ProviderName } from '../core/providers';
import type { StateStore } from '../state/store';
import { ProviderError, ProxyGraphError } from '../core/errors';
import type { UpstreamCall, UpstreamPolicy, UpstreamResponse } from './http';

export interface CredentialBreakerOptions {
  provider: ProviderName;
  accountId: string;
  store: StateStore;
  /** Serialises probes across replicas (RedisKeyedLock when configured); absent = this process only. */
  lock?: KeyedLock;
  /** The credentials calls are made with. Only a salted scrypt fingerprint of them is ever stored. */
  credentials: Record<string, string>;
  /** What the provider does after repeated failures, for the error message (e.g. "a 3-hour ban"). */
  consequence: string;
}

export class CredentialBreaker implements UpstreamPolicy {
  readonly name = 'credential-breaker';
  /** Set of fingerprints whose credentials got a 401 (the open mark). */
  private readonly key: string;
  private fingerprintPromise?: Promise<string>;
  private openLocally = false;
  /** True once the provider answered a call from this process with these credentials without a 401. */
  private proven = false;
  /** This process's probe in flight while the credentials are unproven; its other calls wait for it. */
  private probe: Promise<void> | null = null;

  constructor(private readonly options: CredentialBreakerOptions) {
    this.key = `credential-breaker:${options.provider}:${options.accountId}`;
    // scrypt takes tens of milliseconds: start it now so the first request does not wait for it.
    this.fingerprint().catch(() => undefined);
  }

  /** Synchronous view for readiness and metrics (this replica's latest knowledge). */
  isOpen(): boolean {
    return this.openLocally;
  }

  async execute(_call: UpstreamCall, next: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    for (;;) {
      if (await this.openNow()) throw this.refusal();
      if (this.proven) return this.attempt(next);
      if (!this.probe) {
        const attempt = this.probeShared(next).finally(() => {
          this.probe = null;
        });
        this.probe = attempt.then(
          () => undefined,
          () => undefined,
        );
        return attempt;
      }
      await this.probe;
    }
  }

  /** Closes the breaker everywhere; the next call probes the credentials again. */
  async reset(): Promise<void> {
    this.openLocally = false;
    this.proven = false;
    try {
      for (const member of await this.options.store.members(this.key)) await this.options.store.remove(this.key, member);
    } catch {
      // The store being down must not keep the admin from closing the local breaker.
    }
  }

  /** One probe across replicas: under the shared lock, after reading what the previous holder found. */
  private async probeShared(next: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    let started = false;
    const probe = async () => {
      started = true;
      if (await this.openNow()) throw this.refusal();
      return this.attempt(next);
    };
    if (!this.options.lock) return probe();
    try {
      return await this.options.lock.withLock(`${this.key}:probe:${await this.fingerprint()}`, probe);
    } catch (error) {
      if (started) throw error;
      const { provider, accountId, consequence } = this.options;
      throw new ProviderError(
        'PROVIDER_UNAVAILABLE',
        `the credentials of account "${accountId}" are not proven yet and the lock ProxyGraph replicas share to test them one at a time is unavailable; no call is made (to avoid ${consequence}); try again shortly`,
        { provider, accountId },
      );
    }
  }

  private async attempt(next: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    try {
      const response = await next();
      this.proven = true;
      return response;
    } catch (error) {
      const status = error instanceof ProxyGraphError ? error.details.upstreamStatus : undefined;
      if (status === 401) await this.trip();
      else if (status !== undefined && provesCredentials(status)) this.proven = true;
      throw error;
    }
  }

  private async trip(): Promise<void> {
    this.openLocally = true;
    this.proven = false;
    try {
      await this.options.store.add(this.key, await this.fingerprint());
    } catch {
      // Without the store this replica still stays open; others cannot probe without the shared lock either.
    }
  }

  /** Reads the shared open mark; falls back to this replica's view when the store cannot answer. */
  private async openNow(): Promise<boolean> {
    let open: boolean;
    try {
      open = (await this.options.store.members(this.key)).includes(await this.fingerprint());
    } catch {
      return this.openLocally;
    }
    if (this.openLocally && !open) this.proven = false; // reset by another replica: probe again
    this.openLocally = open;
    return open;
  }

  private fingerprint(): Promise<string> {
    this.fingerprintPromise ??= new Promise<string>((resolve, reject) => {
      const material = JSON.stringify(Object.entries(this.options.credentials).sort(([a], [b]) => a.localeCompare(b)));
      scrypt(material, `proxygraph:${this.key}`, 16, (error, derived) => (error ? reject(error) : resolve(derived.toString('hex'))));
    });
    return this.fingerprintPromise;
  }

  private refusal(): ProviderError {
    const { provider, accountId, consequence } = this.options;
    return new ProviderError(
      'PROVIDER_AUTH_FAILED',
      `${provider} rejected the credentials of account "${accountId}"; no further call is made with them (to avoid ${consequence}) until the configuration changes or an admin runs resetProviderCredentials`,
      { provider, accountId },
    );
  }
}

/** Any answer past authentication shows the provider accepted the credentials (redirects and 429 do not). */
function provesCredentials(status: number): boolean {
  return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 401 && status !== 407 && status !== 429);
}
