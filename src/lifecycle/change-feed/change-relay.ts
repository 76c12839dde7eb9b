import { messageOf } from './change-event-codec';
import { ChangeOutboxEntry } from './change-outbox-entry';
import type { ChangeTransport } from './change-transport';
import type { FeedSession } from './feed-session';
import type { OutboxHistory } from './outbox-history';

/** The longest a relay waits between prunes of the kept rows (a shorter retention prunes as often as it is long). */
const MAX_PRUNE_INTERVAL_MS = 60_000;

/** What the relay needs from the Orm. */
export interface RelayOptions {
  /** A fresh session for each pass. */
  readonly session: () => FeedSession;
  readonly transport: ChangeTransport;
  /** Most rows one pass publishes. */
  readonly batch: number;
  /** 0: no timer. */
  readonly sweepIntervalMs: number;
  /** Whether the outbox table exists (a failed pass before the schema is created is no news). */
  readonly outboxExists: () => Promise<boolean>;
  /** With `changeFeed.retention`: published rows are marked and kept, not deleted, and pruned when old. */
  readonly history?: OutboxHistory;
}

/**
 * Moves committed changes from the outbox to the transport: in a transaction, lock the oldest rows (every relay
 * of every process takes them in id order, so one waits for another and a row's changes go out in commit
 * order), publish them, delete them, commit. A process that dies after its commit and before its relay ran
 * leaves its rows in the outbox: the next pass of any relay (this process's next commit, a consumer
 * subscribing, the sweep timer, a restart) publishes them. With a retention, a pass marks the rows it published
 * with its number instead of deleting them, and a relay deletes those older than the retention now and then.
 */
export class ChangeRelay {
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  /** Failures reported since the last pass that worked: one warning each, not one per sweep. */
  private readonly reported = new Set<string>();
  private prunedAt = 0;

  constructor(private readonly options: RelayOptions) {}

  /** Sweeps once soon, then every `sweepIntervalMs`; the timer does not keep the process alive. */
  start(): void {
    setImmediate(() => this.kick());
    if (this.options.sweepIntervalMs > 0) this.timer = setInterval(() => this.kick(), this.options.sweepIntervalMs).unref();
  }

  /** Runs a pass now, or right after the one running (which may have missed rows committed meanwhile). */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.report(error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops the timer and waits for a running pass. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    while ((await this.pass()) === this.options.batch && !this.closed);
    const { history } = this.options;
    if (history && Date.now() - this.prunedAt >= Math.min(history.retentionMs, MAX_PRUNE_INTERVAL_MS)) {
      this.prunedAt = Date.now();
      await history.prune();
    }
    this.reported.clear();
  }

  private async pass(): Promise<number> {
    const { session, transport, batch, history } = this.options;
    await transport.prepare?.();
    // Read committed: MariaDB's repeatable read would also lock the gap after the last row, and with it every
    // writer's outbox INSERT until this pass commits.
    return await session().transactional(
      async (tx) => {
        const rows = await tx.qb(ChangeOutboxEntry).where({ relayPass: null }).orderBy({ id: 'asc' }).limit(batch).forUpdate().getResult();
        if (rows.length === 0) return 0;
        await transport.publish(tx, rows.map((row) => ({ entity: row.entity, eventId: row.eventId, text: messageOf(row) })));
        if (history) await history.mark(tx, rows);
        else await tx.qb(ChangeOutboxEntry).delete().where({ id: { $in: rows.map((row) => row.id) } }).execute();
        return rows.length;
      },
      { isolationLevel: 'read committed' },
    );
  }

  /** A failed pass leaves its rows for the next; it is worth a warning unless the outbox is not created yet. */
  private async report(error: unknown): Promise<void> {
    const exists = await this.options.outboxExists().catch(() => true);
    const message = String((error as Error)?.message ?? error);
    if (!exists || this.reported.has(message)) return;
    this.reported.add(message);
    // A string, not the error: an Error's own name would replace the warning's type.
    process.emitWarning(`The change feed's relay failed (${message}); its changes wait in the outbox for the next pass.`, 'TesseraChangeFeedWarning');
  }
}
