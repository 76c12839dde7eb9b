import { UsageError } from '../../errors/usage-error';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { ChangeEvent, ChangeFeed } from './change-event';
import { eventOf, messageOf, parseMessage } from './change-event-codec';
import type { TransportSubscription } from './change-transport';
import type { FeedPosition, OutboxHistory } from './outbox-history';
import { RecentIds } from './recent-ids';

/** How many recent event ids a feed remembers to drop redeliveries. */
const REMEMBERED_IDS = 10_000;
/**
 * How long a catch-up waits for the relay pass of an event it got live to commit (a transport may deliver before
 * the commit), in tries of `RETRY_MS`.
 */
const RETRY_MS = 20;
const RETRIES = 250;

type Subscribe = (onMessage: (text: string) => void, onError: (error: Error) => void) => TransportSubscription;
type Message = ReturnType<typeof parseMessage>;

/** A consumer's options, as the feed service settles them. */
export interface ChangeStreamOptions {
  /** Most events queued for a consumer that does not keep up. */
  readonly maxQueue: number;
  /** Resume after this event id: the outbox's kept rows first, then live. */
  readonly after?: string;
  /** The outbox's kept rows, when the change feed keeps them (`changeFeed.retention`). */
  readonly history?: OutboxHistory;
}

/**
 * One consumer's feed: the transport's messages for its entity, decoded, de-duplicated by id, filtered by its
 * `where`, queued until `next()` takes them. The queue holds at most `maxQueue` events: when a live event finds
 * it full, the feed drops live events and, once its consumer made room, reads what it missed from the outbox's
 * kept rows (in publishing order), then goes live again; without kept rows it ends with a `UsageError`. A feed
 * resuming `after` an event starts the same way. A transport failure ends it: the next `next()` rejects with it.
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
  /** While catching up from the outbox: live messages held until the outbox's rows reach them (at most maxQueue). */
  private held: Message[] | undefined;
  /** The newest live event dropped meanwhile: the catch-up is done once it came from the outbox. */
  private dropped: string | undefined;
  /** The id of the last event taken in (queued, handed out or filtered out): a catch-up starts after it. */
  private last: string | undefined;
  /** A catch-up waiting for its consumer to make room in the queue. */
  private room: (() => void) | undefined;

  constructor(
    private readonly meta: EntityMetadata<T>,
    private readonly matches: (event: ChangeEvent<T>) => boolean,
    subscribe: Subscribe,
    private readonly onClose: (stream: ChangeStream<T>) => void,
    private readonly options: ChangeStreamOptions,
  ) {
    const { after } = options;
    if (after !== undefined) this.held = [];
    this.subscription = subscribe(
      (text) => this.receive(text),
      (error) => this.fail(error),
    );
    this.ready =
      after === undefined
        ? this.subscription.ready
        : this.subscription.ready.then(async () => {
            const position = await this.positionOf(after);
            void this.catchUp(position);
          });
    // A feed whose ready nobody awaits must not crash the process: the failure reaches next() as well.
    this.ready.catch((error: Error) => this.fail(error));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ChangeEvent<T>>> {
    const event = this.queue.shift();
    if (event) {
      this.room?.();
      return Promise.resolve({ value: event, done: false });
    }
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
    this.held = undefined;
    this.room?.();
    for (const waiter of this.waiting.splice(0)) waiter.resolve({ value: undefined, done: true });
    this.onClose(this);
    await this.subscription.close();
  }

  private receive(text: string): void {
    if (this.closed || this.failure) return;
    const message = parseMessage(text);
    if (message.e !== this.meta.name) return;
    if (this.held) {
      if (this.held.length < this.options.maxQueue) this.held.push(message);
      else this.dropped = message.i;
      return;
    }
    if (this.take(message)) return;
    const { history } = this.options;
    if (!history) {
      this.fail(UsageError.changeFeedOverflow(this.meta.name, this.options.maxQueue));
      return;
    }
    this.dropped = message.i;
    this.held = [];
    const from = this.last as string;
    this.positionOf(from).then(
      (position) => this.catchUp(position),
      (error: Error) => this.fail(error),
    );
  }

  /** Hands `message` to a waiting `next()` or queues it; false (and nothing done) when the queue is full. */
  private take(message: Message): boolean {
    if (this.recent.has(message.i)) return true;
    const event = eventOf(message, this.meta);
    const matches = this.matches(event);
    if (matches && this.waiting.length === 0 && this.queue.length >= this.options.maxQueue) return false;
    this.recent.seen(message.i);
    this.last = message.i;
    if (!matches) return true;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve({ value: event, done: false });
    else this.queue.push(event);
    return true;
  }

  /**
   * Reads the outbox's rows after `position` into the queue as the consumer makes room, until it has every
   * event dropped meanwhile; then the held live events, and live again.
   */
  private async catchUp(start: FeedPosition): Promise<void> {
    const history = this.options.history as OutboxHistory;
    let position = start;
    let retries = 0;
    try {
      while (!this.closed && !this.failure) {
        const room = this.options.maxQueue - this.queue.length;
        if (room === 0) {
          await new Promise<void>((resolve) => (this.room = resolve));
          this.room = undefined;
          continue;
        }
        const rows = await history.after(this.meta.name, position, room);
        for (const row of rows) {
          this.take(parseMessage(messageOf(row)));
          position = { pass: row.relayPass as string, id: row.id };
        }
        if (rows.length === room) continue;
        if (this.dropped !== undefined && !this.recent.has(this.dropped)) {
          // Its relay pass has not committed yet (or the consumer's queue filled up again): look again shortly.
          if (++retries > RETRIES) throw UsageError.unknownChangePosition(this.meta.name, this.dropped);
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
          continue;
        }
        const held = this.held ?? [];
        this.held = undefined;
        this.dropped = undefined;
        for (let i = 0; i < held.length; i++) {
          if (this.take(held[i])) continue;
          // The queue filled up again: the rest comes from the outbox.
          this.held = [];
          this.dropped = held[held.length - 1].i;
          break;
        }
        if (!this.held) return;
        retries = 0;
      }
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /** The outbox position of an event, waiting a little for a relay pass that published it to commit. */
  private async positionOf(eventId: string): Promise<FeedPosition> {
    const history = this.options.history as OutboxHistory;
    for (let i = 0; i < RETRIES; i++) {
      const position = await history.position(eventId);
      if (position === undefined) break;
      if (position !== 'pending') return position;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    throw UsageError.unknownChangePosition(this.meta.name, eventId);
  }

  private fail(error: Error): void {
    if (this.closed || this.failure) return;
    this.failure = error;
    this.held = undefined;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    this.onClose(this);
    void this.subscription.close();
  }
}
