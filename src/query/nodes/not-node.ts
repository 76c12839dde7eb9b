import type { OperationNode } from './operation-node';

/** `NOT (operand)`. */
export interface NotNode {
  readonly kind: 'NotNode';
  readonly operand: OperationNode;
}

export const NotNode = Object.freeze({
  is(node: OperationNode): node is NotNode {
    return node.kind === 'NotNode';
  },

  create(operand: OperationNode): NotNode {
    return Object.freeze({ kind: 'NotNode', operand });
  },
});
