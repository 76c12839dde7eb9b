import { UsageError } from '../../errors/usage-error';
import type { EventBus } from '../../events/event-bus';
import type { LifecycleEvents } from '../../events/lifecycle-events';
import type { MapperRegistry } from '../../mapper/mapper-registry';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { ChangeSet } from '../../unit-of-work/change-set';
import type { ChangeFeed, ChangeFeedOptions, ChangesOptions } from './change-event';
import { changeFilter } from './change-filter';
import type { ChangeOutboxEntry } from './change-outbox-entry';
import { ChangeRelay } from './change-relay';
import { ChangeStream } from './change-stream';
import { OutboxHistory } from './outbox-history';
import type { ChangeTransport } from './change-transport';
import type { FeedSession } from './feed-session';
import { OutboxWriter } from './outbox-writer';

const DEFAULT_SWEEP_MS = 1000;
/** Rows one relay pass publishes. */
const RELAY_BATCH = 1000;
/** A consumer's queue when its options do not say. */
const DEFAULT_MAX_QUEUE = 10_000;

/** What the change feed is built from (by `Orm.init`, which alone knows the dialect and the transport). */
export interface ChangeFeedSetup {
  readonly mappers: MapperRegistry;
  readonly events: Pick<EventBus<LifecycleEvents<FeedSession, ChangeSet>>, 'on'>;
  readonly session: () => FeedSession;
  readonly transport: ChangeTransport;
  readonly options: ChangeFeedOptions;
  /** The outbox table's entity, as discovered. */
  readonly outbox: EntityMetadata<ChangeOutboxEntry>;
  readonly outboxExists: () => Promise<boolean>;
}

/**
 * The change feed of one Orm: the outbox writer on `afterFlush`, the relay woken by this process's commits
 * (and its sweep), and the consumers' streams. `orm.changes()` and `orm.close()` delegate here.
 */
export class ChangeFeedService {
  /** Entities this process's consumers follow, by how many streams: their changes are written to the outbox too. */
  private readonly followed = new Map<EntityMetadata, number>();
  private readonly streams = new Set<{ close(): Promise<void> }>();
  /** Open transactions that wrote outbox rows: their commit wakes the relay. */
  private readonly wrote = new Set<string>();
  private readonly relay: ChangeRelay | undefined;
  private readonly unsubscribe: (() => void)[];
  /** The outbox's published rows, when it keeps them. */
  private readonly history: OutboxHistory | undefined;

  constructor(private readonly setup: ChangeFeedSetup) {
    const { events, options } = setup;
    if (options.retention !== undefined && !(Number.isFinite(options.retention) && options.retention >= 0)) throw UsageError.badChangeFeedOption('retention', options.retention);
    this.history = options.retention ? new OutboxHistory(setup.session, options.retention) : undefined;
    const writer = new OutboxWriter(setup.mappers, setup.outbox, (meta) => meta.changeEvents || this.followed.has(meta));
    this.relay =
      options.relay === false
        ? undefined
        : new ChangeRelay({
            session: setup.session,
            transport: setup.transport,
            batch: RELAY_BATCH,
            sweepIntervalMs: options.sweepIntervalMs ?? DEFAULT_SWEEP_MS,
            outboxExists: setup.outboxExists,
            history: this.history,
          });
    this.unsubscribe = [
      events.on('afterFlush', async (event) => {
        if (await writer.write(event)) this.wrote.add(event.transactionId);
      }),
      events.on('afterCommit', ({ transactionId }) => {
        writer.settle(transactionId);
        if (this.wrote.delete(transactionId)) this.relay?.kick();
      }),
      events.on('afterRollback', ({ transactionId }) => {
        writer.settle(transactionId);
        this.wrote.delete(transactionId);
      }),
    ];
    this.relay?.start();
  }

  /** A new consumer's stream of `meta`'s changes (see `Orm.changes`). */
  changes<T>(meta: EntityMetadata<T>, options: ChangesOptions<T>): ChangeFeed<T> {
    const matches = changeFilter(meta, options.where);
    const { after, maxQueue = DEFAULT_MAX_QUEUE } = options;
    if (!(Number.isInteger(maxQueue) && maxQueue >= 1)) throw UsageError.badChangeFeedOption('maxQueue', maxQueue);
    if (after !== undefined && !this.history) throw UsageError.resumeWithoutRetention(meta.name);
    const followed = meta as EntityMetadata;
    this.followed.set(followed, (this.followed.get(followed) ?? 0) + 1);
    const stream = new ChangeStream<T>(
      meta,
      matches,
      (onMessage, onError) => this.setup.transport.subscribe(meta.name, onMessage, onError),
      () => this.forget(stream, followed),
      { maxQueue, after, history: this.history },
    );
    this.streams.add(stream);
    return stream;
  }

  /** Ends every stream, stops the relay (after its running pass) and closes the transport's connections. */
  async close(): Promise<void> {
    for (const off of this.unsubscribe) off();
    await Promise.all([...this.streams].map((s) => s.close()));
    await this.relay?.close();
    await this.setup.transport.close();
  }

  private forget(stream: { close(): Promise<void> }, meta: EntityMetadata): void {
    if (!this.streams.delete(stream)) return;
    const left = (this.followed.get(meta) ?? 1) - 1;
    if (left > 0) this.followed.set(meta, left);
    else this.followed.delete(meta);
  }
}
