/**
 * The one error taxonomy (DESIGN §6). Every failure that reaches a client carries one of these codes in
 * `extensions.code`. ProviderError is built in exactly one place from an upstream response
 * (`providerErrorFromResponse`), so status mapping and secret redaction live here and nowhere else.
 */
import type { ProviderName } from '../providers/types';
import { redactFields, redactSecrets, type Redactor } from './redact';

export { redactSecrets } from './redact';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNSUPPORTED_BY_PROVIDER'
  | 'PROVIDER_AUTH_FAILED'
  | 'PROVIDER_FORBIDDEN'
  | 'PLAN_LIMIT'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_ERROR';

export interface ProxyGraphErrorDetails {
  provider?: ProviderName;
  accountId?: string;
  upstreamRequestId?: string;
  retryAfterSeconds?: number;
  /** HTTP status the provider answered with (not sent to clients as a code, only as a detail). */
  upstreamStatus?: number;
  /** True when a write may have been applied upstream even though we saw a failure (timeout, reset). */
  mayHaveApplied?: boolean;
  /** Field-level messages from the provider, or from our own validation, keyed by field name. */
  fields?: Record<string, string[]>;
}

/** Base class: any error with a code from the taxonomy. Messages are safe to show to clients. */
export class ProxyGraphError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ProxyGraphErrorDetails = {},
  ) {
    super(redactSecrets(message));
    this.name = 'ProxyGraphError';
  }

  /**
   * The `extensions` of the GraphQL error built from this one. Provider text in them was redacted of the
   * account's own secrets when the error was made; the pattern rules run again here like on the message.
   */
  toExtensions(): Record<string, unknown> {
    const { provider, accountId, upstreamRequestId, retryAfterSeconds, mayHaveApplied, fields } = this.details;
    const extensions: Record<string, unknown> = { code: this.code };
    if (provider) extensions.provider = provider.toUpperCase();
    if (accountId) extensions.accountId = accountId;
    if (upstreamRequestId) extensions.upstreamRequestId = redactSecrets(upstreamRequestId);
    if (retryAfterSeconds !== undefined) extensions.retryAfterSeconds = retryAfterSeconds;
    if (mayHaveApplied) extensions.mayHaveApplied = true;
    if (fields) extensions.fields = redactFields(fields, redactSecrets);
    return extensions;
  }
}

/** An error the provider answered with (or a transport failure talking to it). */
export class ProviderError extends ProxyGraphError {
  constructor(code: ErrorCode, message: string, details: ProxyGraphErrorDetails) {
    super(code, message, details);
    this.name = 'ProviderError';
  }
}

export const badUserInput = (message: string, fields?: Record<string, string[]>) =>
  new ProxyGraphError('BAD_USER_INPUT', message, fields ? { fields } : {});

export const notFound = (message: string, details: ProxyGraphErrorDetails = {}) =>
  new ProxyGraphError('NOT_FOUND', message, details);

export const unsupported = (provider: ProviderName, accountId: string, what: string) =>
  new ProxyGraphError('UNSUPPORTED_BY_PROVIDER', `${what} is not supported by ${provider} (account ${accountId})`, {
    provider,
    accountId,
  });

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
    retryAfterSeconds: code === 'RATE_LIMITED' ? failure.retryAfterSeconds ?? 60 : undefined,
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
  constructor(message: string, details: ProxyGraphErrorDetails) {
    super('PROVIDER_UNAVAILABLE', message, details);
    this.name = 'ProviderTransportError';
  }
}

/** A transport failure: connection refused/reset, or a timeout. Reads are safe to retry; writes may have applied. */
export function providerTransportError(
  provider: ProviderName,
  accountId: string,
  cause: unknown,
  isWrite: boolean,
): ProviderError {
  const reason = describeTransportFailure(cause);
  return new ProviderTransportError(`${provider} could not be reached: ${reason}`, {
    provider,
    accountId,
    mayHaveApplied: isWrite && reason !== 'connection refused',
  });
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

/** True when `error` is a ProxyGraphError with one of `codes`. */
export function isCode(error: unknown, ...codes: ErrorCode[]): error is ProxyGraphError {
  return error instanceof ProxyGraphError && codes.includes(error.code);
}
