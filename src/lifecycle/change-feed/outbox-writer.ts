import type { AfterFlushEvent } from '../../events/lifecycle-events';
import type { EntityMapper } from '../../mapper/entity-mapper';
import type { MapperRegistry } from '../../mapper/mapper-registry';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { INITIAL_VERSION, type ChangeSet } from '../../unit-of-work/change-set';
import { internalInsertBatch } from '../internal-rows';
import { payloadJson } from './change-event-codec';
import type { ChangeOutboxEntry } from './change-outbox-entry';
import type { FeedSession } from './feed-session';

type Bag = Record<string, unknown>;
type OutboxRow = Omit<ChangeOutboxEntry, 'id' | 'relayPass'>;

/** The outbox columns a row binds, in this order (all but the generated id and the relay's pass). */
const COLUMNS = ['eventId', 'entity', 'op', 'payload', 'txId', 'committedAt'] as const satisfies readonly (keyof OutboxRow)[];

/**
 * Writes a flush's changes of published entities into the outbox, inside the flush's transaction (so they commit
 * or roll back with it), as internal rows: chunked like a flush's inserts, so 1,000 changes are one statement.
 */
export class OutboxWriter {
  /** Events written so far per open transaction: an event's id is `<txId>.<n>`. */
  private readonly written = new Map<string, number>();
  private readonly outbox: EntityMapper<ChangeOutboxEntry>;
  private readonly columns: readonly PropertyMetadata[];

  constructor(
    private readonly mappers: MapperRegistry,
    outbox: EntityMetadata<ChangeOutboxEntry>,
    private readonly published: (meta: EntityMetadata) => boolean,
  ) {
    this.outbox = mappers.get(outbox);
    this.columns = COLUMNS.map((name) => outbox.properties.find((p) => p.name === name) as PropertyMetadata);
  }

  /** Writes the event's outbox rows; whether there were any. */
  async write(event: AfterFlushEvent<FeedSession, ChangeSet>): Promise<boolean> {
    const rows = this.rowsOf(event);
    if (rows.length === 0) return false;
    await event.session.writeInternalRows(internalInsertBatch(this.outbox, this.columns, rows.map((row) => COLUMNS.map((c) => row[c]))));
    return true;
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
