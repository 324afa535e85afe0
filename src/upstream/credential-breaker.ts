/**
 * Credential breaker: an upstream policy for providers that ban an account after a few failed logins
 * (ProxyMesh: 4 authentication failures in a short time → 3-hour ban, DESIGN §5).
 *
 * - The first 401 opens the breaker; while open, every call fails fast with PROVIDER_AUTH_FAILED and no
 *   HTTP request is made with those credentials.
 * - Until a call has proven the credentials, calls go one at a time, so a burst of concurrent requests with
 *   a wrong password costs one authentication failure, not one per request.
 * - The open state lives in the state store (shared by replicas when it is Redis), keyed by the account and
 *   a one-way fingerprint of the credentials: new credentials in the config start closed, and
 *   `reset()` (the admin mutation resetProviderCredentials) closes it for every replica.
 */
import { scrypt } from 'node:crypto';
import type { ProviderName } from '../providers/types';
import type { StateStore } from '../state/store';
import { ProviderError, ProxyGraphError } from './errors';
import type { UpstreamCall, UpstreamPolicy, UpstreamResponse } from './http';

export interface CredentialBreakerOptions {
  provider: ProviderName;
  accountId: string;
  store: StateStore;
  /** The credentials calls are made with. Only a salted scrypt fingerprint of them is ever stored. */
  credentials: Record<string, string>;
  /** What the provider does after repeated failures, for the error message (e.g. "a 3-hour ban"). */
  consequence: string;
}

export class CredentialBreaker implements UpstreamPolicy {
  readonly name = 'credential-breaker';
  private readonly key: string;
  private fingerprintPromise?: Promise<string>;
  private openLocally = false;
  /** True once the provider answered a call with these credentials without a 401. */
  private proven = false;
  /** The one call in flight while the credentials are unproven; others wait for it. */
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
        const attempt = this.attempt(next).finally(() => {
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
      // Without the store this replica still stays open; others find out on their own first 401.
    }
  }

  /** Reads the shared state; falls back to this replica's view when the store cannot answer. */
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
