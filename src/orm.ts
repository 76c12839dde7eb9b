import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readable, Writable } from 'node:stream';
import type { BackupSummary } from './backup/backup-format';
import { writeBackup, type BackupOptions } from './backup/backup-writer';
import { restoreBackup, type RestoreOptions, type RestoreSummary } from './backup/restore-runner';
import type { Dialect } from './dialects/dialect';
import { resolveDialect, type DialectName } from './dialects/dialect-registry';
import type { ConnectionOptions, PoolOptions, PoolStats } from './dialects/driver';
import { checkTimeouts } from './dialects/network-timeouts';
import type { QueryListener } from './dialects/query-event';
import { RuntimeDriver, type DebugOptions } from './dialects/runtime-driver';
import type { EntityManager } from './em/entity-manager';
import { GlobalEntityManager } from './em/global-entity-manager';
import type { OrmContext, OrmLifecycleEvents } from './em/orm-context';
import { EventBus } from './events/event-bus';
import { UsageError } from './errors/usage-error';
import type { GeneratedFunctionKind } from './mapper/entity-mapper';
import { MapperRegistry } from './mapper/mapper-registry';
import type { EntityClass } from './metadata/entity-metadata';
import { discoverMetadata } from './metadata/metadata-discovery';
import type { MetadataStorage } from './metadata/metadata-storage';
import { SnakeCaseNamingStrategy, type NamingStrategy } from './metadata/naming-strategy';
import { MigrationEvents, type MigrationListener } from './migrations/migration-event';
import { Migrator, type MigrationsOptions } from './migrations/migrator';
import { SchemaManager } from './migrations/schema-manager';
import { installRelationAccessors } from './relations/relation-accessors';
import { unwrapReference } from './relations/reference';
import { StatementCache } from './query/statement-cache';
import { portableSchema } from './sql/target-schema';

/** The events `orm.on` knows. */
const ORM_EVENTS = ['query', 'migration'] as const;

export interface OrmOptions {
  /** 'sqlite' (the embedded default), 'postgres', 'mysql', 'mariadb', or a Dialect object. */
  dialect?: DialectName | Dialect;
  /** Connection URL; for SQLite a file path or ':memory:' (the default). */
  url?: string;
  entities: readonly EntityClass[];
  /**
   * An empty `entities` list is refused as a likely mistake; `false` allows it, for a connection that only
   * runs migrations or raw SQL (the CLI's `db:status` with only TESSERA_URL).
   */
  requireEntities?: boolean;
  pool?: PoolOptions;
  /** Print each statement with its time; values are redacted unless `{ params: true }`. */
  debug?: boolean | DebugOptions;
  /**
   * Most rows per INSERT/UPDATE/DELETE statement in a flush (also bounded by the dialect's parameter limit).
   * Default: 10,000 on PostgreSQL (rows travel as arrays), 1,000 elsewhere.
   */
  batchSize?: number;
  namingStrategy?: NamingStrategy;
  /**
   * PostgreSQL: prepare repeated statements on the server (default true; turn off behind PgBouncer).
   * @deprecated Configure the dialect instead: `dialect: postgres({ preparedStatements: false })`. Ignored when
   * `dialect` is a configured dialect object other than the default `postgres` one.
   */
  preparedStatements?: boolean;
  /**
   * PostgreSQL and MySQL: how long opening a connection may take, in ms, before it is abandoned with a
   * `ConnectionError` (default 10,000). SQLite opens a file and ignores it.
   */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL and MySQL: the longest a statement may run, in ms (default: no limit). The server stops it
   * (PostgreSQL `statement_timeout`, MariaDB `max_statement_time`, MySQL `max_execution_time`, SELECTs only), and
   * if no answer comes a little later (a stalled server or network) the client closes the connection. Either is
   * a `QueryTimeoutError`. SQLite has no server to wait for and ignores it.
   */
  statementTimeoutMs?: number;
  /** Where migrations live and where their history is kept (`orm.migrator`). */
  migrations?: MigrationsOptions;
  /**
   * SQLite: how long a statement waits while another connection (another process) holds the write lock, in ms,
   * before it fails with LockWaitTimeoutError (default 5000). The wait is on timers: the process keeps running.
   */
  busyTimeoutMs?: number;
}

/**
 * The entry point: discovers entity metadata, connects, and hands out EntityManagers.
 * @example
 * const orm = await Orm.init({ dialect: 'sqlite', url: 'app.sqlite', entities: [Author] });
 * const em = orm.em.fork();
 */
export class Orm {
  /** The global EntityManager: it refuses work outside `requestContext`; use `orm.em.fork()` elsewhere. */
  readonly em: EntityManager;
  readonly schema: SchemaManager;
  /** Runs migrations and reports where the database stands (see docs/migrations.md). */
  readonly migrator: Migrator;
  readonly metadata: MetadataStorage;
  readonly dialect: Dialect;

  private constructor(
    private readonly context: OrmContext,
    private readonly driver: RuntimeDriver,
    dialect: Dialect,
    private readonly migrationEvents: MigrationEvents,
    migrations: MigrationsOptions | undefined,
  ) {
    this.dialect = dialect;
    this.metadata = context.metadata;
    this.em = new GlobalEntityManager(context);
    this.schema = new SchemaManager(context.metadata, dialect, driver);
    this.migrator = new Migrator(driver, dialect, migrationEvents, this.schema, migrations);
  }

  /**
   * @internal The unit of work's lifecycle events (`beforeFlush`, `onFlush`, `afterFlush`, `afterCommit`,
   * `afterRollback`; see src/events/lifecycle-events.ts). A public `orm.subscribe` comes later.
   * @example
   * const off = orm.events.on('afterCommit', ({ tables }) => tables.forEach((t) => cache.evict(t.table)));
   */
  get events(): EventBus<OrmLifecycleEvents> {
    return this.context.events;
  }

  /** Validates every entity (a `MetadataError` names the class and property at fault), then connects. */
  static async init(options: OrmOptions): Promise<Orm> {
    const metadata = discoverMetadata(options.entities, options.namingStrategy ?? new SnakeCaseNamingStrategy(), options.requireEntities);
    for (const meta of metadata.all) installRelationAccessors(meta);
    const dialect = resolveDialect(options.dialect ?? 'sqlite', { preparedStatements: options.preparedStatements });
    const debug = options.debug === true ? {} : options.debug || undefined;
    const connection: ConnectionOptions = {
      url: options.url,
      pool: options.pool,
      connectTimeoutMs: options.connectTimeoutMs,
      statementTimeoutMs: options.statementTimeoutMs,
      busyTimeoutMs: options.busyTimeoutMs,
    };
    checkTimeouts(connection);
    const driver = new RuntimeDriver(dialect.createDriver(connection), dialect, debug);
    await driver.init();
    const compiler = dialect.createCompiler();
    const context: OrmContext = {
      metadata,
      mappers: new MapperRegistry((property) => dialect.converterFor(property), (value) => unwrapReference(value) as object),
      driver,
      compiler,
      dialect: {
        name: dialect.name,
        supportsReturning: dialect.capabilities.supportsReturning,
        supportsWriteReturning: dialect.capabilities.supportsWriteReturning,
      },
      statements: new StatementCache(compiler),
      flushExecutor: dialect.createFlushExecutor(),
      batchSize: options.batchSize ?? dialect.capabilities.defaultBatchSize,
      loadChunkSize: Math.min(dialect.capabilities.maxParameters, 10_000),
      requestContext: new AsyncLocalStorage<EntityManager>(),
      events: new EventBus(),
    };
    const migrationEvents = new MigrationEvents(debug ? (debug.logger ?? console.log) : undefined);
    return new Orm(context, driver, dialect, migrationEvents, options.migrations);
  }

  /**
   * Calls `listener` once per statement sent: `{ sql, params, durationMs, dialect }`. Returns an unsubscribe.
   * @example
   * orm.on('query', (q) => console.log(q.sql));
   */
  on(event: 'query', listener: QueryListener): () => void;
  /**
   * Calls `listener` as migrations run: `{ kind: 'start' | 'done', name, direction }`, and `{ kind: 'warning',
   * message }` for what a user must know (e.g. MySQL runs DDL outside transactions). Returns an unsubscribe.
   * @example
   * orm.on('migration', (e) => e.kind === 'warning' && console.warn(e.message));
   */
  on(event: 'migration', listener: MigrationListener): () => void;
  on(event: 'query' | 'migration', listener: QueryListener | MigrationListener): () => void {
    if (event === 'migration') return this.migrationEvents.on(listener as MigrationListener);
    // A misspelt event must not fall through to 'query': that listener would get every statement's values.
    if (event !== 'query') throw UsageError.unknownEvent(String(event), ORM_EVENTS);
    return this.driver.onQuery(listener as QueryListener);
  }

  /**
   * Runs `handler` with a fresh fork behind `orm.em` (and every repository taken from it).
   * @example
   * app.use((req, res, next) => orm.requestContext(next));
   */
  requestContext<R>(handler: () => R): R {
    return this.context.requestContext.run(this.em.fork(), handler);
  }

  /**
   * The generated source of an entity's mapper function, for debugging.
   * @example
   * console.log(orm.sourceOf(Author, 'diff'));
   */
  sourceOf(entity: EntityClass, kind: GeneratedFunctionKind): string {
    return this.context.mappers.get(this.metadata.get(entity)).sourceOf(kind);
  }

  /**
   * How the connection pool is used right now.
   * @example
   * const { used, max } = orm.poolStats();
   */
  poolStats(): PoolStats {
    return this.driver.poolStats();
  }

  /**
   * Writes a logical, dialect-portable backup of the whole database (schema and rows, gzip NDJSON with a
   * manifest of row counts and checksums) to a file or a stream, read in one snapshot transaction with flat
   * memory. See docs/backup.md.
   * @example
   * const { rows, bytes } = await orm.backup('backup.tessera');
   */
  backup(target: string | Writable, options?: BackupOptions): Promise<BackupSummary> {
    return writeBackup({ driver: this.driver, dialect: this.dialect, entities: portableSchema(this.metadata) }, target, options);
  }

  /**
   * Restores a backup (of this or another dialect) into this database, which must be empty unless `force` is
   * given. The file is checked whole before anything is written. See docs/backup.md.
   * @example
   * await orm.restore('backup.tessera', { force: true });
   */
  restore(source: string | Readable, options?: RestoreOptions): Promise<RestoreSummary> {
    return restoreBackup({ driver: this.driver, dialect: this.dialect }, source, options);
  }

  /** Closes every connection. */
  close(): Promise<void> {
    return this.driver.destroy();
  }
}
