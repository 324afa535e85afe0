/**
 * The events of one subscription, as the async iterator graphql-js reads them. Events wait here while the
 * client is slow; past `maxPending` the oldest are dropped (a subscriber that cannot keep up gets the
 * newest news, and memory stays bounded). Ending the iterator (the client unsubscribed or went away) runs
 * `onEnd` once, which lets go of the pollers.
 *
 * A subscription that must end in error yields a LiveFailure as its last event: the field resolver throws
 * it, so the client gets a result with that typed error and then `complete`. (An iterator that threw
 * instead would make graphql-ws close the whole connection, with every other subscription on it.)
 */
export class LiveFailure {
  constructor(readonly error: Error) {}
}

export class EventQueue<T> implements AsyncIterableIterator<T | LiveFailure> {
  private readonly pending: Array<T | LiveFailure> = [];
  private waiting: ((result: IteratorResult<T | LiveFailure>) => void) | null = null;
  private ended = false;
  dropped = 0;

  constructor(
    private readonly onEnd: () => Promise<void> | void,
    private readonly maxPending = 1_000,
  ) {}

  push(event: T | LiveFailure): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
      return;
    }
    this.pending.push(event);
    if (this.pending.length > this.maxPending) {
      this.pending.shift();
      this.dropped += 1;
    }
  }

  /** Ends the subscription after what is pending; with an error, the client receives it as the last result. */
  finish(error?: Error): void {
    if (this.ended) return;
    if (error) this.push(new LiveFailure(error));
    this.ended = true;
    void this.onEnd();
    if (this.waiting && this.pending.length === 0) {
      this.waiting({ value: undefined, done: true });
      this.waiting = null;
    }
  }

  next(): Promise<IteratorResult<T | LiveFailure>> {
    if (this.pending.length > 0) return Promise.resolve({ value: this.pending.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T | LiveFailure>> {
    this.pending.length = 0;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<T | LiveFailure>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
