import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Dialect, SchemaGenerator } from '../dialects/dialect';
import type { Connection, Driver } from '../dialects/driver';
import { introspectorOn } from '../migrations/introspect-on';
import { CompiledQuery } from '../query/compiler/compiled-query';
import type { DatabaseSchema } from '../sql/schema-model/database-schema';
import type { TableSchema } from '../sql/schema-model/table-schema';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupSummary, type BackupTableSummary } from './backup-format';
import { tablesInForeignKeyOrder, withEntityTypes } from './backup-schema';
import { backupSeam } from './backup-seam';
import { valueCodec } from './value-codec';

export interface BackupOptions {
  /** Rows read from the database per round trip (the most held in memory at once). Default 1000. */
  readonly batchSize?: number;
  /** gzip level, 1 (fastest) to 9 (smallest). Default 6. */
  readonly compressionLevel?: number;
}

/** What a backup reads from: the ORM's driver and dialect, and the entities' portable schema (for types SQLite's storage loses). */
export interface BackupSource {
  readonly driver: Driver;
  readonly dialect: Dialect;
  readonly entities?: DatabaseSchema;
}

/**
 * Writes a backup of the whole database (the current schema on PostgreSQL, the current database on MySQL, `main`
 * on SQLite) to a file or a stream, read in one snapshot transaction. Rows stream from the database through the
 * gzip compressor to the output, `batchSize` rows at a time: memory stays flat whatever the size of the
 * database. A file is written under `<path>.partial` and renamed once complete, so `path` only ever holds a
 * whole backup; a stream is ended.
 */
export async function writeBackup(source: BackupSource, target: string | Writable, options: BackupOptions = {}): Promise<BackupSummary> {
  const { dialect, driver } = source;
  const { support, ddl } = backupSeam(dialect);
  const partial = typeof target === 'string' ? `${target}.partial` : undefined;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const gzip = createGzip({ level: options.compressionLevel ?? 6 });
  const out = partial === undefined ? (target as Writable) : createWriteStream(partial);
  const written = pipeline(gzip, counter, out);
  // Handled where it is awaited; a failure while the database is still being read must not go unhandled meanwhile.
  written.catch(() => undefined);
  const write = async (text: string) => {
    if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), written]);
  };

  const connection = await driver.acquire();
  let open = false;
  try {
    for (const sql of support.snapshot) {
      await connection.execute(CompiledQuery.create(sql, []));
      open = true;
    }
    const introspector = introspectorOn(dialect, connection);
    const serverVersion = await introspector.serverVersion();
    const live = await introspector.introspect();
    const schema = source.entities ? withEntityTypes(live, source.entities, ddl) : live;
    const tables = tablesInForeignKeyOrder(schema);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      source: { dialect: dialect.name, serverVersion },
      schema,
      tables: tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
    };
    await write(`${JSON.stringify(header)}\n`);
    const summaries: BackupTableSummary[] = [];
    for (const table of tables) summaries.push(await writeTable(connection, dialect, ddl, table, options.batchSize ?? 1000, write));
    const rows = summaries.reduce((sum, t) => sum + t.rows, 0);
    await write(`${JSON.stringify({ manifest: { tables: summaries, rows } })}\n`);
    gzip.end();
    await written;
    if (partial !== undefined) await rename(partial, target as string);
    await driver.commit(connection);
    open = false;
    return { createdAt: header.createdAt, source: header.source, schema, tables: summaries, rows, bytes };
  } catch (error) {
    gzip.destroy();
    if (partial !== undefined) await rm(partial, { force: true });
    throw error;
  } finally {
    if (open) await driver.rollback(connection).catch(() => undefined);
    await driver.release(connection);
  }
}

/** One table's rows, in primary-key order, between its start and end lines. */
async function writeTable(
  connection: Connection,
  dialect: Dialect,
  ddl: SchemaGenerator,
  table: TableSchema,
  batchSize: number,
  write: (text: string) => Promise<void>,
): Promise<BackupTableSummary> {
  const q = ddl.quote;
  const names = table.columns.map((c) => c.name);
  const codecs = table.columns.map((c) => valueCodec(dialect, c));
  const order = table.primaryKey ? ` order by ${table.primaryKey.columns.map(q).join(', ')}` : '';
  const select = CompiledQuery.create(`select ${names.map(q).join(', ')} from ${q(table.name)}${order}`, []);
  const hash = createHash('sha256');
  let count = 0;
  await write(`${JSON.stringify({ table: table.name })}\n`);
  for await (const batch of connection.stream(select, { batchSize, inTransaction: true })) {
    let text = '';
    for (const row of batch) {
      const line = JSON.stringify(names.map((name, i) => codecs[i].encode(row[name])));
      hash.update(line);
      hash.update('\n');
      text += `${line}\n`;
    }
    count += batch.length;
    await write(text);
  }
  const sha256 = hash.digest('hex');
  await write(`${JSON.stringify({ end: table.name, rows: count, sha256 })}\n`);
  return { name: table.name, rows: count, sha256 };
}
