/**
 * A test identity provider: an RS256 key pair, its JWKS served over HTTP on 127.0.0.1, and a signer for
 * tokens with any claims. Tests point `auth: { mode: 'jwt', jwksUrl, issuer, audience }` at it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

export interface TestIdentityProvider {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Signs a token (subject alice@example.com, 5 minutes) with the provider's key unless another is given. */
  token(claims: Record<string, unknown>, options?: { key?: KeyLike; expiresIn?: string; audience?: string }): Promise<string>;
  stop(): Promise<void>;
}

export async function startIdentityProvider(issuer = 'https://idp.example.com/', audience = 'proxygraph'): Promise<TestIdentityProvider> {
  const pair = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    issuer,
    audience,
    token(claims, options = {}) {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience(options.audience ?? audience)
        .setSubject('alice@example.com')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(options.key ?? pair.privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
