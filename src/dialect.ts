/**
 * `tessera-orm/dialect`: what a dialect author needs, beside `tessera-orm` itself. A dialect implements the seam
 * (`Dialect`, `Driver`, `Connection`, `FlushExecutor`, `QueryCompiler`) and the core's ports (the flush plan, the
 * compiled query); a SQL dialect builds on the shared SQL machinery (`SqlCompiler`, `SqlDriver`, `PooledSqlDriver`,
 * `SqlFlushExecutor`, `SqlSchemaGenerator`, the schema model) and overrides only its database's quirks.
 * @example
 * import { SqlCompiler, type Dialect } from 'tessera-orm/dialect';
 */

// The seam
export type {
  BackupSupport,
  Dialect,
  DialectCapabilities,
  DialectUrls,
  IntrospectionQuery,
  Introspector,
  MigrationLock,
  SchemaGenerator,
  SchemaStatement,
} from './dialects/dialect';
export type {
  Connection,
  ConnectionOptions,
  Driver,
  IsolationLevel,
  PoolOptions,
  PoolStats,
  QueryResult,
  RowStreamOptions,
  Savepoints,
  StatementConnection,
  TransactionOptions,
} from './dialects/driver';
export type { FlushExecutor } from './dialects/flush-executor';
export { loadOptional } from './dialects/load-optional';
export { clientDeadlineOf, connectTimeoutOf, withDeadline } from './dialects/network-timeouts';
// The shipped dialects, to reuse parts of (their converters, error mapping, DDL)
export { mysqlDialect, postgres, postgresDialect, sqliteDialect, type PostgresOptions } from './dialects/dialect-registry';

// The core's ports: the flush plan a flush executor runs, the compiled query a connection runs
export type { DeleteBatch, FlushBatch, InsertBatch, LinkBatch, UpdateBatch, UpdateRow } from './unit-of-work/flush-plan';
export { CompiledQuery, StatementTemplate } from './query/compiler/compiled-query';
export type { QueryCompiler } from './query/compiler/query-compiler';
export type { ValueConverter, ConverterLookup } from './mapper/value-converter';
export type { EntityMetadata } from './metadata/entity-metadata';
export type { PropertyMetadata } from './metadata/property-metadata';

// Query nodes
export { AggregateNode } from './query/nodes/aggregate-node';
export { AliasNode } from './query/nodes/alias-node';
export { AssignmentNode } from './query/nodes/assignment-node';
export { BinaryOperationNode, type BinaryOperator } from './query/nodes/binary-operation-node';
export { CastNode } from './query/nodes/cast-node';
export { ColumnNode } from './query/nodes/column-node';
export { ConstantNode } from './query/nodes/constant-node';
export { DeleteQueryNode } from './query/nodes/delete-query-node';
export { DerivedTableNode } from './query/nodes/derived-table-node';
export { ExplainNode } from './query/nodes/explain-node';
export { IdentifierNode } from './query/nodes/identifier-node';
export { InsertQueryNode } from './query/nodes/insert-query-node';
export { IsNullNode } from './query/nodes/is-null-node';
export { JoinNode } from './query/nodes/join-node';
export { JunctionNode } from './query/nodes/junction-node';
export { LockNode, type LockStrength, type LockWait } from './query/nodes/lock-node';
export { NotNode } from './query/nodes/not-node';
export { OnConflictNode } from './query/nodes/on-conflict-node';
export { type OperationNode, type QueryNode } from './query/nodes/operation-node';
export { OrderByItemNode } from './query/nodes/order-by-item-node';
export { ParameterNode } from './query/nodes/parameter-node';
export { RawNode } from './query/nodes/raw-node';
export { SelectQueryNode, type Selection } from './query/nodes/select-query-node';
export { TableNode } from './query/nodes/table-node';
export { TupleNode } from './query/nodes/tuple-node';
export { UnnestNode } from './query/nodes/unnest-node';
export { UpdateQueryNode } from './query/nodes/update-query-node';
export { ValueNode } from './query/nodes/value-node';
export { ValuesNode } from './query/nodes/values-node';

// The shared SQL machinery
export { SqlCompiler } from './sql/sql-compiler';
export type { SqlDialect } from './sql/sql-dialect';
export { SqlDriver } from './sql/sql-driver';
export { PooledSqlDriver, type PooledConnection } from './sql/pooled-sql-driver';
export type { PooledClient } from './sql/tarn-pool';
export { SqlFlushExecutor } from './sql/sql-flush-executor';
export { SqlSchemaGenerator } from './sql/sql-schema-generator';
export { rowsPerStatement } from './sql/chunk-rows';
export { bigintAsString, booleanAsInteger, dateAsText, integerAsNumber, jsonAsText } from './sql/value-converters';
export { mappedError, readFailure, REDACT_NOTHING, type DriverErrorClass, type DriverFailure } from './sql/error-message';

// The errors a driver's failures map to
export {
  CheckConstraintViolationError,
  CommitOutcomeUnknownError,
  ConnectionError,
  ConstraintViolationError,
  DeadlockError,
  DriverError,
  ForeignKeyConstraintViolationError,
  LockWaitTimeoutError,
  NotNullConstraintViolationError,
  QueryTimeoutError,
  UniqueConstraintViolationError,
  type DriverErrorDetails,
} from './errors/driver-error';
export { TesseraError } from './errors/tessera-error';
export { UsageError } from './errors/usage-error';
