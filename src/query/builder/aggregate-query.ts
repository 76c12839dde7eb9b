import type { AggregateNode } from '../nodes/aggregate-node';
import { SelectQueryNode } from '../nodes/select-query-node';

/**
 * `select <aggregate> from .. where ..` from a builder's query. Ordering and pagination are dropped: ORDER BY an
 * ungrouped column next to an aggregate is an error (PostgreSQL), and a LIMIT would cut the rows aggregated.
 */
export function aggregateQuery(node: SelectQueryNode, aggregate: AggregateNode): SelectQueryNode {
  // A lock is dropped too: PostgreSQL refuses FOR UPDATE next to an aggregate.
  const bare = SelectQueryNode.withLock(SelectQueryNode.withPagination(SelectQueryNode.withOrderBy(node, []), undefined, undefined), undefined);
  return SelectQueryNode.withSelections(bare, [aggregate]);
}

/** A SUM or AVG as a number: drivers hand decimals back as strings (PostgreSQL numeric, MySQL decimal). */
export function numberOrNull(value: unknown): number | null {
  return value == null ? null : Number(value);
}
