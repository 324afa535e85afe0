/**
 * Subscriptions over WebSocket on /graphql (the graphql-ws protocol, `graphql-transport-ws`).
 *
 * - Authentication: the connection's init payload carries `authorization` ("Bearer <key or JWT>"), checked
 *   by the same authenticator as HTTP; a refused one closes the socket (4403 Forbidden). A JWT's expiry
 *   closes the socket when it comes (4403), with every subscription on it: the connection is authenticated
 *   once, so it may not outlive the credential it was opened with.
 * - How many: at most `maxConnections` sockets per replica (a 503 at the upgrade) and `maxConnectionsPerPrincipal`
 *   per caller (API key name or JWT subject; closed with 4429), as subscriptions per connection are capped.
 * - Browsers: a socket opened from a page is accepted only from the server's own origin or one in
 *   `server.cors.origins`. WebSocket has no CORS, and with auth off (demo, loopback only) any page the
 *   user visits could otherwise subscribe to the estate.
 * - Only subscriptions travel here (queries and mutations go over HTTP, where their limits, cache and
 *   audit apply); each is parsed and validated with the HTTP path's rules (nesting, tokens, depth, cost,
 *   upstream estimate), and a connection holds at most `maxSubscriptionsPerConnection`.
 * - Errors reach the client as over HTTP: the same formatter, typed codes, no stack.
 */
import type http from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { Context } from '../schema/context';
import type { AccountRegistry } from '../domain/registry';
import type { LiveHub } from '../domain/live/hub';
import type { UsageHistorySource } from '../domain/usage-history';
import type { Principal } from '../domain/principal';
import type { Authenticator } from './auth';
import { createErrorFormatter } from './format-error';
import { eventScopeFactory } from './event-scope';
import { MAX_QUERY_NESTING, queryNesting } from './query-nesting';

/** `server.live.*` limits (defaults in app.ts). */
export interface SubscriptionLimits {
  maxSubscriptionsPerConnection: number;
  maxConnections: number;
  maxConnectionsPerPrincipal: number;
}

export interface SubscriptionServerOptions extends SubscriptionLimits {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  registry: AccountRegistry;
  live: LiveHub;
  /** For `Account.usageHistory` below a subscription's payload. */
  usageHistory?: UsageHistorySource;
  authenticate: Authenticator;
  logger: Logger;
  corsOrigins: readonly string[];
  validationRules: readonly ValidationRule[];
  parseOptions: { maxTokens: number };
  requestTimeoutMs: number;
  maxUpstreamCallsPerRequest: number;
  /** Open subscriptions change (for the metric). */
  onSubscriptionCount?: (delta: number) => void;
}

export interface SubscriptionServer {
  /** Open connections. */
  connections(): number;
  close(): Promise<void>;
}

/** A browser page may open a socket from the server's own origin or a configured CORS origin; other clients send no Origin. */
function originAllowed(request: http.IncomingMessage, corsOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Node timers hold at most ~24.8 days; a later expiry is checked again when that one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closes the socket (4403) once `expiresAtMs` has passed; `cancel` when it closes first. */
function closeAtExpiry(socket: WebSocket, expiresAtMs: number): { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const leftMs = expiresAtMs - Date.now();
    if (leftMs <= 0) return socket.close(4403, 'the token has expired');
    timer = setTimeout(arm, Math.min(leftMs, MAX_TIMER_MS)).unref();
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}

const clientError = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const format = createErrorFormatter();
  const formatErrors = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((error) => format(error.toJSON(), error));
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    // A subscription document is small; a larger frame is refused by ws before it is buffered.
    maxPayload: 256 * 1024,
    verifyClient: ({ req }: { req: http.IncomingMessage }, accept: (result: boolean, code?: number, message?: string) => void) => {
      if (!originAllowed(req, options.corsOrigins)) return accept(false, 401);
      if (wsServer.clients.size >= options.maxConnections) return accept(false, 503, 'too many subscription connections');
      accept(true);
    },
  });
  const principals = new WeakMap<object, Principal>();
  const open = new WeakMap<object, Set<string>>();
  let connectionSeq = 0;
  const connectionIds = new WeakMap<object, number>();
  /** Open connections per principal name, and what each connection must undo when it closes. */
  const connectionsByPrincipal = new Map<string, number>();
  const onClosed = new WeakMap<object, () => void>();

  const newScope = eventScopeFactory(options);

  const server = useServer<Record<string, unknown> | undefined, { principal?: Principal }>(
    {
      schema: options.schema,
      async onConnect(ctx) {
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        let principal: Principal;
        try {
          principal = await options.authenticate(typeof header === 'string' ? header : undefined);
        } catch {
          return false;
        }
        const held = connectionsByPrincipal.get(principal.name) ?? 0;
        if (held >= options.maxConnectionsPerPrincipal) {
          ctx.extra.socket.close(4429, 'too many connections for this caller');
          return false;
        }
        connectionsByPrincipal.set(principal.name, held + 1);
        const expiry = principal.expiresAtMs === undefined ? undefined : closeAtExpiry(ctx.extra.socket, principal.expiresAtMs);
        onClosed.set(ctx, () => {
          expiry?.cancel();
          const left = (connectionsByPrincipal.get(principal.name) ?? 1) - 1;
          if (left > 0) connectionsByPrincipal.set(principal.name, left);
          else connectionsByPrincipal.delete(principal.name);
        });
        principals.set(ctx, principal);
        connectionIds.set(ctx, (connectionSeq += 1));
        open.set(ctx, new Set());
        return true;
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const principal = principals.get(ctx)!;
        const subscriptions = open.get(ctx)!;
        if (queryNesting(payload.query) > MAX_QUERY_NESTING)
          return [clientError(`the query is nested deeper than ${MAX_QUERY_NESTING} brackets`, 'BAD_USER_INPUT')];
        let document: DocumentNode;
        try {
          document = parse(payload.query, options.parseOptions);
        } catch (error) {
          return [clientError(error instanceof GraphQLError ? error.message : 'the query cannot be parsed', 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(options.schema, document, [...specifiedRules, ...options.validationRules]);
        if (errors.length)
          return errors.map(
            (error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: error.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED' } }),
          );
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [clientError('no operation to run (name it with operationName)', 'BAD_USER_INPUT')];
        if (operation.operation !== 'subscription')
          return [clientError('only subscriptions are served over WebSocket; send queries and mutations over HTTP', 'BAD_REQUEST')];
        if (subscriptions.size >= options.maxSubscriptionsPerConnection) {
          return [
            clientError(
              `this connection already holds ${options.maxSubscriptionsPerConnection} subscriptions (server.live.maxSubscriptionsPerConnection)`,
              'BAD_REQUEST',
            ),
          ];
        }
        subscriptions.add(id);
        options.onSubscriptionCount?.(1);
        const requestId = `ws-${connectionIds.get(ctx)}-${id}`.slice(0, 100);
        const contextValue: Context = {
          requestId,
          scope: newScope(principal, requestId),
          partialErrors: [],
          warnings: [],
          live: options.live,
          renewScope: () => newScope(principal, requestId),
        };
        return { schema: options.schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return result;
        return { ...result, errors: formatErrors(result.errors) as unknown as GraphQLError[] };
      },
      onError(_ctx, _id, _payload, errors) {
        return formatErrors(errors) as unknown as GraphQLError[];
      },
      onComplete(ctx, id) {
        if (open.get(ctx)?.delete(id)) options.onSubscriptionCount?.(-1);
      },
      onClose(ctx) {
        onClosed.get(ctx)?.();
        onClosed.delete(ctx);
        const subscriptions = open.get(ctx);
        if (subscriptions?.size) options.onSubscriptionCount?.(-subscriptions.size);
        subscriptions?.clear();
      },
    },
    wsServer,
  );

  wsServer.on('error', (error) => options.logger.warn({ err: { message: error.message } }, 'WebSocket server error'));

  return {
    connections: () => wsServer.clients.size,
    async close() {
      await server.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
