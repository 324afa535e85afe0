/** Webshare's hourly stats as a usage series for charts (docs/providers/reference.md §1.5 "Stats and activity"). */
import type { UsageSeriesRange } from '../contract/params';
import type { UsagePointRecord } from '../contract/records';
import type { UsageHistoryFacet } from '../contract/session';
import type { WebshareClient } from './client';
import { toUsagePoint } from './mapping';
import type { WebshareAccountReads } from './session-reads';
import { checkSeriesEnd, checkUsageRange } from './validate';

export class WebshareUsageHistory implements UsageHistoryFacet {
  /** One instant per session, so every check of the request agrees on "now". */
  private readonly nowMs = Date.now();

  constructor(
    private readonly client: WebshareClient,
    private readonly account: WebshareAccountReads,
  ) {}

  /**
   * Every hour that starts in [from, to] and had traffic (Webshare omits idle hours), oldest first; hours
   * after now are projected. A window reaching into the future is checked against the subscription's end
   * first (one read, shared with plan and usage in the request); a past window needs no such read.
   */
  async series(range: UsageSeriesRange): Promise<UsagePointRecord[]> {
    checkUsageRange(range, this.nowMs);
    if (range.to.getTime() > this.nowMs) {
      const subscription = await this.account.subscription();
      checkSeriesEnd(range.to, new Date(subscription.end_date));
    }
    const rows = await this.client.hourlyStats({ timestamp__gte: range.from.toISOString(), timestamp__lte: range.to.toISOString() });
    return rows.map(toUsagePoint).sort((a, b) => a.hourStart.getTime() - b.hourStart.getTime());
  }
}
