/**
 * Client authentication → Principal. `none` grants everything (allowed only on loopback, see config checks);
 * `apiKeys` compares the SHA-256 of the bearer key with the configured digests in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthConfig } from '../config/schema';
import { Principal } from '../domain/principal';
import { ProxyGraphError } from '../upstream/errors';

export type Authenticator = (authorizationHeader: string | undefined) => Principal;

export function createAuthenticator(auth: AuthConfig): Authenticator {
  if (auth.mode === 'none') {
    const principal = Principal.anonymousFullAccess();
    return () => principal;
  }
  const keys = auth.keys.map((key) => ({
    digest: Buffer.from(key.sha256.toLowerCase(), 'hex'),
    principal: new Principal(key.name, new Set(key.scopes), key.accounts.includes('*') ? '*' : new Set(key.accounts)),
  }));
  return (header) => {
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new ProxyGraphError('UNAUTHENTICATED', 'send an API key as "Authorization: Bearer <key>"');
    const digest = createHash('sha256').update(match[1]).digest();
    const found = keys.find((key) => timingSafeEqual(key.digest, digest));
    if (!found) throw new ProxyGraphError('UNAUTHENTICATED', 'the API key is not valid');
    return found.principal;
  };
}
