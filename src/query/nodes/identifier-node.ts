import type { OperationNode } from './operation-node';

/** A table, column or alias name written into raw SQL, quoted by the dialect (never bound, never spliced as is). */
export interface IdentifierNode {
  readonly kind: 'IdentifierNode';
  readonly name: string;
}

export const IdentifierNode = Object.freeze({
  is(node: OperationNode): node is IdentifierNode {
    return node.kind === 'IdentifierNode';
  },

  create(name: string): IdentifierNode {
    return Object.freeze({ kind: 'IdentifierNode', name });
  },
});
