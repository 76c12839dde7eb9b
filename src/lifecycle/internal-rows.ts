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
 * column). A value that repeats the one above it in its column (the same object, or an equal primitive: a flush's
 * time, transaction id, actor) is converted once, which keeps 10,000 rows of one flush cheap.
 */
export function internalInsertBatch<T extends object>(
  mapper: EntityMapper<T>,
  columns: readonly PropertyMetadata[],
  rows: readonly (readonly unknown[])[],
): InsertBatch {
  const last: unknown[] = columns.map(() => NOTHING);
  const lastConverted: unknown[] = [];
  const converted = rows.map((row) =>
    columns.map((column, c) => {
      const value = row[c];
      if (value !== last[c]) {
        last[c] = value;
        lastConverted[c] = mapper.toDb(column, value) ?? null;
      }
      return lastConverted[c];
    }),
  );
  return { kind: 'insert', meta: mapper.meta, columns, rows: converted };
}

/** Equal to no value, so the first row's are always converted. */
const NOTHING = Symbol('nothing');
