import { QueryError } from '../../errors/query-error';
import type { EntityMapper } from '../../mapper/entity-mapper';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import { AggregateNode } from '../nodes/aggregate-node';
import { ColumnNode } from '../nodes/column-node';
import { numberOrNull } from './aggregate-query';
import type { QueryScope, ResolvedColumn } from './query-scope';

/** The aggregate operators of `aggregate()` and `having()`, by their SQL function. */
export const AGGREGATES: Readonly<Record<string, AggregateNode['fn']>> = { $count: 'count', $sum: 'sum', $avg: 'avg', $min: 'min', $max: 'max' };

/** One aggregate column of `execute()`: `books: { $count: 'b.id' }` → `count("b"."id") as "books"`. */
export interface AggregateColumn {
  readonly alias: string;
  readonly fn: AggregateNode['fn'];
  readonly column: ResolvedColumn;
}

/** `{ books: { $count: 'b.id' } }` → aggregate columns; an unknown operator or column is a `QueryError`. */
export function aggregateColumns(scope: QueryScope, spec: object): AggregateColumn[] {
  return Object.entries(spec as Record<string, unknown>).map(([alias, operand]) => {
    if (alias.includes('\0')) throw QueryError.nulInIdentifier(alias);
    const entries = typeof operand === 'object' && operand !== null ? Object.entries(operand) : [];
    if (entries.length !== 1) throw QueryError.badAggregateSelection(alias);
    const [[operator, ref]] = entries;
    const fn = AGGREGATES[operator];
    if (!fn) throw QueryError.badAggregate(operator);
    if (typeof ref !== 'string') throw QueryError.badAggregateSelection(alias);
    return { alias, fn, column: scope.column(ref) };
  });
}

export function aggregateSelection({ alias, fn, column }: AggregateColumn): AggregateNode {
  return AggregateNode.create(fn, alias, ColumnNode.create(column.property.column, column.entry.alias));
}

/**
 * How an aggregate's value reads: a count and a sum or average as numbers (drivers hand bigints and decimals back as
 * strings), a min or max like the column itself.
 */
export function aggregateReader(
  { fn, column }: AggregateColumn,
  mappers: { get<T extends object>(meta: EntityMetadata<T>): EntityMapper<T> },
): (value: unknown) => unknown {
  if (fn === 'count') return (value) => Number(value ?? 0);
  if (fn === 'sum' || fn === 'avg') return numberOrNull;
  const mapper = mappers.get(column.entry.meta);
  return (value) => (value == null ? null : mapper.fromDb(column.property, value));
}
