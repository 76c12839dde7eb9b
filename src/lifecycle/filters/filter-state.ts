import { UsageError } from '../../errors/usage-error';
import { NO_READ_FILTERS, type ReadFilterOptions, type ReadFilters } from '../../query/read-filter';
import { ActiveFilters } from './active-filters';
import type { FilterRegistry } from './filter-registry';

/**
 * @internal The filter parameters of one EntityManager (`em.setFilterParams`), and the filters each of its
 * reads runs with. A fork starts with a copy of its parent's parameters; a transaction's EntityManager shares its
 * opener's. In a model without filters every read gets `NO_READ_FILTERS` and nothing else is allocated.
 */
export class FilterState {
  private readonly params: Map<string, object>;
  private defaults: ReadFilters | undefined;

  constructor(
    private readonly registry: FilterRegistry,
    params?: ReadonlyMap<string, object>,
  ) {
    this.params = new Map(params);
  }

  set(name: string, params: object): void {
    if (!this.registry.names.has(name)) throw UsageError.unknownFilter(name, this.registry.names);
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw UsageError.badFilterParams(name, params);
    this.params.set(name, params);
    this.defaults = undefined;
  }

  get(name: string): object | undefined {
    return this.params.get(name);
  }

  /** The filters of a read with these options (the EntityManager's defaults when it passes none). */
  resolve(options: ReadFilterOptions): ReadFilters {
    if (!this.registry.any) return NO_READ_FILTERS;
    if (options.filters === undefined && options.withDeleted === undefined) return this.current();
    return new ActiveFilters(this.registry, this.params, options);
  }

  /** What lazy loads (`collection.init()`, `reference.load()`) run with: the parameters set now. */
  current(): ReadFilters {
    if (!this.registry.any) return NO_READ_FILTERS;
    return (this.defaults ??= new ActiveFilters(this.registry, this.params, {}));
  }

  fork(): FilterState {
    // Without any filter in the model, parameters change no read: forks (S4 makes one per lookup) share the state.
    return this.registry.any ? new FilterState(this.registry, this.params) : this;
  }
}
