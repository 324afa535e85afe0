/**
 * The one error vocabulary (docs/architecture.md, "Errors"). Every failure that reaches a client carries one
 * of these codes in `extensions.code`. Errors from a provider's answer are built in one place,
 * upstream/failure.ts, which maps statuses and redacts provider text; everything else is built here, most
 * often through `accountErrors`, so details are never assembled by hand.
 */
import type { ProviderName } from './providers';
import { redactFields, redactSecrets } from './redact';

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

/**
 * Base class: any error with a code from the vocabulary. Messages are safe to show to clients: the pattern
 * rules of redact.ts run in the constructor, the last line of defence for anything that might echo a
 * credential. `cause` keeps the original failure for logs (never for clients).
 */
export class ProxyGraphError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ProxyGraphErrorDetails = {},
    options: { cause?: unknown } = {},
  ) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
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

/** An error the provider answered with (or a transport failure talking to it): built by upstream/failure.ts. */
export class ProviderError extends ProxyGraphError {
  constructor(code: ErrorCode, message: string, details: ProxyGraphErrorDetails, options: { cause?: unknown } = {}) {
    super(code, message, details, options);
    this.name = 'ProviderError';
  }
}

export const badUserInput = (message: string, fields?: Record<string, string[]>) => new ProxyGraphError('BAD_USER_INPUT', message, fields ? { fields } : {});

export const notFound = (message: string, details: ProxyGraphErrorDetails = {}) => new ProxyGraphError('NOT_FOUND', message, details);

export const unsupported = (provider: ProviderName, accountId: string, what: string) =>
  new ProxyGraphError('UNSUPPORTED_BY_PROVIDER', `${what} is not supported by ${provider} (account ${accountId})`, {
    provider,
    accountId,
  });

/** True when `error` is a ProxyGraphError with one of `codes`. */
export function isCode(error: unknown, ...codes: ErrorCode[]): error is ProxyGraphError {
  return error instanceof ProxyGraphError && codes.includes(error.code);
}

/**
 * The errors an adapter or a domain rule raises about one account, with provider and account filled in:
 * one factory per account instead of details built by hand at every throw.
 */
export function accountErrors(provider: ProviderName, accountId: string) {
  const about = { provider, accountId };
  return {
    badInput: (message: string, fields?: Record<string, string[]>) => new ProxyGraphError('BAD_USER_INPUT', message, fields ? { ...about, fields } : about),
    notFound: (what: string) => new ProxyGraphError('NOT_FOUND', `no such ${what}`, about),
    unsupported: (what: string) => unsupported(provider, accountId, what),
    conflict: (message: string) => new ProxyGraphError('CONFLICT', message, about),
    planLimit: (message: string) => new ProxyGraphError('PLAN_LIMIT', message, about),
    unavailable: (message: string, details: Partial<ProxyGraphErrorDetails> = {}) =>
      new ProxyGraphError('PROVIDER_UNAVAILABLE', message, { ...about, ...details }),
    providerError: (message: string, details: Partial<ProxyGraphErrorDetails> = {}) => new ProxyGraphError('PROVIDER_ERROR', message, { ...about, ...details }),
  };
}

export type AccountErrors = ReturnType<typeof accountErrors>;
