/**
 * OpenTelemetry tracing (official SDK): one span per GraphQL operation, its parent the W3C trace context the
 * client or router sent (`traceparent`, `tracestate`), and one client span per upstream call under it, whose
 * context travels to the provider in `traceparent`. Spans carry the operation's type and name, the request
 * id, and for calls the provider, account id, endpoint route template, method and status: never a URL with
 * its query, a header, a variable or a credential.
 *
 * Off by default. On when the standard variables ask for it: `OTEL_TRACES_EXPORTER=otlp|console`, or an
 * `OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; `OTEL_SDK_DISABLED=true` wins. The
 * OTLP exporter reads its own `OTEL_EXPORTER_OTLP_*` settings; `OTEL_SERVICE_NAME` names the service.
 *
 * Contexts are passed explicitly (the request's upstream context holds its call tracer), not through a
 * global context manager: AsyncLocalStorage costs every promise of every request on Node 20 (BENCHMARKS.md).
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { CallTracer } from '../upstream/request-context';

export interface OperationTrace {
  /** Names the span once the operation is known (`query AccountProxies`). */
  named(type: string, name: string | null | undefined): void;
  end(outcome: { errorCodes: readonly string[] }): void;
  /** Starts the client spans of the operation's upstream calls. */
  calls: CallTracer;
}

export interface Tracing {
  /** The span of one GraphQL request; its parent is the trace context in the request's headers, if any. */
  startOperation(headers: { get(name: string): string | null | undefined }, requestId: string | undefined): OperationTrace;
  shutdown(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();

/** Tracing as the environment asks for it, or undefined (off). */
export function tracingFromEnvironment(env: NodeJS.ProcessEnv, version: string): Tracing | undefined {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === 'true') return undefined;
  const chosen = env.OTEL_TRACES_EXPORTER?.toLowerCase();
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (chosen === 'none' || (!chosen && !endpoint)) return undefined;
  const exporter = chosen === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter();
  return createTracing({ exporter, serviceName: env.OTEL_SERVICE_NAME || 'proxygraph', version, batch: true });
}

export function createTracing(options: { exporter: SpanExporter; serviceName?: string; version?: string; batch?: boolean }): Tracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'proxygraph', 'service.version': options.version ?? '0.0.0' }),
    spanProcessors: [options.batch ? new BatchSpanProcessor(options.exporter) : new SimpleSpanProcessor(options.exporter)],
  });
  const tracer = provider.getTracer('proxygraph', options.version);
  return {
    startOperation: (headers, requestId) => operationTrace(tracer, headers, requestId),
    shutdown: () => provider.shutdown(),
  };
}

function operationTrace(tracer: Tracer, headers: { get(name: string): string | null | undefined }, requestId: string | undefined): OperationTrace {
  const parent = propagator.extract(ROOT_CONTEXT, headers, { keys: () => ['traceparent', 'tracestate'], get: (carrier, key) => carrier.get(key) ?? undefined });
  const span = tracer.startSpan('graphql.operation', { kind: SpanKind.SERVER, attributes: requestId ? { 'proxygraph.request_id': requestId } : {} }, parent);
  const context = trace.setSpan(parent, span);
  return {
    named(type, name) {
      span.updateName(name ? `${type} ${name}` : type);
      span.setAttributes({ 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) });
    },
    end({ errorCodes }) {
      if (errorCodes.length > 0) {
        span.setAttribute('proxygraph.error_codes', [...errorCodes]);
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(',') });
      }
      span.end();
    },
    calls: callTracer(tracer, context),
  };
}

function callTracer(tracer: Tracer, parent: Context): CallTracer {
  return {
    start(call) {
      const span: Span = tracer.startSpan(
        `${call.method} ${call.endpoint.replace(/^[A-Z]+ /, '')}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'http.request.method': call.method,
            'url.template': call.endpoint.replace(/^[A-Z]+ /, ''),
            'server.address': call.host,
            'proxygraph.provider': call.provider,
            'proxygraph.account_id': call.accountId,
          },
        },
        parent,
      );
      const headers: Record<string, string> = {};
      propagator.inject(trace.setSpan(parent, span), headers, { set: (carrier, key, value) => (carrier[key] = value) });
      return {
        headers,
        end(outcome) {
          if (outcome.status !== undefined) span.setAttribute('http.response.status_code', outcome.status);
          if (outcome.status === undefined || outcome.status >= 400) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.status === undefined ? 'no answer' : `HTTP ${outcome.status}` });
          }
          span.end();
        },
      };
    },
  };
}
