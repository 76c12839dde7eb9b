import type { OperationNode } from './operation-node';

/** Which row lock a select takes: `update` (exclusive) or `share`. */
export type LockStrength = 'update' | 'share';

/** What a locked select does when a row is locked already: wait (the default), fail at once, or skip the row. */
export type LockWait = 'nowait' | 'skip_locked';

/** The row-lock clause of a select (`for update nowait`); each dialect writes it its own way, or not at all. */
export interface LockNode {
  readonly kind: 'LockNode';
  readonly strength: LockStrength;
  readonly wait?: LockWait;
}

export const LockNode = Object.freeze({
  is(node: OperationNode): node is LockNode {
    return node.kind === 'LockNode';
  },

  create(strength: LockStrength, wait?: LockWait): LockNode {
    return Object.freeze({ kind: 'LockNode', strength, wait });
  },
});
