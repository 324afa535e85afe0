/**
 * The log of requests made through an account's proxies, newest first. The provider pages it by position
 * (Webshare `starting_after`), so a page is "how many, after which entry", never an offset. The filter's
 * rules that need no provider are checked here, before any call.
 */
import { badUserInput } from '../core/errors';
import type { PositionWindow, ProxyActivityFilter } from '../providers/contract/params';
import type { ProxyActivityPage } from '../providers/contract/records';
import type { AccessView } from './request-scope';

type Problems = Record<string, string[]>;

export function activityFilterProblems(filter: ProxyActivityFilter): Problems {
  const problems: Problems = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  if (filter.minBytes != null && filter.maxBytes != null && filter.minBytes > filter.maxBytes) add('filter.minBytes', 'greater than maxBytes');
  if (filter.from && filter.to && filter.from > filter.to) add('filter.from', 'after to');
  if (filter.errorReason != null && filter.failedOnly === false) add('filter.failedOnly', 'false contradicts errorReason, which matches failed requests only');
  return problems;
}

export async function listProxyActivity(
  view: AccessView<'read'>,
  accountId: string,
  window: PositionWindow,
  filter: ProxyActivityFilter,
): Promise<ProxyActivityPage> {
  const problems = activityFilterProblems(filter);
  if (Object.keys(problems).length > 0) throw badUserInput('invalid proxy activity filter', problems);
  const activity = view.facet(accountId, 'proxyActivity');
  // A page of no entries reads nothing (domain/paging.ts has the same rule for offset lists).
  if (window.limit === 0) return { items: [], totalCount: null, nextCursor: null };
  return activity.list(window, filter);
}
