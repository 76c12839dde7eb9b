import type { ColumnNode } from './column-node';
import type { OperationNode } from './operation-node';

/**
 * What an INSERT does with a row whose unique key exists: update the `merge` columns from the proposed row, or
 * skip it (`merge` undefined). `columns` name the unique key (PostgreSQL, SQLite); MySQL uses any unique key.
 */
export interface OnConflictNode {
  readonly kind: 'OnConflictNode';
  readonly columns: readonly ColumnNode[];
  readonly merge?: readonly ColumnNode[];
}

export const OnConflictNode = Object.freeze({
  is(node: OperationNode): node is OnConflictNode {
    return node.kind === 'OnConflictNode';
  },

  create(columns: readonly ColumnNode[], merge?: readonly ColumnNode[]): OnConflictNode {
    return Object.freeze({
      kind: 'OnConflictNode',
      columns: Object.freeze([...columns]),
      merge: merge && Object.freeze([...merge]),
    });
  },
});
