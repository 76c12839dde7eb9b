import { QueryError } from '../errors/query-error';
import type { EntityClass, EntityMetadata } from '../metadata/entity-metadata';
import type { EntityData } from '../query/filter-query';
import { isCollection } from '../relations/collection';

/** A new entity (its constructor runs, so defaults apply) filled with `data`; an unknown key is a `QueryError`. */
export function instantiate<T extends object>(entity: EntityClass<T>, meta: EntityMetadata<T>, data: EntityData<T>): T {
  for (const key of Object.keys(data)) {
    if (!meta.propertiesByName.has(key) && !meta.relationsByName.has(key)) throw QueryError.unknownProperty(entity, key, 'data');
  }
  const instance = new (entity as new () => T)();
  for (const [key, value] of Object.entries(data)) {
    const current = (instance as Record<string, unknown>)[key];
    // A collection keeps its identity and syncs the other side; an array of entities fills it.
    if (isCollection(current) && Array.isArray(value)) current.set(value);
    else (instance as Record<string, unknown>)[key] = value;
  }
  return instance;
}
