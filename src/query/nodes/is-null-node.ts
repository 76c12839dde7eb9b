import type { OperationNode } from './operation-node';

/** `operand IS NULL` or `operand IS NOT NULL`. */
export interface IsNullNode {
  readonly kind: 'IsNullNode';
  readonly operand: OperationNode;
  readonly negated: boolean;
}

export const IsNullNode = Object.freeze({
  is(node: OperationNode): node is IsNullNode {
    return node.kind === 'IsNullNode';
  },

  create(operand: OperationNode, negated = false): IsNullNode {
    return Object.freeze({ kind: 'IsNullNode', operand, negated });
  },
});
