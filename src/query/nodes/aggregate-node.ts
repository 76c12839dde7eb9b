import type { OperationNode } from './operation-node';

/** `count(*)`, or an aggregate over one column. */
export interface AggregateNode {
  readonly kind: 'AggregateNode';
  readonly fn: 'count' | 'sum' | 'avg' | 'min' | 'max';
  /** undefined means `*`. */
  readonly argument?: OperationNode;
  readonly alias: string;
}

export const AggregateNode = Object.freeze({
  is(node: OperationNode): node is AggregateNode {
    return node.kind === 'AggregateNode';
  },

  create(fn: AggregateNode['fn'], alias: string, argument?: OperationNode): AggregateNode {
    return Object.freeze({ kind: 'AggregateNode', fn, argument, alias });
  },
});
