/** What a change did to its row. */
export type ChangeOp = 'insert' | 'update' | 'delete';

/**
 * A property's value as a change event carries it: columns as the entity holds them (a Date, a bigint, a
 * Buffer, parsed JSON); a to-one relation as its target's primary key.
 */
export type ChangeValue<V> = V extends string | number | boolean | bigint | Date | Buffer | null | undefined ? V : unknown;

/** The properties of an entity that a change event carries (methods left out). */
type DataKeys<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T] & string;

/** A row's values in a change event. */
export type ChangeValues<T> = { readonly [K in DataKeys<T>]?: ChangeValue<T[K]> };

/**
 * One committed insert, update or delete of one row, as `orm.changes()` delivers it (see
 * docs/audit-and-change-feed.md).
 */
export interface ChangeEvent<T = object> {
  /** Stable across redeliveries: delivery is at least once, so a consumer that must not act twice keys on it. */
  readonly id: string;
  readonly op: ChangeOp;
  /** The entity's name (its class name). */
  readonly entity: string;
  /** The row's primary key. */
  readonly key: unknown;
  /** An update's changed properties, `[before, after]`; empty for an insert or a delete. */
  readonly changed: { readonly [K in DataKeys<T>]?: readonly [ChangeValue<T[K]>, ChangeValue<T[K]>] };
  /** The row's values after the change (for a delete: before it). */
  readonly values: ChangeValues<T>;
  /** The transaction that committed it (`afterCommit`'s `transactionId`); one transaction's events share it. */
  readonly txId: string;
  /** When the change was written into the outbox, inside its transaction (the writer's clock). */
  readonly committedAt: Date;
}

/** A condition on one property of a change event's row. */
export interface ChangeCondition<V> {
  $eq?: V;
  $ne?: V;
  $in?: readonly V[];
  $nin?: readonly V[];
  $gt?: V;
  $gte?: V;
  $lt?: V;
  $lte?: V;
}

/**
 * Which changes a consumer wants, by the row's values: every property given must match (a value is `$eq`).
 * An update matches when the row matched before or after it, so a consumer also sees a row leave its filter.
 */
export type ChangeWhere<T> = { [K in DataKeys<T>]?: ChangeValue<T[K]> | ChangeCondition<ChangeValue<T[K]>> };

/** `orm.changes(Entity, options)`. */
export interface ChangesOptions<T> {
  where?: ChangeWhere<T>;
  /**
   * Resume after this event (a `ChangeEvent.id` the consumer saw last): the changes published since, read from
   * the outbox's kept rows, come first, then the live ones. Needs `changeFeed.retention`; an id the outbox no
   * longer holds ends the feed with a `UsageError` (its `ready` rejects).
   */
  after?: string;
  /**
   * Most events queued for a consumer that does not keep up (default 10,000). When a new event finds the queue
   * full, the feed drops live events and, once the consumer made room, reads what it missed from the outbox's
   * kept rows (`changeFeed.retention`), in order and without gaps, then goes live again; without a retention it
   * ends with a `UsageError` after handing out what it queued.
   */
  maxQueue?: number;
}

/**
 * A live, ordered stream of one entity's committed changes: iterate it with `for await`; `break` (or `close()`)
 * ends it and frees its connection.
 */
export interface ChangeFeed<T> extends AsyncIterableIterator<ChangeEvent<T>> {
  /** Settles once the feed listens: changes committed after that are delivered. Rejects if it cannot listen. */
  readonly ready: Promise<void>;
  /** Ends the feed (a pending `next()` resolves done) and frees its connection. */
  close(): Promise<void>;
}

/** ioredis connection options (`new Redis(options)`), passed through as they are. */
export type RedisConnectionOptions = { readonly [option: string]: unknown };

/** The Orm's `changeFeed` option. */
export interface ChangeFeedOptions {
  /**
   * Relay through Redis Streams (ioredis, an optional peer: `npm install ioredis`): a URL or ioredis options.
   * Works with every dialect. Without it PostgreSQL uses LISTEN/NOTIFY and other databases deliver in this
   * process only.
   */
  redis?: string | RedisConnectionOptions;
  /** Redis: stream keys are `<streamPrefix><Entity>` (default `tessera:changes:`). */
  streamPrefix?: string;
  /** Redis: about how many events each stream keeps (`XADD MAXLEN ~`, default 100,000). */
  maxLen?: number;
  /** PostgreSQL LISTEN/NOTIFY: the channel (default `tessera_changes`). */
  channel?: string;
  /**
   * Whether this process relays the outbox to the transport (default true). A writer that leaves it to other
   * processes still writes its changes to the outbox.
   */
  relay?: boolean;
  /**
   * How often the relay looks for changes left in the outbox by a process that stopped before publishing them
   * (and, at start, how soon it first looks), in ms (default 1000; 0: only at start and after this process's
   * own commits).
   */
  sweepIntervalMs?: number;
  /**
   * How long the outbox keeps published changes, in ms (default 0: deleted once published). With a retention a
   * consumer can resume after the last event it saw (`orm.changes(E, { after })`), and one that falls behind
   * catches up from the outbox instead of ending. Relays delete older rows now and then (at most a minute late).
   */
  retention?: number;
}
