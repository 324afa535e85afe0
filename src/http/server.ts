/**
 * The HTTP face of ProxyGraph: Express 5 with Apollo Server 5 at /graphql, liveness at /health, CORS from
 * config, a request id on every response, and client auth → Principal per request. Readiness and metrics
 * name every account, so they live on the ops listener (ops-server.ts), not here.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import cors from 'cors';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { cachePolicyPlugin } from './cache-policy-plugin';
import { federatedTracePlugin } from './federated-trace-plugin';
import { EXPLORER_PATH, mountExplorer } from './explorer';
import { mountWebApp, WEB_APP_PATH } from './web-app';
import { tracingPlugin } from '../observability/tracing-plugin';
import type { Tracing } from '../observability/tracing';
import type { AuditLog } from '../domain/audit';
import type { UsageHistorySource } from '../domain/usage-history';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../schema/context';
import type { AccountRegistry } from '../domain/registry';
import { RequestScope } from '../domain/request-scope';
import { ProxyGraphError } from '../core/errors';
import type { Authenticator } from './auth';
import { createErrorFormatter } from './format-error';
import { partialErrorsPlugin } from './partial-errors-plugin';
import { readCachePlugin, wantsFreshReads } from './read-cache-plugin';
import { effectiveQueryLimits, queryProtection } from './query-limits';
import { refuseDeepQueries } from './query-nesting';
import { routerSecretPlugin } from './router-secret-plugin';
import type { ProxyGraphConfig } from '../config/schema';
import type { ProxyGraphMetrics } from '../observability/metrics';
import { operationObserverPlugin } from '../observability/operation-plugin';
import { countingCache } from '../observability/counting-cache';
import { PERSISTED_QUERY_DEFAULTS, persistedDocumentLimit } from './persisted-queries';
import { parsedDocumentStore } from './document-store';
import type { StringCache } from '../state/redis';
import { listen } from './listen';
import type { LiveHub } from '../domain/live/hub';
import type { Principal } from '../domain/principal';
import { startSubscriptionServer, type SubscriptionLimits } from './websocket';
import { eventScopeFactory } from './event-scope';
import { subscriptionCallbackPlugin } from './subscription-callback-plugin';

/**
 * Headers a browser may send cross-origin: what Apollo Client sends (client awareness name and version, the
 * CSRF-prevention and operation-name headers), W3C trace context (`traceparent`, `tracestate`) so a browser's
 * trace reaches the graph, the request id, and `cache-control` to ask for fresh data.
 */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'traceparent',
  'tracestate',
  'x-request-id',
  'cache-control',
];

export interface HttpServerOptions {
  schema: GraphQLSchema;
  /** Fields that call providers (schema/build.ts), for the static upstream-call estimate. */
  upstreamFields: ReadonlySet<string>;
  registry: AccountRegistry;
  authenticate: Authenticator;
  logger: Logger;
  port: number;
  host: string;
  corsOrigins: string[];
  introspection: boolean;
  landingPage: boolean;
  /** GraphiQL served from this server at /graphiql (explorer.ts), and `/` leading to it. */
  explorer?: boolean;
  /** The dashboard at /app (web-app.ts); `/` leads to it when the explorer is off. */
  webApp?: boolean;
  metrics: ProxyGraphMetrics;
  /** graphql-armor limits (defaults in query-limits.ts). */
  queryLimits?: NonNullable<NonNullable<ProxyGraphConfig['server']>['limits']>;
  /** When set, `_service` / `_entities` need it in `x-router-secret`. */
  routerSecret?: string;
  /** OpenTelemetry tracing, when on (observability/tracing.ts). */
  tracing?: Tracing;
  /** Where every write to a provider is recorded (domain/audit.ts). */
  auditLog?: AuditLog;
  /** The usage history ProxyGraph keeps (domain/usage-history.ts); absent when it is off. */
  usageHistory?: UsageHistorySource;
  /** Store of automatic persisted queries (memory, or Redis shared by replicas). */
  persistedQueryCache: StringCache;
  /** Largest document a client may register as a persisted query (default in persisted-queries.ts). */
  maxPersistedDocumentBytes?: number;
  /** How long stop() lets in-flight requests finish before closing their connections. */
  drainGraceMs: number;
  /** Subscriptions (graphql-ws on /graphql, the router's callback protocol); off when absent. */
  live?: { hub: LiveHub } & SubscriptionLimits;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const { logger } = options;

  const protection = queryProtection(options.queryLimits, options.landingPage, { upstreamFields: options.upstreamFields });
  const documentStore = parsedDocumentStore();
  options.metrics.trackCacheBytes('documents', () => documentStore.bytes());
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    documentStore,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    introspection: options.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // The CLI owns SIGTERM/SIGINT (it also stops the demo simulators); two handlers would race.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(),
    // Automatic persisted queries: clients send a sha256 instead of the query text once it is registered.
    persistedQueries: { cache: countingCache(options.persistedQueryCache, 'apq', options.metrics), ttl: PERSISTED_QUERY_DEFAULTS.ttlSeconds },
    plugins: [
      // Its default grace (10 s) is shorter than a request may run: in-flight writes would be cut.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.drainGraceMs }),
      persistedDocumentLimit(options.maxPersistedDocumentBytes ?? PERSISTED_QUERY_DEFAULTS.maxDocumentBytes),
      partialErrorsPlugin,
      readCachePlugin,
      cachePolicyPlugin,
      ApolloServerPluginCacheControlDisabled(),
      operationObserverPlugin(logger, options.metrics),
      ...protection.plugins,
      ...(options.routerSecret ? [routerSecretPlugin(options.routerSecret)] : []),
      subscriptionCallbackPlugin(options.live ? options.routerSecret : undefined, logger),
      // Federated trace data in responses would expose resolver timings to any client; off until a gateway needs it.
      // Apollo's own inline-trace plugin stays off (it would trace for anyone asking); this one checks the router secret.
      ApolloServerPluginInlineTraceDisabled(),
      federatedTracePlugin(options.routerSecret),
      ...(options.tracing ? [tracingPlugin(options.tracing)] : []),
      options.landingPage ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }) : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && /^[A-Za-z0-9._-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const corsMiddleware = cors({
    origin: options.corsOrigins.length ? options.corsOrigins : false,
    credentials: false,
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: ['x-request-id', 'x-proxygraph-cache', 'age'],
    maxAge: 600,
  });

  const limits = effectiveQueryLimits(options.queryLimits);
  const newEventScope = eventScopeFactory({ registry: options.registry, usageHistory: options.usageHistory, ...limits });
  app.use(
    '/graphql',
    corsMiddleware,
    express.json({ limit: '1mb' }),
    refuseDeepQueries(),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        // The request's clock starts now: every upstream call it makes must be over by then.
        const deadlineAtMs = Date.now() + limits.requestTimeoutMs;
        // A response closed before it finished means the client has gone: no new upstream call for it.
        const clientGone = new AbortController();
        res.on('close', () => {
          if (!res.writableFinished) clientGone.abort();
        });
        let principal: Principal;
        try {
          principal = await options.authenticate(req.header('authorization'));
        } catch (error) {
          const code = error instanceof ProxyGraphError ? error.code : 'UNAUTHENTICATED';
          throw new GraphQLError(error instanceof Error ? error.message : 'unauthenticated', {
            extensions: { code, http: { status: 401 } },
          });
        }
        const warnings: Context['warnings'] = [];
        const requestId = res.locals.requestId as string;
        const onAuditError = (error: Error) => logger.warn({ err: { message: error.message }, requestId }, 'an audit entry could not be kept');
        return {
          requestId,
          scope: new RequestScope(principal, options.registry, {
            deadlineAtMs,
            maxUpstreamCalls: limits.maxUpstreamCallsPerRequest,
            clientGone: clientGone.signal,
            freshReads: wantsFreshReads(req.header('cache-control'), req.header('pragma')),
            requestId,
            auditLog: options.auditLog,
            usageHistory: options.usageHistory,
            onAuditError,
            warn: (warning) => warnings.push(warning),
          }),
          partialErrors: [],
          warnings,
          live: options.live?.hub,
          // A router's callback subscription outlives this request: each event gets its own deadline.
          renewScope: () => newEventScope(principal, requestId),
        };
      },
    }),
  );

  // Malformed JSON or an oversized body: a GraphQL-shaped 400 instead of Express's HTML error page.
  app.use((error: { type?: string; status?: number }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error, requestId: res.locals.requestId }, 'unhandled HTTP error');
    const message =
      error.type === 'entity.parse.failed' ? 'request body is not valid JSON' : error.type === 'entity.too.large' ? 'request body is too large' : 'bad request';
    res.status(status).json({
      errors: [{ message: status === 500 ? 'internal server error' : message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }],
    });
  });

  if (options.explorer) mountExplorer(app);
  if (options.webApp) {
    mountWebApp(app, { onMissing: (directory) => logger.warn({ directory }, 'the dashboard (/app) is not built: run `npm run build`') });
    if (!options.explorer) app.get('/', (_req, res) => res.redirect(302, WEB_APP_PATH));
  }

  app.use((_req, res) => {
    res
      .status(404)
      .json({ error: 'not found', routes: ['/graphql', '/health', ...(options.explorer ? [EXPLORER_PATH] : []), ...(options.webApp ? [WEB_APP_PATH] : [])] });
  });

  const { port, baseUrl } = await listen(httpServer, options.port, options.host);
  // After listening: ws re-emits the HTTP server's errors (a port in use) as its own, which graphql-ws prints with a stack.
  const subscriptions = options.live
    ? startSubscriptionServer({
        httpServer,
        path: '/graphql',
        schema: options.schema,
        registry: options.registry,
        live: options.live.hub,
        usageHistory: options.usageHistory,
        authenticate: options.authenticate,
        logger,
        corsOrigins: options.corsOrigins,
        validationRules: protection.validationRules,
        parseOptions: protection.parseOptions,
        requestTimeoutMs: limits.requestTimeoutMs,
        maxUpstreamCallsPerRequest: limits.maxUpstreamCallsPerRequest,
        maxSubscriptionsPerConnection: options.live.maxSubscriptionsPerConnection,
        maxConnections: options.live.maxConnections,
        maxConnectionsPerPrincipal: options.live.maxConnectionsPerPrincipal,
        onSubscriptionCount: (delta) => options.metrics.liveSubscriptions.inc(delta),
      })
    : null;
  return {
    url: `${baseUrl}/graphql`,
    port,
    async stop() {
      // Sockets first (each subscriber is told 1001 Going Away): an open socket would hold the drain to its end.
      await subscriptions?.close();
      // Apollo's drain plugin closes the HTTP server and waits up to drainGraceMs for in-flight requests.
      await apollo.stop();
    },
  };
}
