import type { ColumnNode } from './column-node';
import type { OperationNode } from './operation-node';
import type { TableNode } from './table-node';
import type { UnnestNode } from './unnest-node';

/** `DELETE FROM table [USING rows] WHERE .. [RETURNING ..]`. */
export interface DeleteQueryNode {
  readonly kind: 'DeleteQueryNode';
  readonly from: TableNode;
  /** Rows joined to the target (PostgreSQL): the WHERE says how they match. */
  readonly using?: UnnestNode;
  readonly where?: OperationNode;
  readonly returning?: readonly ColumnNode[];
}

export const DeleteQueryNode = Object.freeze({
  is(node: OperationNode): node is DeleteQueryNode {
    return node.kind === 'DeleteQueryNode';
  },

  create(from: TableNode, where?: OperationNode): DeleteQueryNode {
    return Object.freeze({ kind: 'DeleteQueryNode', from, where });
  },

  withUsing(node: DeleteQueryNode, using: UnnestNode): DeleteQueryNode {
    return Object.freeze({ ...node, using });
  },

  withWhere(node: DeleteQueryNode, where: OperationNode | undefined): DeleteQueryNode {
    return Object.freeze({ ...node, where });
  },

  withReturning(node: DeleteQueryNode, returning: readonly ColumnNode[]): DeleteQueryNode {
    return Object.freeze({ ...node, returning: Object.freeze([...returning]) });
  },
});
