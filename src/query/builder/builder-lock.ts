import { QueryError } from '../../errors/query-error';
import { UsageError } from '../../errors/usage-error';
import { LockNode, type LockStrength } from '../nodes/lock-node';

/** What a locked select does when a row is locked already: wait (the default), fail at once, or skip the row. */
export interface BuilderLockOptions {
  /** Fail at once with a `LockWaitTimeoutError` instead of waiting. */
  nowait?: boolean;
  /** Leave locked rows out instead of waiting. */
  skipLocked?: boolean;
}

/**
 * The lock clause of `forUpdate` / `forShare`. A row lock lasts until its transaction ends, so outside one it would
 * end with its own statement: a `UsageError`, like `find` with a `lockMode`.
 */
export function builderLock(strength: LockStrength, options: BuilderLockOptions, inTransaction: boolean): LockNode {
  if (!inTransaction) throw UsageError.lockOutsideTransaction(strength === 'update' ? 'qb(..).forUpdate' : 'qb(..).forShare');
  if (options.nowait && options.skipLocked) throw QueryError.badLockOption('lockWait', 'nowait and skip_locked');
  return LockNode.create(strength, options.nowait ? 'nowait' : options.skipLocked ? 'skip_locked' : undefined);
}
