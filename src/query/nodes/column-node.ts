import type { OperationNode } from './operation-node';

/** A column reference, quoted by the dialect. */
export interface ColumnNode {
  readonly kind: 'ColumnNode';
  readonly name: string;
}

export const ColumnNode = Object.freeze({
  is(node: OperationNode): node is ColumnNode {
    return node.kind === 'ColumnNode';
  },

  create(name: string): ColumnNode {
    return Object.freeze({ kind: 'ColumnNode', name });
  },
});
