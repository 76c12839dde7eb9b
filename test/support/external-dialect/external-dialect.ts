import { SqlFlushExecutor, sqliteDialect, type Dialect, type DialectCapabilities } from 'tessera-orm/dialect';
import { ExternalCompiler } from './external-compiler';
import { ExternalDriver } from './external-driver';

const capabilities: DialectCapabilities = Object.freeze({
  supportsReturning: true,
  supportsWriteReturning: true,
  // SQLite's limit before 3.32: flipped low, so the shared executor chunks sooner.
  maxParameters: 999,
  transactionalDdl: true,
  arrayParameters: false,
  defaultBatchSize: 100,
});

/**
 * A dialect written outside src/, only against `tessera-orm/dialect`: its own compiler and driver, the shared
 * SQL flush executor (generated keys through RETURNING), and SQLite's converters, error mapping and DDL reused.
 * Its driver has no savepoints.
 */
export const externalDialect: Dialect = Object.freeze<Dialect>({
  name: 'external-sqlite',
  capabilities,
  createDriver: (options) => new ExternalDriver(options),
  createCompiler: () => new ExternalCompiler(capabilities.maxParameters),
  createFlushExecutor: () => new SqlFlushExecutor(new ExternalCompiler(), capabilities),
  converterFor: (property) => sqliteDialect.converterFor(property),
  mapError: (error, sql) => sqliteDialect.mapError(error, sql),
  schema: sqliteDialect.schema,
  createIntrospector: (run) => sqliteDialect.createIntrospector(run),
});
