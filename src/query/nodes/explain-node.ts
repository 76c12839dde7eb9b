import type { OperationNode, QueryNode } from './operation-node';

/** `EXPLAIN <query>`, or with `analyze` the plan of an actual run; each dialect writes its own prefix. */
export interface ExplainNode {
  readonly kind: 'ExplainNode';
  readonly query: QueryNode;
  readonly analyze: boolean;
}

export const ExplainNode = Object.freeze({
  is(node: OperationNode): node is ExplainNode {
    return node.kind === 'ExplainNode';
  },

  create(query: QueryNode, analyze: boolean): ExplainNode {
    return Object.freeze({ kind: 'ExplainNode', query, analyze });
  },
});
