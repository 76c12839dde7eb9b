import type { OperationNode } from './operation-node';
import type { TupleNode } from './tuple-node';

/**
 * An inline table of rows, `(values (..), (..)) as alias`, whose columns are named column1, column2, ... as
 * PostgreSQL and SQLite name them (MySQL renders it as a derived table with those names). A batched UPDATE
 * joins its target to one, so each row gets its own values in linear time.
 */
export interface ValuesNode {
  readonly kind: 'ValuesNode';
  readonly rows: readonly TupleNode[];
  readonly alias: string;
}

export const ValuesNode = Object.freeze({
  is(node: OperationNode): node is ValuesNode {
    return node.kind === 'ValuesNode';
  },

  create(rows: readonly TupleNode[], alias: string): ValuesNode {
    return Object.freeze({ kind: 'ValuesNode', rows: Object.freeze([...rows]), alias });
  },

  /** The name of the n-th (0-based) column of a values table. */
  columnName(index: number): string {
    return `column${index + 1}`;
  },
});
