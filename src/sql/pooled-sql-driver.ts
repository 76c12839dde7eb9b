import { ConnectionError } from '../errors/driver-error';
import type { CircuitState, Connection, ConnectionOptions, PoolStats } from '../dialects/driver';
import { clientDeadlineOf, connectTimeoutOf } from '../dialects/network-timeouts';
import { CircuitBreaker } from './circuit-breaker';
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
  private readonly circuit: CircuitBreaker;
  /** How long a connection waits for one statement's answer before it gives up on the connection (`statementTimeoutMs`). */
  protected readonly statementDeadlineMs: number | undefined;

  constructor(
    protected readonly options: ConnectionOptions,
    /** For errors: 'postgres', 'mysql'. */
    private readonly dialectName: string,
  ) {
    super();
    this.circuit = new CircuitBreaker(options.circuitBreaker, dialectName);
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
      () => this.openCounted(connectTimeoutMs),
      (client) => this.closeClient(client),
    );
    await this.release(await this.acquire());
  }

  async acquire(): Promise<Connection> {
    if (!this.pool) throw ConnectionError.closed(this.dialectName);
    if (this.circuit.state !== 'closed') return this.probe(this.pool);
    return this.connectionOn(await acquireClient(this.pool, this.dialectName, this.options.pool));
  }

  /** An acquire while the circuit breaker is not closed: fails fast, or is the one probe that closes it again. */
  private async probe(pool: HealingPool<C>): Promise<Connection> {
    this.circuit.admitProbe();
    let client: C;
    try {
      client = await acquireClient(pool, this.dialectName, this.options.pool);
    } catch (error) {
      this.circuit.probeFailed();
      throw error;
    }
    this.circuit.probeSucceeded();
    return this.connectionOn(client);
  }

  /** Opens a client, telling the circuit breaker whether the server answered. */
  private async openCounted(connectTimeoutMs: number): Promise<C> {
    let client: C;
    try {
      client = await this.openClient(connectTimeoutMs);
    } catch (error) {
      this.circuit.connectFailed();
      throw error;
    }
    this.circuit.connected();
    return client;
  }

  async release(connection: Connection): Promise<void> {
    this.pool?.release((connection as PooledConnection<C>).pooled);
  }

  poolStats(): PoolStats {
    return tarnPoolStats(this.pool, this.options.pool);
  }

  circuitState(): CircuitState {
    return this.circuit.state;
  }

  abandonConnections(): number {
    return this.pool?.abandonUsed() ?? 0;
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
