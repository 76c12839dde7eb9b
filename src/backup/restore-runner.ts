import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dialect, SchemaGenerator } from '../dialects/dialect';
import type { Connection, Driver } from '../dialects/driver';
import { BackupError } from '../errors/backup-error';
import { introspectorOn } from '../migrations/introspect-on';
import { CompiledQuery } from '../query/compiler/compiled-query';
import { applyOperation } from '../sql/schema-model/apply-operation';
import { DatabaseSchema } from '../sql/schema-model/database-schema';
import { diffSchemas } from '../sql/schema-model/diff-schemas';
import type { SchemaOperation } from '../sql/schema-model/schema-operation';
import type { TableSchema } from '../sql/schema-model/table-schema';
import { readBackup, verifyBackup } from './backup-reader';
import { schemaFor } from './backup-schema';
import { backupSeam } from './backup-seam';
import { RowInserter } from './row-inserter';

export interface RestoreOptions {
  /**
   * Restore into a database that already has tables: the backup's tables (and PostgreSQL enum types) that exist
   * are dropped first; other tables are left alone. Without it such a database is refused before anything is
   * written.
   */
  readonly force?: boolean;
}

/** What a restore wrote. */
export interface RestoreSummary {
  /** The dialect the backup was read from. */
  readonly source: string;
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
  readonly rows: number;
}

/** Where a restore writes: the ORM's driver and dialect. */
export interface RestoreTarget {
  readonly driver: Driver;
  readonly dialect: Dialect;
}

/**
 * Restores a backup into the target database, which must be empty unless `force` is given.
 *
 * 1. The whole file is read and checked first (format, every table's row count and SHA-256, the manifest):
 *    a truncated or corrupted backup is refused before anything is written. A stream is spooled to a
 *    temporary file for that.
 * 2. In one transaction where the database has transactional DDL (PostgreSQL, SQLite): the replaced tables are
 *    dropped, the tables, indexes (and enum types) created, the rows inserted table by table in foreign-key
 *    order with their ids, foreign keys created or checked (see `BackupSupport`), identity sequences moved past
 *    the largest id. Any failure rolls all of it back. MySQL/MariaDB commit each DDL statement implicitly:
 *    there the rows load in one transaction of their own, and a failure leaves the tables created so far
 *    (restore again with `force`).
 */
export async function restoreBackup(target: RestoreTarget, source: string | Readable, options: RestoreOptions = {}): Promise<RestoreSummary> {
  if (typeof source === 'string') return restoreFile(target, source, options);
  const dir = await mkdtemp(join(tmpdir(), 'tessera-restore-'));
  try {
    const file = join(dir, 'backup.tessera');
    await pipeline(source, createWriteStream(file));
    return await restoreFile(target, file, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function restoreFile({ driver, dialect }: RestoreTarget, file: string, options: RestoreOptions): Promise<RestoreSummary> {
  const { support, ddl } = backupSeam(dialect);
  const { header, manifest } = await verifyBackup(file);
  const schema = schemaFor(header.schema, header.source.dialect, dialect.name);
  const transactional = dialect.capabilities.transactionalDdl;
  const connection = await driver.acquire();
  const run = async (statements: readonly { readonly sql: string }[]) => {
    for (const { sql } of statements) await connection.execute(CompiledQuery.create(sql, []));
  };
  let open = false;
  let session = false;
  try {
    if (transactional) {
      await driver.begin(connection);
      open = true;
    }
    let current = await introspectorOn(dialect, connection).introspect();
    if (current.tables.length > 0 && !options.force) throw BackupError.targetNotEmpty(current.tables.map((t) => t.name));
    current = await dropReplaced(current, schema, (statements) => run(statements), ddl);

    session = true;
    await run(support.loadSession.map((sql) => ({ sql })));
    const creates = diffSchemas(schema, current);
    const keysLater = (op: SchemaOperation) => support.foreignKeysAfterRows && op.kind === 'addForeignKey';
    const now = creates.filter((op) => !keysLater(op));
    await run(ddl.render(now, current));
    current = now.reduce(applyOperation, current);

    if (!transactional) {
      await driver.begin(connection);
      open = true;
    }
    await loadRows(file, schema, dialect, connection);
    if (!transactional) {
      await driver.commit(connection);
      open = false;
    }
    await run(ddl.render(creates.filter(keysLater), current));
    for (const table of schema.tables) {
      const identity = table.columns.find((c) => c.identity);
      if (identity && support.identityReset) await connection.execute(support.identityReset(table.name, identity.name));
    }
    if (open) {
      await driver.commit(connection);
      open = false;
    }
    return { source: header.source.dialect, tables: manifest.tables.map(({ name, rows }) => ({ name, rows })), rows: manifest.rows };
  } catch (error) {
    if (open) await driver.rollback(connection).catch(() => undefined);
    throw error;
  } finally {
    if (session) await run(support.endLoadSession.map((sql) => ({ sql }))).catch(() => undefined);
    await driver.release(connection);
  }
}

/** Drops the tables (and enum types) of the backup that the target has; returns the target's schema after. */
async function dropReplaced(
  current: DatabaseSchema,
  backup: DatabaseSchema,
  run: (statements: readonly { readonly sql: string }[]) => Promise<void>,
  ddl: SchemaGenerator,
): Promise<DatabaseSchema> {
  const replaced = new Set(backup.tables.filter((t) => DatabaseSchema.table(current, t.name)).map((t) => t.name));
  if (replaced.size > 0) await run(ddl.dropTables([...replaced]).map((sql) => ({ sql })));
  const kept = DatabaseSchema.create(
    current.tables.filter((t) => !replaced.has(t.name)),
    current.enums,
  );
  const enumDrops: SchemaOperation[] = kept.enums.filter((e) => backup.enums.some((b) => b.name === e.name)).map((e) => ({ kind: 'dropEnum', enum: e }));
  await run(ddl.render(enumDrops, kept));
  return enumDrops.reduce(applyOperation, kept);
}

/** The backup's rows, read a second time (checked again as they are read), inserted table by table. */
async function loadRows(file: string, schema: DatabaseSchema, dialect: Dialect, connection: Connection): Promise<void> {
  const compiler = dialect.createCompiler();
  const inserters = new Map<string, RowInserter>();
  for await (const event of readBackup(file)) {
    if (event.kind !== 'rows') continue;
    let inserter = inserters.get(event.table.name);
    if (!inserter) {
      inserter = new RowInserter(DatabaseSchema.table(schema, event.table.name) as TableSchema, dialect, compiler);
      inserters.set(event.table.name, inserter);
    }
    await inserter.insert(event.rows, connection);
  }
}
