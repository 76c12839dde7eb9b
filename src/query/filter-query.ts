import type { ResultCacheOption } from './result-cache-option';
import type { RelationTargetOf, Scalar } from './relation-shape';

import type { LockWait } from './nodes/lock-node';
import type { ReadFilterOptions } from './read-filter';

/** The names of an entity's data properties (methods excluded). */
export type EntityKey<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T] & string;

/** Data to create an entity with: any subset of its properties, typed; a collection also takes an array of its items. */
export type EntityData<T> = { [K in EntityKey<T>]?: T[K] extends { init(): Promise<Iterable<infer U>> } ? T[K] | readonly U[] : T[K] };

/** Comparison operators on one property's value. */
export interface OperatorMap<V> {
  $eq?: V | null;
  $ne?: V | null;
  $gt?: V;
  $gte?: V;
  $lt?: V;
  $lte?: V;
  $in?: readonly V[];
  $nin?: readonly V[];
  $like?: string;
  $ilike?: string;
  /** true: IS NULL, false: IS NOT NULL. */
  $null?: boolean;
}

/** A property's condition: a value (equality), null (IS NULL), an array (IN) or operators. */
export type FilterValue<V> = V | null | readonly V[] | OperatorMap<V>;

type IsRelation<V> = [NonNullable<V>] extends [Scalar] ? false : [NonNullable<V>] extends [object] ? true : false;

/**
 * A relation's condition: a filter on the related entity (a subquery, so rows never multiply), or, for a to-one,
 * the entity or its key (`{ author: ada }`, `{ author: 7 }`, `{ author: { $in: [a, b] } }`, `{ author: null }`).
 */
export type RelationFilterValue<E> = FilterObject<E> | E | PrimaryKeyValue | null | readonly (E | PrimaryKeyValue)[] | OperatorMap<E | PrimaryKeyValue>;

/**
 * A typed filter: keys are the entity's properties (an unknown one is a compile error, and a `QueryError` at
 * run time), combined with `$and`, `$or`, `$not`; a relation takes a filter on its target.
 * @example
 * { age: { $gte: 18 }, $or: [{ name: { $like: 'A%' } }, { email: 'x@y.z' }] }
 * { author: { name: 'Ada' }, tags: { name: { $in: ['a', 'b'] } } }
 */
export type FilterObject<T> = {
  [K in EntityKey<T>]?: IsRelation<T[K]> extends true ? RelationFilterValue<RelationTargetOf<NonNullable<T[K]>>> : FilterValue<NonNullable<T[K]>>;
} & {
  $and?: readonly FilterObject<T>[];
  $or?: readonly FilterObject<T>[];
  $not?: FilterObject<T>;
};

/** A primary key value stands for `{ <pk>: value }`. */
export type PrimaryKeyValue = string | number | bigint;

export type FilterQuery<T> = FilterObject<T> | PrimaryKeyValue;

export type OrderDirection = 'asc' | 'desc' | 'ASC' | 'DESC';

/** `{ name: 'asc', createdAt: 'desc' }`; an array keeps the order explicit across several objects. */
export type OrderBy<T> = { [K in EntityKey<T>]?: OrderDirection };

/** `find` options; `filters` and `withDeleted` choose the global filters and soft delete of this read. */
export interface FindOptions<T> extends ReadFilterOptions {
  orderBy?: OrderBy<T> | readonly OrderBy<T>[];
  limit?: number;
  offset?: number;
  /** Load only these properties (the primary key is always loaded); the others stay undefined. */
  fields?: readonly EntityKey<T>[];
  /**
   * Locks the matched rows until the transaction ends (`for update` / `for share`); only inside `transactional`.
   * SQLite locks the whole database for writers instead (its transactions begin immediate).
   */
  lockMode?: LockMode;
  /** With `lockMode`: fail at once (`nowait`, a `LockWaitTimeoutError`) or skip locked rows, instead of waiting. */
  lockWait?: LockWait;
  /**
   * Keep the result in the Orm's cache: seconds, or `{ ttl, key }`. Served without SQL until a write to any table
   * the query reads (joins and populate included) commits. Needs the Orm's `cache` option; see docs/caching.md.
   * @example
   * await em.find(Book, { author: 7 }, { cache: 300 });
   */
  cache?: ResultCacheOption;
}

/** `pessimistic_write` is `for update`, `pessimistic_read` is `for share` (MySQL: `lock in share mode`). */
export type LockMode = 'pessimistic_write' | 'pessimistic_read';
