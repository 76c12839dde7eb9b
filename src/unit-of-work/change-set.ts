import type { EntityMetadata } from '../metadata/entity-metadata';

/** One entity's pending write, as computed at flush time. */
export interface ChangeSet {
  readonly type: 'insert' | 'update' | 'delete';
  readonly entity: object;
  readonly meta: EntityMetadata;
  /**
   * In the driver's form. insert: every property's value, in metadata order. update: the changed
   * properties' values, parallel to `changed`.
   */
  readonly values?: readonly unknown[];
  /** update: indexes of the changed properties. */
  readonly changed?: readonly number[];
  /** update and delete: the primary key, in its JS form. */
  readonly key?: unknown;
  /** update and delete of a versioned entity: the version the row had when loaded. */
  readonly expectedVersion?: number;
  /** delete: what the row holds (its foreign keys may point at rows deleted in the same flush). */
  readonly snapshot?: Readonly<Record<string, unknown>>;
}
