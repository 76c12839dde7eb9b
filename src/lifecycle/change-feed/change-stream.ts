import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { ChangeEvent, ChangeFeed } from './change-event';
import { eventOf, parseMessage } from './change-event-codec';
import type { TransportSubscription } from './change-transport';
import { RecentIds } from './recent-ids';

/** How many recent event ids a feed remembers to drop redeliveries. */
const REMEMBERED_IDS = 10_000;

type Subscribe = (onMessage: (text: string) => void, onError: (error: Error) => void) => TransportSubscription;

/**
 * One consumer's feed: the transport's messages for its entity, decoded, de-duplicated by id, filtered by its
 * `where`, queued until `next()` takes them. A transport failure ends it: the next `next()` rejects with it.
 */
export class ChangeStream<T> implements ChangeFeed<T> {
  readonly ready: Promise<void>;
  private readonly queue: ChangeEvent<T>[] = [];
  /** `next()` calls waiting for an event, oldest first. */
  private readonly waiting: { resolve: (r: IteratorResult<ChangeEvent<T>>) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;
  private closed = false;
  private readonly recent = new RecentIds(REMEMBERED_IDS);
  private readonly subscription: TransportSubscription;

  constructor(
    private readonly meta: EntityMetadata<T>,
    private readonly matches: (event: ChangeEvent<T>) => boolean,
    subscribe: Subscribe,
    private readonly onClose: (stream: ChangeStream<T>) => void,
  ) {
    this.subscription = subscribe(
      (text) => this.receive(text),
      (error) => this.fail(error),
    );
    this.ready = this.subscription.ready;
    // A feed whose ready nobody awaits must not crash the process: the failure reaches next() as well.
    this.ready.catch((error: Error) => this.fail(error));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ChangeEvent<T>>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async return(): Promise<IteratorResult<ChangeEvent<T>>> {
    await this.close();
    return { value: undefined, done: true };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    for (const waiter of this.waiting.splice(0)) waiter.resolve({ value: undefined, done: true });
    this.onClose(this);
    await this.subscription.close();
  }

  private receive(text: string): void {
    if (this.closed) return;
    const message = parseMessage(text);
    if (message.e !== this.meta.name || this.recent.seen(message.i)) return;
    const event = eventOf(message, this.meta);
    if (!this.matches(event)) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve({ value: event, done: false });
    else this.queue.push(event);
  }

  private fail(error: Error): void {
    if (this.closed || this.failure) return;
    this.failure = error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    this.onClose(this);
    void this.subscription.close();
  }
}
