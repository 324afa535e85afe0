/**
 * How a subscription's events reach graphql-js: the domain's event queue, with a fresh request scope for each
 * event (a subscription lives for hours, a request's deadline and call allowance for seconds), and the
 * error that ends a subscription delivered as its last event (domain/live/event-queue.ts says why).
 */
import { ProxyGraphError } from '../../core/errors';
import { LiveFailure, type EventQueue } from '../../domain/live/event-queue';
import type { LiveHub } from '../../domain/live/hub';
import type { AccessView } from '../../domain/request-scope';
import type { Context } from '../context';

/**
 * Starts the subscriber's events. Each event is then resolved with a request scope of its own (a fresh
 * deadline, call allowance and loaders): a subscription lives for hours, a request's limits for seconds.
 */
export async function live<E>(
  context: Context,
  start: (hub: LiveHub, view: AccessView<'read'>) => Promise<EventQueue<E>>,
): Promise<AsyncIterableIterator<E | LiveFailure>> {
  if (!context.live) throw new ProxyGraphError('FORBIDDEN', 'subscriptions are turned off on this server (server.live.enabled)');
  const queue = await start(context.live, context.scope.reads);
  const renew = context.renewScope;
  if (!renew) return queue;
  const events: AsyncIterableIterator<E | LiveFailure> = {
    next: () =>
      queue.next().then((result) => {
        if (!result.done) context.scope = renew();
        return result;
      }),
    return: () => queue.return(),
    throw: () => queue.throw(),
    [Symbol.asyncIterator]: () => events,
  };
  return events;
}

/** The event, or the error that ends the subscription (event-queue.ts says why it comes as an event). */
export function eventOf<E>(root: E | LiveFailure): E {
  if (root instanceof LiveFailure) throw root.error;
  return root;
}

export type Args<T> = { args: T; context: Context };
