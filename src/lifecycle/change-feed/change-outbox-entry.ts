import { Column } from '../../decorators/column';
import { Entity } from '../../decorators/entity';
import { PrimaryKey } from '../../decorators/primary-key';

/** The outbox's table: created by `orm.schema` and migrations like an entity's, whenever the change feed is on. */
export const CHANGE_OUTBOX_TABLE = 'tessera_change_outbox';

/**
 * @internal One change waiting to be relayed: written in the transaction of the flush that made it, deleted by
 * the relay once published. Columns are named here, not by the naming strategy, so every application (and every
 * version of one) sharing a database agrees on them.
 */
@Entity({ table: CHANGE_OUTBOX_TABLE })
export class ChangeOutboxEntry {
  /** Increases in commit order for any one row (a row's next change waits for the lock of its last one). */
  @PrimaryKey({ column: 'id' }) id!: number;
  @Column({ column: 'event_id', length: 100 }) eventId!: string;
  @Column({ column: 'entity', length: 255 }) entity!: string;
  @Column({ column: 'op', length: 6 }) op!: string;
  /** `{ k: key, c: changed, v: values }` as JSON text, values in their snapshot form (see change-event-codec.ts). */
  @Column({ column: 'payload', type: 'text' }) payload!: string;
  @Column({ column: 'tx_id', length: 64 }) txId!: string;
  @Column({ column: 'committed_at', type: 'timestamp' }) committedAt!: Date;
}
