import type { OperationNode } from './operation-node';

/** `count(*)`, or an aggregate over one column. */
export interface AggregateNode {
  readonly kind: 'AggregateNode';
  readonly fn: 'count' | 'sum' | 'avg' | 'min' | 'max';
  /** undefined means `*`. */
  readonly argument?: OperationNode;
  /** The name of the result column; undefined inside a condition (`having count(..) >= ?`). */
  readonly alias?: string;
}

export const AggregateNode = Object.freeze({
  is(node: OperationNode): node is AggregateNode {
    return node.kind === 'AggregateNode';
  },

  create(fn: AggregateNode['fn'], alias: string | undefined, argument?: OperationNode): AggregateNode {
    return Object.freeze({ kind: 'AggregateNode', fn, argument, alias });
  },
});
