import type { OperationNode } from './operation-node';

/** `expression as "alias"` in a select list. */
export interface AliasNode {
  readonly kind: 'AliasNode';
  readonly node: OperationNode;
  readonly alias: string;
}

export const AliasNode = Object.freeze({
  is(node: OperationNode): node is AliasNode {
    return node.kind === 'AliasNode';
  },

  create(node: OperationNode, alias: string): AliasNode {
    return Object.freeze({ kind: 'AliasNode', node, alias });
  },
});
