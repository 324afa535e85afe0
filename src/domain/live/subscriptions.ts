/**
 * The meaning of each subscription: which accounts it watches, and when a poll's message becomes an event
 * for this subscriber. Everything a subscriber gives is checked here, with its own read view (the read
 * scope, the accounts it may see, what each account's provider can do), before any poller starts: bad
 * input is refused with a typed error and nothing is polled.
 *
 * Fire-once rules are per subscriber: a usage threshold fires once and ends the subscription; an expiring
 * entry is announced once per expiry time; a sub-user near its limit once until it drops back below.
 */
import { badUserInput } from '../../core/errors';
import { decodeGlobalId } from '../ids';
import type {
  DnsOverrideRecord,
  IpAuthorizationRecord,
  ProxyRecord,
  ProxyReplacementRecord,
  ProxyStatus,
  SubUserRecord,
  UsageRecord,
} from '../../providers/contract/records';
import type { AccessView } from '../request-scope';
import { EventQueue } from './event-queue';
import type { LiveHub } from './hub';
import { WATCHES, type MessageOf, type WatchKind } from './watches';

export interface ProxyStatusEvent {
  accountId: string;
  proxy: ProxyRecord;
  previousStatus: ProxyStatus;
  status: ProxyStatus;
  observedAt: Date;
}

export interface UsageThresholdEvent {
  accountId: string;
  usage: UsageRecord;
  thresholdBytes: number;
  observedAt: Date;
}

export interface ReplacementEvent {
  accountId: string;
  replacement: ProxyReplacementRecord;
  previousState: string | null;
  state: string;
  observedAt: Date;
}

export interface ExpiryEvent {
  accountId: string;
  kind: 'IP_AUTHORIZATION' | 'DNS_OVERRIDE';
  ipAuthorization: IpAuthorizationRecord | null;
  dnsOverride: DnsOverrideRecord | null;
  expiresAt: Date;
  secondsLeft: number;
  observedAt: Date;
}

export interface SubUserLimitEvent {
  accountId: string;
  subUser: SubUserRecord;
  usedBytes: number;
  limitBytes: number;
  usedFraction: number;
  observedAt: Date;
}

/** Longest look-ahead of `expiringSoon`: WonderProxy's authorizations live 30 days. */
export const MAX_EXPIRY_WINDOW_SECONDS = 30 * 86_400;

/**
 * The accounts a subscription watches: those named (each visible, each able to report this resource), or
 * every visible account that can.
 */
export function watchedAccounts(view: AccessView<'read'>, kind: WatchKind, accountIds: readonly string[] | null | undefined): string[] {
  const { facets } = WATCHES[kind];
  if (accountIds) {
    if (accountIds.length === 0) throw badUserInput('accountIds must name at least one account (omit it for every account)', { accountIds: ['empty'] });
    const ids = [...new Set(accountIds)];
    for (const id of ids) {
      // NOT_FOUND for an account the caller may not see, UNSUPPORTED_BY_PROVIDER for one that cannot report this.
      if (!facets.some((facet) => view.facetIfAny(id, facet))) view.facet(id, facets[0]);
    }
    return ids;
  }
  const ids = view
    .accounts()
    .filter((account) => facets.some((facet) => view.facetIfAny(account.id, facet)))
    .map((account) => account.id);
  if (ids.length === 0) throw badUserInput('none of the accounts you may see can report this', { accountIds: ['no account to watch'] });
  return ids;
}

/**
 * Watches `kind` on every account and turns each message into events with `onMessage`; a failure to start
 * any watch lets go of the ones already started.
 */
async function watchAll<K extends WatchKind, E>(
  hub: LiveHub,
  kind: K,
  accountIds: readonly string[],
  onMessage: (accountId: string, message: MessageOf<K>, queue: EventQueue<E>) => void,
): Promise<EventQueue<E>> {
  const leaves: Array<() => Promise<void>> = [];
  const queue = new EventQueue<E>(async () => {
    await Promise.all(leaves.splice(0).map((leave) => leave()));
  });
  try {
    for (const accountId of accountIds) leaves.push(await hub.watch(kind, accountId, (message) => onMessage(accountId, message, queue)));
  } catch (error) {
    await queue.return();
    throw error;
  }
  return queue;
}

export async function proxyStatusChanges(hub: LiveHub, view: AccessView<'read'>, accountIds?: readonly string[] | null): Promise<EventQueue<ProxyStatusEvent>> {
  const ids = watchedAccounts(view, 'proxies', accountIds);
  return watchAll<'proxies', ProxyStatusEvent>(hub, 'proxies', ids, (accountId, message, queue) => {
    const observedAt = new Date(message.observedAt);
    for (const change of message.changes)
      queue.push({ accountId, proxy: change.proxy, previousStatus: change.previousStatus, status: change.proxy.status, observedAt });
  });
}

export interface UsageThreshold {
  thresholdBytes?: number | null;
  /** Of the account's bandwidth limit, in (0, 1]. */
  thresholdFraction?: number | null;
}

export function checkUsageThreshold(threshold: UsageThreshold): void {
  const given = [threshold.thresholdBytes, threshold.thresholdFraction].filter((value) => value !== null && value !== undefined);
  if (given.length !== 1) throw badUserInput('give exactly one of thresholdBytes and thresholdFraction', { thresholdBytes: ['exactly one of the two'] });
  if (threshold.thresholdBytes != null && !(Number.isSafeInteger(threshold.thresholdBytes) && threshold.thresholdBytes > 0)) {
    throw badUserInput('thresholdBytes must be a positive whole number', { thresholdBytes: ['must be > 0'] });
  }
  if (threshold.thresholdFraction != null && !(threshold.thresholdFraction > 0 && threshold.thresholdFraction <= 1)) {
    throw badUserInput('thresholdFraction must be in (0, 1]', { thresholdFraction: ['must be > 0 and at most 1'] });
  }
}

/** The threshold in bytes for this usage, or null when a fraction is asked of an account without a limit. */
function thresholdBytesOf(threshold: UsageThreshold, usage: UsageRecord): number | null {
  if (threshold.thresholdBytes != null) return threshold.thresholdBytes;
  if (!usage.bandwidthLimitBytes) return null;
  return Math.ceil(usage.bandwidthLimitBytes * threshold.thresholdFraction!);
}

export async function usageThresholdCrossings(
  hub: LiveHub,
  view: AccessView<'read'>,
  accountId: string,
  threshold: UsageThreshold,
): Promise<EventQueue<UsageThresholdEvent>> {
  checkUsageThreshold(threshold);
  const [id] = watchedAccounts(view, 'usage', [accountId]);
  return watchAll<'usage', UsageThresholdEvent>(hub, 'usage', [id], (_accountId, message, queue) => {
    const usage = message.usage;
    if (!usage || usage.bandwidthUsedBytes == null) return;
    const thresholdBytes = thresholdBytesOf(threshold, usage);
    if (thresholdBytes === null) {
      queue.finish(
        badUserInput('thresholdFraction needs a bandwidth limit, and this account has none; give thresholdBytes', {
          thresholdFraction: ['the account has no bandwidth limit'],
        }),
      );
      return;
    }
    if (usage.bandwidthUsedBytes < thresholdBytes) return;
    // Fires once: the subscription ends with the crossing.
    queue.push({ accountId: id, usage, thresholdBytes, observedAt: new Date(message.observedAt) });
    queue.finish();
  });
}

/** A replacement id given must be one of this account's replacements; checked before anything is polled. */
function replacementNativeId(accountId: string, replacementId: string | null): string | null {
  if (!replacementId) return null;
  const parts = decodeGlobalId(replacementId, 'ProxyReplacement');
  if (parts.accountId !== accountId) throw badUserInput('replacementId belongs to another account', { replacementId: ['not of accountId'] });
  return parts.nativeId;
}

export async function replacementChanges(
  hub: LiveHub,
  view: AccessView<'read'>,
  accountId: string,
  replacementId: string | null,
): Promise<EventQueue<ReplacementEvent>> {
  const replacementNativeIdWanted = replacementNativeId(accountId, replacementId);
  const [id] = watchedAccounts(view, 'replacements', [accountId]);
  return watchAll<'replacements', ReplacementEvent>(hub, 'replacements', [id], (_accountId, message, queue) => {
    for (const change of message.changes) {
      if (replacementNativeIdWanted && change.replacement.nativeId !== replacementNativeIdWanted) continue;
      queue.push({
        accountId: id,
        replacement: change.replacement,
        previousState: change.previousState,
        state: change.replacement.state,
        observedAt: new Date(message.observedAt),
      });
    }
  });
}

export function checkExpiryWindow(withinSeconds: number): void {
  if (!Number.isInteger(withinSeconds) || withinSeconds < 60 || withinSeconds > MAX_EXPIRY_WINDOW_SECONDS) {
    throw badUserInput(`withinSeconds must be a whole number from 60 to ${MAX_EXPIRY_WINDOW_SECONDS}`, { withinSeconds: ['out of range'] });
  }
}

export async function expiringSoon(
  hub: LiveHub,
  view: AccessView<'read'>,
  accountIds: readonly string[] | null | undefined,
  withinSeconds: number,
): Promise<EventQueue<ExpiryEvent>> {
  checkExpiryWindow(withinSeconds);
  const ids = watchedAccounts(view, 'expiries', accountIds);
  // Announced once per entry and expiry time: an extended authorization is announced again when it nears its new end.
  const announced = new Set<string>();
  return watchAll<'expiries', ExpiryEvent>(hub, 'expiries', ids, (accountId, message, queue) => {
    const observedAt = new Date(message.observedAt);
    for (const entry of message.entries) {
      const expiresAt = entry.record.expiresAt;
      if (!expiresAt) continue;
      const secondsLeft = Math.max(0, Math.floor((expiresAt.getTime() - observedAt.getTime()) / 1000));
      if (secondsLeft > withinSeconds) continue;
      const key = `${accountId}/${entry.kind}/${entry.record.nativeId}/${expiresAt.getTime()}`;
      if (announced.has(key)) continue;
      announced.add(key);
      queue.push({
        accountId,
        kind: entry.kind,
        ipAuthorization: entry.kind === 'IP_AUTHORIZATION' ? entry.record : null,
        dnsOverride: entry.kind === 'DNS_OVERRIDE' ? entry.record : null,
        expiresAt,
        secondsLeft,
        observedAt,
      });
    }
  });
}

export function checkLimitFraction(fraction: number): void {
  if (!(fraction > 0 && fraction <= 1)) throw badUserInput('fraction must be in (0, 1]', { fraction: ['must be > 0 and at most 1'] });
}

/** A sub-user's use against its limit: the total limit where it has one, else its monthly one. */
function limitUse(subUser: SubUserRecord): { usedBytes: number; limitBytes: number } | null {
  if (subUser.bandwidthLimitBytes && subUser.bandwidthUsedBytes != null)
    return { usedBytes: subUser.bandwidthUsedBytes, limitBytes: subUser.bandwidthLimitBytes };
  if (subUser.monthlyBandwidthLimitBytes && subUser.monthlyBandwidthUsedBytes != null) {
    return { usedBytes: subUser.monthlyBandwidthUsedBytes, limitBytes: subUser.monthlyBandwidthLimitBytes };
  }
  return null;
}

export async function subUsersNearLimit(
  hub: LiveHub,
  view: AccessView<'read'>,
  accountIds: readonly string[] | null | undefined,
  fraction: number,
): Promise<EventQueue<SubUserLimitEvent>> {
  checkLimitFraction(fraction);
  const ids = watchedAccounts(view, 'subUsers', accountIds);
  const near = new Set<string>();
  return watchAll<'subUsers', SubUserLimitEvent>(hub, 'subUsers', ids, (accountId, message, queue) => {
    const observedAt = new Date(message.observedAt);
    for (const subUser of message.subUsers) {
      const use = limitUse(subUser);
      if (!use) continue;
      const key = `${accountId}/${subUser.nativeId}`;
      const usedFraction = use.usedBytes / use.limitBytes;
      if (usedFraction < fraction) {
        near.delete(key);
        continue;
      }
      if (near.has(key)) continue;
      near.add(key);
      queue.push({ accountId, subUser, usedBytes: use.usedBytes, limitBytes: use.limitBytes, usedFraction, observedAt });
    }
  });
}
