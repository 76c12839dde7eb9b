import type { OperationNode } from './operation-node';
import type { TableNode } from './table-node';

/** `DELETE FROM table WHERE ..`. */
export interface DeleteQueryNode {
  readonly kind: 'DeleteQueryNode';
  readonly from: TableNode;
  readonly where?: OperationNode;
}

export const DeleteQueryNode = Object.freeze({
  is(node: OperationNode): node is DeleteQueryNode {
    return node.kind === 'DeleteQueryNode';
  },

  create(from: TableNode, where?: OperationNode): DeleteQueryNode {
    return Object.freeze({ kind: 'DeleteQueryNode', from, where });
  },
});
