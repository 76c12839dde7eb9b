import type { TesseraError } from '../errors/tessera-error';
import type { ValueConverter } from '../mapper/value-converter';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { CompiledQuery } from '../query/compiler/compiled-query';
import type { QueryCompiler } from '../query/compiler/query-compiler';
import type { AnalysisSupport } from './analysis-support';
import type { ConnectionOptions, Driver } from './driver';
import type { FlushExecutor } from './flush-executor';
import type { ColumnSchema } from '../sql/schema-model/column-schema';
import type { DatabaseSchema } from '../sql/schema-model/database-schema';
import type { SchemaOperation } from '../sql/schema-model/schema-operation';
import type { TableSchema } from '../sql/schema-model/table-schema';

/** What a dialect can do, as data: the core asks these, never the dialect's name. */
export interface DialectCapabilities {
  /**
   * INSERT .. RETURNING hands the inserted rows back: the query builder's `insert(..).returning(..)` works. A
   * flush executor may still derive generated ids another way where that is cheaper (SQLite reads them from the
   * last rowid); without it they must come from insertId and the row count.
   */
  readonly supportsReturning: boolean;
  /** UPDATE .. RETURNING and DELETE .. RETURNING hand the changed rows back (the query builder's `returning`). */
  readonly supportsWriteReturning: boolean;
  /** Most bound parameters one statement may carry. */
  readonly maxParameters: number;
  /** DDL runs inside a transaction and rolls back with it. */
  readonly transactionalDdl: boolean;
  /** A whole column of a batch binds as one array parameter (`unnest`), so statements need no chunking by parameters. */
  readonly arrayParameters: boolean;
  /** Rows per flush statement when `batchSize` is not configured. */
  readonly defaultBatchSize: number;
}

/**
 * One DDL statement. A runner runs them in order, in one transaction where the database has transactional
 * DDL; a statement `outsideTransaction` (PostgreSQL's `create index concurrently`, SQLite's
 * `pragma foreign_keys`) commits what ran before it, runs on its own, and the statements after it start a new
 * transaction.
 */
export interface SchemaStatement {
  readonly sql: string;
  readonly outsideTransaction?: boolean;
  /** Runs even when an earlier statement failed: it restores a session setting (SQLite's `pragma foreign_keys = on`). */
  readonly always?: boolean;
}

/** The dialect's DDL: how the database stores a column, and schema operations rendered to statements. */
export interface SchemaGenerator {
  /** A column as this database stores and reports it: its type as stored, its default normalized. Idempotent. */
  storedColumn(column: ColumnSchema): ColumnSchema;
  /** A table as introspection will read it once created: stored columns, the key names the database keeps. */
  storedTable(table: TableSchema): TableSchema;
  /**
   * The statements that apply `operations`, in order, to a database whose schema is `current`. Columns are
   * written from their portable `type` (+ length, precision, scale, items), from `nativeType` only when
   * `type` is undefined.
   */
  render(operations: readonly SchemaOperation[], current: DatabaseSchema): SchemaStatement[];
  /** Drops the tables whatever the foreign keys between them; missing ones are skipped. */
  dropTables(tables: readonly string[]): string[];
  /** An identifier quoted as this database's DDL writes it. */
  quote(name: string): string;
}

/** Runs one read-only statement for an introspector. */
export type IntrospectionQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Reads the live schema: the current schema on PostgreSQL, the current database on MySQL, `main` on SQLite. */
export interface Introspector {
  /** Names of the tables, sorted, without internal ones. */
  listTables(): Promise<string[]>;
  /** The server's product and version, e.g. 'PostgreSQL 16.4' or '10.11.6-MariaDB'. */
  serverVersion(): Promise<string>;
  /** Tables, columns, keys, indexes, foreign keys and enum types, normalized for diffing (#5). */
  introspect(): Promise<DatabaseSchema>;
}

/**
 * A lock that keeps migration runners on one database apart, held by the session that takes it (released
 * by the server if that session dies). The runner polls `tryAcquire`, so a wait never blocks a pool.
 */
export interface MigrationLock {
  /** Takes the lock named `key` if it is free, without waiting; the first row's `acquired` is truthy when it was taken. */
  tryAcquire(key: string): CompiledQuery;
  release(key: string): CompiledQuery;
}

/**
 * What a logical backup and restore (src/backup/) need beyond DDL and introspection: how to read one snapshot,
 * how to load rows into fresh tables whose foreign keys point any way, and how to move key generators past the
 * loaded ids.
 */
export interface BackupSupport {
  /** Opens a read-only transaction in which every table is read as of one moment. */
  readonly snapshot: readonly string[];
  /**
   * Whether foreign keys are added once every row is in (the database validates them then) rather than created
   * with their tables, the session deferring or skipping their checks while rows load (`loadSession`).
   */
  readonly foreignKeysAfterRows: boolean;
  /** Session statements before rows load (inside the restore's transaction where DDL is transactional). */
  readonly loadSession: readonly string[];
  /** Session statements that undo `loadSession`, run when the restore ends, whether it succeeded or not. */
  readonly endLoadSession: readonly string[];
  /**
   * The statement that moves the generator of `column` (an identity column of `table`) past its largest value,
   * where inserting explicit values does not already (a PostgreSQL sequence).
   */
  identityReset?(table: string, column: string): CompiledQuery;
}

/** How connection URLs name a dialect (TESSERA_URL, the CLI) and become the URL its driver is given. */
export interface DialectUrls {
  /** The schemes this dialect takes, lower case, without the colon: `['postgres', 'postgresql']`. */
  readonly schemes: readonly string[];
  /** The driver's URL (or file name) for `url`, whose scheme is one of `schemes`. */
  driverUrl(url: string): string;
}

/**
 * Everything Tessera needs to know about one database, behind one interface. What only SQL databases have
 * (DDL, introspection, a migration lock) is optional: without `schema`, `orm.schema` and migrations refuse with a
 * `UsageError`; savepoints are the driver's (`Driver.savepoints`).
 */
export interface Dialect {
  readonly name: string;
  readonly capabilities: DialectCapabilities;
  createDriver(options: ConnectionOptions): Driver;
  createCompiler(): QueryCompiler;
  createFlushExecutor(): FlushExecutor;
  /** The converter for one property's values, or undefined where the driver's own form is already right. */
  converterFor(property: PropertyMetadata): ValueConverter | undefined;
  /** Maps what the driver threw to a typed Tessera error, keeping the driver's code and the SQL. */
  mapError(error: unknown, sql: string | undefined): TesseraError;
  /** The connection URLs this dialect takes; without it, the CLI's TESSERA_URL cannot name it. */
  readonly urls?: DialectUrls;
  /** SQL databases: the DDL. */
  readonly schema?: SchemaGenerator;
  /** SQL databases: reads the live schema (needed by `orm.schema` and migrations together with `schema`). */
  createIntrospector?(run: IntrospectionQuery): Introspector;
  /**
   * The session lock migration runners take; absent where each migration's transaction already excludes
   * other runners (SQLite: `begin immediate` takes the database's one write lock, and the runner re-reads the
   * migrations table inside it).
   */
  readonly migrationLock?: MigrationLock;
  /** SQL databases: what `orm.backup()` and `orm.restore()` need (with `schema` and `createIntrospector`). */
  readonly backup?: BackupSupport;
  /** SQL databases: query plans and index use for `orm.analyze()` (with `createIntrospector`). */
  readonly analysis?: AnalysisSupport;
}
