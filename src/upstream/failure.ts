/**
 * From an upstream HTTP answer (or the lack of one) to the error vocabulary of core/errors.ts: the single
 * factory from a status to a code (Stripe/Octokit style), and the one door provider text comes in by, so
 * status mapping and secret redaction live here and nowhere else.
 */
import type { ProviderName } from '../core/providers';
import { ProviderError, type ErrorCode, type ProxyGraphErrorDetails } from '../core/errors';
import { redactFields, type Redactor } from '../core/redact';

export interface UpstreamFailure {
  provider: ProviderName;
  accountId: string;
  status: number;
  /** The provider's own message, already extracted from its error body by the provider's client. */
  providerMessage?: string;
  upstreamRequestId?: string;
  retryAfterSeconds?: number;
  fields?: Record<string, string[]>;
  /** Provider-specific override of the generic status mapping (e.g. ProxyMesh's 400 "already authorized"). */
  code?: ErrorCode;
}

/**
 * The single factory from an upstream HTTP status to a typed error (Stripe/Octokit style), and the one
 * door provider text comes in by: `redact` (the account target's, knowing its own credentials) runs over
 * the message, the request id and every field name and message before anything keeps them.
 */
export function providerErrorFromResponse(failure: UpstreamFailure, redact: Redactor): ProviderError {
  const code = failure.code ?? codeForStatus(failure.status);
  const base = `${failure.provider} answered HTTP ${failure.status}`;
  // Redacted before truncation: a cut through a secret would leave a start that no longer matches it.
  const message = failure.providerMessage ? `${base}: ${truncate(redact(failure.providerMessage), 300)}` : base;
  return new ProviderError(code, message, {
    provider: failure.provider,
    accountId: failure.accountId,
    upstreamStatus: failure.status,
    upstreamRequestId: failure.upstreamRequestId ? truncate(redact(failure.upstreamRequestId), 100) : undefined,
    retryAfterSeconds: code === 'RATE_LIMITED' ? (failure.retryAfterSeconds ?? 60) : undefined,
    fields: failure.fields ? redactFields(failure.fields, redact) : undefined,
  });
}

export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return status === 422 ? 'PLAN_LIMIT' : 'BAD_USER_INPUT';
  if (status === 401) return 'PROVIDER_AUTH_FAILED';
  if (status === 402) return 'PLAN_LIMIT';
  if (status === 403) return 'PROVIDER_FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'PROVIDER_UNAVAILABLE';
  return 'PROVIDER_ERROR';
}

/** A failure to get any answer from the provider (as opposed to an HTTP error status): what reads retry on. */
export class ProviderTransportError extends ProviderError {
  constructor(message: string, details: ProxyGraphErrorDetails, options: { cause?: unknown } = {}) {
    super('PROVIDER_UNAVAILABLE', message, details, options);
    this.name = 'ProviderTransportError';
  }
}

/** A transport failure: connection refused/reset, or a timeout. Reads are safe to retry; writes may have applied. */
export function providerTransportError(provider: ProviderName, accountId: string, cause: unknown, isWrite: boolean): ProviderError {
  const reason = describeTransportFailure(cause);
  return new ProviderTransportError(
    `${provider} could not be reached: ${reason}`,
    { provider, accountId, mayHaveApplied: isWrite && reason !== 'connection refused' },
    { cause },
  );
}

function describeTransportFailure(cause: unknown): string {
  const code = (cause as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect timeout';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'response timeout';
  if (code === 'UND_ERR_ABORTED' || (cause as Error | undefined)?.name === 'AbortError') return 'deadline exceeded';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  return 'network error';
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
