/**
 * Turns any resolver error into the taxonomy of docs/architecture.md §6. ProxyGraphErrors carry their own code and safe
 * message; argument validation becomes BAD_USER_INPUT with the failing fields; GraphQL's own request
 * errors pass through; anything else is an internal error and its message is masked.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { ProxyGraphError } from '../core/errors';
import { redactSecrets } from '../core/redact';

const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

/**
 * Whether the formatter masks this error as INTERNAL_SERVER_ERROR: then it is a bug, logged with its request
 * id by the operation plugin (the formatter runs without the request).
 */
export function isInternalError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof ProxyGraphError || original instanceof ArgumentValidationError || isCodelessClientError(error)) return false;
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return !(typeof code === 'string' && PASS_THROUGH.has(code));
}

export function createErrorFormatter() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ProxyGraphError) {
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: original.toExtensions() };
    }
    if (original instanceof ArgumentValidationError) {
      const fields: Record<string, string[]> = {};
      const collect = (errors: typeof original.extensions.validationErrors, prefix: string) => {
        for (const failure of errors ?? []) {
          const name = prefix ? `${prefix}.${failure.property}` : failure.property;
          if (failure.constraints) fields[name] = Object.values(failure.constraints);
          if (failure.children?.length) collect(failure.children as typeof errors, name);
        }
      };
      collect(original.extensions.validationErrors, '');
      return {
        message: `invalid input: ${Object.entries(fields)
          .map(([name, messages]) => `${name} (${messages.join('; ')})`)
          .join(', ')}`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', fields },
      };
    }
    if (isCodelessClientError(error)) {
      return { message: redactSecrets(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code)) {
      return { ...formatted, message: redactSecrets(formatted.message), extensions: { code } };
    }
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * Apollo rejects some requests with an HTTP 4xx and no code ("provided sha does not match query", an
 * unsupported persisted-query version). They are the client's mistake: a client error with the
 * taxonomy's code, not a masked internal error with a stack in the log.
 */
function isCodelessClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
