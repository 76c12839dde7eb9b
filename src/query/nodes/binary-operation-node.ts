import type { OperationNode } from './operation-node';

/** Comparison and arithmetic operators; `ilike` is rendered by each dialect (ILIKE, or lower() LIKE lower()). */
export type BinaryOperator = '=' | '<>' | '>' | '>=' | '<' | '<=' | 'like' | 'ilike' | 'in' | 'not in' | '+';

/** `left operator right`, e.g. `"age" >= $1` or `"version" + 1`. */
export interface BinaryOperationNode {
  readonly kind: 'BinaryOperationNode';
  readonly left: OperationNode;
  readonly operator: BinaryOperator;
  readonly right: OperationNode;
}

export const BinaryOperationNode = Object.freeze({
  is(node: OperationNode): node is BinaryOperationNode {
    return node.kind === 'BinaryOperationNode';
  },

  create(left: OperationNode, operator: BinaryOperator, right: OperationNode): BinaryOperationNode {
    return Object.freeze({ kind: 'BinaryOperationNode', left, operator, right });
  },
});
