import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import { adminUrl, testDatabaseName, type TestDialect } from './test-databases';

/**
 * An empty database for a suite that compares the whole live schema with its entities (a diff sees every table,
 * so the worker's shared test database, with other suites' tables, will not do): `<worker db>_<suffix>`,
 * dropped and created again. SQLite gets an empty file at `sqliteFile`. Returns the URL.
 */
export async function freshDatabase(dialect: TestDialect, suffix: string, sqliteFile: string): Promise<string> {
  if (dialect === 'sqlite') {
    for (const extra of ['', '-wal', '-shm']) rmSync(sqliteFile + extra, { force: true });
    // WAL from the start, as Tessera opens it: a reader that opened the file in rollback mode may miss what
    // another process writes once that process has switched it to WAL.
    const db = new Database(sqliteFile);
    db.pragma('journal_mode = WAL');
    db.close();
    return sqliteFile;
  }
  const name = `${testDatabaseName()}_${suffix}`;
  const url = new URL(adminUrl(dialect));
  if (dialect === 'postgres') {
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.query(`create database "${name}"`);
    } finally {
      await client.end();
    }
  } else {
    const connection = await createConnection({ uri: url.toString() });
    try {
      await connection.query(`drop database if exists \`${name}\``);
      await connection.query(`create database \`${name}\``);
    } finally {
      await connection.end();
    }
  }
  url.pathname = `/${name}`;
  return url.toString();
}
