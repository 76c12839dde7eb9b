import type { AssignmentNode } from './assignment-node';
import type { OperationNode } from './operation-node';
import type { TableNode } from './table-node';
import type { UnnestNode } from './unnest-node';
import type { ValuesNode } from './values-node';

/** `UPDATE table SET .. [FROM values] WHERE ..`. */
export interface UpdateQueryNode {
  readonly kind: 'UpdateQueryNode';
  readonly table: TableNode;
  readonly set: readonly AssignmentNode[];
  /** Rows joined to the target: the WHERE says how they match. */
  readonly from?: ValuesNode | UnnestNode;
  readonly where?: OperationNode;
}

export const UpdateQueryNode = Object.freeze({
  is(node: OperationNode): node is UpdateQueryNode {
    return node.kind === 'UpdateQueryNode';
  },

  create(table: TableNode, set: readonly AssignmentNode[], where?: OperationNode): UpdateQueryNode {
    return Object.freeze({ kind: 'UpdateQueryNode', table, set: Object.freeze([...set]), where });
  },

  withFrom(node: UpdateQueryNode, from: ValuesNode | UnnestNode): UpdateQueryNode {
    return Object.freeze({ ...node, from });
  },
});
