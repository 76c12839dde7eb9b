import { ChangeOutboxEntry } from './change-outbox-entry';
import type { FeedSession } from './feed-session';

/** Where a consumer stands in the order the relays published: after the row `id` of pass `pass`. */
export interface FeedPosition {
  readonly pass: string;
  readonly id: number;
}

/**
 * The published changes the outbox keeps for `changeFeed.retention` ms, read back for consumers that resume
 * after an event (`orm.changes(E, { after })`) or that fell behind (a full queue). Rows come in the order the
 * relays published them: by pass, then id.
 */
export class OutboxHistory {
  constructor(
    private readonly session: () => FeedSession,
    readonly retentionMs: number,
  ) {}

  /**
   * The position of the event `eventId`; undefined when the outbox no longer holds it (older than the retention,
   * or never published). An event a consumer got from a relay whose pass has not committed yet (a transport that
   * sends before the commit) has no pass yet: `pending` says so, and asking again soon finds it.
   */
  async position(eventId: string): Promise<FeedPosition | 'pending' | undefined> {
    const [row] = await this.session().qb(ChangeOutboxEntry).where({ eventId }).limit(1).getResult();
    if (!row) return undefined;
    return row.relayPass === null ? 'pending' : { pass: String(row.relayPass), id: row.id };
  }

  /** At most `limit` of `entity`'s published rows after `position`, in publishing order. */
  after(entity: string, position: FeedPosition, limit: number): Promise<ChangeOutboxEntry[]> {
    return this.session()
      .qb(ChangeOutboxEntry)
      .where({ entity, $or: [{ relayPass: { $gt: position.pass } }, { relayPass: position.pass, id: { $gt: position.id } }] })
      .orderBy({ relayPass: 'asc', id: 'asc' })
      .limit(limit)
      .getResult();
  }

  /** Inside a relay pass that published `rows`: numbers the pass after the last one and marks them with it. */
  async mark(tx: FeedSession, rows: readonly ChangeOutboxEntry[]): Promise<void> {
    const last = await tx.qb(ChangeOutboxEntry).max('relayPass');
    const pass = String(BigInt(last ?? 0) + 1n);
    await tx.qb(ChangeOutboxEntry).update({ relayPass: pass }).where({ id: { $in: rows.map((row) => row.id) } }).execute();
  }

  /**
   * Deletes the published rows older than the retention, but those of the last pass: the next pass is numbered
   * after it, and numbers must not start over under a consumer's position.
   */
  async prune(now = Date.now()): Promise<void> {
    const session = this.session();
    const last = await session.qb(ChangeOutboxEntry).max('relayPass');
    if (last === null) return;
    await session
      .qb(ChangeOutboxEntry)
      .delete()
      .where({ relayPass: { $lt: last }, committedAt: { $lt: new Date(now - this.retentionMs) } })
      .execute();
  }
}
