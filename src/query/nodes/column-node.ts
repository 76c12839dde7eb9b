import type { OperationNode } from './operation-node';

/** A column reference, quoted by the dialect; `table` qualifies it (`"t"."id"`). */
export interface ColumnNode {
  readonly kind: 'ColumnNode';
  readonly name: string;
  readonly table?: string;
}

export const ColumnNode = Object.freeze({
  is(node: OperationNode): node is ColumnNode {
    return node.kind === 'ColumnNode';
  },

  create(name: string, table?: string): ColumnNode {
    return Object.freeze({ kind: 'ColumnNode', name, table });
  },
});
