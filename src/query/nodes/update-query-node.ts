import type { AssignmentNode } from './assignment-node';
import type { ColumnNode } from './column-node';
import type { OperationNode } from './operation-node';
import type { TableNode } from './table-node';
import type { UnnestNode } from './unnest-node';
import type { ValuesNode } from './values-node';

/** `UPDATE table SET .. [FROM values] WHERE .. [RETURNING ..]`. */
export interface UpdateQueryNode {
  readonly kind: 'UpdateQueryNode';
  readonly table: TableNode;
  readonly set: readonly AssignmentNode[];
  /** Rows joined to the target: the WHERE says how they match. */
  readonly from?: ValuesNode | UnnestNode;
  readonly where?: OperationNode;
  readonly returning?: readonly ColumnNode[];
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

  withWhere(node: UpdateQueryNode, where: OperationNode | undefined): UpdateQueryNode {
    return Object.freeze({ ...node, where });
  },

  withReturning(node: UpdateQueryNode, returning: readonly ColumnNode[]): UpdateQueryNode {
    return Object.freeze({ ...node, returning: Object.freeze([...returning]) });
  },
});
