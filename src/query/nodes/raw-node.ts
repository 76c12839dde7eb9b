import type { OperationNode } from './operation-node';

/**
 * Hand-written SQL: `fragments[0] values[0] fragments[1] .. fragments[n]`. The fragments are SQL text written by
 * the programmer; every value is a node (a bound `ValueNode`, a quoted `IdentifierNode`, or a nested `RawNode`),
 * so the compiler numbers the placeholders of nested fragments as it goes.
 */
export interface RawNode {
  readonly kind: 'RawNode';
  readonly fragments: readonly string[];
  readonly values: readonly OperationNode[];
}

export const RawNode = Object.freeze({
  is(node: OperationNode): node is RawNode {
    return node.kind === 'RawNode';
  },

  /** `fragments` has one more entry than `values` (as a template literal's strings have). */
  create(fragments: readonly string[], values: readonly OperationNode[]): RawNode {
    return Object.freeze({ kind: 'RawNode', fragments: Object.freeze([...fragments]), values: Object.freeze([...values]) });
  },
});
