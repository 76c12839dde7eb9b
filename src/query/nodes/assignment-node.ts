import type { ColumnNode } from './column-node';
import type { OperationNode } from './operation-node';

/** `column = value` in an UPDATE's SET list. */
export interface AssignmentNode {
  readonly kind: 'AssignmentNode';
  readonly column: ColumnNode;
  readonly value: OperationNode;
}

export const AssignmentNode = Object.freeze({
  is(node: OperationNode): node is AssignmentNode {
    return node.kind === 'AssignmentNode';
  },

  create(column: ColumnNode, value: OperationNode): AssignmentNode {
    return Object.freeze({ kind: 'AssignmentNode', column, value });
  },
});
