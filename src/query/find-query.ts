import { QueryError } from '../errors/query-error';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import { checkPagination } from './check-pagination';
import { parseFilteredWhere, type EncoderLookup } from './filter-parser';
import type { FindOptions, LockMode } from './filter-query';
import { AggregateNode } from './nodes/aggregate-node';
import { BinaryOperationNode } from './nodes/binary-operation-node';
import { ColumnNode } from './nodes/column-node';
import { LockNode, type LockWait } from './nodes/lock-node';
import { OrderByItemNode } from './nodes/order-by-item-node';
import { ParameterNode } from './nodes/parameter-node';
import { SelectQueryNode } from './nodes/select-query-node';
import { TableNode } from './nodes/table-node';
import { NO_READ_FILTERS, type ReadFilters } from './read-filter';

/** A SELECT for `find`, and the properties its rows carry. */
export interface FindQuery {
  readonly node: SelectQueryNode;
  readonly properties: readonly PropertyMetadata[];
}

/**
 * Builds `find`'s SELECT; every name in the filter, orderBy and fields is checked before anything is sent. The
 * active read `filters` (global filters, soft delete) are AND-ed to the filter.
 */
export function buildFindQuery<T extends object>(
  meta: EntityMetadata<T>,
  filter: unknown,
  options: FindOptions<T>,
  encoders: EncoderLookup,
  filters: ReadFilters = NO_READ_FILTERS,
): FindQuery {
  const properties = options.fields ? selectedProperties(meta, options.fields) : meta.properties;
  let node = SelectQueryNode.create(
    TableNode.create(meta.table),
    properties.map((p) => ColumnNode.create(p.column)),
  );
  node = SelectQueryNode.withWhere(node, parseFilteredWhere(meta, filter, encoders, filters));
  if (options.orderBy) node = SelectQueryNode.withOrderBy(node, orderItems(meta, options.orderBy));
  if (options.limit !== undefined || options.offset !== undefined) {
    node = SelectQueryNode.withPagination(node, count('limit', options.limit), count('offset', options.offset));
  }
  if (options.lockMode !== undefined) node = SelectQueryNode.withLock(node, lockOf(options.lockMode, options.lockWait));
  else if (options.lockWait !== undefined) throw QueryError.lockWaitWithoutLock();
  return { node, properties };
}

/** `select <every column> from table where <pk> = ?`: the template of `findOne` by primary key. */
export function buildFindByKeyQuery<T extends object>(meta: EntityMetadata<T>): SelectQueryNode {
  const node = SelectQueryNode.create(
    TableNode.create(meta.table),
    meta.properties.map((p) => ColumnNode.create(p.column)),
  );
  return SelectQueryNode.withWhere(
    node,
    BinaryOperationNode.create(ColumnNode.create(meta.primaryKey.column), '=', ParameterNode.create(0)),
  );
}

/** `select count(*) as "count" from table where ..`. */
export function buildCountQuery<T extends object>(meta: EntityMetadata<T>, filter: unknown, encoders: EncoderLookup, filters: ReadFilters = NO_READ_FILTERS): SelectQueryNode {
  const node = SelectQueryNode.create(TableNode.create(meta.table), [AggregateNode.create('count', 'count')]);
  return SelectQueryNode.withWhere(node, parseFilteredWhere(meta, filter, encoders, filters));
}

function selectedProperties<T extends object>(meta: EntityMetadata<T>, fields: readonly string[]): PropertyMetadata[] {
  const wanted = new Set<PropertyMetadata>([meta.primaryKey]);
  for (const name of fields) {
    const property = meta.propertiesByName.get(name);
    if (!property) throw QueryError.unknownProperty(meta.class, name, 'fields');
    wanted.add(property);
  }
  return meta.properties.filter((p) => wanted.has(p));
}

function orderItems<T extends object>(meta: EntityMetadata<T>, orderBy: NonNullable<FindOptions<T>['orderBy']>): OrderByItemNode[] {
  const items: OrderByItemNode[] = [];
  for (const entry of Array.isArray(orderBy) ? orderBy : [orderBy]) {
    for (const [name, direction] of Object.entries(entry as Record<string, unknown>)) {
      const property = meta.propertiesByName.get(name);
      if (!property) throw QueryError.unknownProperty(meta.class, name, 'orderBy');
      const normalized = typeof direction === 'string' ? direction.toLowerCase() : direction;
      if (normalized !== 'asc' && normalized !== 'desc') throw QueryError.badOrderDirection(meta.class, name, direction);
      items.push(OrderByItemNode.create(ColumnNode.create(property.column), normalized));
    }
  }
  return items;
}

function count(option: 'limit' | 'offset', value: number | undefined): number | undefined {
  return value === undefined ? undefined : checkPagination(option, value);
}

const LOCK_STRENGTH = { pessimistic_write: 'update', pessimistic_read: 'share' } as const;

function lockOf(mode: LockMode, wait: LockWait | undefined): LockNode {
  const strength = LOCK_STRENGTH[mode];
  if (typeof mode !== 'string' || !strength) throw QueryError.badLockOption('lockMode', mode);
  if (wait !== undefined && wait !== 'nowait' && wait !== 'skip_locked') throw QueryError.badLockOption('lockWait', wait);
  return LockNode.create(strength, wait);
}
