import type { OperationNode } from './operation-node';

/** A constant truth value (an empty `$in` is false; an empty `$and` is true). */
export interface ConstantNode {
  readonly kind: 'ConstantNode';
  readonly value: boolean;
}

export const ConstantNode = Object.freeze({
  is(node: OperationNode): node is ConstantNode {
    return node.kind === 'ConstantNode';
  },

  create(value: boolean): ConstantNode {
    return Object.freeze({ kind: 'ConstantNode', value });
  },
});
