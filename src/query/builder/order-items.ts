import { QueryError } from '../../errors/query-error';
import { ColumnNode } from '../nodes/column-node';
import { OrderByItemNode } from '../nodes/order-by-item-node';
import type { QueryScope } from './query-scope';

/** `{ 'a.name': 'asc' }` → order items, in key order; an unknown column or a direction other than asc/desc is a `QueryError`. */
export function orderItems(scope: QueryScope, order: object): OrderByItemNode[] {
  return Object.entries(order as Record<string, unknown>).map(([ref, direction]) => {
    const { entry, property } = scope.column(ref);
    const normalized = typeof direction === 'string' ? direction.toLowerCase() : direction;
    if (normalized !== 'asc' && normalized !== 'desc') throw QueryError.badOrderDirection(entry.meta.class, property.name, direction);
    return OrderByItemNode.create(ColumnNode.create(property.column, entry.alias), normalized);
  });
}
