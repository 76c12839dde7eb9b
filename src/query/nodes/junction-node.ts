import type { OperationNode } from './operation-node';

/** `a AND b AND c` or `a OR b OR c`: one node for any number of operands, parenthesised by the compiler. */
export interface JunctionNode {
  readonly kind: 'JunctionNode';
  readonly operator: 'and' | 'or';
  readonly items: readonly OperationNode[];
}

export const JunctionNode = Object.freeze({
  is(node: OperationNode): node is JunctionNode {
    return node.kind === 'JunctionNode';
  },

  create(operator: 'and' | 'or', items: readonly OperationNode[]): JunctionNode {
    return Object.freeze({ kind: 'JunctionNode', operator, items: Object.freeze([...items]) });
  },

  withItem(node: JunctionNode, item: OperationNode): JunctionNode {
    return JunctionNode.create(node.operator, [...node.items, item]);
  },
});
