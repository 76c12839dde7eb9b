import type { OperationNode } from './operation-node';

/** One `WHEN value THEN result` arm. */
export interface WhenArm {
  readonly when: OperationNode;
  readonly then: OperationNode;
}

/** `CASE subject WHEN .. THEN .. END`: how one UPDATE gives each row of a batch its own value. */
export interface CaseNode {
  readonly kind: 'CaseNode';
  readonly subject: OperationNode;
  readonly arms: readonly WhenArm[];
}

export const CaseNode = Object.freeze({
  is(node: OperationNode): node is CaseNode {
    return node.kind === 'CaseNode';
  },

  create(subject: OperationNode, arms: readonly WhenArm[]): CaseNode {
    return Object.freeze({ kind: 'CaseNode', subject, arms: Object.freeze(arms.map((a) => Object.freeze({ ...a }))) });
  },
});
