import type { AggregateNode } from './aggregate-node';
import type { AliasNode } from './alias-node';
import type { ColumnNode } from './column-node';
import type { DerivedTableNode } from './derived-table-node';
import type { JoinNode } from './join-node';
import type { LockNode } from './lock-node';
import type { OperationNode } from './operation-node';
import type { OrderByItemNode } from './order-by-item-node';
import type { TableNode } from './table-node';

/** A selected expression. */
export type Selection = ColumnNode | AggregateNode | AliasNode;

/**
 * `SELECT selections FROM table JOIN .. WHERE .. GROUP BY .. HAVING .. ORDER BY .. LIMIT .. OFFSET .. FOR UPDATE`; inside another query (an
 * `in` operand) it is a parenthesised subquery.
 */
export interface SelectQueryNode {
  readonly kind: 'SelectQueryNode';
  readonly from: TableNode | DerivedTableNode;
  readonly selections: readonly Selection[];
  readonly joins?: readonly JoinNode[];
  readonly where?: OperationNode;
  readonly groupBy?: readonly ColumnNode[];
  readonly having?: OperationNode;
  readonly orderBy?: readonly OrderByItemNode[];
  readonly limit?: number;
  readonly offset?: number;
  /** A row lock taken by the select (`for update`, `for share`), last in the statement. */
  readonly lock?: LockNode;
}

export const SelectQueryNode = Object.freeze({
  is(node: OperationNode): node is SelectQueryNode {
    return node.kind === 'SelectQueryNode';
  },

  create(from: TableNode | DerivedTableNode, selections: readonly Selection[]): SelectQueryNode {
    return Object.freeze({ kind: 'SelectQueryNode', from, selections: Object.freeze([...selections]) });
  },

  withWhere(node: SelectQueryNode, where: OperationNode | undefined): SelectQueryNode {
    return Object.freeze({ ...node, where });
  },

  withJoin(node: SelectQueryNode, join: JoinNode): SelectQueryNode {
    return Object.freeze({ ...node, joins: Object.freeze([...(node.joins ?? []), join]) });
  },

  withGroupBy(node: SelectQueryNode, groupBy: readonly ColumnNode[]): SelectQueryNode {
    return Object.freeze({ ...node, groupBy: Object.freeze([...groupBy]) });
  },

  withHaving(node: SelectQueryNode, having: OperationNode | undefined): SelectQueryNode {
    return Object.freeze({ ...node, having });
  },

  withSelections(node: SelectQueryNode, selections: readonly Selection[]): SelectQueryNode {
    return Object.freeze({ ...node, selections: Object.freeze([...selections]) });
  },

  withOrderBy(node: SelectQueryNode, orderBy: readonly OrderByItemNode[]): SelectQueryNode {
    return Object.freeze({ ...node, orderBy: Object.freeze([...orderBy]) });
  },

  withLock(node: SelectQueryNode, lock: LockNode | undefined): SelectQueryNode {
    return Object.freeze({ ...node, lock });
  },

  withPagination(node: SelectQueryNode, limit: number | undefined, offset: number | undefined): SelectQueryNode {
    return Object.freeze({ ...node, limit, offset });
  },
});
