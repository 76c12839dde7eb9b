import type { EntityMetadata } from '../../metadata/entity-metadata';
import { AggregateNode } from '../nodes/aggregate-node';
import { ColumnNode } from '../nodes/column-node';
import type { SelectQueryNode } from '../nodes/select-query-node';
import { aggregateQuery, numberOrNull } from './aggregate-query';
import type { AliasMap, ColumnRef, ColumnValue } from './query-builder-types';
import type { QueryRunner } from './query-runner';
import type { QueryScope } from './query-scope';
import { WriteEntry } from './write-entry';

/** The result column of `count`, `sum`, `avg`, `min` and `max`. */
const AGGREGATE_ALIAS = 'value';

/**
 * `count`, `sum`, `avg`, `min` and `max` of a select builder: one aggregate over its matching rows, ordering,
 * pagination and locks dropped. The base of the select builder, which hands over its query through `aggregateSource`.
 */
export abstract class SingleAggregates<M extends AliasMap, R extends object> extends WriteEntry<R> {
  protected constructor(runner: QueryRunner, meta: EntityMetadata<R>) {
    super(runner, meta);
  }

  /** The builder's runner, aliases and query as they stand. */
  protected abstract get aggregateSource(): { readonly runner: QueryRunner; readonly scope: QueryScope; readonly node: SelectQueryNode };

  /**
   * The number of matching rows (joined rows, with a to-many join); ordering and pagination are ignored.
   * @example
   * const adults = await em.qb(Author).where({ age: { $gte: 18 } }).count();
   */
  async count(): Promise<number> {
    const value = await this.aggregateValue(AggregateNode.create('count', AGGREGATE_ALIAS));
    return Number(value ?? 0);
  }

  /**
   * The sum of a column over the matching rows, or null when none match.
   * @example
   * const total = await em.qb(Author).sum('age');
   */
  async sum(column: ColumnRef<M, R>): Promise<number | null> {
    return numberOrNull(await this.aggregateValue(this.aggregateOf('sum', column)));
  }

  /**
   * The average of a column over the matching rows, or null when none match.
   * @example
   * const mean = await em.qb(Author).avg('age');
   */
  async avg(column: ColumnRef<M, R>): Promise<number | null> {
    return numberOrNull(await this.aggregateValue(this.aggregateOf('avg', column)));
  }

  /**
   * The smallest value of a column (converted like the column), or null when no row matches.
   * @example
   * const youngest = await em.qb(Author).min('age');
   */
  async min<C extends ColumnRef<M, R>>(column: C): Promise<ColumnValue<M, R, C> | null> {
    return this.extreme('min', column) as Promise<ColumnValue<M, R, C> | null>;
  }

  /**
   * The largest value of a column (converted like the column), or null when no row matches.
   * @example
   * const oldest = await em.qb(Author).max('age');
   */
  async max<C extends ColumnRef<M, R>>(column: C): Promise<ColumnValue<M, R, C> | null> {
    return this.extreme('max', column) as Promise<ColumnValue<M, R, C> | null>;
  }

  private aggregateOf(fn: AggregateNode['fn'], ref: string): AggregateNode {
    const { entry, property } = this.aggregateSource.scope.column(ref);
    return AggregateNode.create(fn, AGGREGATE_ALIAS, ColumnNode.create(property.column, entry.alias));
  }

  private async extreme(fn: 'min' | 'max', ref: string): Promise<unknown> {
    const { entry, property } = this.aggregateSource.scope.column(ref);
    const value = await this.aggregateValue(this.aggregateOf(fn, ref));
    return value == null ? null : this.aggregateSource.runner.mappers.get(entry.meta).fromDb(property, value);
  }

  private async aggregateValue(selection: AggregateNode): Promise<unknown> {
    const { runner, node } = this.aggregateSource;
    const [row] = await runner.select(runner.compiler.compile(aggregateQuery(node, selection)));
    return row?.[AGGREGATE_ALIAS];
  }
}
