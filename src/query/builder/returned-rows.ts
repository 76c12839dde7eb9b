import type { EntityMapper, Row } from '../../mapper/entity-mapper';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { toPlainRows } from './plain-rows';
import { QueryScope } from './query-scope';

/**
 * The rows a write's RETURNING handed back, keyed by property name and converted like `execute()`'s plain rows
 * (RETURNING rows carry column names).
 */
export function returnedRows(
  rows: readonly Row[],
  meta: EntityMetadata,
  returning: readonly PropertyMetadata[],
  mappers: { get<T extends object>(meta: EntityMetadata<T>): EntityMapper<T> },
): Row[] {
  const byProperty = rows.map((row) => Object.fromEntries(returning.map((p) => [p.name, row[p.column]])));
  const entry = QueryScope.root(meta, meta.table).root;
  return toPlainRows(byProperty, returning.map((property) => ({ entry, property })), mappers);
}
