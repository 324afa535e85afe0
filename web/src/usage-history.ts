/**
 * Usage over time for the overview's charts, in one place so that switching to Account.usageHistory is one
 * change. Today the graph has `Account.usageSeries(from, to)` (Webshare's hourly points, accounts with the
 * USAGE_HISTORY capability) and `Account.usage` (one figure per period, every account with USAGE):
 * `useUsageHistory` charts from those. Account.usageHistory (ProxyGraph's own snapshots of every account,
 * being added) is written below against its agreed schema and not sent until `USAGE_HISTORY_ON` is true:
 * today's schema would refuse it.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';

/** One point of an account's chart: when, bytes used in that interval (or cumulative, see `cumulative`). */
export interface HistoryPoint {
  at: string;
  bytes: number;
  projected: boolean;
}

export interface AccountHistory {
  accountId: string;
  /** True when `bytes` is usage so far in the period at `at` (snapshots), false when it is per interval. */
  cumulative: boolean;
  points: HistoryPoint[];
  /** The limit to draw against, when the history knows it. */
  limitBytes: number | null;
}

/** How far back the charts look. */
export const HISTORY_WINDOW_HOURS = 7 * 24;

/** Charts come from Account.usageHistory (every account with USAGE); usageSeries stays as the fallback path. */
export const USAGE_HISTORY_ON = true;

interface SeriesData {
  account: { id: string; usageSeries: { hourStart: string; bandwidthBytes: number; projected: boolean }[] | null } | null;
}

/** Today: Webshare's hourly points. */
export const USAGE_SERIES: TypedDocumentNode<SeriesData, { id: string; from: string }> = gql`
  query DashboardUsageSeries($id: ID!, $from: DateTime!) {
    account(id: $id) {
      id
      usageSeries(from: $from) {
        hourStart
        bandwidthBytes
        projected
      }
    }
  }
`;

interface HistoryData {
  account: {
    id: string;
    usageHistory: {
      intervalSeconds: number;
      retentionDays: number;
      snapshots: { takenAt: string; bandwidthUsedBytes: number | null; bandwidthLimitBytes: number | null; period: string | null }[];
      hourly: { hourStart: string; bandwidthBytes: number; projected: boolean }[] | null;
    } | null;
  } | null;
}

/** Once merged: ProxyGraph's snapshots of the account's usage (every provider), plus hourly points where the provider has them. */
export const USAGE_HISTORY: TypedDocumentNode<HistoryData, { id: string; from: string }> = gql`
  query DashboardUsageHistory($id: ID!, $from: DateTime) {
    account(id: $id) {
      id
      usageHistory(from: $from) {
        intervalSeconds
        retentionDays
        snapshots {
          takenAt
          bandwidthUsedBytes
          bandwidthLimitBytes
          period
        }
        hourly {
          hourStart
          bandwidthBytes
          projected
        }
      }
    }
  }
`;

/** Which accounts get a history chart. */
export function hasHistory(capabilities: readonly string[]): boolean {
  return USAGE_HISTORY_ON ? capabilities.includes('USAGE') || capabilities.includes('USAGE_HISTORY') : capabilities.includes('USAGE_HISTORY');
}

/** The window's start, rounded to the hour so the query (and the cache entry) is stable for an hour. */
export function historyFrom(now = Date.now()): string {
  const hour = 3_600_000;
  return new Date(Math.floor((now - HISTORY_WINDOW_HOURS * hour) / hour) * hour).toISOString();
}

export function useUsageHistory(accountId: string): { history: AccountHistory | null; loading: boolean; error: string | null } {
  const from = historyFrom();
  const series = useQuery(USAGE_SERIES, { variables: { id: accountId, from }, skip: USAGE_HISTORY_ON });
  const snapshots = useQuery(USAGE_HISTORY, { variables: { id: accountId, from }, skip: !USAGE_HISTORY_ON });
  if (USAGE_HISTORY_ON) {
    const history = snapshots.data?.account?.usageHistory;
    if (!history) return { history: null, loading: snapshots.loading, error: snapshots.error?.message ?? null };
    const hourly = history.hourly ?? [];
    return {
      history: hourly.length
        ? {
            accountId,
            cumulative: false,
            limitBytes: null,
            points: hourly.map((point) => ({ at: point.hourStart, bytes: point.bandwidthBytes, projected: point.projected })),
          }
        : {
            accountId,
            cumulative: true,
            limitBytes: history.snapshots.at(-1)?.bandwidthLimitBytes ?? null,
            points: history.snapshots
              .filter((snapshot) => snapshot.bandwidthUsedBytes !== null)
              .map((snapshot) => ({ at: snapshot.takenAt, bytes: snapshot.bandwidthUsedBytes!, projected: false })),
          },
      loading: snapshots.loading,
      error: snapshots.error?.message ?? null,
    };
  }
  const points = series.data?.account?.usageSeries;
  if (!points) return { history: null, loading: series.loading, error: series.error?.message ?? null };
  return {
    history: {
      accountId,
      cumulative: false,
      limitBytes: null,
      points: points.map((point) => ({ at: point.hourStart, bytes: point.bandwidthBytes, projected: point.projected })),
    },
    loading: series.loading,
    error: series.error?.message ?? null,
  };
}
