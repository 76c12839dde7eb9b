import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readable, Writable } from 'node:stream';
import { analyzeDatabase } from './analysis/analyze-database';
import type { AnalysisReport, AnalyzeOptions } from './analysis/analysis-report';
import type { BackupSummary } from './backup/backup-format';
import { writeBackup, type BackupOptions } from './backup/backup-writer';
import { restoreBackup, type RestoreOptions, type RestoreSummary } from './backup/restore-runner';
import type { Dialect } from './dialects/dialect';
import { resolveDialect, type DialectName } from './dialects/dialect-registry';
import type { CircuitBreakerOptions, ConnectionOptions, PoolOptions, PoolStats } from './dialects/driver';
import { checkHealth, type HealthOptions, type HealthReport } from './dialects/health-check';
import { checkTimeouts } from './dialects/network-timeouts';
import type { QueryListener } from './dialects/query-event';
import { RuntimeDriver, type CloseReport, type DebugOptions } from './dialects/runtime-driver';
import type { EntityManager, ForkOptions } from './em/entity-manager';
import { GlobalEntityManager } from './em/global-entity-manager';
import { NPlusOneDetector, type NPlusOneListener, type NPlusOneOptions } from './em/n-plus-one-detector';
import { requestContextMiddleware, type RequestContextMiddleware } from './em/request-middleware';
import type { OrmContext, OrmLifecycleEvents } from './em/orm-context';
import { FilterRegistry } from './lifecycle/filters/filter-registry';
import type { GlobalFilterOptions } from './lifecycle/filters/filter-options';
import { EventBus } from './events/event-bus';
import type { EventSubscriber } from './em/lifecycle-types';
import { createEntityLifecycle, type ValidationSetting } from './lifecycle/entity-lifecycle';
import { subscribe } from './lifecycle/event-subscriber';
import { UsageError } from './errors/usage-error';
import { ValidationError } from './errors/validation-error';
import type { GeneratedFunctionKind } from './mapper/entity-mapper';
import { MapperRegistry } from './mapper/mapper-registry';
import type { EntityClass } from './metadata/entity-metadata';
import { discoverMetadata } from './metadata/metadata-discovery';
import type { MetadataStorage } from './metadata/metadata-storage';
import { SnakeCaseNamingStrategy, type NamingStrategy } from './metadata/naming-strategy';
import { MetadataRegistry } from './metadata/metadata-registry';
import { loadOptional } from './dialects/load-optional';
import type { ChangeFeed, ChangeFeedOptions, ChangesOptions } from './lifecycle/change-feed/change-event';
import { ChangeFeedService } from './lifecycle/change-feed/change-feed-service';
import { CHANGE_OUTBOX_TABLE, ChangeOutboxEntry } from './lifecycle/change-feed/change-outbox-entry';
import { changeTransport } from './lifecycle/change-feed/change-transport-factory';
import type { RedisConstructor } from './lifecycle/change-feed/redis-transport';
import { MigrationEvents, type MigrationListener } from './migrations/migration-event';
import { Migrator, type MigrationsOptions } from './migrations/migrator';
import { SchemaManager } from './migrations/schema-manager';
import { installRelationAccessors } from './relations/relation-accessors';
import { unwrapReference } from './relations/reference';
import { StatementCache } from './query/statement-cache';
import { AuditLog } from './lifecycle/audit/audit-log';
import type { AuditEntry } from './lifecycle/audit/audit-entry';
import { discoverWithAudit, type AuditOptions } from './lifecycle/audit/audit-table';
import { AuditTrail } from './lifecycle/audit/audit-trail';
import { portableSchema } from './sql/target-schema';
import type { Metrics } from './observability/metrics';
import { Observability, type TracingOptions } from './observability/observability';
import type { SlowQueryListener } from './observability/slow-query-log';

import type { CacheOptions } from './cache/cache-options';
import { cacheMetrics } from './cache/cache-metrics';
import { OrmCache, openCacheStore } from './cache/orm-cache';
import type { RedisCacheConstructor } from './cache/redis-store';

/** How long `orm.close()` waits for work in flight by default, in ms. */
const DEFAULT_CLOSE_TIMEOUT_MS = 5000;

/** The events `orm.on` knows. */
const ORM_EVENTS = ['query', 'migration', 'slow-query', 'n-plus-one'] as const;

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
  /**
   * PostgreSQL and MySQL: the pool's circuit breaker. After `failures` connection attempts in a row failed
   * (default 5), calls fail fast with a `CircuitOpenError` (`circuitOpen: true`, nothing sent) for `coolDownMs`
   * (default 1000); then one call probes the server, and its success closes the breaker. `false` turns it off.
   * See docs/operations.md.
   */
  circuitBreaker?: CircuitBreakerOptions | false;
  /** Where migrations live and where their history is kept (`orm.migrator`). */
  migrations?: MigrationsOptions;
  /**
   * SQLite: how long a statement waits while another connection (another process) holds the write lock, in ms,
   * before it fails with LockWaitTimeoutError (default 5000). The wait is on timers: the process keeps running.
   */
  busyTimeoutMs?: number;
  /** Where `@Audited()` entities' changes are written (see docs/audit-and-change-feed.md). */
  audit?: AuditOptions;
  /**
   * Validates new and changed entities with class-validator before a flush sends anything (see docs/lifecycle.md).
   * Default: on when the application has `class-validator` installed, off otherwise. `false` turns it off; `true`
   * or `{ groups: { create, update } }` turn it on and need class-validator (a `UsageError` without it).
   */
  validation?: ValidationSetting;
  /**
   * Global filters for several entities at once (each entry names its `entities`, or applies to all of them);
   * an entity's own `@Filter` of the same name wins. See docs/soft-delete-and-filters.md.
   */
  filters?: readonly GlobalFilterOptions[];
  /**
   * Turns the change feed on (`orm.changes()`, see docs/audit-and-change-feed.md): its outbox table joins the
   * schema, and this process relays it. On by itself when an entity has `@Entity({ changeEvents: true })`.
   */
  changeFeed?: ChangeFeedOptions;
  /**
   * Records metrics from the start (`orm.metrics()`, Prometheus text with `toPrometheus()`); otherwise they start
   * at the first `orm.metrics()` call. Off, nothing is counted. See docs/observability.md.
   */
  metrics?: boolean;
  /**
   * OpenTelemetry spans, one per flush and one per statement (database semantic conventions, no values); needs
   * `@opentelemetry/api` installed (a `UsageError` without it). See docs/observability.md.
   */
  tracing?: boolean | TracingOptions;
  /**
   * Statements taking this long (ms) or longer are logged (values redacted; to `debug.logger` when given, else
   * `console.warn`) and raise `orm.on('slow-query', ...)`.
   */
  slowQueryMs?: number;
  /**
   * Development: warns (a log line and `orm.on('n-plus-one')`) when one read statement runs more than `threshold`
   * times (default 10) in one request context (outside one: lazy loads per EntityManager, other reads per tick),
   * naming the relation loaded one entity at a time and the call site. Off when NODE_ENV is 'production'. See
   * docs/observability.md.
   */
  detectNPlusOne?: boolean | NPlusOneOptions;
  /**
   * Turns the caches on: the second-level entity cache of `@Entity({ cache: { ttl } })` classes and the result
   * cache of `find(.., { cache })` / `qb.cache(..)`, in this process (`{ store: 'memory' }`) or on Redis
   * (`{ store: 'redis', redis: url, prefix }`, needs ioredis). Invalidated after every commit by what it wrote.
   * See docs/caching.md.
   */
  cache?: CacheOptions;
}

/** What `orm.requestContext` is told about the request: its fork's options (`actor` for audit rows). */
export type RequestContextOptions = ForkOptions;

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
  /** Reads the audit history of `@Audited()` entities. */
  readonly audit: AuditTrail;
  /** The entity and result caches: `invalidate(Entity | table)`, `stats()` (see docs/caching.md). */
  readonly cache: OrmCache;

  private constructor(
    private readonly context: OrmContext,
    private readonly driver: RuntimeDriver,
    dialect: Dialect,
    private readonly migrationEvents: MigrationEvents,
    migrations: MigrationsOptions | undefined,
    auditEntry: EntityClass<AuditEntry> | undefined,
    private readonly feed: ChangeFeedService | undefined,
    private readonly observability: Observability,
    private readonly nPlusOne: NPlusOneDetector | undefined,
    cache: OrmCache,
  ) {
    this.cache = cache;
    this.dialect = dialect;
    this.metadata = context.metadata;
    this.em = new GlobalEntityManager(context);
    this.schema = new SchemaManager(context.metadata, dialect, driver);
    this.migrator = new Migrator(driver, dialect, migrationEvents, this.schema, migrations);
    this.audit = new AuditTrail(context.metadata, auditEntry, () => this.em.fork());
  }

  /**
   * @internal The unit of work's lifecycle events (`beforeFlush`, `onFlush`, `afterFlush`, `afterCommit`,
   * `afterRollback`; see src/events/lifecycle-events.ts). The public face is `orm.subscribe`.
   * @example
   * const off = orm.events.on('afterCommit', ({ tables }) => tables.forEach((t) => cache.evict(t.table)));
   */
  get events(): EventBus<OrmLifecycleEvents> {
    return this.context.events;
  }

  /**
   * Subscribes to the unit of work's events: `beforeFlush`, `onFlush`, `afterFlush` (awaited, inside the flush;
   * an error fails it) and `afterCommit` / `afterRollback` (once per outermost transaction). Returns the unsubscribe.
   * See docs/lifecycle.md.
   * @example
   * const off = orm.subscribe({ afterCommit: ({ tables }) => tables.forEach((t) => cache.evict(t.table)) });
   */
  subscribe(subscriber: EventSubscriber): () => void {
    return subscribe(this.context.events, subscriber);
  }

  /** Validates every entity (a `MetadataError` names the class and property at fault), then connects. */
  static async init(options: OrmOptions): Promise<Orm> {
    const feedOn = options.changeFeed !== undefined || options.entities.some((e) => MetadataRegistry.find(e)?.options?.changeEvents === true);
    const naming = options.namingStrategy ?? new SnakeCaseNamingStrategy();
    const discover = (entities: readonly EntityClass[]) => discoverMetadata(entities, naming, options.requireEntities);
    const { metadata, auditEntry } = discoverWithAudit(feedOn ? [...options.entities, ChangeOutboxEntry] : options.entities, discover, options.audit);
    for (const meta of metadata.all) installRelationAccessors(meta);
    const dialect = resolveDialect(options.dialect ?? 'sqlite', { preparedStatements: options.preparedStatements });
    const debug = options.debug === true ? {} : options.debug || undefined;
    const connection: ConnectionOptions = {
      url: options.url,
      pool: options.pool,
      connectTimeoutMs: options.connectTimeoutMs,
      statementTimeoutMs: options.statementTimeoutMs,
      busyTimeoutMs: options.busyTimeoutMs,
      circuitBreaker: options.circuitBreaker,
    };
    checkTimeouts(connection);
    // Before connecting: a bad slowQueryMs, or tracing without @opentelemetry/api, fails without opening anything.
    const observability = new Observability(options);
    const mappers = new MapperRegistry((property) => dialect.converterFor(property), (value) => unwrapReference(value) as object);
    // Before connecting: a validation option that cannot work fails without opening anything.
    const lifecycle = createEntityLifecycle(metadata.all, mappers, options.validation);
    const driver = new RuntimeDriver(dialect.createDriver(connection), dialect, debug);
    await driver.init();
    const compiler = dialect.createCompiler();
    const requestContext = new AsyncLocalStorage<EntityManager>();
    const nPlusOne = NPlusOneDetector.create(options.detectNPlusOne, () => requestContext.getStore());
    if (nPlusOne) driver.observe(nPlusOne.observe);
    const events = new EventBus<OrmLifecycleEvents>();
    const cacheStore = await openCacheStore(options.cache, () => loadOptional<RedisCacheConstructor>('ioredis', 'cache store redis')).catch(async (error) => {
      await driver.destroy();
      throw error;
    });
    const cache = new OrmCache(metadata, cacheStore, mappers, events);
    if (cacheStore) observability.provide(() => cacheMetrics(cache.stats()));
    const context: OrmContext = {
      metadata,
      mappers,
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
      traceOrigins: nPlusOne !== undefined,
      requestContext,
      events,
      lifecycle,
      filters: new FilterRegistry(metadata, options.filters),
      loadCache: cache.entities,
      resultCache: cache.results,
    };
    if (auditEntry) {
      const log = new AuditLog(metadata, context.mappers, metadata.get(auditEntry));
      context.events.on('afterFlush', (event) => log.write(event));
    }
    const migrationEvents = new MigrationEvents(debug ? (debug.logger ?? console.log) : undefined);
    let orm: Orm | undefined;
    const feed = feedOn
      ? new ChangeFeedService({
          mappers: context.mappers,
          events: context.events,
          session: () => orm!.em.fork(),
          transport: changeTransport(options.changeFeed ?? {}, driver.notifications, () => loadOptional<RedisConstructor>('ioredis', 'changeFeed.redis')),
          options: options.changeFeed ?? {},
          outbox: metadata.get(ChangeOutboxEntry),
          outboxExists: async () => (await orm!.schema.listTables()).includes(CHANGE_OUTBOX_TABLE),
        })
      : undefined;
    orm = new Orm(context, driver, dialect, migrationEvents, options.migrations, auditEntry, feed, observability, nPlusOne, cache);
    const schema = orm.schema;
    try {
      await observability.attach({
        driver,
        dialect: dialect.name,
        url: options.url,
        serverVersion: () => (dialect.createIntrospector ? schema.serverVersion() : Promise.resolve(undefined)),
        observeFlushes: (observer) => {
          context.flushObserver = observer;
        },
        log: debug?.logger ?? console.warn,
      });
    } catch (error) {
      await orm.close();
      throw error;
    }
    return orm;
  }

  /**
   * The committed changes of `entity` from now on, in every process sharing the database, as they commit (a row's
   * in commit order; at least once, with a stable `id`). `break` or `close()` ends the feed and frees its
   * connection. Needs the change feed (the `changeFeed` option or an entity with `changeEvents: true`); changes
   * made by other processes come only for entities they publish (`changeEvents: true`).
   * @example
   * for await (const e of orm.changes(User, { where: { tenantId: 7 } })) console.log(e.op, e.key, e.changed);
   */
  changes<T extends object>(entity: EntityClass<T>, options: ChangesOptions<T> = {}): ChangeFeed<T> {
    const meta = this.metadata.get(entity);
    if (!this.feed) throw UsageError.changeFeedOff(meta.name);
    return this.feed.changes(meta, options);
  }

  /**
   * Calls `listener` once per statement sent: `{ sql, params, durationMs, dialect, kind, table, error? }`. Returns an unsubscribe.
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
  /**
   * Calls `listener` for each statement that took `slowQueryMs` or longer: a `query` event plus `thresholdMs`.
   * Needs the `slowQueryMs` option (a `UsageError` without it). Returns an unsubscribe.
   * @example
   * orm.on('slow-query', (q) => report(q.sql, q.durationMs));
   */
  on(event: 'slow-query', listener: SlowQueryListener): () => void;
  /**
   * Calls `listener` when the N+1 detector (`detectNPlusOne`) reports a read repeated past its threshold:
   * `{ sql, count, entity, relation, callSite, scope, message }`. Never called while the detector is off.
   * @example
   * orm.on('n-plus-one', (w) => { throw new Error(w.message); }); // in tests: fail on an N+1
   */
  on(event: 'n-plus-one', listener: NPlusOneListener): () => void;
  on(
    event: 'query' | 'migration' | 'slow-query' | 'n-plus-one',
    listener: QueryListener | MigrationListener | SlowQueryListener | NPlusOneListener,
  ): () => void {
    if (event === 'migration') return this.migrationEvents.on(listener as MigrationListener);
    if (event === 'slow-query') return this.observability.onSlowQuery(listener as SlowQueryListener);
    if (event === 'n-plus-one') return this.nPlusOne?.on(listener as NPlusOneListener) ?? (() => undefined);
    // A misspelt event must not fall through to 'query': that listener would get every statement's values.
    if (event !== 'query') throw UsageError.unknownEvent(String(event), ORM_EVENTS);
    return this.driver.onQuery(listener as QueryListener);
  }

  /**
   * Runs `handler` with a fresh fork behind `orm.em` (and every repository taken from it); `options.actor` names
   * who acts, in the audit rows of what it flushes.
   * @example
   * app.use((req, res, next) => orm.requestContext(next));
   * app.use((req, res, next) => orm.requestContext({ actor: req.user.id }, next));
   */
  requestContext<R>(handler: () => R): R;
  requestContext<R>(options: RequestContextOptions, handler: () => R): R;
  requestContext<R>(first: RequestContextOptions | (() => R), second?: () => R): R {
    const [options, handler] = typeof first === 'function' ? [{}, first] : [first, second as () => R];
    return this.context.requestContext.run(this.em.fork(options), handler);
  }

  /**
   * The request context as middleware: each request runs with a fresh fork behind `orm.em`. One function for
   * Express and Connect (`app.use`), Fastify (an `onRequest` hook) and Koa (`app.use`); see docs/frameworks.md.
   * @example
   * app.use(express.json()); app.use(orm.middleware());            // Express: after the body parsers
   * fastify.addHook('onRequest', orm.middleware());                // Fastify
   * koa.use(orm.middleware());                                     // Koa
   */
  middleware(): RequestContextMiddleware {
    return requestContextMiddleware((handler) => this.requestContext(handler));
  }

  /** @internal The EntityManager of the request context this is called in, if any (for integrations). */
  contextEntityManager(): EntityManager | undefined {
    return this.context.requestContext.getStore();
  }

  /** @internal Runs `handler` with `em` behind `orm.em` (`@Transactional()` puts the transaction's there). */
  withEntityManager<R>(em: EntityManager, handler: () => R): R {
    return this.context.requestContext.run(em, handler);
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
   * Tessera's metrics (statements by kind and table, durations, flushes, the pool, errors by class) and those of
   * registered features; recording starts at the first call unless the `metrics` option started it at init.
   * @example
   * const text = orm.metrics().toPrometheus();
   * const inserts = orm.metrics().value('tessera_statements_total', { kind: 'insert' });
   */
  metrics(): Metrics {
    return this.observability.metrics();
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

  /**
   * Reads the plans of `statements` (EXPLAIN; they do not run) for full scans of large tables, and the live
   * schema for foreign keys without an index and indexes never used (where the database records it). What
   * `tessera db:analyze` prints. See docs/observability.md.
   * @example
   * const { findings } = await orm.analyze({ statements: ["select * from book where title = 'Dune'"] });
   */
  analyze(options?: AnalyzeOptions): Promise<AnalysisReport> {
    return analyzeDatabase({ driver: this.driver, dialect: this.dialect }, options);
  }

  /**
   * Whether the database answers, for readiness probes: `{ ok, latencyMs, pool, circuit, server }` (and `error`
   * when not ok). Never throws; waits at most `timeoutMs` (default 1000). See docs/operations.md.
   * @example
   * app.get('/ready', async (req, res) => { const h = await orm.health(); res.status(h.ok ? 200 : 503).json(h); });
   */
  health(options?: HealthOptions): Promise<HealthReport> {
    return checkHealth(this.driver, () => this.schema.serverVersion(), options);
  }

  /**
   * Closes every connection, gracefully: the change feed's first (its consumers end, its relay finishes its
   * pass), then the pool, which from now on refuses new work with a `UsageError` and waits up to `timeoutMs`
   * (default 5000) for the work in flight (flushes, transactions, queries) to give its connections back. A
   * connection still held at the deadline is closed under its holder: the server rolls its transaction back, and
   * the report counts it as `abandoned`.
   * @example
   * process.on('SIGTERM', async () => { server.close(); const { abandoned } = await orm.close({ timeoutMs: 10_000 }); });
   */
  async close(options: { timeoutMs?: number } = {}): Promise<CloseReport> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    if (!(Number.isFinite(timeoutMs) && timeoutMs >= 0)) throw ValidationError.badTimeout('close({ timeoutMs })', timeoutMs, true);
    await this.feed?.close();
    await this.cache.close();
    return this.driver.close(timeoutMs);
  }
}
