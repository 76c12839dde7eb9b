import type { OperationNode } from './operation-node';

/** A table reference, quoted by the dialect. */
export interface TableNode {
  readonly kind: 'TableNode';
  readonly name: string;
}

export const TableNode = Object.freeze({
  is(node: OperationNode): node is TableNode {
    return node.kind === 'TableNode';
  },

  create(name: string): TableNode {
    return Object.freeze({ kind: 'TableNode', name });
  },
});
