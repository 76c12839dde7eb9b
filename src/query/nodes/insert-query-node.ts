import type { ColumnNode } from './column-node';
import type { OnConflictNode } from './on-conflict-node';
import type { OperationNode } from './operation-node';
import type { TableNode } from './table-node';
import type { TupleNode } from './tuple-node';
import type { UnnestNode } from './unnest-node';

/** `INSERT INTO table (columns) VALUES (..), (..)` or `.. SELECT * FROM <source>`, `[RETURNING ..]`. */
export interface InsertQueryNode {
  readonly kind: 'InsertQueryNode';
  readonly into: TableNode;
  readonly columns: readonly ColumnNode[];
  readonly rows: readonly TupleNode[];
  /** Rows from a table expression instead of `rows`. */
  readonly source?: UnnestNode;
  readonly returning?: readonly ColumnNode[];
  /** An upsert: what a row whose unique key exists does instead of failing. */
  readonly onConflict?: OnConflictNode;
}

export const InsertQueryNode = Object.freeze({
  is(node: OperationNode): node is InsertQueryNode {
    return node.kind === 'InsertQueryNode';
  },

  create(into: TableNode, columns: readonly ColumnNode[], rows: readonly TupleNode[]): InsertQueryNode {
    return Object.freeze({
      kind: 'InsertQueryNode',
      into,
      columns: Object.freeze([...columns]),
      rows: Object.freeze([...rows]),
    });
  },

  withSource(node: InsertQueryNode, source: UnnestNode): InsertQueryNode {
    return Object.freeze({ ...node, rows: Object.freeze([]), source });
  },

  withReturning(node: InsertQueryNode, returning: readonly ColumnNode[]): InsertQueryNode {
    return Object.freeze({ ...node, returning: Object.freeze([...returning]) });
  },

  withOnConflict(node: InsertQueryNode, onConflict: OnConflictNode): InsertQueryNode {
    return Object.freeze({ ...node, onConflict });
  },

});
