/**
 * Ping keeps IP authorizations as one list on each proxy user, replaced whole by `proxy_user/edit` [C]: a
 * read-modify-write. Two concurrent adds that both read the old list would each drop the other's IP, so
 * every change to one proxy user's list runs under that user's lock: read fresh, apply only the deltas,
 * write, and verify they took (retrying once if a writer outside the lock overwrote them). The verify is
 * only sound because the lock covers read, edit and verify for every writer: with Redis configured it is
 * shared by all replicas, and when it cannot be taken the changes fail (PROVIDER_UNAVAILABLE) before any call.
 *
 * Changes that queue for the same proxy user while a pass holds its lock are applied together in the next
 * pass (one read, one edit, one verify), so 20 concurrent adds cost a few calls of the 10/second budget
 * instead of 60. If a combined edit fails (say one IP belongs to another proxy user: 409), the changes are
 * retried one by one so only the offending one fails.
 *
 * A pass makes its calls on behalf of the requests whose changes it carries (their union context: until the
 * latest deadline among them). A change whose client has gone by the time its pass starts is dropped, and a
 * pass with no live change makes no call: abandoned mutations never keep calling Ping.
 */
import { sameIp } from '../../domain/checks/ip';
import type { KeyedLock } from '../../state/keyed-lock';
import { isCode, type AccountErrors } from '../../core/errors';
import type { PingClient } from './client';
import type { PingProxyUser } from './wire';
import { UpstreamRequestContext } from '../../upstream/request-context';
import { hasIpRoom } from './validate';

const MAX_WRITE_ATTEMPTS = 2;

type Kind = 'add' | 'remove';

interface Change {
  ip: string;
  kind: Kind;
  context: UpstreamRequestContext | undefined;
  settled: boolean;
  resolve(user: PingProxyUser): void;
  reject(error: unknown): void;
}

/** Canonical comparison: a remove takes out every spelling of the address the list holds. */
const holds = (list: readonly string[], ip: string) => list.some((entry) => sameIp(entry, ip));

export class IpListWriter {
  /** Changes waiting for the next locked pass, per proxy user. */
  private readonly waiting = new Map<string, Change[]>();

  constructor(
    /** A client whose calls run under a request's context (the adapter's own client for `undefined`). */
    private readonly clientFor: (context: UpstreamRequestContext | undefined) => PingClient,
    private readonly lock: KeyedLock,
    private readonly accountId: string,
    private readonly errors: AccountErrors,
  ) {}

  /** Adds `ip` to the proxy user's list; CONFLICT when it is already there (or, from Ping, on another user). */
  add(proxyUserId: string, ip: string, context?: UpstreamRequestContext): Promise<PingProxyUser> {
    return this.enqueue(proxyUserId, ip, 'add', context);
  }

  /** Removes `ip` from the proxy user's list; NOT_FOUND when it is not there. */
  remove(proxyUserId: string, ip: string, context?: UpstreamRequestContext): Promise<PingProxyUser> {
    return this.enqueue(proxyUserId, ip, 'remove', context);
  }

  private enqueue(proxyUserId: string, ip: string, kind: Kind, context: UpstreamRequestContext | undefined): Promise<PingProxyUser> {
    return new Promise((resolve, reject) => {
      const change: Change = {
        ip,
        kind,
        context,
        settled: false,
        resolve: (user) => ((change.settled = true), resolve(user)),
        reject: (error) => ((change.settled = true), reject(error)),
      };
      let batch = this.waiting.get(proxyUserId);
      if (!batch) {
        batch = [];
        this.waiting.set(proxyUserId, batch);
        const taken = batch;
        // The pass takes this batch when it gets the lock; later changes start the next batch.
        void this.lock
          .withLock(`pingproxies:${this.accountId}:proxy_user:${proxyUserId}`, async () => {
            if (this.waiting.get(proxyUserId) === taken) this.waiting.delete(proxyUserId);
            await this.pass(proxyUserId, taken);
          })
          .catch((error) => {
            // A shared lock that could not be taken: the batch fails (nothing was sent), and later changes start a new one.
            if (this.waiting.get(proxyUserId) === taken) this.waiting.delete(proxyUserId);
            const failure = isCode(error, 'PROVIDER_UNAVAILABLE') ? this.errors.unavailable(error.message, error.details) : error;
            for (const change of taken) if (!change.settled) change.reject(failure);
          });
      }
      batch.push(change);
    });
  }

  private async pass(proxyUserId: string, batch: Change[]): Promise<void> {
    for (const change of batch) {
      if (change.context?.clientHasGone) change.reject(this.errors.unavailable('the client has gone; the change was not made'));
    }
    const live = batch.filter((change) => !change.settled);
    if (live.length === 0) return;
    const contexts = live.map((change) => change.context);
    const client = this.clientFor(
      contexts.every((context) => context !== undefined) ? UpstreamRequestContext.union(contexts as UpstreamRequestContext[]) : undefined,
    );
    try {
      await this.apply(client, proxyUserId, live, 1);
    } catch (error) {
      for (const change of live) if (!change.settled) change.reject(error);
    }
  }

  private async apply(client: PingClient, proxyUserId: string, changes: Change[], attempt: number): Promise<void> {
    const current = await this.read(client, proxyUserId);
    let list = [...current.ip_address_authentications];
    const todo: Change[] = [];
    for (const change of changes) {
      if (change.kind === 'add' && holds(list, change.ip)) {
        change.reject(this.errors.conflict(`${change.ip} is already authorized for proxy user ${proxyUserId}`));
      } else if (change.kind === 'remove' && !holds(list, change.ip)) {
        change.reject(this.errors.notFound(`authorization of ${change.ip} on proxy user ${proxyUserId}`));
      } else if (change.kind === 'add' && !hasIpRoom(current, list.length)) {
        // Known from the fresh read: the edit would be refused, so it is not sent.
        change.reject(
          this.errors.planLimit(`proxy user ${proxyUserId} can hold at most ${current.proxy_user_ip_address_authentication_limit} IP authorizations`),
        );
      } else {
        list = change.kind === 'add' ? [...list, change.ip] : list.filter((entry) => !sameIp(entry, change.ip));
        todo.push(change);
      }
    }
    if (todo.length === 0) return;
    try {
      await client.editProxyUser(proxyUserId, { ip_address_authentications: list });
    } catch (error) {
      if (todo.length === 1) throw error;
      for (const change of todo) await this.apply(client, proxyUserId, [change], attempt).catch((single) => change.reject(single));
      return;
    }
    const after = await this.read(client, proxyUserId);
    const lost = todo.filter((change) => holds(after.ip_address_authentications, change.ip) !== (change.kind === 'add'));
    for (const change of todo) if (!lost.includes(change)) change.resolve(after);
    if (lost.length === 0) return;
    if (attempt < MAX_WRITE_ATTEMPTS) return this.apply(client, proxyUserId, lost, attempt + 1);
    throw this.errors.providerError(`another writer kept overwriting proxy user ${proxyUserId}'s IP list; try again`, { mayHaveApplied: true });
  }

  private async read(client: PingClient, proxyUserId: string): Promise<PingProxyUser> {
    const user = (await client.proxyUser(proxyUserId)).data;
    if (user.proxy_user_is_deleted) throw this.errors.notFound(`proxy user ${proxyUserId} (it was deleted)`);
    return user;
  }
}
