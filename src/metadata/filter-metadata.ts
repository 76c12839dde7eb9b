import type { EntityClass } from './entity-metadata';

/**
 * A global filter of an entity (`@Filter` on the class, or `Orm.init({ filters })`): a condition every read of the
 * entity carries while the filter is active. The condition is a filter object, or a function of the filter's
 * parameters returning one; the read paths parse it like any `where`. Frozen after discovery.
 */
export interface FilterMetadata {
  readonly name: string;
  readonly cond: object | ((args: never, entity: EntityClass) => object);
  /** Active unless turned off (per EntityManager or per call); otherwise only when turned on. */
  readonly default: boolean;
  /** Takes parameters: an active filter without any is a `UsageError` before any SQL is sent. */
  readonly args: boolean;
}

/** The name of the built-in filter that hides soft-deleted rows (`withDeleted: true` turns it off). */
export const SOFT_DELETE_FILTER = 'softDelete';
