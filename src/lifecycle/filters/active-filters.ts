import { UsageError } from '../../errors/usage-error';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import { SOFT_DELETE_FILTER, type FilterMetadata } from '../../metadata/filter-metadata';
import type { ReadFilterOptions, ReadFilters } from '../../query/read-filter';
import type { FilterRegistry } from './filter-registry';

type Switch = boolean | object | undefined;

/**
 * @internal The filters of one read: the registry's definitions, switched by the call's options over the
 * EntityManager's parameters. Conditions are computed per entity on first use and kept for the rest of the read
 * (a populate meets the same entity on several levels). A missing parameter is a `UsageError` then, before the
 * statement that would need it is built.
 */
export class ActiveFilters implements ReadFilters {
  private readonly conditions = new Map<EntityMetadata, object | undefined>();
  private readonly switches: Readonly<Record<string, Switch>> | false;

  constructor(
    private readonly registry: FilterRegistry,
    private readonly params: ReadonlyMap<string, object>,
    options: ReadFilterOptions,
  ) {
    const { filters, withDeleted } = options;
    if (filters !== undefined && filters !== false && (typeof filters !== 'object' || filters === null)) throw UsageError.badFiltersOption(filters);
    if (filters) for (const name of Object.keys(filters)) if (!registry.names.has(name)) throw UsageError.unknownFilter(name, registry.names);
    this.switches = filters === false ? false : withDeleted ? { ...filters, [SOFT_DELETE_FILTER]: false } : ((filters ?? {}) as Record<string, Switch>);
  }

  get withDeleted(): boolean {
    return this.switches === false || this.switches[SOFT_DELETE_FILTER] === false;
  }

  conditionOf(meta: EntityMetadata): object | undefined {
    if (this.conditions.has(meta)) return this.conditions.get(meta);
    const condition = this.compute(meta);
    this.conditions.set(meta, condition);
    return condition;
  }

  private compute(meta: EntityMetadata): object | undefined {
    const switches = this.switches;
    if (switches === false) return undefined;
    const parts: object[] = [];
    for (const filter of this.registry.of(meta)) {
      const on = switches[filter.name];
      if (on === false || (on === undefined && !filter.default)) continue;
      parts.push(this.conditionFor(meta, filter, typeof on === 'object' && on !== null ? on : this.params.get(filter.name)));
    }
    if (parts.length === 0) return undefined;
    return parts.length === 1 ? parts[0] : { $and: parts };
  }

  private conditionFor(meta: EntityMetadata, filter: FilterMetadata, args: object | undefined): object {
    const { cond } = filter;
    if (typeof cond !== 'function') return cond;
    if (args === undefined && filter.args) throw UsageError.missingFilterParams(filter.name, meta.name);
    const condition: unknown = (cond as (args: object, entity: unknown) => unknown)(args ?? {}, meta.class);
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) throw UsageError.badFilterResult(filter.name, meta.name);
    return condition;
  }
}
