import { setImmediate as nextTurn } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { ConnectionError } from '../../errors/driver-error';
import type { CompiledQuery } from '../../query/compiler/compiled-query';
import type { Connection, ConnectionOptions, IsolationLevel, PoolStats, QueryResult, RowStreamOptions } from '../driver';
import { loadOptional } from '../load-optional';
import { SqlDriver } from '../sql-driver';

/** Prepared statements kept per connection; the oldest is dropped past this. */
const STATEMENT_CACHE_SIZE = 500;

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

class SqliteConnection implements Connection {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {}

  // better-sqlite3 is synchronous: no async function, so a statement costs one promise, not several turns.
  execute(query: CompiledQuery): Promise<QueryResult> {
    try {
      const statement = this.prepare(query.sql);
      if (statement.reader) {
        const rows = statement.all(query.params as unknown[]) as Record<string, unknown>[];
        return Promise.resolve({ rows, affectedRows: rows.length });
      }
      const result = statement.run(query.params as unknown[]);
      return Promise.resolve({ rows: [], affectedRows: result.changes, insertId: result.lastInsertRowid });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * `iterate()` steps the statement one row at a time. It holds the connection: SQLite runs nothing else on it
   * until the iterator ends (the driver hands the connection to no one else meanwhile).
   */
  async *stream(query: CompiledQuery, options: RowStreamOptions): AsyncIterableIterator<Record<string, unknown>[]> {
    // A statement of its own: a cached one that is iterating cannot run again until its iterator ends.
    const statement = this.db.prepare(query.sql);
    statement.safeIntegers(true);
    const rows = statement.iterate(query.params as unknown[]) as IterableIterator<Record<string, unknown>>;
    try {
      for (;;) {
        const batch: Record<string, unknown>[] = [];
        for (let next = rows.next(); !next.done; next = rows.next()) {
          if (batch.push(next.value) === options.batchSize) break;
        }
        if (batch.length > 0) yield batch;
        if (batch.length < options.batchSize) return;
        // Reading is synchronous: without a turn of the event loop per batch, a long stream would starve
        // timers and I/O until its last row.
        await nextTurn();
      }
    } finally {
      rows.return?.();
    }
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      // Every INTEGER as a bigint, and the last inserted rowid too: exact for bigint columns; the type map
      // turns ints back into numbers.
      statement.safeIntegers(true);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * One better-sqlite3 connection, handed to one user at a time: SQLite has one writer, and a transaction must
 * own the connection until it ends. `acquire` waits its turn (up to `acquireTimeoutMillis`).
 */
export class SqliteDriver extends SqlDriver {
  private connection?: SqliteConnection;
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: ConnectionOptions) {
    super();
  }

  async init(): Promise<void> {
    const Sqlite = loadOptional<typeof BetterSqlite3>('better-sqlite3', 'sqlite dialect');
    const filename = this.options.url ?? ':memory:';
    let db: Database;
    try {
      db = new Sqlite(filename);
    } catch (error) {
      throw ConnectionError.cannotOpen('sqlite', (error as Error).message);
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (filename !== ':memory:' && filename !== '') {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    this.connection = new SqliteConnection(db);
  }

  acquire(): Promise<Connection> {
    const connection = this.connection;
    if (!connection) return Promise.reject(ConnectionError.closed('sqlite'));
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve(connection);
    }
    // The releasing holder hands the connection over directly: `busy` stays true.
    return this.waitTurn().then(() => connection);
  }

  release(): Promise<void> {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
    return Promise.resolve();
  }

  poolStats(): PoolStats {
    const size = this.connection ? 1 : 0;
    const used = this.busy ? 1 : 0;
    return { size, used, free: size - used, pending: this.waiting.length, max: 1 };
  }

  async destroy(): Promise<void> {
    this.connection?.db.close();
    this.connection = undefined;
  }

  // SQLite transactions are serializable whatever is asked; IMMEDIATE takes the write lock up front so a
  // reader never has to upgrade (and fail with SQLITE_BUSY) halfway through.
  protected beginStatements(_isolationLevel: IsolationLevel | undefined): string[] {
    return ['begin immediate'];
  }

  private waitTurn(): Promise<void> {
    const timeout = this.options.pool?.acquireTimeoutMillis ?? 30_000;
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        reject(ConnectionError.acquireTimeout('sqlite', timeout));
      }, timeout);
      this.waiting.push(turn);
    });
  }
}
