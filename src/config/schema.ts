/**
 * The configuration contract (docs/architecture.md §2), as a zod schema. Strict objects everywhere: an unknown key is an
 * error that names the key, so a typo never silently falls back to a default.
 */
import { z } from 'zod';
import { httpUrl } from './account-base';
import { cacheGroupsOf } from '../providers/cache-rules';
import { accountIssues, PROVIDER_ACCOUNT_SCHEMAS } from '../providers/account-schemas';

export const accountSchema = z.discriminatedUnion('provider', PROVIDER_ACCOUNT_SCHEMAS);

const scope = z.enum(['read', 'write', 'credentials']);

const apiKey = z
  .object({
    name: z.string().min(1).max(100),
    sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'must be the hex SHA-256 of the key'),
    scopes: z.array(scope).min(1),
    accounts: z.array(z.string().min(1)).min(1),
  })
  .strict();

/** JWTs signed by an identity provider, verified against its JWKS; scopes and accounts come from claims. */
const jwtAuth = z
  .object({
    mode: z.literal('jwt'),
    jwksUrl: httpUrl,
    issuer: z.string().min(1),
    audience: z.string().min(1),
    /** Claim holding the scopes: a space-separated string (OAuth `scope`) or an array. */
    scopesClaim: z.string().min(1).optional(),
    /** Claim holding the account ids the caller may see (an array; `*` = all). Absent claim = no account. */
    accountsClaim: z.string().min(1).optional(),
  })
  .strict();

const auth = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }).strict(),
  z.object({ mode: z.literal('apiKeys'), keys: z.array(apiKey).min(1) }).strict(),
  jwtAuth,
]);

/** Automatic persisted queries; defaults in src/http/persisted-queries.ts. */
const persistedQueries = z
  .object({
    /** Memory the in-memory registry may hold when no Redis is configured (least recently used go first). */
    maxCacheBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(4 * 1024 ** 3)
      .optional(),
    /** Largest document a client may register, in memory or Redis; larger ones are refused. */
    maxDocumentBytes: z
      .number()
      .int()
      .min(1024)
      .max(1024 ** 2)
      .optional(),
  })
  .strict()
  .refine((limits) => limits.maxCacheBytes === undefined || limits.maxDocumentBytes === undefined || limits.maxDocumentBytes <= limits.maxCacheBytes, {
    message: 'maxDocumentBytes must not exceed maxCacheBytes',
    path: ['maxDocumentBytes'],
  });

/** Query limits (graphql-armor); defaults in src/http/query-limits.ts. */
const queryLimits = z
  .object({
    maxDepth: z.number().int().min(2).max(50).optional(),
    maxAliases: z.number().int().min(0).max(1_000).optional(),
    maxTokens: z.number().int().min(100).max(100_000).optional(),
    maxCost: z.number().int().min(100).max(1_000_000).optional(),
    maxDirectives: z.number().int().min(0).max(1_000).optional(),
    /** One deadline for everything a request does upstream; under a router's 30 s. */
    requestTimeoutMs: z.number().int().min(500).max(28_000).optional(),
    /** HTTP calls to providers one GraphQL request may make (retries count); also the static estimate's limit. */
    maxUpstreamCallsPerRequest: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    server: z
      .object({
        port: z.number().int().min(0).max(65_535).optional(),
        host: z.string().min(1).optional(),
        cors: z
          .object({ origins: z.array(z.string().min(1)) })
          .strict()
          .optional(),
        introspection: z.boolean().optional(),
        landingPage: z.boolean().optional(),
        /** GraphiQL served by ProxyGraph itself at /graphiql (works offline); on in development and demo mode. */
        explorer: z.boolean().optional(),
        /** The dashboard served at /app (src/http/web-app.ts); on by default, it holds no data itself. */
        app: z.boolean().optional(),
        limits: queryLimits.optional(),
        persistedQueries: persistedQueries.optional(),
        /**
         * The read cache of provider answers (src/upstream/read-cache.ts): on by default; in Redis when
         * `redis` is set (shared by replicas), else in this process within `maxBytes`.
         */
        cache: z
          .object({
            enabled: z.boolean().optional(),
            maxBytes: z.number().int().min(1_048_576).max(8_589_934_592).optional(),
          })
          .strict()
          .optional(),
        /**
         * When set, `_service` and `_entities` answer only requests carrying this secret in the
         * `x-router-secret` header (the router of your supergraph); at least 24 characters.
         */
        routerSecret: z.string().min(24, 'must be at least 24 characters').optional(),
        /**
         * The operations listener: /ready and /metrics (they name every account), kept off the GraphQL port.
         * Defaults 127.0.0.1:9464; bind it where only probes and Prometheus can reach it.
         */
        ops: z
          .object({
            port: z.number().int().min(0).max(65_535).optional(),
            host: z.string().min(1).optional(),
          })
          .strict()
          .optional(),
        /**
         * Subscriptions (src/domain/live/): how often each watched resource is polled (seconds), and how many
         * subscriptions one connection may hold. One poller per (account, resource) however many subscribers.
         */
        live: z
          .object({
            enabled: z.boolean().optional(),
            pollIntervalSeconds: z
              .object({
                proxies: z.number().int().min(1).max(3_600).optional(),
                usage: z.number().int().min(1).max(3_600).optional(),
                replacements: z.number().int().min(1).max(3_600).optional(),
                expiries: z.number().int().min(1).max(3_600).optional(),
                subUsers: z.number().int().min(1).max(3_600).optional(),
              })
              .strict()
              .optional(),
            maxSubscriptionsPerConnection: z.number().int().min(1).max(1_000).optional(),
            /** WebSocket connections this replica holds at most, and at most per caller (API key name or JWT subject). */
            maxConnections: z.number().int().min(1).max(100_000).optional(),
            maxConnectionsPerPrincipal: z.number().int().min(1).max(100_000).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    auth: auth.optional(),
    redis: z
      .object({
        url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
        /** Prefix of every key ProxyGraph writes, so several deployments can share one Redis. */
        keyPrefix: z
          .string()
          .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 : _ -')
          .optional(),
      })
      .strict()
      .optional(),
    dataDir: z.string().min(1).optional(),
    /** The audit log of writes to providers (domain/audit.ts): in Redis when configured, else `<dataDir>/audit.jsonl`. */
    audit: z
      .object({
        /** Entries older than this are dropped. */
        retentionDays: z.number().int().min(1).max(3_650).optional(),
      })
      .strict()
      .optional(),
    /** Usage history (domain/usage-history.ts): snapshots of each account's usage, in Redis when configured, else `<dataDir>/usage-history.jsonl`. */
    usageHistory: z
      .object({
        enabled: z.boolean().optional(),
        /** Time between two snapshots of an account; providers' figures change slowly, and every snapshot costs calls. */
        intervalSeconds: z.number().int().min(60).max(86_400).optional(),
        /** Snapshots and hours older than this are dropped. */
        retentionDays: z.number().int().min(1).max(3_650).optional(),
      })
      .strict()
      .optional(),
    accounts: z.array(accountSchema).min(1),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.accounts.forEach((account, index) => {
      if (seen.has(account.id)) {
        ctx.addIssue({ code: 'custom', path: ['accounts', index, 'id'], message: `duplicate account id "${account.id}"` });
      }
      seen.add(account.id);
      for (const issue of accountIssues(account)) ctx.addIssue({ code: 'custom', path: ['accounts', index, ...issue.path], message: issue.message });
      // A TTL for a group the provider does not have would be ignored: refuse it, naming the key.
      const groups = cacheGroupsOf(account.provider);
      for (const group of Object.keys(account.cache?.ttlSecondsByGroup ?? {})) {
        if (!groups.includes(group)) {
          ctx.addIssue({
            code: 'custom',
            path: ['accounts', index, 'cache', 'ttlSecondsByGroup', group],
            message: `${account.provider} has no cache group "${group}" (it has: ${groups.join(', ')})`,
          });
        }
      }
    });
  });

export type ProxyGraphConfig = z.infer<typeof configSchema>;
export type AccountConfig = z.infer<typeof accountSchema>;
export type AuthConfig = z.infer<typeof auth>;
export type Scope = z.infer<typeof scope>;
