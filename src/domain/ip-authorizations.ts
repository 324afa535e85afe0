/**
 * IP authorizations across accounts (docs/architecture.md, "Meaning across accounts"): listing them
 * everywhere, authorizing one IP on many accounts and removing it from many, in parallel, one outcome per
 * account. Every IP is canonical before any comparison or upstream call (checks/ip.ts), and comparisons
 * with what a provider holds are canonical on both sides.
 *
 * Idempotent per target: authorizing an IP already authorized for the same owner is done ("already"), and a
 * CONFLICT stays a CONFLICT only when the IP is held by another sub-user (or another WonderProxy user).
 * Removing an IP that is not there is done with nothing removed.
 */
import { badUserInput, isCode, unsupported } from '../core/errors';
import type { IpAuthorizationRecord } from '../providers/contract/records';
import { canonicalIp, publicIp, sameIp } from './checks/ip';
import { fanOut, type AccountOutcome } from './fan-out';
import type { AccessView } from './request-scope';
import { targets } from './targets';

export interface IpAuthorizationQuery {
  ip?: string | null;
  /** WonderProxy user names. */
  users?: readonly string[] | null;
  accountIds?: readonly string[] | null;
}

/** Every matching IP authorization of every account asked, one outcome per account. */
export async function listIpAuthorizationsEverywhere(
  view: AccessView<'read'>,
  query: IpAuthorizationQuery,
): Promise<AccountOutcome<IpAuthorizationRecord[]>[]> {
  const ip = query.ip == null ? null : canonicalIp(query.ip, 'filter.ip');
  const users = query.users ? [...query.users] : null;
  const reached = targets(view, 'ipAuthorizations', { accountIds: query.accountIds });
  return fanOut(reached, async (target) => {
    const records = await target.facet().list({ ip, users });
    return records.filter((record) => !ip || sameIp(record.ip, ip)).filter((record) => !users || (record.user != null && users.includes(record.user)));
  });
}

export interface AuthorizeIpRequest {
  ip: string;
  accountIds?: readonly string[] | null;
  /** One sub-user per account, as (account id, native sub-user id). */
  subUsers?: ReadonlyArray<{ accountId: string; nativeId: string }> | null;
  user?: string | null;
  expiresAt?: Date | null;
}

export interface AuthorizeOutcome {
  record: IpAuthorizationRecord;
  /** Nothing had to change: the IP was already authorized for this owner, at least as long as asked. */
  alreadyDone: boolean;
  /** Input fields this account's provider cannot honour, left out for it (`user`, `expiresAt`). */
  notApplied: string[];
}

/**
 * One IP on many accounts, idempotent whatever the arguments (docs/architecture.md, "Meaning across
 * accounts"). Per account, the request is fitted to what its provider can carry (IpAuthorizationOptions):
 * a user and an expiry go where entries have them (configured defaults fill them when absent), and where
 * they do not, they are left out and named in `notApplied` instead of failing or vanishing. A sub-user on
 * a provider that authorizes whole accounts only is UNSUPPORTED_BY_PROVIDER: leaving it out would widen
 * the authorization.
 *
 * Repeating a call changes nothing: an IP already authorized for the same owner (sub-user, or WonderProxy
 * user) is done, and a later expiry extends the entry rather than being dropped. The same IP held by
 * another owner stays a CONFLICT.
 */
export async function authorizeIpEverywhere(view: AccessView<'write'>, request: AuthorizeIpRequest): Promise<AccountOutcome<AuthorizeOutcome>[]> {
  const ip = publicIp(request.ip);
  const nowMs = Date.now();
  if (request.expiresAt && request.expiresAt.getTime() <= nowMs) {
    throw badUserInput('expiresAt must be in the future', { expiresAt: ['must be in the future'] });
  }
  const subUserOf = new Map<string, string>();
  for (const subUser of request.subUsers ?? []) {
    if (subUserOf.has(subUser.accountId)) throw badUserInput('give at most one sub-user per account', { subUserIds: ['two sub-users of one account'] });
    if (request.accountIds && !request.accountIds.includes(subUser.accountId)) {
      throw badUserInput('subUserIds must belong to the given accountIds', { subUserIds: ['outside accountIds'] });
    }
    subUserOf.set(subUser.accountId, subUser.nativeId);
  }
  // With sub-users named, their accounts are the targets; otherwise the accounts named, or every capable one.
  const reached = targets(view, 'ipAuthorizations', { accountIds: subUserOf.size ? [...subUserOf.keys()] : request.accountIds });
  return fanOut(reached, async ({ account, facet }) => {
    const ips = facet();
    const { options } = ips;
    const subUserNativeId = subUserOf.get(account.id) ?? null;
    if (subUserNativeId && !options.subUsers) {
      throw unsupported(account.provider, account.id, 'Authorizing an IP for one sub-user (this provider authorizes whole accounts)');
    }
    const notApplied = [...(request.user && !options.users ? ['user'] : []), ...(request.expiresAt && !options.expiry ? ['expiresAt'] : [])];
    const user = options.users ? (request.user ?? options.users.defaultUser) : null;
    const expiresAt = options.expiry ? (request.expiresAt ?? new Date(nowMs + options.expiry.defaultLifetimeMs)) : null;
    try {
      return { record: await ips.authorize({ ip, subUserNativeId, user, expiresAt }), alreadyDone: false, notApplied };
    } catch (error) {
      if (!isCode(error, 'CONFLICT')) throw error;
      // Who the entry must belong to and what the account holds are independent reads: made together.
      const [defaultOwner, records] = await Promise.all([subUserNativeId ? null : ips.defaultOwner?.(), ips.list()]);
      const owner = subUserNativeId ?? defaultOwner ?? null;
      const existing = records.find(
        (record) => sameIp(record.ip, ip) && (record.subUserNativeId ?? null) === owner && (!options.users || record.user === user),
      );
      if (!existing) throw error;
      // Expiries compare in whole seconds, the finest any provider keeps: asking again within the same second is no change.
      if (expiresAt && existing.expiresAt && wholeSeconds(existing.expiresAt) < wholeSeconds(expiresAt)) {
        const extended = await view.facet(account.id, 'ipAuthorizationUpdates').update(existing.nativeId, { expiresAt });
        return { record: extended, alreadyDone: false, notApplied };
      }
      return { record: existing, alreadyDone: true, notApplied };
    }
  });
}

/** Removes an IP (in any spelling a provider holds) from every account asked; the outcome is how many entries went. */
export async function revokeIpEverywhere(
  view: AccessView<'write'>,
  request: { ip: string; accountIds?: readonly string[] | null },
): Promise<AccountOutcome<number>[]> {
  const ip = canonicalIp(request.ip);
  const reached = targets(view, 'ipAuthorizations', { accountIds: request.accountIds });
  return fanOut(reached, async ({ facet }) => {
    const ips = facet();
    const matching = (await ips.list()).filter((record) => sameIp(record.ip, ip));
    // The entries are independent (one per spelling or sub-user): removed in parallel, not one after another.
    await Promise.all(matching.map((record) => ips.revoke(record.nativeId)));
    return matching.length;
  });
}

const wholeSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
