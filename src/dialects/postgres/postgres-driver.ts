import type * as Pg from 'pg';
import type PgCursor from 'pg-cursor';
import type { Pool as TarnPool } from 'tarn';
import { ConnectionError } from '../../errors/driver-error';
import type { CompiledQuery } from '../../query/compiler/compiled-query';
import type { Connection, ConnectionOptions, IsolationLevel, PoolStats, QueryResult, RowStreamOptions } from '../driver';
import { loadOptional } from '../load-optional';
import { SqlDriver } from '../sql-driver';
import { acquireClient, createPool, tarnPoolStats, type PooledClient } from '../tarn-pool';

const DATE_OID = 1082;

/**
 * Distinct statements prepared per connection at most. Names are never reused for other SQL, so past this
 * many, further statements run unnamed rather than grow every connection's plan cache without bound.
 */
const MAX_PREPARED = 500;

interface PgClient extends PooledClient {
  readonly client: Pg.Client;
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

/** The type parsers of the driver's clients, which a cursor needs too. */
type TypeParsers = Pg.CustomTypesConfig;

class PostgresConnection implements Connection {
  constructor(
    readonly pooled: PgClient,
    private readonly prepared: PreparedNames | undefined,
    private readonly types: TypeParsers,
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
    const result = await this.pooled.client.query({ name, text: query.sql, values: query.params as unknown[] });
    return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
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
          rows = await cursor.read(options.batchSize);
        } catch (error) {
          open = false;
          throw error;
        }
        // A short read means the portal ran to completion.
        if (rows.length < options.batchSize) open = false;
        if (rows.length > 0) yield rows;
        if (!open) return;
      }
    } finally {
      if (open) await cursor.close();
    }
  }
}

/** node-postgres clients in a tarn pool. */
export class PostgresDriver extends SqlDriver {
  private pool?: TarnPool<PgClient>;
  private readonly prepared: PreparedNames | undefined;
  private types?: TypeParsers;

  constructor(private readonly options: ConnectionOptions) {
    super();
    this.prepared = options.preparedStatements === false ? undefined : new PreparedNames();
  }

  async init(): Promise<void> {
    const pg = loadOptional<typeof Pg>('pg', 'postgres dialect');
    // Dates stay 'YYYY-MM-DD' text: parsing them into a local-midnight Date shifts the day across time zones.
    const types: TypeParsers = {
      getTypeParser: ((oid: number, format?: string) =>
        oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    };
    this.types = types;
    this.pool = createPool<PgClient>(
      this.options.pool,
      async () => {
        const client = new pg.Client({ connectionString: this.options.url, types });
        const pooled: PgClient = { client, broken: false };
        // A dropped socket must not crash the process; the client is discarded on its next validation.
        client.on('error', () => {
          pooled.broken = true;
        });
        await client.connect();
        return pooled;
      },
      async (pooled) => {
        await pooled.client.end().catch(() => undefined);
      },
    );
    // Connect once now, so a wrong URL fails at Orm.init rather than at the first query.
    await this.release(await this.acquire());
  }

  async acquire(): Promise<Connection> {
    if (!this.pool || !this.types) throw ConnectionError.closed('postgres');
    return new PostgresConnection(await acquireClient(this.pool, 'postgres', this.options.pool), this.prepared, this.types);
  }

  async release(connection: Connection): Promise<void> {
    this.pool?.release((connection as PostgresConnection).pooled);
  }

  poolStats(): PoolStats {
    return tarnPoolStats(this.pool, this.options.pool);
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }

  protected beginStatements(isolationLevel: IsolationLevel | undefined): string[] {
    return [isolationLevel ? `begin isolation level ${isolationLevel}` : 'begin'];
  }
}
