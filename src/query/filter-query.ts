/** The names of an entity's data properties (methods excluded). */
export type EntityKey<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T] & string;

/** Data to create an entity with: any subset of its properties, typed. */
export type EntityData<T> = { [K in EntityKey<T>]?: T[K] };

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

/**
 * A typed filter: keys are the entity's properties (an unknown one is a compile error, and a `QueryError` at
 * run time), combined with `$and`, `$or`, `$not`.
 * @example
 * { age: { $gte: 18 }, $or: [{ name: { $like: 'A%' } }, { email: 'x@y.z' }] }
 */
export type Filter<T> = { [K in EntityKey<T>]?: FilterValue<NonNullable<T[K]>> } & {
  $and?: readonly Filter<T>[];
  $or?: readonly Filter<T>[];
  $not?: Filter<T>;
};

/** A primary key value stands for `{ <pk>: value }`. */
export type PrimaryKeyValue = string | number | bigint;

export type FilterQuery<T> = Filter<T> | PrimaryKeyValue;

export type OrderDirection = 'asc' | 'desc' | 'ASC' | 'DESC';

/** `{ name: 'asc', createdAt: 'desc' }`; an array keeps the order explicit across several objects. */
export type OrderBy<T> = { [K in EntityKey<T>]?: OrderDirection };

export interface FindOptions<T> {
  orderBy?: OrderBy<T> | readonly OrderBy<T>[];
  limit?: number;
  offset?: number;
  /** Load only these properties (the primary key is always loaded); the others stay undefined. */
  fields?: readonly EntityKey<T>[];
}
