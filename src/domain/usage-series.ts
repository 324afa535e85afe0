/**
 * An account's usage hour by hour, for charts (docs/architecture.md §4a: figures say what they cover). A
 * series is always of an explicit window: `from` given, `to` defaulting to now; a window that ends before it
 * starts is refused here, before any provider is asked. Provider limits (Webshare: 90 days back, no later
 * than the subscription's end) are the adapter's.
 */
import { badUserInput } from '../core/errors';
import type { UsagePointRecord } from '../providers/contract/records';
import type { AccessView } from './request-scope';

export interface UsageSeriesRequest {
  from: Date;
  to?: Date | null;
}

export async function accountUsageSeries(
  view: AccessView<'read'>,
  accountId: string,
  request: UsageSeriesRequest,
  nowMs = Date.now(),
): Promise<UsagePointRecord[]> {
  const to = request.to ?? new Date(nowMs);
  if (request.from > to) throw badUserInput('from must not be after to (now when to is omitted)', { from: ['after to'] });
  return view.facet(accountId, 'usageHistory').series({ from: request.from, to });
}
