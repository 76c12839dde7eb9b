/** Tessera's public API. Anything not exported here is internal. */
import 'reflect-metadata';

export { Orm } from './orm';
export type { OrmOptions, RequestContextOptions } from './orm';
export type { RequestContextMiddleware } from './em/request-middleware';
export { EntityManager } from './em/entity-manager';
export { EntityRepository } from './em/entity-repository';

export { Entity } from './decorators/entity';
export { Column } from './decorators/column';
export { PrimaryKey } from './decorators/primary-key';
export { Version } from './decorators/version';
export { Audited, type AuditedDecoratorOptions } from './decorators/audited';
export type { AuditTrail, AuditRecord, AuditValue, AuditedProperty } from './lifecycle/audit/audit-trail';
export type { AuditOptions } from './lifecycle/audit/audit-table';
export type { AuditOperation } from './lifecycle/audit/audit-entry';
export { SoftDelete } from './decorators/soft-delete';
export { Filter } from './lifecycle/filters/filter-decorator';
export type { FilterOptions, GlobalFilterOptions } from './lifecycle/filters/filter-options';
export type { FilterParamTypes, FilterName, FilterParamsOf, FilterSwitches, ReadFilterOptions } from './query/read-filter';
export { Index, Unique } from './decorators/index-decorators';
export { ManyToOne, OneToMany, OneToOne, ManyToMany } from './decorators/relation-decorators';
export { BeforeCreate, BeforeUpdate, BeforeDelete, AfterCreate, AfterUpdate, AfterDelete, AfterLoad } from './decorators/hook-decorators';
export type { HookDecorator } from './decorators/hook-decorators';
export type { HookEvent, EntityHooks } from './metadata/hook-metadata';
export type { HookArgs, EventSubscriber, BeforeFlushEvent, FlushEvent, AfterFlushEvent } from './em/lifecycle-types';
export type { CommitEvent, RollbackEvent } from './events/lifecycle-events';
export type { TableWrites, UpdatedRow, BulkWriteKind } from './events/commit-record';
export type { ChangeSet, InsertChangeSet, UpdateChangeSet, DeleteChangeSet } from './unit-of-work/change-set';
export type { ValidationOptions } from './lifecycle/entity-validator';
export type { ValidationSetting } from './lifecycle/entity-lifecycle';

export { Collection } from './relations/collection';
export type { LoadedCollection } from './relations/collection';
export { Reference, ref } from './relations/reference';
export type { LoadedReference } from './relations/reference';
export type { Loaded, PopulatePath, PopulateOptions } from './relations/loaded';
export type { FindAllOptions, ForkOptions, StreamOptions } from './em/entity-manager';
export type { CursorOptions, CursorPage } from './em/cursor-pagination';
export { BatchStream } from './query/batch-stream';

export type { ColumnType } from './metadata/column-type';
export type { EntityClass, EntityMetadata, IndexMetadata } from './metadata/entity-metadata';
export type { PropertyMetadata } from './metadata/property-metadata';
export type { EntityOptions, ColumnOptions, IndexOptions, RelationOptions, RepositoryClass } from './metadata/metadata-registry';
export type { RelationMetadata, RelationKind, CascadeType, PivotMetadata, ForeignKeyMetadata } from './metadata/relation-metadata';
export type {
  ChangeCondition,
  ChangeEvent,
  ChangeFeed,
  ChangeFeedOptions,
  ChangeOp,
  ChangesOptions,
  ChangeValue,
  ChangeValues,
  ChangeWhere,
  RedisConnectionOptions,
} from './lifecycle/change-feed/change-event';
export { SnakeCaseNamingStrategy } from './metadata/naming-strategy';
export type { OrmCache } from './cache/orm-cache';
export type { CacheOptions, CacheStats, MemoryCacheOptions, RedisCacheOptions, RedisCacheConnection } from './cache/cache-options';
export type { ResultCacheOption } from './query/result-cache-option';
export type { NamingStrategy } from './metadata/naming-strategy';

export type {
  EntityData,
  EntityKey,
  FilterObject,
  FilterQuery,
  FilterValue,
  FindOptions,
  LockMode,
  OperatorMap,
  OrderBy,
  OrderDirection,
} from './query/filter-query';
export { sql, raw, ident, SqlFragment } from './query/raw-sql';
export type { SqlTag } from './query/raw-sql';
export type { LockWait } from './query/nodes/lock-node';
export type { GeneratedFunctionKind } from './mapper/entity-mapper';

export type { Dialect, DialectCapabilities, SchemaStatement } from './dialects/dialect';
export type { SchemaOperation, SchemaOperationKind } from './sql/schema-model/schema-operation';
export { applyOperation, applyOperations } from './sql/schema-model/apply-operation';
export { diffSchemas, type DiffOptions, type ColumnRename } from './sql/schema-model/diff-schemas';
export { destructiveChanges, type DestructiveChange, type DestructiveReason } from './sql/schema-model/schema-safety';
export type { SchemaDiffOptions, SchemaUpdateOptions } from './migrations/schema-manager';
export { DatabaseSchema } from './sql/schema-model/database-schema';
export { TableSchema } from './sql/schema-model/table-schema';
export type { ColumnSchema } from './sql/schema-model/column-schema';
export type { PrimaryKeySchema } from './sql/schema-model/primary-key-schema';
export type { UniqueConstraintSchema } from './sql/schema-model/unique-constraint-schema';
export type { IndexSchema } from './sql/schema-model/index-schema';
export type { ForeignKeySchema } from './sql/schema-model/foreign-key-schema';
export type { EnumTypeSchema } from './sql/schema-model/enum-type-schema';
export type { ReferentialAction } from './sql/schema-model/referential-action';
export type { DialectName } from './dialects/dialect-registry';
export { postgres, type PostgresOptions } from './dialects/dialect-registry';
export type { IsolationLevel, PoolOptions, PoolStats, TransactionOptions } from './dialects/driver';
export type { QueryEvent, QueryListener } from './dialects/query-event';
export type { DebugOptions } from './dialects/runtime-driver';

export { Seeder, type SeederClass } from './seeding/seeder';
export { runSeeder } from './seeding/run-seeder';
export { Factory, type FactoryOverrides } from './seeding/factory';

export { defineConfig, type TesseraConfig } from './cli/tessera-config';

export * from './errors';
export { SelectQueryBuilder } from './query/builder/select-query-builder';
export { WriteEntry } from './query/builder/write-entry';
export { InsertQueryBuilder, type InsertData } from './query/builder/insert-query-builder';
export { UpdateQueryBuilder } from './query/builder/update-query-builder';
export { DeleteQueryBuilder } from './query/builder/delete-query-builder';
export type {
  AggregateSpec,
  AliasMap,
  BuilderFilter,
  BuilderOrderBy,
  ColumnRef,
  HavingFilter,
  JoinPath,
  ResultRow,
  SelectedRow,
} from './query/builder/query-builder-types';
export type { BuilderLockOptions } from './query/builder/builder-lock';

export { invertOperation, invertOperations } from './sql/schema-model/invert-operation';
export { Migration, type MigrationClass } from './migrations/migration';
export { MigrationSchemaBuilder } from './migrations/builder/migration-schema-builder';
export { CreateTableBuilder } from './migrations/builder/create-table-builder';
export { AlterTableBuilder, type ConstraintRef } from './migrations/builder/alter-table-builder';
export { ColumnFactory, type NumericLiteral } from './migrations/builder/column-factory';
export { ColumnBuilder, type ReferenceOptions } from './migrations/builder/column-builder';
export { Migrator, type GeneratedMigration, type MigrationsOptions, type MigrationStatus } from './migrations/migrator';
export type { ExecutedMigration } from './migrations/migrations-table';
export type { MigrationEvent, MigrationListener } from './migrations/migration-event';
export type { MigrationLock } from './dialects/dialect';
export type { BackupSummary, BackupManifest, BackupTableSummary } from './backup/backup-format';
export type { BackupOptions } from './backup/backup-writer';
export type { RestoreOptions, RestoreSummary } from './backup/restore-runner';
export { inspectBackup } from './backup/inspect-backup';
