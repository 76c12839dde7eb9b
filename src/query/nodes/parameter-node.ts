import type { OperationNode } from './operation-node';

/** A numbered slot in a statement template: the flush compiles one template per shape and binds values to its slots per chunk. */
export interface ParameterNode {
  readonly kind: 'ParameterNode';
  readonly slot: number;
}

export const ParameterNode = Object.freeze({
  is(node: OperationNode): node is ParameterNode {
    return node.kind === 'ParameterNode';
  },

  create(slot: number): ParameterNode {
    return Object.freeze({ kind: 'ParameterNode', slot });
  },
});
