import { QueryError } from '../../errors/query-error';
import { ColumnNode } from '../nodes/column-node';
import { OrderByItemNode } from '../nodes/order-by-item-node';
import type { QueryScope } from './query-scope';

/**
 * `{ 'a.name': 'asc' }` → order items, in key order; a key among `results` (an aggregate's name) orders by that
 * result column. An unknown column or a direction other than asc/desc is a `QueryError`.
 */
export function orderItems(scope: QueryScope, order: object, results: ReadonlySet<string> = new Set()): OrderByItemNode[] {
  return Object.entries(order as Record<string, unknown>).map(([ref, direction]) => {
    const normalized = typeof direction === 'string' ? direction.toLowerCase() : direction;
    if (results.has(ref)) {
      if (normalized !== 'asc' && normalized !== 'desc') throw QueryError.badOrderDirection(scope.root.meta.class, ref, direction);
      return OrderByItemNode.create(ColumnNode.create(ref), normalized);
    }
    const { entry, property } = scope.column(ref);
    if (normalized !== 'asc' && normalized !== 'desc') throw QueryError.badOrderDirection(entry.meta.class, property.name, direction);
    return OrderByItemNode.create(ColumnNode.create(property.column, entry.alias), normalized);
  });
}
