import type { TesseraError } from '../errors/tessera-error';
import type { ValueConverter } from '../mapper/value-converter';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { SqlCompiler } from '../query/compiler/sql-compiler';
import type { ConnectionOptions, Driver } from './driver';
import type { FlushExecutor } from './flush-executor';
import type { DatabaseSchema } from './schema-model/database-schema';

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

/** DDL for one entity's table. */
export interface SchemaGenerator {
  /** The table, its indexes and the pivot tables it owns (with their foreign keys where they are written inline). */
  createTable(meta: EntityMetadata): string[];
  /** Foreign keys added once every table exists (`alter table .. add constraint`); none where they are inline. */
  createForeignKeys(meta: EntityMetadata): string[];
  /** Drops the tables (and their pivot tables) whatever the foreign keys between them; missing ones are skipped. */
  dropTables(metas: readonly EntityMetadata[]): string[];
}

/** Runs one read-only statement for an introspector. */
export type IntrospectionQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Reads the live schema: the current schema on PostgreSQL, the current database on MySQL, `main` on SQLite. */
export interface Introspector {
  /** Names of the tables, sorted, without internal ones. */
  listTables(): Promise<string[]>;
  /** Tables, columns, keys, indexes, foreign keys and enum types, normalized for diffing (#5). */
  introspect(): Promise<DatabaseSchema>;
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
}
