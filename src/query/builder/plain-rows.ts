import type { EntityMapper, Row } from '../../mapper/entity-mapper';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import { aggregateReader, type AggregateColumn } from './aggregate-selection';
import type { ResolvedColumn } from './query-scope';

/**
 * The rows of a builder's `execute()`, keyed by property name (each column is selected `as` its property name)
 * with each value converted by its entity's mapper, so a date is a Date and a boolean a boolean on every dialect;
 * a foreign key is converted like the primary key it references. Aggregates follow, keyed by their names.
 */
export function toPlainRows(
  rows: readonly Row[],
  columns: readonly ResolvedColumn[],
  mappers: { get<T extends object>(meta: EntityMetadata<T>): EntityMapper<T> },
  aggregates: readonly AggregateColumn[] = [],
): Row[] {
  const converters = columns.map(({ entry, property }) => {
    // A foreign key reads like its target's primary key (SQLite hands integers back as bigint otherwise).
    if (property.relation) {
      const target = mappers.get(property.relation.target);
      return (value: unknown) => target.keyFromDb(value);
    }
    const mapper = mappers.get(entry.meta);
    return (value: unknown) => mapper.fromDb(property, value);
  });
  const readers = aggregates.map((aggregate) => aggregateReader(aggregate, mappers));
  return rows.map((row) => {
    const out: Row = {};
    for (let i = 0; i < columns.length; i++) out[columns[i].property.name] = converters[i](row[columns[i].property.name]);
    for (let i = 0; i < aggregates.length; i++) out[aggregates[i].alias] = readers[i](row[aggregates[i].alias]);
    return out;
  });
}
