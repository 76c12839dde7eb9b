import type * as Mysql from 'mysql2';

/**
 * Below this many bytes (a generous estimate) a statement is not measured: every server's max_allowed_packet is
 * larger by default (MariaDB 16 MiB, MySQL 64 MiB), and measuring means formatting the statement twice.
 */
const MEASURE_FROM = 512 * 1024;

/**
 * A rough size of a statement as mysql2 will send it (values are written into the text): the SQL plus each
 * value's length, Buffers as hex. Cheap enough for every statement; only a large one is then measured exactly.
 */
export function roughStatementSize(sql: string, params: readonly unknown[]): number {
  let size = sql.length;
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    if (typeof value === 'string') size += value.length;
    else if (value instanceof Uint8Array) size += value.length * 2;
    else size += 24;
  }
  return size;
}

export function mayExceedPacket(sql: string, params: readonly unknown[]): boolean {
  return roughStatementSize(sql, params) >= MEASURE_FROM;
}

/** The exact size in bytes of the statement mysql2 sends for `sql` and `params` (its own formatting). */
export function statementBytes(connection: Mysql.Connection, sql: string, params: readonly unknown[]): number {
  return Buffer.byteLength(connection.format(sql, params as unknown[]));
}

/** The server's max_allowed_packet, read once per connection (a session may lower it, never raise it past global). */
export function readMaxPacket(connection: Mysql.Connection): Promise<number> {
  return new Promise((resolve, reject) =>
    connection.query('select @@max_allowed_packet as max_packet', (error, rows) =>
      error ? reject(error) : resolve(Number((rows as { max_packet: unknown }[])[0].max_packet)),
    ),
  );
}
