import { CommitOutcomeUnknownError } from '../errors/driver-error';
import { NotFoundError } from '../errors/not-found-error';
import { QueryError } from '../errors/query-error';
import { UsageError } from '../errors/usage-error';
import type { TransactionOptions } from '../dialects/driver';
import type { EntityClass, EntityMetadata } from '../metadata/entity-metadata';
import type { EntityData, FilterQuery, FindOptions, PrimaryKeyValue } from '../query/filter-query';
import { buildCountQuery, buildFindByKeyQuery, buildFindQuery } from '../query/find-query';
import { buildJoinedQuery } from '../query/joined-query';
import { SelectQueryBuilder } from '../query/builder/select-query-builder';
import type { QueryRunner } from '../query/builder/query-runner';
import type { SelectQueryNode } from '../query/nodes/select-query-node';
import { templateNode } from '../query/raw-sql';
import { BatchStream, checkBatchSize } from '../query/batch-stream';
import { BatchLoader } from '../relations/batch-loader';
import { isCollection } from '../relations/collection';
import type { Loaded, PopulateOptions, PopulatePath } from '../relations/loaded';
import { mergeJoinedRows } from '../relations/joined-rows';
import { populate, populateTree, type PopulateNode } from '../relations/populate';
import type { FlushOutcome } from '../unit-of-work/planned-flush';
import { UnitOfWork, type PreparedFlush, type UnitOfWorkEvents } from '../unit-of-work/unit-of-work';
import type { EventBus } from '../events/event-bus';
import { planCursorPage, type CursorOptions, type CursorPage } from './cursor-pagination';
import { hydrateDetached } from './detached-batch';
import { EntityRepository } from './entity-repository';
import { EntityManagerLoadHost, type LoadTarget } from './load-host';
import type { OrmContext } from './orm-context';
import { StatementRoute } from './statement-route';
import { TransactionScope } from './transaction-scope';

/** `find` options: filter-level options plus what to populate. */
export type FindAllOptions<T, P extends string = never> = FindOptions<T> & PopulateOptions<P>;

/** `stream` options: `find`'s, less `populate`, plus the rows read per batch (default 500). */
export type StreamOptions<T> = FindOptions<T> & { batchSize?: number };

/**
 * The façade users work with: one per request (`orm.em.fork()`), owning one identity map and one unit of work.
 * Methods are a few lines that delegate to the unit of work, the query layer and the driver.
 */
export class EntityManager {
  private readonly uow: UnitOfWork;
  private readonly repositories = new Map<EntityClass, EntityRepository<object>>();
  /** Loads relations for this EntityManager (and its transactions), one query per relation per tick. */
  private readonly loader: BatchLoader;
  private readonly host: EntityManagerLoadHost;
  private readonly statements: StatementRoute;

  /** @internal Use `orm.em.fork()`. */
  constructor(
    private readonly context: OrmContext,
    private readonly global: boolean,
    uow?: UnitOfWork,
    scope?: TransactionScope,
    parent?: { readonly host: EntityManagerLoadHost; readonly loader: BatchLoader },
  ) {
    this.statements = new StatementRoute(context.driver, scope, context.events);
    this.host = parent?.host ?? new EntityManagerLoadHost(this.loadTarget(), context.mappers, context.loadChunkSize);
    this.loader = parent?.loader ?? new BatchLoader(this.host);
    // The unit of work raises events with the session it is given, and this EntityManager is the one it gets.
    this.uow = uow ?? new UnitOfWork(context.metadata, context.mappers, undefined, this.loader, context.events as EventBus<UnitOfWorkEvents>);
  }

  /**
   * A new EntityManager with an empty identity map, for one request or job.
   * @example
   * const em = orm.em.fork();
   */
  fork(): EntityManager {
    return new EntityManager(this.context, false);
  }

  /**
   * Creates an entity (its constructor runs, so defaults apply), fills it with `data` and persists it
   * (`{ persist: false }` leaves it unmanaged, e.g. for a factory's `make`).
   * @example
   * const ada = em.create(Author, { name: 'Ada', email: 'ada@example.com' });
   */
  create<T extends object>(entity: EntityClass<T>, data: EntityData<T>, options: { persist?: boolean } = {}): T {
    if (this.global) return this.resolve('create').create(entity, data, options);
    const meta = this.context.metadata.get(entity);
    for (const key of Object.keys(data)) {
      if (!meta.propertiesByName.has(key) && !meta.relationsByName.has(key)) throw QueryError.unknownProperty(entity, key, 'data');
    }
    const instance = new (entity as new () => T)();
    for (const [key, value] of Object.entries(data)) {
      const current = (instance as Record<string, unknown>)[key];
      // A collection keeps its identity and syncs the other side; an array of entities fills it.
      if (isCollection(current) && Array.isArray(value)) current.set(value);
      else (instance as Record<string, unknown>)[key] = value;
    }
    if (options.persist !== false) this.uow.persist(instance);
    return instance;
  }

  /**
   * Schedules entities for insert at the next flush.
   * @example
   * em.persist(author); await em.flush();
   */
  persist(entity: object | readonly object[]): this {
    if (this.global) {
      this.resolve('persist').persist(entity);
      return this;
    }
    for (const e of Array.isArray(entity) ? entity : [entity]) this.uow.persist(e);
    return this;
  }

  /**
   * Schedules entities for delete at the next flush.
   * @example
   * em.remove(stale); await em.flush();
   */
  remove(entity: object | readonly object[]): this {
    if (this.global) {
      this.resolve('remove').remove(entity);
      return this;
    }
    for (const e of Array.isArray(entity) ? entity : [entity]) this.uow.remove(e);
    return this;
  }

  /**
   * Writes every pending change in one transaction (a savepoint inside `transactional`), with batched
   * statements. On failure nothing is written and entities keep their pending state. No change, no statement.
   * @example
   * author.name = 'Ada Lovelace'; await em.flush();
   */
  async flush(): Promise<void> {
    if (this.global) return this.resolve('flush').flush();
    const flush = await this.uow.prepareFlush(this);
    // Nothing to write opens no transaction: no BEGIN/COMMIT round trips for a request that changed nothing, and
    // no commit event about nothing.
    if (!flush) return;
    const outcome = await this.writeFlush(flush);
    this.uow.applyFlush(flush, outcome);
  }

  /** Writes a prepared flush in a transaction (a savepoint inside `transactional`); a failure abandons it. */
  private async writeFlush(flush: PreparedFlush): Promise<FlushOutcome> {
    const { flushExecutor, batchSize } = this.context;
    try {
      return await this.statements.write((scope) => this.uow.writeFlush(flush, (batch) => flushExecutor.execute(batch, scope.connection, batchSize), scope.record));
    } catch (error) {
      this.uow.abandonFlush(flush, error);
      throw error;
    }
  }

  /**
   * Managed entities matching a filter; rows already in the identity map come back as the same instances.
   * `populate` loads relations with one query per relation level (the result type says which are loaded).
   * @example
   * await em.find(Author, { age: { $gte: 18 } }, { orderBy: { name: 'asc' }, limit: 20 });
   * const authors = await em.find(Author, {}, { populate: ['books', 'books.tags'] });
   */
  async find<T extends object, P extends PopulatePath<T> = never>(
    entity: EntityClass<T>,
    where: FilterQuery<T> = {},
    options: FindAllOptions<T, P> = {},
  ): Promise<Loaded<T, P>[]> {
    if (this.global) return this.resolve('find').find(entity, where, options);
    if (options.lockMode !== undefined && !this.statements.inTransaction) throw UsageError.lockOutsideTransaction('find');
    const meta = this.context.metadata.get(entity);
    const tree = this.populateTreeOf(meta, options.populate);
    // A lock applies to the root rows only: outer joins cannot be locked (PostgreSQL refuses their nullable side).
    if (tree && options.strategy === 'joined' && !options.fields && !options.lockMode) return (await this.findJoined(meta, where, options, tree)) as Loaded<T, P>[];
    const mapper = this.context.mappers.get(meta);
    const query = buildFindQuery(meta, where, options, this.context.mappers);
    const rows = await this.statements.rows(this.context.compiler.compile(query.node));
    const partial = query.properties.length !== meta.properties.length;
    const hydrate = mapper.hydratorFor(query.properties);
    const result = new Array<T>(rows.length);
    if (options.lockMode !== undefined && !partial) for (let i = 0; i < rows.length; i++) result[i] = this.uow.mergeLocked(mapper, rows[i], hydrate);
    else for (let i = 0; i < rows.length; i++) result[i] = this.uow.merge(mapper, rows[i], hydrate, partial);
    if (tree) await populate(this.loader, result, tree);
    return result as Loaded<T, P>[];
  }

  /**
   * Loads relations of entities already in hand, one query per relation level.
   * @example
   * await em.populate(authors, ['books', 'books.tags']);
   */
  async populate<T extends object, P extends PopulatePath<T>>(entities: T | readonly T[], paths: readonly P[]): Promise<Loaded<T, P>[]> {
    if (this.global) return this.resolve('populate').populate(entities, paths);
    const list = (Array.isArray(entities) ? entities : [entities]) as T[];
    if (list.length === 0) return [];
    const tree = this.populateTreeOf(this.uow.metaOf(list[0], 'populate'), paths);
    if (tree) await populate(this.loader, list, tree);
    return list as Loaded<T, P>[];
  }

  /**
   * One entity by primary key or filter, or null. By primary key, a managed entity is returned without a query.
   * @example
   * await em.findOne(Author, 1); await em.findOne(Author, { email });
   */
  async findOne<T extends object, P extends PopulatePath<T> = never>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    options: FindAllOptions<T, P> = {},
  ): Promise<Loaded<T, P> | null> {
    if (this.global) return this.resolve('findOne').findOne(entity, where, options);
    if (options.lockMode !== undefined && !this.statements.inTransaction) throw UsageError.lockOutsideTransaction('findOne');
    const meta = this.context.metadata.get(entity);
    // find() would read a missing filter as "no filter" and return the first row: `findOne(User, req.params.id)`.
    if (where === undefined || where === null) throw QueryError.missingFilter(entity, 'findOne');
    const key = primaryKeyOf(where, meta.primaryKey.name);
    // A lock must reach the database even for a managed entity, so it never takes the identity-map shortcut.
    if (key === undefined || options.fields || options.lockMode !== undefined) {
      const [found] = await this.find(entity, where, { ...options, limit: 1 });
      return found ?? null;
    }
    const tree = this.populateTreeOf(meta, options.populate);
    const managed = this.uow.identityMap.get(meta, key);
    let found: T | null;
    if (managed && this.uow.identityMap.entryOf(managed)?.state === 'removed') found = null;
    // A stub (only its key known) or a `fields` load is completed by one query.
    else if (managed && this.uow.isLoaded(managed)) found = managed;
    else found = await this.loadByKey(meta, key);
    if (found && tree) await populate(this.loader, [found], tree);
    return found as Loaded<T, P> | null;
  }

  /** The hot path of request handlers: one cached template per entity, no tree built or compiled per call. */
  private async loadByKey<T extends object>(meta: EntityMetadata<T>, key: unknown): Promise<T | null> {
    const mapper = this.context.mappers.get(meta);
    const template = this.context.statements.get(`find-by-key|${meta.table}`, () => buildFindByKeyQuery(meta));
    const [row] = await this.statements.rows(template.bind([mapper.toDb(meta.primaryKey, key)]));
    return row ? this.uow.merge(mapper, row, mapper.hydrate, false) : null;
  }

  /**
   * Like `findOne`, but a missing row is a `NotFoundError`.
   * @example
   * const author = await em.findOneOrFail(Author, { email });
   */
  async findOneOrFail<T extends object, P extends PopulatePath<T> = never>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    options: FindAllOptions<T, P> = {},
  ): Promise<Loaded<T, P>> {
    const found = await this.findOne(entity, where, options);
    if (!found) throw NotFoundError.entityNotFound(entity, describeFilter(where));
    return found;
  }

  /**
   * The number of rows matching a filter.
   * @example
   * const adults = await em.count(Author, { age: { $gte: 18 } });
   */
  async count<T extends object>(entity: EntityClass<T>, where: FilterQuery<T> = {}): Promise<number> {
    if (this.global) return this.resolve('count').count(entity, where);
    const meta = this.context.metadata.get(entity);
    const query = buildCountQuery(meta, where, this.context.mappers);
    const rows = await this.statements.rows(this.context.compiler.compile(query));
    return Number(rows[0]?.count ?? 0);
  }

  /**
   * Matching entities for one page plus the number of all matching rows (`limit` and `offset` do not apply to
   * `total`). Two statements: the page, then the count.
   * @example
   * const { items, total } = await em.findAndCount(Author, { age: { $gte: 18 } }, { limit: 20, offset: 40 });
   */
  async findAndCount<T extends object, P extends PopulatePath<T> = never>(
    entity: EntityClass<T>,
    where: FilterQuery<T> = {},
    options: FindAllOptions<T, P> = {},
  ): Promise<{ items: Loaded<T, P>[]; total: number }> {
    const items = await this.find(entity, where, options);
    const total = await this.count(entity, where);
    return { items, total };
  }

  /**
   * Keyset pagination: `first` rows after the cursor, or `last` rows before it, in `orderBy` order (the primary
   * key is added as the final tie-breaker). Unlike offsets, rows inserted or deleted between fetches neither repeat
   * nor skip rows. A garbled cursor, or one made for another orderBy, is a `QueryError`.
   * @example
   * const page = await em.findByCursor(Author, {}, { first: 20, after: cursor, orderBy: { createdAt: 'desc' } });
   * if (page.hasNextPage) next = await em.findByCursor(Author, {}, { first: 20, after: page.endCursor, orderBy: { createdAt: 'desc' } });
   * const previous = await em.findByCursor(Author, {}, { last: 20, before: page.startCursor, orderBy: { createdAt: 'desc' } });
   */
  async findByCursor<T extends object, P extends PopulatePath<T> = never>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    options: CursorOptions<T, P>,
  ): Promise<CursorPage<Loaded<T, P>>> {
    const plan = planCursorPage(this.context.metadata.get(entity), where, options);
    return plan.page(await this.find(entity, plan.where, { orderBy: plan.orderBy, limit: plan.limit, populate: options.populate }));
  }

  /**
   * The matching entities read a batch at a time as the loop asks for them, in `orderBy` order, in constant
   * memory. They are not managed: neither taken from nor added to this EntityManager's identity map, and a
   * flush ignores them (to change rows, use `em.qb(..).update()` or load them). The stream holds a connection
   * until the loop ends (inside `transactional`, the transaction's, which runs nothing else meanwhile).
   * @example
   * for await (const author of em.stream(Author, { age: { $gte: 18 } }, { orderBy: { id: 'asc' }, batchSize: 500 })) send(author);
   */
  stream<T extends object>(entity: EntityClass<T>, where: FilterQuery<T> = {}, options: StreamOptions<T> = {}): BatchStream<T> {
    if (this.global) return this.resolve('stream').stream(entity, where, options);
    if (options.lockMode !== undefined && !this.statements.inTransaction) throw UsageError.lockOutsideTransaction('stream');
    const batchSize = checkBatchSize(options.batchSize);
    const { metadata, mappers, compiler } = this.context;
    const meta = metadata.get(entity);
    const query = buildFindQuery(meta, where, options, mappers);
    const compiled = compiler.compile(query.node);
    const hydrate = mappers.get(meta).hydratorFor(query.properties);
    return new BatchStream(() => this.statements.stream(compiled, batchSize), (rows) => hydrateDetached(metadata, mappers, hydrate, rows));
  }

  /**
   * Raw SQL as a tagged template: every `${value}` is a bound parameter (`sql`/`raw`/`ident` fragments are
   * spliced in as SQL). Returns the driver's plain rows; inside `transactional` it runs on that transaction.
   * @example
   * const [{ n }] = await em.sql<{ n: number }>`select count(*) as n from authors where age > ${min}`;
   */
  async sql<R extends object = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]): Promise<R[]> {
    if (this.global) return this.resolve('sql').sql<R>(strings, ...values);
    // A plain string call (em.sql(text)) would bypass binding: only a template's strings array has `raw`.
    if (!Array.isArray(strings) || !Array.isArray((strings as TemplateStringsArray).raw)) throw QueryError.rawTemplate();
    return (await this.statements.rows(this.context.compiler.compile(templateNode(strings, values)))) as R[];
  }

  /**
   * A typed query builder over `entity`, aliased `alias` (the table name when omitted); it runs on this
   * EntityManager's connection and merges `getResult()` entities into its identity map.
   * @example
   * const rows = await em.qb(Author, 'a').select(['a.id', 'a.name']).where({ 'a.age': { $gte: 18 } }).execute();
   */
  qb<T extends object, A extends string = never>(entity: EntityClass<T>, alias?: A): SelectQueryBuilder<Record<A, T>, T> {
    if (this.global) return this.resolve('qb').qb(entity, alias);
    const meta = this.context.metadata.get(entity);
    return SelectQueryBuilder.create<T, Record<A, T>>(this.queryRunner(), meta, alias ?? meta.table);
  }

  /**
   * Runs `work` in a transaction with its own EntityManager and flushes it before commit. Nested calls use
   * savepoints; a failure rolls back and leaves this EntityManager as it was.
   * @example
   * await em.transactional(async (tx) => { tx.create(Author, { ... }); }, { isolationLevel: 'serializable' });
   */
  async transactional<R>(work: (em: EntityManager) => Promise<R>, options: TransactionOptions = {}): Promise<R> {
    if (this.global) return this.resolve('transactional').transactional(work, options);
    const child = this.uow.transactionChild();
    const run = async (scope: TransactionScope) => {
      const em = new EntityManager(this.context, false, child, scope, { host: this.host, loader: this.loader });
      // Lazy loads of entities from before the transaction run inside it while it is open.
      const outside = this.host.target;
      this.host.target = em.loadTarget();
      try {
        const result = await work(em);
        await em.flush();
        return result;
      } finally {
        this.host.target = outside;
      }
    };
    const { scope } = this.statements;
    let result: R;
    try {
      result = scope ? await scope.nested(run) : await TransactionScope.run(this.context.driver, options, run, this.context.events);
    } catch (error) {
      if (error instanceof CommitOutcomeUnknownError) this.uow.adoptUnknownOutcome(child);
      throw error;
    }
    this.uow.adopt(child);
    return result;
  }

  /**
   * The managed entity with this primary key, without a query: the one already loaded, or a reference holding only
   * its key (loaded on populate, `Reference.load()` or `findOne`). Use it to set a foreign key by id.
   * @example
   * book.author = em.getReference(Author, 7);
   */
  getReference<T extends object>(entity: EntityClass<T>, key: PrimaryKeyValue): T {
    if (this.global) return this.resolve('getReference').getReference(entity, key);
    return this.uow.reference(this.context.metadata.get(entity), key);
  }

  /**
   * A repository bound to this EntityManager (bound to the global one, it follows the request context).
   * @example
   * const authors = orm.em.getRepository(Author);
   */
  getRepository<T extends object>(entity: EntityClass<T>): EntityRepository<T> {
    this.context.metadata.get(entity);
    let repository = this.repositories.get(entity) as EntityRepository<T> | undefined;
    if (!repository) {
      repository = new EntityRepository<T>(this, entity);
      this.repositories.set(entity, repository as EntityRepository<object>);
    }
    return repository;
  }

  /** Forgets every tracked entity (pending changes included). */
  clear(): void {
    if (this.global) return this.resolve('clear').clear();
    this.uow.clear();
  }

  /** `find` with `strategy: 'joined'`: one SELECT with LEFT JOINs for the whole populate tree. */
  private async findJoined<T extends object>(meta: EntityMetadata<T>, where: FilterQuery<T>, options: FindOptions<T>, tree: PopulateNode[]): Promise<T[]> {
    const { node, root } = buildJoinedQuery(meta, where, options, tree, this.context.mappers);
    const rows = await this.statements.rows(this.context.compiler.compile(node));
    return mergeJoinedRows(rows, root, (m, row, prefix) => this.host.merge(m, row, prefix)) as T[];
  }

  private populateTreeOf(meta: EntityMetadata, paths: readonly string[] | undefined): PopulateNode[] | undefined {
    return paths && paths.length > 0 ? populateTree(meta, paths) : undefined;
  }

  private loadTarget(): LoadTarget {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const em = this;
    return {
      get uow() {
        return em.uow;
      },
      select: (query: SelectQueryNode) => em.statements.rows(em.context.compiler.compile(query)),
    };
  }

  private queryRunner(): QueryRunner {
    const { mappers, compiler, dialect } = this.context;
    return {
      mappers,
      compiler,
      dialect,
      select: (query) => this.statements.rows(query),
      write: (query, table, kind) => this.statements.bulkWrite(query, table, kind),
      merge: (meta, row) => this.uow.merge(mappers.get(meta), row, mappers.get(meta).hydrate, false),
      mergeLocked: (meta, row) => this.uow.mergeLocked(mappers.get(meta), row, mappers.get(meta).hydrate),
      inTransaction: this.statements.inTransaction,
      stream: (query, batchSize) => this.statements.stream(query, batchSize),
      detached: (meta, rows) => hydrateDetached(this.context.metadata, mappers, mappers.get(meta).hydrate, rows),
    };
  }

  /** The global EntityManager works only through the request context's fork. */
  private resolve(method: string): EntityManager {
    const em = this.context.requestContext.getStore();
    if (!em) throw UsageError.globalEntityManager(method);
    return em;
  }
}

function primaryKeyOf(where: unknown, pk: string): unknown {
  if (typeof where !== 'object' || where === null) return where;
  const keys = Object.keys(where);
  if (keys.length !== 1 || keys[0] !== pk) return undefined;
  const value = (where as Record<string, unknown>)[pk];
  return typeof value === 'object' ? undefined : value;
}

function describeFilter(where: unknown): string {
  if (typeof where !== 'object' || where === null) return `primary key ${String(where)}`;
  return `filter on ${Object.keys(where).join(', ') || 'nothing'}`;
}
