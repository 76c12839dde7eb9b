import type { OperationNode } from './operation-node';

/** A value, always sent as a bound parameter, never spliced into SQL. */
export interface ValueNode {
  readonly kind: 'ValueNode';
  readonly value: unknown;
}

export const ValueNode = Object.freeze({
  is(node: OperationNode): node is ValueNode {
    return node.kind === 'ValueNode';
  },

  create(value: unknown): ValueNode {
    return Object.freeze({ kind: 'ValueNode', value });
  },
});
