import type * as Pg from 'pg';
import type PgCursor from 'pg-cursor';
import { ConnectionError, QueryTimeoutError } from '../../errors/driver-error';
import type { CompiledQuery } from '../../query/compiler/compiled-query';
import type { Connection, ConnectionOptions, IsolationLevel, QueryResult, RowStreamOptions } from '../driver';
import { loadOptional } from '../load-optional';
import { connectTimeoutOf, withDeadline } from '../network-timeouts';
import { PooledSqlDriver } from '../../sql/pooled-sql-driver';
import type { PooledClient } from '../../sql/tarn-pool';
import { mapPostgresError } from './postgres-error-mapper';
import { PostgresNotifications, type ListenerClient } from './postgres-notifications';
import type { PostgresOptions } from './postgres-options';

const DATE_OID = 1082;

/**
 * Distinct statements prepared per connection at most. Names are never reused for other SQL, so past this
 * many, further statements run unnamed rather than grow every connection's plan cache without bound.
 */
const MAX_PREPARED = 500;

interface PgClient extends PooledClient {
  readonly client: Pg.Client;
  /** Settles once the connection is lost (an error or the end of its socket). */
  readonly lost: Promise<void>;
}

/** Statement names by SQL text, shared by every connection of a driver (pg prepares a name once per connection). */
class PreparedNames {
  private readonly names = new Map<string, string>();
  private count = 0;

  nameOf(sql: string): string | undefined {
    let name = this.names.get(sql);
    if (name === undefined && this.count < MAX_PREPARED) {
      name = `tessera_${++this.count}`;
      this.names.set(sql, name);
    }
    return name;
  }

  /** The next use of `sql` prepares it under a new name: its plan went stale on every connection. */
  forget(sql: string): void {
    this.names.delete(sql);
  }
}

/** PostgreSQL refuses a prepared statement whose result columns changed type since it was planned. */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: unknown }).code === '0A000' && /cached plan must not change result type/.test(String((error as Error).message));
}

/** Closes a client's socket at once and marks it broken: `end()` waits for a goodbye a silent server never sends. */
function discard(pooled: PgClient): void {
  pooled.broken = true;
  pooled.client.connection.stream.destroy();
}

/**
 * A failure after which the client cannot be trusted: the connection failed or the server ended the session
 * (the error can reach the query before the socket closes), or pg's own `query_timeout` gave up on a statement
 * that is still running (later queries would queue behind it).
 */
function isFatal(error: unknown): boolean {
  const mapped = mapPostgresError(error, undefined);
  return mapped instanceof ConnectionError || (mapped instanceof QueryTimeoutError && mapped.code === undefined);
}

/** The type parsers of the driver's clients, which a cursor needs too. */
type TypeParsers = Pg.CustomTypesConfig;

class PostgresConnection implements Connection {
  constructor(
    readonly pooled: PgClient,
    private readonly prepared: PreparedNames | undefined,
    private readonly types: TypeParsers,
    /** The client deadline for one statement, from `statementTimeoutMs`. */
    private readonly deadlineMs: number | undefined,
  ) {}

  async execute(query: CompiledQuery): Promise<QueryResult> {
    if (this.pooled.broken) throw ConnectionError.lost('postgres');
    const name = this.prepared?.nameOf(query.sql);
    try {
      return await this.run(name, query);
    } catch (error) {
      if (name === undefined || !isStalePlan(error)) throw error;
      // DDL (a migration, perhaps from another process) changed what the statement returns. Outside a
      // transaction it can simply run again under a fresh name; inside one the transaction is already aborted.
      this.prepared?.forget(query.sql);
      if (this.pooled.client.getTransactionStatus() !== 'I') throw error;
      return this.run(this.prepared?.nameOf(query.sql), query);
    }
  }

  private async run(name: string | undefined, query: CompiledQuery): Promise<QueryResult> {
    try {
      const result = await this.bounded(this.pooled.client.query({ name, text: query.sql, values: query.params as unknown[] }), query.sql);
      return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
    } catch (error) {
      if (isFatal(error)) discard(this.pooled);
      throw error;
    }
  }

  private bounded<T>(work: Promise<T>, sql: string): Promise<T> {
    const ms = this.deadlineMs;
    if (ms === undefined) return work;
    return withDeadline(work, ms, () => {
      discard(this.pooled);
      return QueryTimeoutError.clientDeadline('postgres', ms, sql);
    });
  }

  /**
   * A server-side cursor (pg-cursor: a portal read `batchSize` rows at a time). An early exit closes the portal,
   * which leaves the connection (and any transaction on it) usable at once.
   */
  async *stream(query: CompiledQuery, options: RowStreamOptions): AsyncIterableIterator<Record<string, unknown>[]> {
    if (this.pooled.broken) throw ConnectionError.lost('postgres');
    const Cursor = loadOptional<typeof PgCursor>('pg-cursor', 'postgres dialect\'s streaming');
    const cursor = this.pooled.client.query(new Cursor<Record<string, unknown>>(query.sql, query.params as unknown[], { types: this.types }));
    // Closing a cursor that ended (or failed: pg-cursor synced already) would wait for a reply that never comes.
    let open = true;
    try {
      for (;;) {
        let rows: Record<string, unknown>[];
        try {
          rows = await this.bounded(cursor.read(options.batchSize), query.sql);
        } catch (error) {
          open = false;
          if (isFatal(error)) discard(this.pooled);
          throw error;
        }
        // A short read means the portal ran to completion.
        if (rows.length < options.batchSize) open = false;
        if (rows.length > 0) yield rows;
        if (!open) return;
      }
    } finally {
      if (open) await this.closeEarly(cursor);
    }
  }

  /**
   * Closes the portal of a stream left early. pg-cursor waits for the server's ReadyForQuery, which never comes
   * once the connection is lost (a killed session, a crashed server): the wait would hold the connection, and the
   * caller's loop, for good. A lost connection, or one that does not answer within the statement deadline, is
   * discarded instead; the caller's rows were read, so it is not an error of the loop.
   */
  private async closeEarly(cursor: PgCursor): Promise<void> {
    if (!this.pooled.broken && (await this.answered(cursor.close()))) return;
    discard(this.pooled);
  }

  /** Whether `work` succeeds before the connection is lost and within the statement deadline (if one is set). */
  private async answered(work: Promise<void>): Promise<boolean> {
    const waits = [work.then(() => true, () => false), this.pooled.lost.then(() => false)];
    let timer: NodeJS.Timeout | undefined;
    const ms = this.deadlineMs;
    if (ms !== undefined) waits.push(new Promise((resolve) => (timer = setTimeout(() => resolve(false), ms))));
    try {
      return await Promise.race(waits);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** node-postgres clients in a tarn pool. */
export class PostgresDriver extends PooledSqlDriver<PgClient> {
  private pg?: typeof Pg;
  private readonly prepared: PreparedNames | undefined;
  private types?: TypeParsers;
  readonly notifications = new PostgresNotifications(() => this.openListener());

  constructor(options: ConnectionOptions, dialectOptions: PostgresOptions = {}) {
    super(options, 'postgres');
    this.prepared = dialectOptions.preparedStatements === false ? undefined : new PreparedNames();
  }

  override async init(): Promise<void> {
    const pg = loadOptional<typeof Pg>('pg', 'postgres dialect');
    this.pg = pg;
    // Dates stay 'YYYY-MM-DD' text: parsing them into a local-midnight Date shifts the day across time zones.
    this.types = {
      getTypeParser: ((oid: number, format?: string) =>
        oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    };
    await super.init();
  }

  protected async openClient(connectTimeoutMs: number): Promise<PgClient> {
    const pg = this.pg as typeof Pg;
    // statement_timeout travels in the startup packet: the server's limit costs no round trip.
    const client = new pg.Client({ connectionString: this.options.url, types: this.types, statement_timeout: this.options.statementTimeoutMs });
    let settleLost!: () => void;
    const pooled: PgClient = { client, broken: false, lost: new Promise((resolve) => (settleLost = resolve)) };
    // A dropped socket must not crash the process; the pool drops the client (see HealingPool).
    const lost = () => {
      pooled.broken = true;
      settleLost();
    };
    client.on('error', lost).on('end', lost);
    try {
      await withDeadline(client.connect(), connectTimeoutMs, () => ConnectionError.connectTimeout('postgres', connectTimeoutMs));
    } catch (error) {
      discard(pooled);
      throw error;
    }
    return pooled;
  }

  /** A client outside the pool, for LISTEN: it holds its session for as long as it listens. */
  private async openListener(): Promise<ListenerClient> {
    const pg = this.pg;
    if (!pg) throw ConnectionError.closed('postgres');
    const client = new pg.Client({ connectionString: this.options.url, types: this.types });
    const ms = connectTimeoutOf(this.options);
    try {
      await withDeadline(client.connect(), ms, () => ConnectionError.connectTimeout('postgres', ms));
    } catch (error) {
      client.connection.stream.destroy();
      throw mapPostgresError(error, undefined);
    }
    return client;
  }

  protected async closeClient(pooled: PgClient): Promise<void> {
    if (pooled.broken) discard(pooled);
    else await pooled.client.end().catch(() => undefined);
  }

  protected connectionOn(pooled: PgClient): PostgresConnection {
    return new PostgresConnection(pooled, this.prepared, this.types as TypeParsers, this.statementDeadlineMs);
  }

  protected beginStatements(isolationLevel: IsolationLevel | undefined): string[] {
    return [isolationLevel ? `begin isolation level ${isolationLevel}` : 'begin'];
  }
}
