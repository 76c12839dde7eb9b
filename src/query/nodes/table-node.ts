import type { OperationNode } from './operation-node';

/** A table reference, quoted by the dialect; `alias` names it for the rest of the query (`"book" as "b"`). */
export interface TableNode {
  readonly kind: 'TableNode';
  readonly name: string;
  readonly alias?: string;
}

export const TableNode = Object.freeze({
  is(node: OperationNode): node is TableNode {
    return node.kind === 'TableNode';
  },

  create(name: string, alias?: string): TableNode {
    return Object.freeze(alias === undefined ? { kind: 'TableNode', name } : { kind: 'TableNode', name, alias });
  },
});
