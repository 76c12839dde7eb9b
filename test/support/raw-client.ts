import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createConnection, type Connection as MysqlConnection } from 'mysql2/promise';
import type { TestDialect } from './test-databases';

/**
 * A plain driver connection beside the ORM, so tests check what is really in the database rather than what
 * Tessera says is there.
 */
export interface RawClient {
  /** Every row of a table, ordered by its first column. */
  rows(table: string): Promise<Record<string, unknown>[]>;
  count(table: string): Promise<number>;
  /** Runs one statement that returns no rows (DDL a suite needs beyond what its entities create). */
  exec(sql: string): Promise<void>;
  /** The server's id of this session (to spare it when a test kills the ORM's sessions). */
  sessionId?: number;
  close(): Promise<void>;
}

export async function openRawClient(dialect: TestDialect, url: string): Promise<RawClient> {
  if (dialect === 'sqlite') {
    const db = new Database(url, { readonly: true });
    // Reads stay on a read-only handle; a writable one opens only for a suite that runs DDL.
    let writer: Database.Database | undefined;
    return {
      rows: async (table) => db.prepare(`select * from ${ansi(table)} order by 1`).all() as Record<string, unknown>[],
      count: async (table) => Number((db.prepare(`select count(*) as n from ${ansi(table)}`).get() as { n: number }).n),
      exec: async (sql) => {
        writer ??= new Database(url);
        writer.exec(sql);
      },
      close: async () => {
        writer?.close();
        db.close();
      },
    };
  }
  if (dialect === 'postgres') {
    const client = new Client({ connectionString: url });
    await client.connect();
    const { pid } = (await client.query('select pg_backend_pid() as pid')).rows[0];
    return {
      sessionId: Number(pid),
      rows: async (table) => (await client.query(`select * from ${ansi(table)} order by 1`)).rows,
      count: async (table) => Number((await client.query(`select count(*) as n from ${ansi(table)}`)).rows[0].n),
      exec: async (sql) => void (await client.query(sql)),
      close: () => client.end(),
    };
  }
  const connection: MysqlConnection = await createConnection({ uri: url, timezone: 'Z', dateStrings: ['DATE'] });
  const [[{ id }]] = (await connection.query('select connection_id() as id')) as unknown as [[{ id: number }]];
  return {
    sessionId: Number(id),
    rows: async (table) => (await connection.query(`select * from ${backticks(table)} order by 1`))[0] as Record<string, unknown>[],
    count: async (table) => {
      const [rows] = await connection.query(`select count(*) as n from ${backticks(table)}`);
      return Number((rows as { n: number }[])[0].n);
    },
    exec: async (sql) => void (await connection.query(sql)),
    close: () => connection.end(),
  };
}

const ansi = (name: string) => `"${name.replace(/"/g, '""')}"`;
const backticks = (name: string) => `\`${name.replace(/`/g, '``')}\``;
