import type { SqlDialect } from '../../sql/sql-dialect';
import { mysqlAnalysis } from './mysql-analysis';
import { mysqlBackup } from './mysql-backup';
import { MysqlCompiler } from './mysql-compiler';
import { MysqlDriver } from './mysql-driver';
import { mapMysqlError } from './mysql-error-mapper';
import { MysqlFlushExecutor } from './mysql-flush-executor';
import { MysqlIntrospector } from './mysql-introspector';
import { MysqlSchema } from './mysql-schema';
import { mysqlConverterFor } from './mysql-types';
import { mysqlMigrationLock } from './mysql-migration-lock';

const capabilities = Object.freeze({
  supportsReturning: false,
  // MySQL has neither; MariaDB has DELETE .. RETURNING but no UPDATE .. RETURNING, and one dialect serves both.
  supportsWriteReturning: false,
  // Prepared-statement placeholders are counted in 16 bits.
  maxParameters: 65535,
  // DDL commits implicitly.
  transactionalDdl: false,
  arrayParameters: false,
  // Statement text must stay under max_allowed_packet (16 MB on MariaDB) even with wide rows.
  defaultBatchSize: 1000,
});

const quote = (name: string) => new MysqlCompiler().quoteIdentifier(name);

/** MySQL and MariaDB through mysql2 (`npm install mysql2`). */
export const mysqlDialect: SqlDialect = Object.freeze<SqlDialect>({
  name: 'mysql',
  capabilities,
  createDriver: (options) => new MysqlDriver(options),
  // No parameter limit on queries: mysql2's query() escapes values into the text (only max_allowed_packet bounds it).
  createCompiler: () => new MysqlCompiler(),
  createFlushExecutor: () => new MysqlFlushExecutor(new MysqlCompiler(), capabilities),
  createIntrospector: (run) => new MysqlIntrospector(run),
  converterFor: mysqlConverterFor,
  schema: new MysqlSchema(quote),
  backup: mysqlBackup,
  analysis: mysqlAnalysis,
  mapError: mapMysqlError,
  // mysql2 reads mysql:// only.
  urls: { schemes: ['mysql', 'mariadb'], driverUrl: (url) => `mysql:${url.slice(url.indexOf(':') + 1)}` },
  migrationLock: mysqlMigrationLock,
});
