import type { TableWrites } from './commit-record';

/**
 * The unit of work's lifecycle events, in the order one flush raises them:
 * `beforeFlush` → `onFlush` → `afterFlush` → (at the outermost commit) `afterCommit` or `afterRollback`.
 * `S` is the session a listener works through (the flushing EntityManager); `C` a computed change set.
 *
 * A listener may rely on:
 * - flush events are awaited in subscription order; an error thrown there fails the flush like any error of
 *   it (nothing applied, entities keep their pending state, the transaction rolls back);
 * - `afterCommit`/`afterRollback` come once per outermost transaction (a flush outside `transactional` is one),
 *   never for a savepoint; they are not awaited (but for the cache's invalidation, subscribed as `awaited`), and an
 *   error in them is a process warning, not the caller's.
 */
export interface LifecycleEvents<S, C> {
  /**
   * Before anything is computed, outside any transaction: entities may still change, and what a listener changes,
   * persists or removes is written by this same flush.
   */
  beforeFlush: BeforeFlushEvent<S>;
  /**
   * Change sets computed (entity `before*` hooks ran), before validation and any statement. A listener may still
   * change, persist or remove entities (through the session or the entities themselves): the change sets are then
   * computed again, new entities' hooks run, and what it did is written by this same flush. `changeSets` is the list
   * as computed before the listeners ran.
   */
  onFlush: FlushEvent<S, C>;
  /**
   * The flush's statements ran, inside its transaction (still open): the event's `session` runs its statements
   * (`qb`, `sql`) in that transaction, so what a listener writes commits or rolls back with the flush.
   */
  afterFlush: AfterFlushEvent<S, C>;
  afterCommit: CommitEvent;
  afterRollback: RollbackEvent;
}

export interface BeforeFlushEvent<S> {
  readonly session: S;
}

export interface FlushEvent<S, C> {
  readonly session: S;
  /** One per entity inserted, updated or deleted (pivot rows are in the commit record). Read only. */
  readonly changeSets: readonly C[];
}

export interface AfterFlushEvent<S, C> extends FlushEvent<S, C> {
  /** The primary key (JS form) of each change set's row, parallel to `changeSets`; generated keys included. */
  readonly keys: readonly unknown[];
  /** The outermost transaction's id, as its `afterCommit`/`afterRollback` will carry it. */
  readonly transactionId: string;
}

/** The outermost transaction committed: exactly what it wrote, per table. */
export interface CommitEvent {
  readonly tables: readonly TableWrites[];
  /** Names the transaction (one id per outermost transaction, shared with its flushes' `afterFlush`). */
  readonly transactionId: string;
}

/**
 * The outermost transaction rolled back (or, when `error` is a `CommitOutcomeUnknownError`, may have committed):
 * what it attempted, less what savepoints already rolled back.
 */
export interface RollbackEvent {
  readonly tables: readonly TableWrites[];
  readonly error: unknown;
  readonly transactionId: string;
}

/** The events of the outermost commit, all a transaction scope publishes. */
export type CommitEvents = Pick<LifecycleEvents<never, never>, 'afterCommit' | 'afterRollback'>;
