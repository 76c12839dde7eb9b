import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import { testUrl } from './test-databases';

/**
 * A second session on the test database (or the database of `url`, e.g. an own server's) that terminates the
 * ORM's sessions, to test lost connections. It spares itself and the sessions listed in `spare` (the suite's raw
 * client). With `inTransaction`, only sessions inside a transaction: a flush between its statements.
 */
export async function openRawSession(
  dialect: string,
  url = testUrl(dialect as 'postgres' | 'mariadb'),
): Promise<{ killOthers(inTransaction: boolean, spare: readonly number[]): Promise<number>; close(): Promise<void> }> {
  if (dialect === 'postgres') {
    const client = new Client({ connectionString: url });
    await client.connect();
    return {
      killOthers: async (inTransaction, spare) => {
        const killed = await client.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
            where datname = $1 and pid <> pg_backend_pid() and not (pid = any($3::int[]))
              and ($2::boolean is false or state = 'idle in transaction')`,
          [databaseOf(url), inTransaction, spare],
        );
        return killed.rowCount ?? 0;
      },
      close: () => client.end(),
    };
  }
  const connection = await createConnection({ uri: url });
  return {
    killOthers: async (inTransaction, spare) => {
      const [rows] = await connection.query(
        `select p.id from information_schema.processlist p
          where p.db = ? and p.id <> connection_id()
            and (? = 0 or exists (select 1 from information_schema.innodb_trx t where t.trx_mysql_thread_id = p.id))`,
        [databaseOf(url), inTransaction ? 1 : 0],
      );
      const victims = (rows as { id: number }[]).map((r) => Number(r.id)).filter((id) => !spare.includes(id));
      let killed = 0;
      for (const id of victims) {
        try {
          await connection.query(`kill ${id}`);
          killed++;
        } catch (error) {
          // The session ended between the listing and its kill (ER_NO_SUCH_THREAD).
          if ((error as { errno?: unknown }).errno !== 1094) throw error;
        }
      }
      return killed;
    },
    close: () => connection.end(),
  };
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * Terminates the ORM's sessions on the test database (sparing `spare`, the suite's raw client), then waits for the
 * termination notices to reach the idle pooled connections, so that the pool sees them as lost before the next
 * acquire rather than handing one out.
 */
export async function killOrmConnections(dialect: string, spare: readonly number[], inTransaction = false): Promise<void> {
  const killer = await openRawSession(dialect);
  try {
    expect(await killer.killOthers(inTransaction, spare)).toBeGreaterThan(0);
  } finally {
    await killer.close();
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
