import type { EntityClass } from '../../metadata/entity-metadata';
import type { FilterMetadata } from '../../metadata/filter-metadata';
import { MetadataRegistry } from '../../metadata/metadata-registry';
import type { FilterName } from '../../query/read-filter';
import type { FilterOptions } from './filter-options';

/**
 * Declares a global filter on an entity class: while active, every read of the entity (find, findOne, count,
 * populate, lazy loads, relation filters, the query builder, cursor pages, streams) also matches `cond`. Pass
 * the class as the type argument (`@Filter<User>(..)`) to have the condition checked against its properties.
 * @example
 * @Filter({ name: 'tenant', cond: (args: { tenantId: number }) => ({ tenantId: args.tenantId }), default: true })
 * @Entity() class User { ... }
 */
export function Filter<T = unknown, N extends FilterName = FilterName>(options: FilterOptions<T, N>): (target: EntityClass<T>) => void {
  return (target) => MetadataRegistry.addFilter(target, filterMetadata(options));
}

/** @internal The frozen definition; discovery validates the name and condition. */
export function filterMetadata(options: FilterOptions<never, string>): FilterMetadata {
  const { name, cond } = options;
  return Object.freeze({
    name,
    cond: cond as FilterMetadata['cond'],
    default: options.default === true,
    args: options.args ?? typeof cond === 'function',
  });
}
