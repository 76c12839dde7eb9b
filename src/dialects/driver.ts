import type { CompiledQuery } from '../query/compiler/compiled-query';
import type { SqlFragment } from '../query/raw-sql';

/** What one statement returned. `insertId` is the first generated id of an INSERT where the database says so. */
export interface QueryResult {
  readonly rows: Record<string, unknown>[];
  readonly affectedRows: number;
  readonly insertId?: number | bigint;
}

/** How a connection streams one query's rows. */
export interface RowStreamOptions {
  /** Rows per batch: the most a connection reads ahead of its consumer. */
  readonly batchSize: number;
  /**
   * A transaction is open on the connection, so an early exit must leave it usable: a driver that cannot cancel
   * a result drains the rest instead of discarding the connection.
   */
  readonly inTransaction: boolean;
}

/** One database connection. `execute` and `stream` are the only ways SQL leaves the process. */
export interface Connection {
  execute(query: CompiledQuery): Promise<QueryResult>;
  /**
   * The rows of a query in batches of at most `batchSize`, read from the database as the consumer asks for
   * them (never the whole result in memory). The connection is busy until the iterator ends: by exhaustion,
   * an error, or `return()` (a `break`), which stops the query.
   */
  stream(query: CompiledQuery, options: RowStreamOptions): AsyncIterableIterator<Record<string, unknown>[]>;
}

/** The part of a connection that runs single statements: all a flush needs. */
export type StatementConnection = Pick<Connection, 'execute'>;

export type IsolationLevel = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  readonly isolationLevel?: IsolationLevel;
}

/** Savepoints inside an open transaction: what nested transactions are made of. */
export interface Savepoints {
  create(connection: Connection, name: string): Promise<void>;
  release(connection: Connection, name: string): Promise<void>;
  rollbackTo(connection: Connection, name: string): Promise<void>;
}

/** A channel being listened to, on its own connection. */
export interface Listening {
  /** Stops listening and closes the connection. */
  close(): Promise<void>;
}

/**
 * Notifications between sessions: a message sent inside a transaction reaches the listeners when, and only
 * if, that transaction commits, in commit order (PostgreSQL LISTEN/NOTIFY).
 */
export interface Notifications {
  /** The most UTF-8 bytes one message may hold. */
  readonly maxPayloadBytes: number;
  /** The statement that sends `payloads` on `channel`, in order (run it in the transaction they belong to). */
  notify(channel: string, payloads: readonly string[]): SqlFragment;
  /**
   * Listens on `channel` on a dedicated connection (never a pooled one: a listener holds its session) until
   * `close()`. `onError` hears of the connection's loss, after which nothing more arrives.
   */
  listen(channel: string, onPayload: (payload: string) => void, onError: (error: Error) => void): Promise<Listening>;
}

/**
 * The seam between Tessera and a database client: a pool of connections and transaction control.
 * Transaction methods run their SQL through the connection they are given, so the runtime wrapper sees it.
 */
export interface Driver {
  init(): Promise<void>;
  acquire(): Promise<Connection>;
  release(connection: Connection): Promise<void>;
  begin(connection: Connection, options?: TransactionOptions): Promise<void>;
  commit(connection: Connection): Promise<void>;
  rollback(connection: Connection): Promise<void>;
  /** A capability: without it a nested transaction is refused with a `UsageError`. */
  readonly savepoints?: Savepoints;
  /** A capability: messages between sessions that travel with commits (PostgreSQL LISTEN/NOTIFY). */
  readonly notifications?: Notifications;
  /** How the pool's connections are used right now. */
  poolStats(): PoolStats;
  /** A capability: the state of the pool's circuit breaker (a driver without one is always 'closed'). */
  circuitState?(): CircuitState;
  /**
   * A capability: closes every connection handed out right now at once (the server rolls back the transactions
   * they carried; their holders' next statement fails with `ConnectionError`) and returns how many. For a
   * shutdown whose deadline passed; without it, `destroy` alone ends them.
   */
  abandonConnections?(): number;
  destroy(): Promise<void>;
}

/** A circuit breaker's state: 'open' fails calls fast; 'half-open' lets one probe through. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** When a pool's circuit breaker opens, and for how long (PostgreSQL and MySQL). */
export interface CircuitBreakerOptions {
  /** Connection attempts failed in a row that open the breaker (default 5). */
  readonly failures?: number;
  /** How long calls fail fast before one probe may try to connect, in ms (default 1000). */
  readonly coolDownMs?: number;
}

/** A snapshot of a connection pool (SQLite: its one connection). */
export interface PoolStats {
  /** Connections open now. */
  readonly size: number;
  /** Connections handed out. */
  readonly used: number;
  /** Open connections waiting for work. */
  readonly free: number;
  /** Callers waiting for a connection. */
  readonly pending: number;
  /** Most connections the pool opens. */
  readonly max: number;
}

/** Pool settings (PostgreSQL and MySQL; SQLite uses one connection). */
export interface PoolOptions {
  min?: number;
  max?: number;
  /** How long `acquire` waits for a free connection before failing, in ms. */
  acquireTimeoutMillis?: number;
}

/** How to reach the database. */
export interface ConnectionOptions {
  /** A connection URL (`postgres://user@host:5432/db`, `mysql://root@127.0.0.1/test`) or, for SQLite, a file or ':memory:'. */
  readonly url?: string;
  readonly pool?: PoolOptions;
  /** How long opening a connection may take before it is abandoned, in ms (network dialects; see `OrmOptions`). */
  readonly connectTimeoutMs?: number;
  /** The longest a statement may run, in ms: a server-side limit plus a client deadline (see `OrmOptions`). */
  readonly statementTimeoutMs?: number;
  /**
   * SQLite: how long a statement waits for another connection's lock (another process writing) before it fails
   * with LockWaitTimeoutError, in ms (default 5000). The wait never blocks the event loop.
   */
  readonly busyTimeoutMs?: number;
  /** The pool's circuit breaker (network dialects; see `OrmOptions`); `false` turns it off. */
  readonly circuitBreaker?: CircuitBreakerOptions | false;
}
