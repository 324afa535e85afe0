/**
 * Subscriptions: what the graph can see change by polling providers (domain/live/). Served over graphql-ws
 * on /graphql and over the router's callback protocol; the subscriber's read view checks everything it
 * gives before any poller starts.
 */
import { Arg, Ctx, Float, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import type { LiveFailure } from '../../domain/live/event-queue';
import {
  expiringSoon,
  proxyStatusChanges,
  replacementChanges,
  subUsersNearLimit,
  usageThresholdCrossings,
  type ExpiryEvent,
  type ProxyStatusEvent,
  type ReplacementEvent,
  type SubUserLimitEvent,
  type UsageThresholdEvent,
} from '../../domain/live/subscriptions';
import { figuresOf } from '../../domain/usage';
import { accountNode, toNode } from '../common/nodes';
import { SafeInt } from '../common/scalars';
import type { ProxyReplacementState, ProxyStatus } from '../common/enums';
import type { Context } from '../context';
import { eventOf, live, type Args } from './live-stream';
import { ExpiringKind, ExpiryWarning, ProxyReplacementChange, ProxyStatusChange, SubUserLimitWarning, UsageThresholdCrossing } from './live.type';

@Resolver()
export class LiveResolver {
  @Subscription(() => ProxyStatusChange, {
    description:
      'Proxies whose status changes, on the accounts given (default: every account you may see that lists proxies). Polled every server.live.pollIntervalSeconds.proxies (60 s by default).',
    subscribe: ({ args, context }: Args<{ accountIds?: string[] | null }>) => live(context, (hub, view) => proxyStatusChanges(hub, view, args.accountIds)),
  })
  proxyStatusChanged(
    @Root() root: ProxyStatusEvent | LiveFailure,
    @Ctx() ctx: Context,
    @Arg('accountIds', () => [ID], { nullable: true }) _accountIds?: string[] | null,
  ): ProxyStatusChange {
    const event = eventOf(root);
    const account = ctx.scope.accountOf(event.accountId);
    return {
      proxy: toNode('Proxy', account, event.proxy),
      previousStatus: event.previousStatus as ProxyStatus,
      status: event.status as ProxyStatus,
      observedAt: event.observedAt,
    };
  }

  @Subscription(() => UsageThresholdCrossing, {
    description:
      "Fires once, when the account's usage in its own period reaches thresholdBytes or thresholdFraction of its bandwidth limit (exactly one), then ends. Already past it: fires at the first poll.",
    subscribe: ({ args, context }: Args<{ accountId: string; thresholdBytes?: number | null; thresholdFraction?: number | null }>) =>
      live(context, (hub, view) => usageThresholdCrossings(hub, view, args.accountId, args)),
  })
  usageThresholdCrossed(
    @Root() root: UsageThresholdEvent | LiveFailure,
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) _accountId: string,
    @Arg('thresholdBytes', () => SafeInt, { nullable: true }) _thresholdBytes?: number | null,
    @Arg('thresholdFraction', () => Float, { nullable: true, description: 'Of the bandwidth limit, in (0, 1].' }) _thresholdFraction?: number | null,
  ): UsageThresholdCrossing {
    const event = eventOf(root);
    const account = ctx.scope.accountOf(event.accountId);
    return {
      account: accountNode(account),
      usage: figuresOf(event.usage, null) as UsageThresholdCrossing['usage'],
      thresholdBytes: event.thresholdBytes,
      observedAt: event.observedAt,
    };
  }

  @Subscription(() => ProxyReplacementChange, {
    description: 'Proxy replacements of the account that appear or change state; one replacement when replacementId is given.',
    subscribe: ({ args, context }: Args<{ accountId: string; replacementId?: string | null }>) =>
      live(context, (hub, view) => replacementChanges(hub, view, args.accountId, args.replacementId ?? null)),
  })
  proxyReplacementChanged(
    @Root() root: ReplacementEvent | LiveFailure,
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) _accountId: string,
    @Arg('replacementId', () => ID, { nullable: true }) _replacementId?: string | null,
  ): ProxyReplacementChange {
    const event = eventOf(root);
    const account = ctx.scope.accountOf(event.accountId);
    return {
      replacement: toNode('ProxyReplacement', account, event.replacement),
      previousState: event.previousState as ProxyReplacementState | null,
      state: event.state as ProxyReplacementState,
      observedAt: event.observedAt,
    };
  }

  @Subscription(() => ExpiryWarning, {
    description:
      'IP authorizations and DNS overrides that expire within withinSeconds (60 s to 30 days; default 3600), on the accounts given (default: every account you may see that has either).',
    subscribe: ({ args, context }: Args<{ accountIds?: string[] | null; withinSeconds?: number | null }>) =>
      live(context, (hub, view) => expiringSoon(hub, view, args.accountIds, args.withinSeconds ?? 3_600)),
  })
  expiringSoon(
    @Root() root: ExpiryEvent | LiveFailure,
    @Ctx() ctx: Context,
    @Arg('accountIds', () => [ID], { nullable: true }) _accountIds?: string[] | null,
    @Arg('withinSeconds', () => Int, { nullable: true }) _withinSeconds?: number | null,
  ): ExpiryWarning {
    const event = eventOf(root);
    const account = ctx.scope.accountOf(event.accountId);
    return {
      account: accountNode(account),
      kind: event.kind as ExpiringKind,
      ipAuthorization: event.ipAuthorization ? toNode('IpAuthorization', account, event.ipAuthorization) : null,
      dnsOverride: event.dnsOverride ? toNode('DnsOverride', account, event.dnsOverride) : null,
      expiresAt: event.expiresAt,
      secondsLeft: event.secondsLeft,
      observedAt: event.observedAt,
    };
  }

  @Subscription(() => SubUserLimitWarning, {
    description:
      'Sub-users whose use reaches fraction (default 0.9) of their bandwidth limit, on the accounts given (default: every account you may see with sub-users).',
    subscribe: ({ args, context }: Args<{ accountIds?: string[] | null; fraction?: number | null }>) =>
      live(context, (hub, view) => subUsersNearLimit(hub, view, args.accountIds, args.fraction ?? 0.9)),
  })
  subUserNearLimit(
    @Root() root: SubUserLimitEvent | LiveFailure,
    @Ctx() ctx: Context,
    @Arg('accountIds', () => [ID], { nullable: true }) _accountIds?: string[] | null,
    @Arg('fraction', () => Float, { nullable: true, description: 'Of the limit, in (0, 1]; default 0.9.' }) _fraction?: number | null,
  ): SubUserLimitWarning {
    const event = eventOf(root);
    const account = ctx.scope.accountOf(event.accountId);
    return {
      subUser: toNode('SubUser', account, event.subUser),
      usedBytes: event.usedBytes,
      limitBytes: event.limitBytes,
      usedFraction: event.usedFraction,
      observedAt: event.observedAt,
    };
  }
}
