import type * as Pg from 'pg';
import type { Pool as TarnPool } from 'tarn';
import { ConnectionError } from '../../errors/driver-error';
import type { CompiledQuery } from '../../query/compiler/compiled-query';
import type { Connection, ConnectionOptions, IsolationLevel, QueryResult } from '../driver';
import { loadOptional } from '../load-optional';
import { SqlDriver } from '../sql-driver';
import { createPool, type PooledClient } from '../tarn-pool';

const DATE_OID = 1082;

interface PgClient extends PooledClient {
  readonly client: Pg.Client;
}

class PostgresConnection implements Connection {
  constructor(readonly pooled: PgClient) {}

  async execute(query: CompiledQuery): Promise<QueryResult> {
    if (this.pooled.broken) throw ConnectionError.lost('postgres');
    const result = await this.pooled.client.query({ text: query.sql, values: query.params as unknown[] });
    return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
  }
}

/** node-postgres clients in a tarn pool. */
export class PostgresDriver extends SqlDriver {
  private pool?: TarnPool<PgClient>;

  constructor(private readonly options: ConnectionOptions) {
    super();
  }

  async init(): Promise<void> {
    const pg = loadOptional<typeof Pg>('pg', 'postgres dialect');
    // Dates stay 'YYYY-MM-DD' text: parsing them into a local-midnight Date shifts the day across time zones.
    const types = {
      getTypeParser: ((oid: number, format?: string) =>
        oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    };
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
    if (!this.pool) throw ConnectionError.closed('postgres');
    return new PostgresConnection(await this.pool.acquire().promise);
  }

  async release(connection: Connection): Promise<void> {
    this.pool?.release((connection as PostgresConnection).pooled);
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }

  protected beginStatements(isolationLevel: IsolationLevel | undefined): string[] {
    return [isolationLevel ? `begin isolation level ${isolationLevel}` : 'begin'];
  }
}
