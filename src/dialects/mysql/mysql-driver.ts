import type { Socket } from 'node:net';
import type * as Mysql from 'mysql2';
import { ConnectionError, QueryTimeoutError } from '../../errors/driver-error';
import { QueryError } from '../../errors/query-error';
import type { CompiledQuery } from '../../query/compiler/compiled-query';
import type { Connection, ConnectionOptions, IsolationLevel, QueryResult, RowStreamOptions } from '../driver';
import { loadOptional } from '../load-optional';
import { withDeadline } from '../network-timeouts';
import { PooledSqlDriver } from '../../sql/pooled-sql-driver';
import type { PooledClient } from '../../sql/tarn-pool';
import { mapMysqlError } from './mysql-error-mapper';
import { mayExceedPacket, readMaxPacket, statementBytes } from './mysql-packet-limit';
import { MysqlRowBatcher } from './mysql-row-batcher';

interface MysqlClient extends PooledClient {
  readonly connection: Mysql.Connection;
  /** The server's max_allowed_packet, read when a large statement first needs it. */
  maxPacket?: number;
}

/** MariaDB/MySQL server error: the session variable does not exist (MySQL has no max_statement_time). */
const ER_UNKNOWN_SYSTEM_VARIABLE = 1193;

/**
 * Closes a connection's socket at once and marks it broken. mysql2's destroy() only half-closes the socket,
 * which keeps the process alive for as long as a silent server does not answer.
 */
function discard(pooled: MysqlClient): void {
  pooled.broken = true;
  pooled.connection.destroy();
  (pooled.connection as unknown as { stream: Socket }).stream.destroy();
}

/**
 * mysql2 hands a fatal error (a killed session, a reset, a restart) to the running command rather than emitting
 * it on the connection, and refuses every later command: such a connection must leave the pool.
 */
function isFatal(error: unknown): boolean {
  const { fatal, code } = error as { fatal?: unknown; code?: unknown };
  // An oversized packet is answered with an error and then the server closes the connection.
  return fatal === true || code === 'ER_NET_PACKET_TOO_LARGE' || mapMysqlError(error, undefined) instanceof ConnectionError;
}

class MysqlConnection implements Connection {
  constructor(
    readonly pooled: MysqlClient,
    /** The client deadline for one statement, from `statementTimeoutMs`. */
    private readonly deadlineMs: number | undefined,
  ) {}

  execute(query: CompiledQuery): Promise<QueryResult> {
    if (this.pooled.broken) return Promise.reject(ConnectionError.lost('mysql'));
    if (mayExceedPacket(query.sql, query.params)) return this.checkSize(query).then(() => this.send(query));
    return this.send(query);
  }

  /**
   * mysql2 writes the values into the statement's text, so a long `$in` list or a huge blob can pass the
   * server's max_allowed_packet, which the server answers by closing the connection: refuse it here instead.
   */
  private async checkSize(query: CompiledQuery): Promise<void> {
    const { connection } = this.pooled;
    this.pooled.maxPacket ??= await readMaxPacket(connection);
    const bytes = statementBytes(connection, query.sql, query.params);
    if (bytes > this.pooled.maxPacket) throw QueryError.statementTooLarge(bytes, this.pooled.maxPacket, 'max_allowed_packet');
  }

  private send(query: CompiledQuery): Promise<QueryResult> {
    const sent = new Promise<QueryResult>((resolve, reject) => {
      // query() sends the values separately from the SQL text; mysql2 escapes each one into its placeholder.
      this.pooled.connection.query(query.sql, query.params as unknown[], (error, result) => {
        if (error) {
          if (isFatal(error)) discard(this.pooled);
          return reject(error);
        }
        if (Array.isArray(result)) return resolve({ rows: result as Record<string, unknown>[], affectedRows: result.length });
        const header = result as Mysql.ResultSetHeader;
        resolve({ rows: [], affectedRows: header.affectedRows, insertId: header.insertId });
      });
    });
    return this.deadlineMs === undefined ? sent : this.bounded(sent, query.sql);
  }

  private bounded<T>(work: Promise<T>, sql: string): Promise<T> {
    const ms = this.deadlineMs!;
    return withDeadline(work, ms, () => {
      discard(this.pooled);
      return QueryTimeoutError.clientDeadline('mysql', ms, sql);
    });
  }

  /**
   * mysql2's row events with the socket paused between batches. MySQL cannot stop a result half-sent, so an
   * early exit either drains the rest (inside a transaction, which must survive) or discards the connection:
   * it is destroyed and marked broken, so the pool never hands it out mid-result.
   */
  async *stream(query: CompiledQuery, options: RowStreamOptions): AsyncIterableIterator<Record<string, unknown>[]> {
    if (this.pooled.broken) throw ConnectionError.lost('mysql');
    const { connection } = this.pooled;
    const batcher = new MysqlRowBatcher(options.batchSize, connection);
    // A lost connection (a killed session, a crashed server) is emitted on the connection, not on a query that
    // has no callback: without this the stream would wait for rows that never come, holding its connection.
    const lost = (error: unknown) => batcher.fail(error);
    connection.on('error', lost);
    connection
      .query(query.sql, query.params as unknown[])
      .on('result', (row) => batcher.push(row as Record<string, unknown>))
      .on('error', (error) => batcher.fail(error))
      .on('end', () => batcher.end());
    const next = () => (this.deadlineMs === undefined ? batcher.next() : this.bounded(batcher.next(), query.sql));
    let finished = false;
    try {
      for (let batch = await next(); batch; batch = await next()) yield batch;
      finished = true;
    } catch (error) {
      // A server error ends the result cleanly; the connection is fine. A lost one must leave the pool.
      finished = true;
      if (isFatal(error)) discard(this.pooled);
      throw error;
    } finally {
      if (!finished) {
        if (options.inTransaction) {
          await batcher.drain();
        } else {
          discard(this.pooled);
        }
      }
      connection.off('error', lost);
    }
  }
}

/** mysql2 connections in a tarn pool; serves MySQL and MariaDB. */
export class MysqlDriver extends PooledSqlDriver<MysqlClient> {
  private mysql?: typeof Mysql;

  constructor(options: ConnectionOptions) {
    super(options, 'mysql');
  }

  override async init(): Promise<void> {
    this.mysql = loadOptional<typeof Mysql>('mysql2', 'mysql dialect');
    await super.init();
  }

  protected async openClient(connectTimeoutMs: number): Promise<MysqlClient> {
    const mysql = this.mysql as typeof Mysql;
    const connection = mysql.createConnection({
      uri: this.options.url,
      timezone: 'Z',
      dateStrings: ['DATE'],
      supportBigNumbers: true,
      bigNumberStrings: true,
      jsonStrings: true,
      // A backstop only: the deadline below closes the socket first, with a clearer error.
      connectTimeout: connectTimeoutMs + 1000,
    });
    const pooled: MysqlClient = { connection, broken: false };
    // A dropped idle socket must not crash the process; the pool drops the client (see HealingPool).
    connection.on('error', () => {
      pooled.broken = true;
    });
    const { statementTimeoutMs } = this.options;
    const ready = new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve()))).then(() =>
      statementTimeoutMs === undefined ? undefined : limitStatements(connection, statementTimeoutMs),
    );
    try {
      await withDeadline(ready, connectTimeoutMs, () => ConnectionError.connectTimeout('mysql', connectTimeoutMs));
    } catch (error) {
      discard(pooled);
      throw error;
    }
    return pooled;
  }

  // A broken connection (lost, or discarded mid-result) is closed at once: a polite QUIT may never be answered.
  protected async closeClient(pooled: MysqlClient): Promise<void> {
    if (pooled.broken) discard(pooled);
    else await new Promise<void>((resolve) => pooled.connection.end(() => resolve()));
  }

  protected connectionOn(pooled: MysqlClient): MysqlConnection {
    return new MysqlConnection(pooled, this.statementDeadlineMs);
  }

  protected beginStatements(isolationLevel: IsolationLevel | undefined): string[] {
    return isolationLevel ? [`set transaction isolation level ${isolationLevel}`, 'start transaction'] : ['start transaction'];
  }
}

/**
 * The server's own limit on each statement of a session. MariaDB's max_statement_time (seconds) covers every
 * statement; MySQL has only max_execution_time (ms), which covers SELECTs alone, so there the client deadline
 * is what bounds writes.
 */
async function limitStatements(connection: Mysql.Connection, ms: number): Promise<void> {
  const set = (sql: string, value: number) =>
    new Promise<void>((resolve, reject) => connection.query(sql, [value], (error) => (error ? reject(error) : resolve())));
  try {
    await set('set session max_statement_time = ?', ms / 1000);
  } catch (error) {
    if ((error as { errno?: unknown }).errno !== ER_UNKNOWN_SYSTEM_VARIABLE) throw error;
    await set('set session max_execution_time = ?', ms);
  }
}
