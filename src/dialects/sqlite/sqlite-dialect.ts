import type { SqlDialect } from '../../sql/sql-dialect';
import { sqliteAnalysis } from './sqlite-analysis';
import { sqliteBackup } from './sqlite-backup';
import { SqliteFlushExecutor } from './sqlite-flush-executor';
import { SqliteCompiler } from './sqlite-compiler';
import { SqliteDriver } from './sqlite-driver';
import { mapSqliteError } from './sqlite-error-mapper';
import { SqliteIntrospector } from './sqlite-introspector';
import { SqliteSchema } from './sqlite-schema';
import { sqliteConverterFor } from './sqlite-types';

const capabilities = Object.freeze({
  supportsReturning: true,
  // Since SQLite 3.35; better-sqlite3 bundles a newer one.
  supportsWriteReturning: true,
  // SQLITE_MAX_VARIABLE_NUMBER since 3.32.
  maxParameters: 32766,
  transactionalDdl: true,
  arrayParameters: false,
  defaultBatchSize: 1000,
});

const quote = (name: string) => new SqliteCompiler().quoteIdentifier(name);

/** SQLite through better-sqlite3: the embedded default, no server needed. */
export const sqliteDialect: SqlDialect = Object.freeze<SqlDialect>({
  name: 'sqlite',
  capabilities,
  createDriver: (options) => new SqliteDriver(options),
  createCompiler: () => new SqliteCompiler(capabilities.maxParameters),
  createFlushExecutor: () => new SqliteFlushExecutor(new SqliteCompiler(), capabilities),
  createIntrospector: (run) => new SqliteIntrospector(run),
  converterFor: sqliteConverterFor,
  schema: new SqliteSchema(quote),
  backup: sqliteBackup,
  analysis: sqliteAnalysis,
  mapError: mapSqliteError,
  // sqlite:path/to/db.sqlite, sqlite:///abs/path, sqlite::memory:, file:app.db; nothing after the scheme is in memory.
  urls: { schemes: ['sqlite', 'file'], driverUrl: (url) => url.slice(url.indexOf(':') + 1).replace(/^\/\//, '') || ':memory:' },
});
