import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import { adminUrl, testDatabaseName } from './test-databases';

/** Fails with a message saying how to get the server, rather than letting a suite skip. */
function unreachable(dialect: string, url: string, error: unknown): Error {
  const safe = new URL(url);
  safe.password = '';
  return new Error(
    `Cannot reach ${dialect} at ${safe.host} (${(error as Error).message}). ` +
      'Start the local services with `bash scripts/services.sh` (or have Docker running: the global setup then ' +
      'starts containers), or point TESSERA_PG_URL / TESSERA_MYSQL_URL at a server. Outside CI you may run a ' +
      'subset explicitly with TESSERA_DIALECTS=sqlite.',
  );
}

export async function checkServer(dialect: 'postgres' | 'mariadb'): Promise<void> {
  const url = adminUrl(dialect);
  try {
    if (dialect === 'postgres') {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      await client.end();
    } else {
      const connection = await createConnection({ uri: url, connectTimeout: 5000 });
      await connection.end();
    }
  } catch (error) {
    throw unreachable(dialect, url, error);
  }
}

/** Creates this worker's test database if it is missing. */
export async function ensureTestDatabase(dialect: 'postgres' | 'mariadb'): Promise<void> {
  const name = testDatabaseName();
  const url = adminUrl(dialect);
  if (dialect === 'postgres') {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`create database "${name}"`).catch(ignoreAlreadyExists);
    } finally {
      await client.end();
    }
  } else {
    const connection = await createConnection({ uri: url });
    try {
      await connection.query(`create database if not exists \`${name}\``);
    } finally {
      await connection.end();
    }
  }
}

// Two workers may race to create the same database name only if they share an id, which jest never does;
// a leftover from an aborted run is fine.
function ignoreAlreadyExists(error: { code?: string }): void {
  if (error.code !== '42P04') throw error;
}
