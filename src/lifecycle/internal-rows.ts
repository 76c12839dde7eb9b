import type { EntityMapper } from '../mapper/entity-mapper';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { InsertBatch } from '../unit-of-work/flush-plan';

/**
 * @internal What a listener needs of an `afterFlush` session to write rows of a table of its own (audit rows, an
 * outbox) in the flush's transaction: the session sends the batch as a flush sends its inserts, through the
 * dialect's flush executor, chunked under `batchSize` and the parameter limit, so 1,000 rows are one statement or
 * a few, and they commit or roll back with the flush. Nothing is recorded for the commit events: these rows are
 * bookkeeping, not entity changes.
 */
export interface InternalRowSession {
  writeInternalRows(batch: InsertBatch): Promise<void>;
}

/**
 * @internal Rows of JS values, parallel to `columns` (no generated key among them), as an insert batch of the
 * mapper's table in the driver's form, each value checked like a flushed entity's (a `ValidationError` names the
 * column).
 */
export function internalInsertBatch<T extends object>(
  mapper: EntityMapper<T>,
  columns: readonly PropertyMetadata[],
  rows: readonly (readonly unknown[])[],
): InsertBatch {
  const converted = rows.map((row) => columns.map((column, c) => mapper.toDb(column, row[c]) ?? null));
  return { kind: 'insert', meta: mapper.meta, columns, rows: converted };
}
