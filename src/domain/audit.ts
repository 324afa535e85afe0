/**
 * The audit log: every write a request makes to a provider, recorded where every write path crosses, the
 * write view's facets (request-scope.ts). One entry per facet write: when, who (principal name), which
 * request and operation, which account, what (`facet.method` and the ids it named), and how it ended (OK or
 * the error code, with the provider's request id). Recorded when the write settles, whether or not the
 * client is still there. Never a secret: targets are only ids, IPs and host names picked by key (never a
 * password, token, label or free text), and errors contribute their code alone.
 */
import { ProviderError, ProxyGraphError } from '../core/errors';
import type { ProviderName } from '../core/providers';
import { FACET_WRITES, type FacetName } from '../providers/contract/session';

export interface AuditEntry {
  /** Sortable: newer entries have greater ids. */
  id: string;
  at: string;
  principal: string;
  requestId: string | null;
  operation: string | null;
  accountId: string;
  provider: ProviderName;
  /** `facet.method`, e.g. `subUsers.create`, `ipAuthorizations.revoke`. */
  action: string;
  targets: string[];
  /** `OK`, or the error code the write ended with. */
  outcome: string;
  upstreamRequestId: string | null;
}

export interface AuditQuery {
  first: number;
  /** An entry id: entries older than it. */
  before?: string | null;
  /** Only entries of these accounts (the caller's visible ones, narrowed by the filter). */
  accountIds: ReadonlySet<string>;
  principal?: string | null;
  actions?: readonly string[] | null;
}

/** Whether an entry is one a query asks for (both stores filter with it). */
export function matchesAuditQuery(entry: AuditEntry, query: AuditQuery): boolean {
  if (!query.accountIds.has(entry.accountId)) return false;
  if (query.principal && entry.principal !== query.principal) return false;
  return !query.actions?.length || query.actions.includes(entry.action);
}

export interface AuditLog {
  append(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<{ entries: AuditEntry[]; hasMore: boolean }>;
  close(): Promise<void>;
}

/** Who and what a write belongs to, supplied by the request. */
export interface AuditContext {
  log: AuditLog;
  principal: string;
  requestId: string | null;
  operation(): string | null;
  /** Told when an entry could not be kept (the write itself is done either way). */
  onError(error: Error): void;
}

/** Keys of a params object whose values name what a write touched. */
const TARGET_KEYS = [
  'nativeId',
  'subUserNativeId',
  'serviceNativeId',
  'proxyNativeId',
  'ip',
  'hostname',
  'host',
  'domain',
  'server',
  'scope',
  'username',
  'user',
];
const TARGET_VALUE = /^[A-Za-z0-9_.:@+\-/]{1,200}$/;

/** The ids a write named: string or number arguments, and the target keys of object arguments. */
export function targetsOf(args: readonly unknown[]): string[] {
  const targets: string[] = [];
  const take = (value: unknown) => {
    if ((typeof value === 'string' && TARGET_VALUE.test(value)) || typeof value === 'number') targets.push(String(value));
  };
  for (const arg of args) {
    if (typeof arg === 'string' || typeof arg === 'number') take(arg);
    else if (Array.isArray(arg)) arg.slice(0, 20).forEach(take);
    else if (arg && typeof arg === 'object') for (const key of TARGET_KEYS) take((arg as Record<string, unknown>)[key]);
  }
  return targets.slice(0, 20);
}

/** The facet with each of its write methods recorded in the audit log when it settles. */
export function auditedFacet<T extends object>(facet: T, name: FacetName, account: { id: string; provider: ProviderName }, audit: AuditContext): T {
  const writes = new Set<string>(FACET_WRITES[name] as readonly string[]);
  if (writes.size === 0) return facet;
  return new Proxy(facet, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !writes.has(property) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const base = {
          at: new Date().toISOString(),
          principal: audit.principal,
          requestId: audit.requestId,
          operation: audit.operation(),
          accountId: account.id,
          provider: account.provider,
          action: `${name}.${property}`,
          targets: targetsOf(args),
        };
        try {
          const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
          await record({ ...base, outcome: 'OK', upstreamRequestId: null });
          return result;
        } catch (error) {
          const code = error instanceof ProxyGraphError ? error.code : 'INTERNAL_SERVER_ERROR';
          const upstreamRequestId = error instanceof ProviderError ? (error.details.upstreamRequestId ?? null) : null;
          await record({ ...base, outcome: code, upstreamRequestId });
          throw error;
        }
      };
    },
  });

  /** Kept before the write's answer goes back, so a client reading the log next finds it; never fails the write. */
  function record(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    return audit.log.append(entry).catch((error: Error) => audit.onError(error));
  }
}

/** A page of the audit log as the caller may see it: entries of accounts it can see, newest first. */
export async function readAuditLog(
  view: { accounts(filter?: { accountIds?: readonly string[] | null }): ReadonlyArray<{ id: string }> },
  log: AuditLog | undefined,
  request: { first: number; before?: string | null; accountIds?: readonly string[] | null; principal?: string | null; actions?: readonly string[] | null },
): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
  const visible = new Set(view.accounts({ accountIds: request.accountIds }).map((account) => account.id));
  if (!log || request.first === 0 || visible.size === 0) return { entries: [], hasMore: false };
  return log.list({ first: request.first, before: request.before, accountIds: visible, principal: request.principal, actions: request.actions });
}
