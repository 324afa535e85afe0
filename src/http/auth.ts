/**
 * Client authentication → Principal. `none` grants everything (allowed only on loopback, see config checks);
 * `apiKeys` compares the SHA-256 of the bearer key with the configured digests in constant time; `jwt`
 * verifies a bearer JWT against the identity provider's JWKS (signature, issuer, audience, expiry) and reads
 * scopes and visible accounts from its claims.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { AuthConfig, Scope } from '../config/schema';
import { Principal } from '../domain/principal';
import { ProxyGraphError } from '../core/errors';

export type Authenticator = (authorizationHeader: string | undefined) => Promise<Principal>;

const KNOWN_SCOPES: readonly Scope[] = ['read', 'write', 'credentials'];
export const DEFAULT_SCOPES_CLAIM = 'scope';
export const DEFAULT_ACCOUNTS_CLAIM = 'proxygraph_accounts';

function bearer(header: string | undefined, what: string): string {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new ProxyGraphError('UNAUTHENTICATED', `send ${what} as "Authorization: Bearer <${what === 'an API key' ? 'key' : 'token'}>"`);
  return match[1];
}

export function createAuthenticator(auth: AuthConfig): Authenticator {
  if (auth.mode === 'none') {
    const principal = Principal.anonymousFullAccess();
    return async () => principal;
  }
  if (auth.mode === 'jwt') return createJwtAuthenticator(auth);
  const keys = auth.keys.map((key) => ({
    digest: Buffer.from(key.sha256.toLowerCase(), 'hex'),
    principal: new Principal(key.name, new Set(key.scopes), key.accounts.includes('*') ? '*' : new Set(key.accounts)),
  }));
  return async (header) => {
    const digest = createHash('sha256').update(bearer(header, 'an API key')).digest();
    const found = keys.find((key) => timingSafeEqual(key.digest, digest));
    if (!found) throw new ProxyGraphError('UNAUTHENTICATED', 'the API key is not valid');
    return found.principal;
  };
}

function createJwtAuthenticator(auth: Extract<AuthConfig, { mode: 'jwt' }>): Authenticator {
  // jose caches the key set and refetches it (rate-limited) when a token names an unknown key id.
  const keySet = createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  const scopesClaim = auth.scopesClaim ?? DEFAULT_SCOPES_CLAIM;
  const accountsClaim = auth.accountsClaim ?? DEFAULT_ACCOUNTS_CLAIM;
  return async (header) => {
    const token = bearer(header, 'a JWT');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keySet, { issuer: auth.issuer, audience: auth.audience }));
    } catch (error) {
      throw new ProxyGraphError('UNAUTHENTICATED', jwtFailure(error));
    }
    const rawScopes = payload[scopesClaim];
    const scopeList = typeof rawScopes === 'string' ? rawScopes.split(/\s+/) : Array.isArray(rawScopes) ? rawScopes.map(String) : [];
    const scopes = new Set(scopeList.filter((scope): scope is Scope => (KNOWN_SCOPES as readonly string[]).includes(scope)));
    const rawAccounts = payload[accountsClaim];
    const accounts = Array.isArray(rawAccounts) ? rawAccounts.map(String) : typeof rawAccounts === 'string' ? [rawAccounts] : [];
    const name = typeof payload.sub === 'string' ? payload.sub : 'jwt';
    const expiresAtMs = typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
    return new Principal(name, scopes, accounts.includes('*') ? '*' : new Set(accounts), true, expiresAtMs);
  };
}

/** Why a token was refused, without echoing any part of it. */
function jwtFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof joseErrors.JWKSTimeout || (error instanceof joseErrors.JOSEError && error.code === 'ERR_JWKS_INVALID'))
    return "the identity provider's keys could not be loaded";
  return 'the token is not valid';
}
