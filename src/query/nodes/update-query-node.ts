import type { AssignmentNode } from './assignment-node';
import type { OperationNode } from './operation-node';
import type { TableNode } from './table-node';

/** `UPDATE table SET .. WHERE ..`. */
export interface UpdateQueryNode {
  readonly kind: 'UpdateQueryNode';
  readonly table: TableNode;
  readonly set: readonly AssignmentNode[];
  readonly where?: OperationNode;
}

export const UpdateQueryNode = Object.freeze({
  is(node: OperationNode): node is UpdateQueryNode {
    return node.kind === 'UpdateQueryNode';
  },

  create(table: TableNode, set: readonly AssignmentNode[], where?: OperationNode): UpdateQueryNode {
    return Object.freeze({ kind: 'UpdateQueryNode', table, set: Object.freeze([...set]), where });
  },
});
