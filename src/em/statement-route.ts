import { randomUUID } from 'node:crypto';
import type { Driver, QueryResult, StatementConnection } from '../dialects/driver';
import { CommitRecord, type BulkWriteKind } from '../events/commit-record';
import type { EventBus } from '../events/event-bus';
import type { CommitEvents } from '../events/lifecycle-events';
import type { Row } from '../mapper/entity-mapper';
import type { CompiledQuery } from '../query/compiler/compiled-query';
import { TransactionScope } from './transaction-scope';

/**
 * Where one EntityManager's statements run: on its transaction's connection inside `transactional`, otherwise
 * on a pooled connection taken for the one statement (or held for the whole of a stream).
 */
export class StatementRoute {
  constructor(
    private readonly driver: Driver,
    readonly scope: TransactionScope | undefined,
    private readonly events?: EventBus<CommitEvents>,
  ) {}

  get inTransaction(): boolean {
    return this.scope !== undefined;
  }

  async rows(query: CompiledQuery): Promise<Row[]> {
    return (await this.run(query)).rows;
  }

  async run(query: CompiledQuery): Promise<QueryResult> {
    if (this.scope) {
      this.scope.assertOpen();
      return this.scope.connection.execute(query);
    }
    const connection = await this.driver.acquire();
    try {
      return await connection.execute(query);
    } finally {
      await this.driver.release(connection);
    }
  }

  /**
   * A query-builder write: noted by table in the transaction's commit record, or outside a transaction (where the
   * statement commits on its own) published at once as its own commit or rollback.
   */
  async bulkWrite(query: CompiledQuery, table: string, kind: BulkWriteKind): Promise<QueryResult> {
    const record = this.scope?.record;
    const events = this.events;
    if (this.scope || !events || !(events.has('afterCommit') || events.has('afterRollback'))) {
      const result = await this.run(query);
      record?.bulk(table, kind);
      return result;
    }
    const own = new CommitRecord();
    own.bulk(table, kind);
    const { tables } = own;
    const transactionId = randomUUID();
    let result: QueryResult;
    try {
      result = await this.run(query);
    } catch (error) {
      await events.publish('afterRollback', { tables, error, transactionId });
      throw error;
    }
    await events.publish('afterCommit', { tables, transactionId });
    return result;
  }

  /** A query's rows a batch at a time; outside a transaction the connection is held until the iterator ends. */
  async *stream(query: CompiledQuery, batchSize: number): AsyncIterableIterator<Row[]> {
    if (this.scope) {
      this.scope.assertOpen();
      return yield* this.scope.connection.stream(query, { batchSize, inTransaction: true });
    }
    const connection = await this.driver.acquire();
    try {
      yield* connection.stream(query, { batchSize, inTransaction: false });
    } finally {
      await this.driver.release(connection);
    }
  }

  /**
   * Runs `work` on this route's transaction connection as it stands (no savepoint: an afterFlush session's writes
   * are part of the flush's), or outside a transaction in one of its own.
   */
  onTransaction<R>(work: (connection: StatementConnection) => Promise<R>): Promise<R> {
    if (!this.scope) return this.write((scope) => work(scope.connection));
    this.scope.assertOpen();
    return work(this.scope.connection);
  }

  /** The route of this one's statements inside `scope` (a transaction it opened). */
  within(scope: TransactionScope): StatementRoute {
    return scope === this.scope ? this : new StatementRoute(this.driver, scope, this.events);
  }

  /** Writes as a part of the current transaction (a savepoint where the driver has them), or in a transaction of their own. */
  write<R>(work: (scope: TransactionScope) => Promise<R>): Promise<R> {
    return this.scope ? this.scope.part(work) : TransactionScope.run(this.driver, {}, work, this.events);
  }
}
