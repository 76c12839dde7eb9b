import type { SqlDialect } from '../../sql/sql-dialect';
import { postgresAnalysis } from './postgres-analysis';
import { postgresBackup } from './postgres-backup';
import type { PostgresOptions } from './postgres-options';
import { PostgresCompiler } from './postgres-compiler';
import { PostgresDriver } from './postgres-driver';
import { mapPostgresError } from './postgres-error-mapper';
import { PostgresFlushExecutor } from './postgres-flush-executor';
import { PostgresIntrospector } from './postgres-introspector';
import { PostgresSchema } from './postgres-schema';
import { postgresConverterFor } from './postgres-types';
import { postgresMigrationLock } from './postgres-migration-lock';

const capabilities = Object.freeze({
  supportsReturning: true,
  supportsWriteReturning: true,
  // The wire protocol counts parameters in an Int16.
  maxParameters: 65535,
  transactionalDdl: true,
  arrayParameters: true,
  // Arrays carry any number of rows in a few parameters: fewer, larger statements save round trips.
  defaultBatchSize: 10_000,
});

const quote = (name: string) => new PostgresCompiler().quoteIdentifier(name);

/**
 * PostgreSQL through node-postgres (`npm install pg`), configured.
 * @example
 * await Orm.init({ dialect: postgres({ preparedStatements: false }), url, entities }); // behind PgBouncer
 */
export function postgres(options: PostgresOptions = {}): SqlDialect {
  return Object.freeze<SqlDialect>({
    name: 'postgres',
    capabilities,
    createDriver: (connection) => new PostgresDriver(connection, options),
    createCompiler: () => new PostgresCompiler(capabilities.maxParameters),
    createFlushExecutor: () => new PostgresFlushExecutor(new PostgresCompiler(), capabilities),
    createIntrospector: (run) => new PostgresIntrospector(run),
    converterFor: postgresConverterFor,
    schema,
    backup: postgresBackup(quote),
    analysis: postgresAnalysis,
    mapError: mapPostgresError,
    urls: { schemes: ['postgres', 'postgresql'], driverUrl: (url) => url },
    migrationLock: postgresMigrationLock,
  });
}

const schema = new PostgresSchema(quote);

/** PostgreSQL with the default options. */
export const postgresDialect: SqlDialect = postgres();
