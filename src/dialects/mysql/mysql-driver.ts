import type * as Mysql from 'mysql2';
import type { Pool as TarnPool } from 'tarn';
import { ConnectionError } from '../../errors/driver-error';
import type { CompiledQuery } from '../../query/compiler/compiled-query';
import type { Connection, ConnectionOptions, IsolationLevel, PoolStats, QueryResult, RowStreamOptions } from '../driver';
import { loadOptional } from '../load-optional';
import { SqlDriver } from '../sql-driver';
import { acquireClient, createPool, tarnPoolStats, type PooledClient } from '../tarn-pool';
import { MysqlRowBatcher } from './mysql-row-batcher';

interface MysqlClient extends PooledClient {
  readonly connection: Mysql.Connection;
}

class MysqlConnection implements Connection {
  constructor(readonly pooled: MysqlClient) {}

  execute(query: CompiledQuery): Promise<QueryResult> {
    if (this.pooled.broken) return Promise.reject(ConnectionError.lost('mysql'));
    return new Promise((resolve, reject) => {
      // query() sends the values separately from the SQL text; mysql2 escapes each one into its placeholder.
      this.pooled.connection.query(query.sql, query.params as unknown[], (error, result) => {
        if (error) return reject(error);
        if (Array.isArray(result)) return resolve({ rows: result as Record<string, unknown>[], affectedRows: result.length });
        const header = result as Mysql.ResultSetHeader;
        resolve({ rows: [], affectedRows: header.affectedRows, insertId: header.insertId });
      });
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
    connection
      .query(query.sql, query.params as unknown[])
      .on('result', (row) => batcher.push(row as Record<string, unknown>))
      .on('error', (error) => batcher.fail(error))
      .on('end', () => batcher.end());
    let finished = false;
    try {
      for (let batch = await batcher.next(); batch; batch = await batcher.next()) yield batch;
      finished = true;
    } catch (error) {
      // A server error ends the result cleanly; the connection is fine.
      finished = true;
      throw error;
    } finally {
      if (!finished) {
        if (options.inTransaction) {
          await batcher.drain();
        } else {
          this.pooled.broken = true;
          connection.destroy();
        }
      }
    }
  }
}

/** mysql2 connections in a tarn pool; serves MySQL and MariaDB. */
export class MysqlDriver extends SqlDriver {
  private pool?: TarnPool<MysqlClient>;

  constructor(private readonly options: ConnectionOptions) {
    super();
  }

  async init(): Promise<void> {
    const mysql = loadOptional<typeof Mysql>('mysql2', 'mysql dialect');
    this.pool = createPool<MysqlClient>(
      this.options.pool,
      () =>
        new Promise((resolve, reject) => {
          const connection = mysql.createConnection({
            uri: this.options.url,
            timezone: 'Z',
            dateStrings: ['DATE'],
            supportBigNumbers: true,
            bigNumberStrings: true,
            jsonStrings: true,
          });
          const pooled: MysqlClient = { connection, broken: false };
          // A dropped socket must not crash the process; the client is discarded on its next validation.
          connection.on('error', () => {
            pooled.broken = true;
          });
          connection.connect((error) => (error ? reject(error) : resolve(pooled)));
        }),
      // A broken connection (lost, or discarded mid-result) is closed at once: a polite QUIT may never be answered.
      async (pooled) => {
        if (pooled.broken) pooled.connection.destroy();
        else await new Promise<void>((resolve) => pooled.connection.end(() => resolve()));
      },
    );
    // Connect once now, so a wrong URL fails at Orm.init rather than at the first query.
    await this.release(await this.acquire());
  }

  async acquire(): Promise<Connection> {
    if (!this.pool) throw ConnectionError.closed('mysql');
    return new MysqlConnection(await acquireClient(this.pool, 'mysql', this.options.pool));
  }

  async release(connection: Connection): Promise<void> {
    this.pool?.release((connection as MysqlConnection).pooled);
  }

  poolStats(): PoolStats {
    return tarnPoolStats(this.pool, this.options.pool);
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }

  protected beginStatements(isolationLevel: IsolationLevel | undefined): string[] {
    return isolationLevel ? [`set transaction isolation level ${isolationLevel}`, 'start transaction'] : ['start transaction'];
  }
}
