import { Column } from '../../decorators/column';
import { Entity } from '../../decorators/entity';
import { Index } from '../../decorators/index-decorators';
import { PrimaryKey } from '../../decorators/primary-key';

/** The outbox's table: created by `orm.schema` and migrations like an entity's, whenever the change feed is on. */
export const CHANGE_OUTBOX_TABLE = 'tessera_change_outbox';

/**
 * @internal One change waiting to be relayed: written in the transaction of the flush that made it, deleted by
 * the relay once published, or (with `changeFeed.retention`) marked with the relay's pass and kept that long for
 * consumers that resume. Columns are named here, not by the naming strategy, so every application (and every
 * version of one) sharing a database agrees on them.
 */
@Entity({ table: CHANGE_OUTBOX_TABLE })
@Index({ properties: ['relayPass', 'id'] })
export class ChangeOutboxEntry {
  /** Increases in commit order for any one row (a row's next change waits for the lock of its last one). */
  @PrimaryKey({ column: 'id' }) id!: number;
  @Index() @Column({ column: 'event_id', length: 100 }) eventId!: string;
  @Column({ column: 'entity', length: 255 }) entity!: string;
  @Column({ column: 'op', length: 6 }) op!: string;
  /** `{ k: key, c: changed, v: values }` as JSON text, values in their snapshot form (see change-event-codec.ts). */
  @Column({ column: 'payload', type: 'text' }) payload!: string;
  @Column({ column: 'tx_id', length: 64 }) txId!: string;
  @Column({ column: 'committed_at', type: 'timestamp' }) committedAt!: Date;
  /**
   * The relay pass that published it, null until then. Passes are numbered in the order they commit (each takes
   * the last number + 1 while it holds the oldest rows' locks), so (pass, id) is the order consumers received
   * the rows in, which a consumer resumes by: a row's id alone is its insert order, not its commit order.
   */
  @Column({ column: 'relay_pass', type: 'bigint', nullable: true }) relayPass!: string | null;
}
