import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { PivotMetadata } from '../metadata/relation-metadata';

/**
 * What a flush asks the database to do, grouped into batches of one shape (table, operation, column set),
 * already in commit order. Values are in the driver's form. This is the whole interface between the unit of
 * work and a dialect's flush executor; `entities` ride along for the unit of work and the dialect ignores them.
 * A value may still be a `PendingKey` when the plan is made (the key of a row inserted by an earlier batch);
 * the unit of work replaces it before the batch runs, so the executor only ever sees values.
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

/** Pivot rows of a many-to-many relation to insert (`link`) or delete (`unlink`): (source key, target key) pairs. */
export interface LinkBatch {
  readonly kind: 'link' | 'unlink';
  readonly pivot: PivotMetadata;
  readonly rows: readonly (readonly unknown[])[];
}

export type FlushBatch = InsertBatch | UpdateBatch | DeleteBatch | LinkBatch;

export interface FlushPlan {
  readonly batches: readonly FlushBatch[];
  /** Batches that hold `PendingKey`s to resolve before they run. */
  readonly pending: ReadonlySet<FlushBatch>;
  /** The entities whose generated keys those `PendingKey`s wait for. */
  readonly pendingTargets: ReadonlySet<EntityMetadata>;
}

/** What the database handed back: generated keys per insert batch, in row order, in the driver's form. */
export interface FlushOutcome {
  readonly generatedKeys: Map<InsertBatch, unknown[]>;
}
