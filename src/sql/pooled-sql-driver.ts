import { ConnectionError } from '../errors/driver-error';
import type { Connection, ConnectionOptions, PoolStats } from '../dialects/driver';
import { clientDeadlineOf, connectTimeoutOf } from '../dialects/network-timeouts';
import { SqlDriver } from './sql-driver';
import { acquireClient, createPool, tarnPoolStats, type HealingPool, type PooledClient } from './tarn-pool';

/** A connection that knows the pooled client it runs on, so the driver can hand that client back. */
export interface PooledConnection<C extends PooledClient> extends Connection {
  readonly pooled: C;
}

/**
 * A network SQL driver's pool: clients in a healing tarn pool, opened once at `init` so a wrong URL fails at
 * `Orm.init` rather than at the first query. A subclass says how a client opens, closes and becomes a connection
 * (and loads its client library in `init` before calling this one).
 */
export abstract class PooledSqlDriver<C extends PooledClient> extends SqlDriver {
  private pool?: HealingPool<C>;
  /** How long a connection waits for one statement's answer before it gives up on the connection (`statementTimeoutMs`). */
  protected readonly statementDeadlineMs: number | undefined;

  constructor(
    protected readonly options: ConnectionOptions,
    /** For errors: 'postgres', 'mysql'. */
    private readonly dialectName: string,
  ) {
    super();
    this.statementDeadlineMs = options.statementTimeoutMs === undefined ? undefined : clientDeadlineOf(options.statementTimeoutMs);
  }

  /** Opens one client, within `connectTimeoutMs`; a client that failed to open is closed before the error is thrown. */
  protected abstract openClient(connectTimeoutMs: number): Promise<C>;
  /** Closes one client, at once where it is broken. */
  protected abstract closeClient(client: C): Promise<void>;
  protected abstract connectionOn(client: C): PooledConnection<C>;

  async init(): Promise<void> {
    const connectTimeoutMs = connectTimeoutOf(this.options);
    this.pool = createPool<C>(
      this.options.pool,
      connectTimeoutMs,
      () => this.openClient(connectTimeoutMs),
      (client) => this.closeClient(client),
    );
    await this.release(await this.acquire());
  }

  async acquire(): Promise<Connection> {
    if (!this.pool) throw ConnectionError.closed(this.dialectName);
    return this.connectionOn(await acquireClient(this.pool, this.dialectName, this.options.pool));
  }

  async release(connection: Connection): Promise<void> {
    this.pool?.release((connection as PooledConnection<C>).pooled);
  }

  poolStats(): PoolStats {
    return tarnPoolStats(this.pool, this.options.pool);
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
