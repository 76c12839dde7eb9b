import type { EntityClass } from '../../metadata/entity-metadata';
import type { FilterObject } from '../../query/filter-query';
import type { FilterArgsOf, FilterName } from '../../query/read-filter';

/**
 * A global filter's definition: `@Filter(options)` on an entity class, or an entry of `Orm.init({ filters })`.
 * `cond` is a filter object, or a function of the parameters (`em.setFilterParams(name, params)` or the call's
 * `filters: { name: params }`) returning one.
 */
export interface FilterOptions<T = unknown, N extends FilterName = FilterName> {
  name: N;
  cond: FilterObject<T> | ((args: FilterArgsOf<N>, entity: EntityClass<T>) => FilterObject<T>);
  /** Active unless turned off; default false (active only when a call or the EntityManager turns it on). */
  default?: boolean;
  /**
   * Whether `cond` needs parameters: an active filter without any is a `UsageError` before any SQL is sent.
   * Default: true when `cond` is a function. With false, a function gets `{}` when no parameters are set.
   */
  args?: boolean;
}

/** An `Orm.init({ filters })` entry: a filter for several entities (all of them when `entities` is left out). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface GlobalFilterOptions<N extends FilterName = FilterName> extends FilterOptions<any, N> {
  entities?: readonly EntityClass[];
}
