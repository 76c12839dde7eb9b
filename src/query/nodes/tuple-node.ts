import type { OperationNode } from './operation-node';

/** A parenthesised list: the right side of IN, a row of VALUES, or a row value `("id", "version")`. */
export interface TupleNode {
  readonly kind: 'TupleNode';
  readonly items: readonly OperationNode[];
}

export const TupleNode = Object.freeze({
  is(node: OperationNode): node is TupleNode {
    return node.kind === 'TupleNode';
  },

  create(items: readonly OperationNode[]): TupleNode {
    return Object.freeze({ kind: 'TupleNode', items: Object.freeze([...items]) });
  },
});
