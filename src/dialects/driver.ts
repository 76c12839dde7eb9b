import type { CompiledQuery } from '../query/compiler/compiled-query';

/** What one statement returned. `insertId` is the first generated id of an INSERT where the database says so. */
export interface QueryResult {
  readonly rows: Record<string, unknown>[];
  readonly affectedRows: number;
  readonly insertId?: number | bigint;
}

/** One database connection. `execute` is the only way SQL leaves the process. */
export interface Connection {
  execute(query: CompiledQuery): Promise<QueryResult>;
}

export type IsolationLevel = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  readonly isolationLevel?: IsolationLevel;
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
  savepoint(connection: Connection, name: string): Promise<void>;
  releaseSavepoint(connection: Connection, name: string): Promise<void>;
  rollbackToSavepoint(connection: Connection, name: string): Promise<void>;
  destroy(): Promise<void>;
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
  /**
   * PostgreSQL: send repeated statements as server-side prepared statements, parsed and planned once per
   * connection (default true). Turn off behind a pooler in transaction mode (PgBouncer), which cannot keep them.
   */
  readonly preparedStatements?: boolean;
}
