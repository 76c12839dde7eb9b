import type { OperationNode } from './operation-node';
import { ValuesNode } from './values-node';

/**
 * `unnest(a1, a2, ..) as alias(column1, column2, ..)`: a table made of array parameters, one per column, so a
 * batch of any size is a handful of parameters (PostgreSQL). Columns are named like a `ValuesNode`'s.
 */
export interface UnnestNode {
  readonly kind: 'UnnestNode';
  readonly arrays: readonly OperationNode[];
  readonly alias: string;
}

export const UnnestNode = Object.freeze({
  is(node: OperationNode): node is UnnestNode {
    return node.kind === 'UnnestNode';
  },

  create(arrays: readonly OperationNode[], alias: string): UnnestNode {
    return Object.freeze({ kind: 'UnnestNode', arrays: Object.freeze([...arrays]), alias });
  },

  columnName: ValuesNode.columnName,
});
