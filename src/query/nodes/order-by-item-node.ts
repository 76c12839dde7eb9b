import type { ColumnNode } from './column-node';
import type { OperationNode } from './operation-node';

/** One `ORDER BY` item. */
export interface OrderByItemNode {
  readonly kind: 'OrderByItemNode';
  readonly column: ColumnNode;
  readonly direction: 'asc' | 'desc';
}

export const OrderByItemNode = Object.freeze({
  is(node: OperationNode): node is OrderByItemNode {
    return node.kind === 'OrderByItemNode';
  },

  create(column: ColumnNode, direction: 'asc' | 'desc'): OrderByItemNode {
    return Object.freeze({ kind: 'OrderByItemNode', column, direction });
  },
});
