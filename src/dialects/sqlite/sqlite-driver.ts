import { setImmediate as nextTurn } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { ConnectionError } from '../../errors/driver-error';
import { CompiledQuery } from '../../query/compiler/compiled-query';
import type { Connection, ConnectionOptions, IsolationLevel, PoolStats, QueryResult, RowStreamOptions } from '../driver';
import { loadOptional } from '../load-optional';
import { SqlDriver } from '../../sql/sql-driver';
import { isBusy, waitForLock } from './sqlite-lock-wait';

/** Prepared statements kept per connection; the oldest is dropped past this. */
const STATEMENT_CACHE_SIZE = 500;

/** How long a statement waits for another connection's lock by default, in ms. */
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

class SqliteConnection implements Connection {
  private readonly statements = new Map<string, Statement>();

  constructor(
    readonly db: Database,
    private readonly busyTimeoutMs: number,
  ) {}

  // better-sqlite3 is synchronous: no async function, so a statement costs one promise, not several turns.
  execute(query: CompiledQuery): Promise<QueryResult> {
    // Read before the try: a failure may end the transaction, and a retry must never run outside the one
    // that the statement belonged to.
    const inTransaction = this.db.inTransaction;
    try {
      return Promise.resolve(this.run(query));
    } catch (error) {
      if (inTransaction || !isBusy(error)) return Promise.reject(error);
      return waitForLock(() => this.run(query), error, this.busyTimeoutMs, query.sql);
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

  private run(query: CompiledQuery): QueryResult {
    const statement = this.prepare(query.sql);
    if (statement.reader) {
      const rows = statement.all(query.params as unknown[]) as Record<string, unknown>[];
      return { rows, affectedRows: rows.length };
    }
    const result = statement.run(query.params as unknown[]);
    return { rows: [], affectedRows: result.changes, insertId: result.lastInsertRowid };
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

  private readonly busyTimeoutMs: number;

  constructor(private readonly options: ConnectionOptions) {
    super();
    // Orm.init checked it (network-timeouts.ts).
    this.busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  }

  async init(): Promise<void> {
    const Sqlite = loadOptional<typeof BetterSqlite3>('better-sqlite3', 'sqlite dialect');
    const filename = this.options.url ?? ':memory:';
    let db: Database;
    try {
      // No busy timeout in SQLite: its wait for a lock sleeps in the calling thread, which stops every timer
      // and socket of the process. Statements wait on timers instead (sqlite-lock-wait.ts).
      db = new Sqlite(filename, { timeout: 0 });
    } catch (error) {
      throw ConnectionError.cannotOpen('sqlite', (error as Error).message);
    }
    const connection = new SqliteConnection(db, this.busyTimeoutMs);
    const pragma = (sql: string) => connection.execute(CompiledQuery.create(`pragma ${sql}`, []));
    try {
      await pragma('foreign_keys = ON');
      if (filename !== ':memory:' && filename !== '') {
        // Switching to WAL takes the write lock once: another process may be holding it.
        await pragma('journal_mode = WAL');
        await pragma('synchronous = NORMAL');
      }
    } catch (error) {
      db.close();
      throw error;
    }
    this.connection = connection;
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
