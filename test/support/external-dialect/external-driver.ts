import Database from 'better-sqlite3';
import { CompiledQuery, type Connection, type ConnectionOptions, type Driver, type PoolStats, type QueryResult, type RowStreamOptions } from 'tessera-orm/dialect';

/** One better-sqlite3 connection; integers come back as bigints, as the shipped SQLite converters expect. */
class ExternalConnection implements Connection {
  constructor(readonly db: Database.Database) {}

  async execute(query: CompiledQuery): Promise<QueryResult> {
    const statement = this.db.prepare(query.sql).safeIntegers(true);
    if (statement.reader) {
      const rows = statement.all(query.params as unknown[]) as Record<string, unknown>[];
      return { rows, affectedRows: rows.length };
    }
    const result = statement.run(query.params as unknown[]);
    return { rows: [], affectedRows: result.changes, insertId: result.lastInsertRowid };
  }

  async *stream(query: CompiledQuery, options: RowStreamOptions): AsyncIterableIterator<Record<string, unknown>[]> {
    const rows = (await this.execute(query)).rows;
    for (let at = 0; at < rows.length; at += options.batchSize) yield rows.slice(at, at + options.batchSize);
  }
}

/** A driver written against the seam alone, without savepoints: the capability it leaves out. */
export class ExternalDriver implements Driver {
  private connection?: ExternalConnection;

  constructor(private readonly options: ConnectionOptions) {}

  async init(): Promise<void> {
    this.connection = new ExternalConnection(new Database(this.options.url ?? ':memory:'));
  }

  async acquire(): Promise<Connection> {
    if (!this.connection) throw new Error('the external driver is closed');
    return this.connection;
  }

  async release(): Promise<void> {}

  async begin(connection: Connection): Promise<void> {
    await connection.execute(CompiledQuery.create('begin immediate', []));
  }

  async commit(connection: Connection): Promise<void> {
    await connection.execute(CompiledQuery.create('commit', []));
  }

  async rollback(connection: Connection): Promise<void> {
    await connection.execute(CompiledQuery.create('rollback', []));
  }

  poolStats(): PoolStats {
    return { size: 1, used: 0, free: 1, pending: 0, max: 1 };
  }

  async destroy(): Promise<void> {
    this.connection?.db.close();
    this.connection = undefined;
  }
}
