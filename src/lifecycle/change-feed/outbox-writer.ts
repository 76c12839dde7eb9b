import type { AfterFlushEvent } from '../../events/lifecycle-events';
import type { MapperRegistry } from '../../mapper/mapper-registry';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import { INITIAL_VERSION, type ChangeSet } from '../../unit-of-work/change-set';
import { payloadJson } from './change-event-codec';
import { ChangeOutboxEntry } from './change-outbox-entry';
import type { FeedSession } from './feed-session';

type Bag = Record<string, unknown>;
type OutboxRow = Omit<ChangeOutboxEntry, 'id'>;

/** The columns of an outbox row the writer binds (all but the generated id). */
const BOUND_COLUMNS = 6;

/**
 * Writes a flush's changes of published entities into the outbox, inside the flush's transaction (so they commit
 * or roll back with it), as few multi-row INSERTs as the dialect's parameter limit allows.
 */
export class OutboxWriter {
  /** Events written so far per open transaction: an event's id is `<txId>.<n>`. */
  private readonly written = new Map<string, number>();
  private readonly rowsPerInsert: number;

  constructor(
    private readonly mappers: MapperRegistry,
    private readonly published: (meta: EntityMetadata) => boolean,
    maxParameters: number,
    batchSize: number,
  ) {
    this.rowsPerInsert = Math.max(1, Math.min(batchSize, Math.floor(maxParameters / BOUND_COLUMNS)));
  }

  /** Writes the event's outbox rows; whether there were any. */
  async write(event: AfterFlushEvent<FeedSession, ChangeSet>): Promise<boolean> {
    const rows = this.rowsOf(event);
    for (let at = 0; at < rows.length; at += this.rowsPerInsert) {
      await event.session.qb(ChangeOutboxEntry).insert(rows.slice(at, at + this.rowsPerInsert)).execute();
    }
    return rows.length > 0;
  }

  /** The transaction ended: its event numbers are no longer needed. */
  settle(transactionId: string): void {
    this.written.delete(transactionId);
  }

  private rowsOf({ changeSets, keys, transactionId }: AfterFlushEvent<FeedSession, ChangeSet>): OutboxRow[] {
    const rows: OutboxRow[] = [];
    let n = this.written.get(transactionId) ?? 0;
    const committedAt = new Date();
    changeSets.forEach((cs, i) => {
      if (!this.published(cs.meta)) return;
      rows.push({
        eventId: `${transactionId}.${++n}`,
        entity: cs.meta.name,
        op: cs.type,
        payload: this.payloadOf(cs, keys[i]),
        txId: transactionId,
        committedAt,
      });
    });
    if (rows.length > 0) this.written.set(transactionId, n);
    return rows;
  }

  /** The row's values (a delete: before it, from the snapshot) and an update's changed pairs. */
  private payloadOf(cs: ChangeSet, key: unknown): string {
    if (cs.type === 'delete') return payloadJson({ k: key, c: {}, v: cs.snapshot ?? {} });
    const values: Bag = this.mappers.get(cs.meta).snapshot(cs.entity);
    // A generated key and a new version reach the entity only after commit.
    values[cs.meta.primaryKey.name] = key;
    const version = cs.meta.version;
    if (version) values[version.name] = cs.type === 'insert' ? cs.values[version.index] : (cs.expectedVersion ?? INITIAL_VERSION) + 1;
    const changed: Record<string, readonly [unknown, unknown]> = {};
    if (cs.type === 'update') {
      for (const index of cs.changed) {
        const { name } = cs.meta.properties[index];
        changed[name] = [cs.snapshot[name], values[name]];
      }
    }
    return payloadJson({ k: key, c: changed, v: values });
  }
}
