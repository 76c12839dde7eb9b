import type { OperationNode } from './operation-node';
import type { TableNode } from './table-node';

/** `inner join t as a on ..` / `left join t as a on ..`. */
export interface JoinNode {
  readonly kind: 'JoinNode';
  readonly joinType: 'inner' | 'left';
  readonly table: TableNode;
  readonly on: OperationNode;
}

export const JoinNode = Object.freeze({
  is(node: OperationNode): node is JoinNode {
    return node.kind === 'JoinNode';
  },

  create(joinType: JoinNode['joinType'], table: TableNode, on: OperationNode): JoinNode {
    return Object.freeze({ kind: 'JoinNode', joinType, table, on });
  },
});
