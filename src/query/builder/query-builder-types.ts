import type { RelationKey, RelationTargetOf, Scalar, ToMany } from '../relation-shape';

/** The entity behind each alias of a query builder: `{ a: Author; b: Book }`. */
export type AliasMap = Record<string, object>;

/** `T`'s properties that are columns: scalars and to-one foreign keys (not collections, not methods). */
export type ColumnKey<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends ToMany<never>
    ? never
    : NonNullable<T[K]> extends (...args: never[]) => unknown
      ? never
      : K;
}[keyof T & string];

/** A column reference: `'alias.property'` for any alias, or a bare property of the root `R`. */
export type ColumnRef<M extends AliasMap, R> = { [A in keyof M & string]: `${A}.${ColumnKey<M[A]>}` }[keyof M & string] | ColumnKey<R>;

/** A relation path a join can follow: `'a.books'`. */
export type JoinPath<M extends AliasMap> = { [A in keyof M & string]: `${A}.${RelationKey<M[A]>}` }[keyof M & string];

/** The entity at the end of a join path. */
export type JoinTarget<M extends AliasMap, P extends string> = P extends `${infer A}.${infer K}`
  ? A extends keyof M
    ? K extends keyof M[A]
      ? RelationTargetOf<NonNullable<M[A][K]>>
      : never
    : never
  : never;

/** The result key of a selected column: its property name (`'a.name'` → `name`). */
export type SelectionName<S extends string> = S extends `${string}.${infer K}` ? K : S;

/** A column's value in a plain row: a to-one relation is its foreign key there, of a type only the target knows. */
type PlainValue<V> = NonNullable<V> extends Scalar ? V : unknown;

/** The value type of a column reference. */
export type ColumnValue<M extends AliasMap, R, S extends string> = S extends `${infer A}.${infer K}`
  ? A extends keyof M
    ? K extends keyof M[A]
      ? PlainValue<M[A][K]>
      : never
    : never
  : S extends keyof R
    ? PlainValue<R[S]>
    : never;

/** A plain row of `execute()`: one key per selected column. */
export type SelectedRow<M extends AliasMap, R, S extends string> = { [K in S as SelectionName<K>]: ColumnValue<M, R, K> };

/** A builder filter: the filter operators of `find`, keyed by `'alias.property'` or a bare root property. */
export type BuilderFilter<M extends AliasMap, R> = {
  [K in { [A in keyof M & string]: `${A}.${keyof M[A] & string}` }[keyof M & string] | (keyof R & string)]?: unknown;
} & {
  $and?: readonly BuilderFilter<M, R>[];
  $or?: readonly BuilderFilter<M, R>[];
  $not?: BuilderFilter<M, R>;
};

/** A HAVING condition: aggregates of columns compared with numbers, or plain filter keys. */
export type HavingFilter<M extends AliasMap, R> = BuilderFilter<M, R> & {
  [F in '$count' | '$sum' | '$avg' | '$min' | '$max']?: { [K in ColumnRef<M, R>]?: number | Partial<Record<'$eq' | '$ne' | '$gt' | '$gte' | '$lt' | '$lte', number>> };
};

/** An ORDER BY: column references mapped to a direction. */
export type BuilderOrderBy<M extends AliasMap, R> = { [K in ColumnRef<M, R>]?: 'asc' | 'desc' };

/** The aggregate operators of `aggregate()`: each applies to one column reference. */
type AggregateOperator = '$count' | '$sum' | '$avg' | '$min' | '$max';

/** `aggregate()`'s argument: result names mapped to one aggregate of a column, `{ books: { $count: 'b.id' } }`. */
export type AggregateSpec<M extends AliasMap, R> = Record<string, { [F in AggregateOperator]?: ColumnRef<M, R> }>;

/** An aggregate's value: a count is a number, a sum or average a number or null, a min or max the column's type. */
type AggregateValue<M extends AliasMap, R, A> = A extends { $count: string }
  ? number
  : A extends { $min: infer C extends string } | { $max: infer C extends string }
    ? ColumnValue<M, R, C> | null
    : number | null;

/** A row of `execute()`: the selected columns (every root column when none are selected and there is no aggregate), then the aggregates. */
export type ResultRow<M extends AliasMap, R, S extends string, G> = SelectedRow<
  M,
  R,
  [S] extends [never] ? ([keyof G] extends [never] ? ColumnKey<R> : never) : S
> & { [K in keyof G]: AggregateValue<M, R, G[K]> };
