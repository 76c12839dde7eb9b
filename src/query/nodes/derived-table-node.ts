import type { OperationNode } from './operation-node';
import type { SelectQueryNode } from './select-query-node';

/** `(select ..) as "alias"` in a FROM clause. */
export interface DerivedTableNode {
  readonly kind: 'DerivedTableNode';
  readonly query: SelectQueryNode;
  readonly alias: string;
}

export const DerivedTableNode = Object.freeze({
  is(node: OperationNode): node is DerivedTableNode {
    return node.kind === 'DerivedTableNode';
  },

  create(query: SelectQueryNode, alias: string): DerivedTableNode {
    return Object.freeze({ kind: 'DerivedTableNode', query, alias });
  },
});
