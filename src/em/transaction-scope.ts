import { randomUUID } from 'node:crypto';
import { CommitOutcomeUnknownError } from '../errors/driver-error';
import { UsageError } from '../errors/usage-error';
import type { Connection, Driver, TransactionOptions } from '../dialects/driver';
import { CommitRecord } from '../events/commit-record';
import type { EventBus } from '../events/event-bus';
import type { CommitEvents } from '../events/lifecycle-events';
import type { RuntimeDriver } from '../dialects/runtime-driver';
import { isCommitOutcomeUnknown } from './commit-outcome';

/**
 * Runs work in a transaction on one connection: the outermost scope begins and commits, nested ones use
 * savepoints, so a caught inner failure rolls back only the inner part. The outermost scope alone publishes
 * `afterCommit` / `afterRollback`, with the `record` its writes (and its released savepoints') were noted in.
 */
export class TransactionScope {
  private savepoints = 0;
  private finished = false;
  /** A part that failed without a savepoint to undo it: the transaction can only roll back. */
  private failure: unknown;

  private constructor(
    private readonly driver: Driver,
    readonly connection: Connection,
    private readonly depth: number,
    /** What this scope wrote, while someone listens for commit events (decided once, as the transaction begins). */
    readonly record: CommitRecord | undefined,
    /** Names the outermost transaction (savepoints share it), e.g. in audit rows and change events. */
    readonly transactionId: string,
  ) {}

  /** Opens a transaction on a pooled connection, runs `work` in it, commits, and always releases. */
  static async run<R>(
    driver: Driver,
    options: TransactionOptions,
    work: (scope: TransactionScope) => Promise<R>,
    events?: EventBus<CommitEvents>,
  ): Promise<R> {
    const connection = await driver.acquire();
    const record = events && (events.has('afterCommit') || events.has('afterRollback')) ? new CommitRecord() : undefined;
    const scope = new TransactionScope(driver, connection, 0, record, randomUUID());
    const { transactionId } = scope;
    try {
      await driver.begin(connection, options);
      try {
        const result = await work(scope);
        if (scope.failure !== undefined) throw scope.failure;
        await commit(driver, connection);
        if (record) await events!.publish('afterCommit', { tables: record.tables, transactionId });
        return result;
      } catch (error) {
        // The original failure matters more than a failed rollback (e.g. on a lost connection).
        await driver.rollback(connection).catch(() => undefined);
        if (record) await events!.publish('afterRollback', { tables: record.tables, error, transactionId });
        throw error;
      }
    } finally {
      scope.finished = true;
      await driver.release(connection);
    }
  }

  /**
   * Runs `work` (a flush) as part of this transaction: in a savepoint where the driver has them, so a failure
   * undoes only `work`; otherwise directly, and a failure dooms the transaction (it rolls back, even if the
   * caller catches the error), since what `work` wrote before failing cannot be undone alone.
   */
  async part<R>(work: (scope: TransactionScope) => Promise<R>): Promise<R> {
    if (this.driver.savepoints) return this.nested(work);
    this.assertOpen();
    try {
      return await work(this);
    } catch (error) {
      this.failure ??= error;
      throw error;
    }
  }

  /** Runs `work` inside a savepoint of this transaction. */
  async nested<R>(work: (scope: TransactionScope) => Promise<R>): Promise<R> {
    this.assertOpen();
    const savepoints = this.driver.savepoints;
    if (!savepoints) throw UsageError.unsupportedByDialect(dialectName(this.driver), 'savepoints', 'a nested transaction');
    const name = `tessera_sp_${this.depth + 1}_${++this.savepoints}`;
    const inner = new TransactionScope(this.driver, this.connection, this.depth + 1, this.record && new CommitRecord(), this.transactionId);
    await savepoints.create(this.connection, name);
    try {
      const result = await work(inner);
      await savepoints.release(this.connection, name);
      // What a rolled-back savepoint wrote is gone; what a released one wrote is the transaction's.
      if (inner.record) this.record!.merge(inner.record);
      return result;
    } catch (error) {
      await savepoints.rollbackTo(this.connection, name).catch(() => undefined);
      throw error;
    } finally {
      inner.finished = true;
    }
  }

  assertOpen(): void {
    if (this.finished) throw UsageError.transactionFinished();
  }
}

/** The dialect's name, which the runtime wrapper (the driver the core is given) knows. */
function dialectName(driver: Driver): string {
  return (driver as Partial<Pick<RuntimeDriver, 'dialect'>>).dialect?.name ?? 'current';
}

/** The outermost COMMIT, whose failure is reported as `CommitOutcomeUnknownError` when it may have committed. */
async function commit(driver: Driver, connection: Connection): Promise<void> {
  try {
    await driver.commit(connection);
  } catch (error) {
    throw isCommitOutcomeUnknown(error) ? CommitOutcomeUnknownError.atCommit(error as Error) : error;
  }
}
