import type { EntityMetadata } from '../metadata/entity-metadata';

/** The version a new versioned row starts at. */
export const INITIAL_VERSION = 1;

/**
 * One entity's pending write, as computed at flush time: an insert, an update or a delete, each with exactly the
 * fields it has. Values are in the driver's form. A change set is never written to after it is computed.
 */
export type ChangeSet = InsertChangeSet | UpdateChangeSet | DeleteChangeSet;

export interface InsertChangeSet {
  readonly type: 'insert';
  readonly entity: object;
  readonly meta: EntityMetadata;
  /**
   * Every property's value, in metadata order (undefined: left out, so the column default applies). A versioned
   * entity's version is `INITIAL_VERSION` when it had none. A foreign key to a new entity may be a `PendingKey`.
   */
  readonly values: readonly unknown[];
}

export interface UpdateChangeSet {
  readonly type: 'update';
  readonly entity: object;
  readonly meta: EntityMetadata;
  /** The primary key, in its JS form. */
  readonly key: unknown;
  /** Indexes (in `meta.properties`) of the changed properties. */
  readonly changed: readonly number[];
  /** The changed properties' new values, parallel to `changed`. */
  readonly values: readonly unknown[];
  /** A versioned entity: the version the row had when loaded. */
  readonly expectedVersion: number | undefined;
  /** The values last read from or written to the row (the mapper's snapshot form): what `changed` changes. */
  readonly snapshot: Readonly<Record<string, unknown>>;
  /**
   * A soft delete (`em.remove()` of a `@SoftDelete` entity): the value written to its soft-delete column (a Date,
   * or a 'YYYY-MM-DD' string for a date column), which the entity holds once the flush succeeded.
   */
  readonly softDeleted?: unknown;
}

export interface DeleteChangeSet {
  readonly type: 'delete';
  readonly entity: object;
  readonly meta: EntityMetadata;
  /** The primary key, in its JS form. */
  readonly key: unknown;
  /** A versioned entity: the version the row had when loaded. */
  readonly expectedVersion: number | undefined;
  /** What the row holds (its foreign keys may point at rows deleted in the same flush). */
  readonly snapshot: Readonly<Record<string, unknown>> | undefined;
}
