import { QueryError } from '../errors/query-error';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { CursorKey } from './cursor';
import type { OrderBy } from './filter-query';

/**
 * The order of a cursor page: the given properties, then the primary key as the final tie-breaker (in the last
 * given direction), so that the order is total and a page boundary never falls between equal rows.
 * Nullable properties are refused: databases sort null first or last differently, and `x > null` is never true.
 */
export function cursorKeys<T extends object>(meta: EntityMetadata<T>, orderBy: OrderBy<T> | readonly OrderBy<T>[] | undefined): CursorKey[] {
  const keys: CursorKey[] = [];
  for (const entry of Array.isArray(orderBy) ? orderBy : orderBy ? [orderBy] : []) {
    for (const [name, direction] of Object.entries(entry as Record<string, unknown>)) {
      const property = meta.propertiesByName.get(name);
      if (!property) throw QueryError.unknownProperty(meta.class, name, 'orderBy');
      const normalized = typeof direction === 'string' ? direction.toLowerCase() : direction;
      if (normalized !== 'asc' && normalized !== 'desc') throw QueryError.badOrderDirection(meta.class, name, direction);
      if (property.nullable) throw QueryError.nullableCursorKey(meta.class, name);
      if (!keys.some((k) => k.property === name)) keys.push({ property: name, direction: normalized });
    }
  }
  const pk = meta.primaryKey.name;
  if (!keys.some((k) => k.property === pk)) keys.push({ property: pk, direction: keys.at(-1)?.direction ?? 'asc' });
  return keys;
}

/**
 * Rows after the cursor's row in the keys' order, as a filter: with mixed directions no row-value comparison
 * works, so it is the OR-chain `k1 > v1 or (k1 = v1 and k2 < v2) or ..` (`<` where a key is descending).
 */
export function keysetFilter(keys: readonly CursorKey[], values: readonly unknown[]): object {
  const branches = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => ({ [k.property]: values[j] }));
    const past = { [key.property]: { [key.direction === 'asc' ? '$gt' : '$lt']: values[i] } };
    return { $and: [...equal, past] };
  });
  return { $or: branches };
}
