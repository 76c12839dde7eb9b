import type { AggregateNode } from './aggregate-node';
import type { ColumnNode } from './column-node';
import type { OperationNode } from './operation-node';
import type { OrderByItemNode } from './order-by-item-node';
import type { TableNode } from './table-node';

/** `SELECT selections FROM table WHERE .. ORDER BY .. LIMIT .. OFFSET ..`. */
export interface SelectQueryNode {
  readonly kind: 'SelectQueryNode';
  readonly from: TableNode;
  readonly selections: readonly (ColumnNode | AggregateNode)[];
  readonly where?: OperationNode;
  readonly orderBy?: readonly OrderByItemNode[];
  readonly limit?: number;
  readonly offset?: number;
}

export const SelectQueryNode = Object.freeze({
  is(node: OperationNode): node is SelectQueryNode {
    return node.kind === 'SelectQueryNode';
  },

  create(from: TableNode, selections: readonly (ColumnNode | AggregateNode)[]): SelectQueryNode {
    return Object.freeze({ kind: 'SelectQueryNode', from, selections: Object.freeze([...selections]) });
  },

  withWhere(node: SelectQueryNode, where: OperationNode | undefined): SelectQueryNode {
    return Object.freeze({ ...node, where });
  },

  withOrderBy(node: SelectQueryNode, orderBy: readonly OrderByItemNode[]): SelectQueryNode {
    return Object.freeze({ ...node, orderBy: Object.freeze([...orderBy]) });
  },

  withPagination(node: SelectQueryNode, limit: number | undefined, offset: number | undefined): SelectQueryNode {
    return Object.freeze({ ...node, limit, offset });
  },
});
