import type { TesseraError } from '../errors/tessera-error';
import type { ValueConverter } from '../mapper/value-converter';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { CompiledQuery } from '../query/compiler/compiled-query';
import type { SqlCompiler } from '../sql/sql-compiler';
import type { ConnectionOptions, Driver } from './driver';
import type { FlushExecutor } from './flush-executor';
import type { ColumnSchema } from '../sql/schema-model/column-schema';
import type { DatabaseSchema } from '../sql/schema-model/database-schema';
import type { SchemaOperation } from '../sql/schema-model/schema-operation';
import type { TableSchema } from '../sql/schema-model/table-schema';

/** What a dialect can do, as data: the core asks these, never the dialect's name. */
export interface DialectCapabilities {
  /** INSERT .. RETURNING hands generated ids back; otherwise they are derived from insertId and the row count. */
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

/** Everything Tessera needs to know about one database, behind one interface. */
export interface Dialect {
  readonly name: string;
  readonly capabilities: DialectCapabilities;
  createDriver(options: ConnectionOptions): Driver;
  createCompiler(): SqlCompiler;
  createFlushExecutor(): FlushExecutor;
  createIntrospector(run: IntrospectionQuery): Introspector;
  /** The converter for one property's values, or undefined where the driver's own form is already right. */
  converterFor(property: PropertyMetadata): ValueConverter | undefined;
  readonly schema: SchemaGenerator;
  /** Maps what the driver threw to a typed Tessera error, keeping the driver's code and the SQL. */
  mapError(error: unknown, sql: string | undefined): TesseraError;
  /**
   * The session lock migration runners take; undefined where each migration's transaction already excludes
   * other runners (SQLite: `begin immediate` takes the database's one write lock, and the runner re-reads the
   * migrations table inside it).
   */
  readonly migrationLock: MigrationLock | undefined;
}
