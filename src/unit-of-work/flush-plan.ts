import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';

/**
 * What a flush asks the database to do, grouped into batches of one shape (table, operation, column set),
 * already in commit order. Values are in the driver's form. This is the whole interface between the unit of
 * work and a dialect's flush executor; `entities` ride along for the unit of work and the dialect ignores them.
 */
export interface InsertBatch {
  readonly kind: 'insert';
  readonly meta: EntityMetadata;
  readonly columns: readonly PropertyMetadata[];
  /** One array of values per row, parallel to `columns`. */
  readonly rows: readonly (readonly unknown[])[];
  /** The primary key the database generates, to be read back per row. */
  readonly generatedKey?: PropertyMetadata;
  readonly entities: readonly object[];
}

export interface UpdateRow {
  readonly key: unknown;
  /** The version the row must still have (optimistic locking). */
  readonly version?: number;
  /** New values, parallel to the batch's `columns`. */
  readonly values: readonly unknown[];
}

export interface UpdateBatch {
  readonly kind: 'update';
  readonly meta: EntityMetadata;
  readonly columns: readonly PropertyMetadata[];
  readonly rows: readonly UpdateRow[];
  readonly entities: readonly object[];
}

export interface DeleteBatch {
  readonly kind: 'delete';
  readonly meta: EntityMetadata;
  readonly keys: readonly unknown[];
  /** Parallel to `keys` when the entity is versioned. */
  readonly versions?: readonly number[];
  readonly entities: readonly object[];
}

export type FlushBatch = InsertBatch | UpdateBatch | DeleteBatch;

export interface FlushPlan {
  readonly batches: readonly FlushBatch[];
}

/** What the database handed back: generated keys per insert batch, in row order, in the driver's form. */
export interface FlushOutcome {
  readonly generatedKeys: Map<InsertBatch, unknown[]>;
}
