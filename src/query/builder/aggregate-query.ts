import type { AggregateNode } from '../nodes/aggregate-node';
import { SelectQueryNode } from '../nodes/select-query-node';

/**
 * `select <aggregate> from .. where ..` from a builder's query. Ordering and pagination are dropped: ORDER BY an
 * ungrouped column next to an aggregate is an error (PostgreSQL), and a LIMIT would cut the rows aggregated.
 */
export function aggregateQuery(node: SelectQueryNode, aggregate: AggregateNode): SelectQueryNode {
  const bare = SelectQueryNode.withPagination(SelectQueryNode.withOrderBy(node, []), undefined, undefined);
  return SelectQueryNode.withSelections(bare, [aggregate]);
}

/** A SUM or AVG as a number: drivers hand decimals back as strings (PostgreSQL numeric, MySQL decimal). */
export function numberOrNull(value: unknown): number | null {
  return value == null ? null : Number(value);
}
