import { performance } from 'node:perf_hooks';
import type { CompiledQuery } from '../query/compiler/compiled-query';
import { UsageError } from '../errors/usage-error';
import type { Dialect } from './dialect';
import type { CircuitState, Connection, Driver, Notifications, PoolStats, QueryResult, RowStreamOptions, Savepoints, TransactionOptions } from './driver';
import type { QueryEvent, QueryListener } from './query-event';

/** How `debug: true` prints statements. Values are redacted unless `params: true`. */
export interface DebugOptions {
  readonly params?: boolean;
  readonly logger?: (line: string) => void;
}

/** Told how long one `acquire` waited for a connection, and why it failed if it did. */
export type AcquireListener = (durationMs: number, error?: Error) => void;

/** What a graceful close did (`orm.close()`). */
export interface CloseReport {
  /** Every connection in use was handed back before the deadline. */
  readonly drained: boolean;
  /** Connections still in use at the deadline, closed under their holders (their transactions rolled back). */
  readonly abandoned: number;
}

/** How often a closing driver looks whether its connections are back. */
const DRAIN_POLL_MS = 10;

/** A connection whose statements are timed, reported and have their errors mapped to Tessera's classes. */
class ObservedConnection implements Connection {
  /** A stream is reading on this connection: every client queues or refuses other statements until it ends. */
  private streaming = false;

  constructor(
    readonly inner: Connection,
    private readonly runtime: RuntimeDriver,
  ) {}

  // Plain promise chaining rather than async/await: this wraps every statement, and each await costs a turn.
  execute(query: CompiledQuery): Promise<QueryResult> {
    // pg and mysql2 would queue the statement behind the stream, which waits for the caller: a deadlock.
    if (this.streaming) return Promise.reject(UsageError.connectionStreaming());
    this.runtime.observer?.(query);
    const started = performance.now();
    return this.inner.execute(query).then(
      (result) => {
        this.runtime.report(query, performance.now() - started);
        return result;
      },
      (error: unknown) => {
        const mapped = this.runtime.dialect.mapError(error, query.sql);
        this.runtime.report(query, performance.now() - started, mapped);
        throw mapped;
      },
    );
  }

  /** Reported once, when the stream ends, with its whole duration. */
  async *stream(query: CompiledQuery, options: RowStreamOptions): AsyncIterableIterator<Record<string, unknown>[]> {
    if (this.streaming) throw UsageError.connectionStreaming();
    this.streaming = true;
    const started = performance.now();
    let failure: Error | undefined;
    try {
      yield* this.inner.stream(query, options);
    } catch (error) {
      failure = this.runtime.dialect.mapError(error, query.sql);
      throw failure;
    } finally {
      this.streaming = false;
      this.runtime.report(query, performance.now() - started, failure);
    }
  }
}

/**
 * Wraps any dialect's driver once: logging, timing, `query` events and error mapping live here, so each
 * driver only talks to its client library.
 */
export class RuntimeDriver implements Driver {
  private readonly listeners: QueryListener[] = [];
  private acquireListener: AcquireListener | undefined;
  /** @internal Sees each statement as it is sent, with its origin (the N+1 detector); undefined unless one is on. */
  observer: ((query: CompiledQuery) => void) | undefined;
  /** `close` was called: no connection is handed out any more. */
  private closing = false;
  /** The driver's own: savepoints run their SQL through the (observed) connection they are given. */
  readonly savepoints: Savepoints | undefined;
  /** The driver's own: the notify statement runs through an observed connection, a listener on its own one. */
  readonly notifications: Notifications | undefined;

  constructor(
    private readonly driver: Driver,
    readonly dialect: Dialect,
    private readonly debug?: DebugOptions,
  ) {
    this.savepoints = driver.savepoints;
    this.notifications = driver.notifications;
  }

  onQuery(listener: QueryListener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /** @internal Hands every statement to `observer` as it is sent, in the async context of the code that sends it. */
  observe(observer: (query: CompiledQuery) => void): void {
    this.observer = observer;
  }

  /** @internal */
  report(query: CompiledQuery, durationMs: number, error?: Error): void {
    if (this.debug) {
      const values = this.debug.params ? JSON.stringify(query.params, jsonSafe) : `[${query.params.length} values]`;
      const line = `[tessera] ${durationMs.toFixed(2)} ms ${query.sql} ${values}${error ? ` failed: ${error.name}` : ''}`;
      (this.debug.logger ?? console.log)(line);
    }
    if (this.listeners.length === 0) return;
    const event: QueryEvent = {
      sql: query.sql,
      params: query.params,
      durationMs,
      dialect: this.dialect.name,
      kind: query.kind ?? 'other',
      table: query.table,
      error,
    };
    for (const listener of this.listeners) listener(event);
  }

  /** A failed init closes whatever it opened, so that nothing keeps the process alive. */
  async init(): Promise<void> {
    try {
      await this.driver.init();
    } catch (error) {
      await this.driver.destroy().catch(() => undefined);
      throw this.dialect.mapError(error, undefined);
    }
  }

  /**
   * Tells `listener` how long each `acquire` waited for a connection (and its error, if it failed); undefined stops.
   * Unset, an acquire is not timed at all.
   */
  observeAcquire(listener: AcquireListener | undefined): void {
    this.acquireListener = listener;
  }

  acquire(): Promise<Connection> {
    if (this.closing) return Promise.reject(UsageError.ormClosing());
    const listener = this.acquireListener;
    if (listener) return this.timedAcquire(listener);
    return this.driver.acquire().then(
      (connection) => new ObservedConnection(connection, this),
      (error: unknown) => {
        throw this.dialect.mapError(error, undefined);
      },
    );
  }

  private timedAcquire(listener: AcquireListener): Promise<Connection> {
    const started = performance.now();
    return this.driver.acquire().then(
      (connection) => {
        listener(performance.now() - started);
        return new ObservedConnection(connection, this);
      },
      (error: unknown) => {
        const mapped = this.dialect.mapError(error, undefined);
        listener(performance.now() - started, mapped);
        throw mapped;
      },
    );
  }

  release(connection: Connection): Promise<void> {
    return this.driver.release((connection as ObservedConnection).inner);
  }

  begin(connection: Connection, options?: TransactionOptions): Promise<void> {
    return this.driver.begin(connection, options);
  }

  commit(connection: Connection): Promise<void> {
    return this.driver.commit(connection);
  }

  rollback(connection: Connection): Promise<void> {
    return this.driver.rollback(connection);
  }

  poolStats(): PoolStats {
    return this.driver.poolStats();
  }

  circuitState(): CircuitState {
    return this.driver.circuitState?.() ?? 'closed';
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }

  /**
   * A graceful close: refuses new connections at once, waits up to `timeoutMs` for the ones in use (and the
   * callers already waiting for one) to come back, closes those still out under their holders, then the pool.
   */
  async close(timeoutMs: number): Promise<CloseReport> {
    this.closing = true;
    const deadline = Date.now() + timeoutMs;
    const busy = () => {
      const { used, pending } = this.driver.poolStats();
      return used + pending > 0;
    };
    while (busy() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    const abandoned = busy() ? (this.driver.abandonConnections?.() ?? this.driver.poolStats().used) : 0;
    await this.driver.destroy();
    return { drained: abandoned === 0, abandoned };
  }
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return `<Buffer ${value.length} bytes>`;
  return value;
}
