import type { OperationNode } from './operation-node';

/** `cast(operand as dataType)`: where a database cannot infer a parameter's type (PostgreSQL in CASE arms). */
export interface CastNode {
  readonly kind: 'CastNode';
  readonly operand: OperationNode;
  readonly dataType: string;
}

export const CastNode = Object.freeze({
  is(node: OperationNode): node is CastNode {
    return node.kind === 'CastNode';
  },

  create(operand: OperationNode, dataType: string): CastNode {
    return Object.freeze({ kind: 'CastNode', operand, dataType });
  },
});
