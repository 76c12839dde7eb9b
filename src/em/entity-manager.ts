import { MetadataError } from '../errors/metadata-error';
import { NotFoundError } from '../errors/not-found-error';
import { QueryError } from '../errors/query-error';
import { UsageError } from '../errors/usage-error';
import type { TransactionOptions } from '../dialects/driver';
import type { EntityClass } from '../metadata/entity-metadata';
import type { EntityData, FilterQuery, PrimaryKeyValue } from '../query/filter-query';
import type { FilterName, FilterParamsOf, ReadFilterOptions } from '../query/read-filter';
import { FilterState } from '../lifecycle/filters/filter-state';
import { SelectQueryBuilder } from '../query/builder/select-query-builder';
import { templateNode } from '../query/raw-sql';
import type { BatchStream } from '../query/batch-stream';
import { EntityLoader } from '../relations/entity-loader';
import type { Loaded, PopulatePath } from '../relations/loaded';
import type { FlushBatch, InsertBatch } from '../unit-of-work/flush-plan';
import type { FlushOutcome } from '../unit-of-work/planned-flush';
import { UnitOfWork, type PreparedFlush, type UnitOfWorkEvents } from '../unit-of-work/unit-of-work';
import type { EventBus } from '../events/event-bus';
import { instantiate } from './instantiate';
import type { CursorOptions, CursorPage } from './cursor-pagination';
import { EntityRepository } from './entity-repository';
import { Finder, type FindAllOptions, type StreamOptions } from './finder';
import type { FlushWatch } from './flush-observer';
import type { OrmContext } from './orm-context';
import { StatementRoute } from './statement-route';
import { withTransactionRetry, type TransactionRetryOptions } from './transaction-retry';
import { runTransactional } from './transactional';

export type { FindAllOptions, StreamOptions } from './finder';

/** `em.transactional` options: the transaction's, and how to run it again after a deadlock or a serialization failure. */
export interface TransactionalOptions extends TransactionOptions {
  /**
   * Runs the whole callback again (in a fresh EntityManager, over a fresh copy of this one's identity map) after
   * a `DeadlockError` or a `SerializationFailureError`, and with `connectionErrors: true` after a `ConnectionError`
   * raised before COMMIT. Never after a `CommitOutcomeUnknownError`. Only on an outermost transaction.
   */
  retry?: TransactionRetryOptions;
}

/** What a fork is told about the work it is for. */
export interface ForkOptions {
  /**
   * Who does the work (a user id, a job's name; at most 255 characters): audit rows of what this EntityManager
   * flushes name it. A fork inherits its parent's unless given one.
   */
  actor?: string;
}

/**
 * The façade users work with: one per request (`orm.em.fork()`), owning one identity map and one unit of work.
 * Methods are a few lines that delegate: reads to its `Finder`, loads to its unit of work's `EntityLoader`,
 * writes to the unit of work, statements to its `StatementRoute`.
 */
export class EntityManager {
  private readonly uow: UnitOfWork;
  private readonly finder: Finder;
  private readonly repositories = new Map<EntityClass, EntityRepository<object>>();

  /** @internal Use `orm.em.fork()`. */
  constructor(
    protected readonly context: OrmContext,
    uow?: UnitOfWork,
    private readonly statements = new StatementRoute(context.driver, undefined, context.events),
    /** Who does this EntityManager's work, for audit rows (`fork({ actor })`, `orm.requestContext({ actor }, ..)`). */
    readonly actor?: string,
    private readonly filters = new FilterState(context.filters),
  ) {
    // The unit of work raises events with the session it is given, and this EntityManager is the one it gets.
    const events = context.events as EventBus<UnitOfWorkEvents>;
    const loader = (owner: UnitOfWork) => new EntityLoader(owner, context, (query) => statements.rows(query), undefined, () => filters.current());
    this.uow = uow ?? new UnitOfWork(context.metadata, context.mappers, loader, events, context.lifecycle);
    // Hooks of entities this unit of work loads get the EntityManager it was made for (a transaction's, or a fork).
    this.uow.session ??= this;
    this.finder = new Finder(context, this.uow, statements, filters);
  }

  /**
   * A new EntityManager with an empty identity map, for one request or job (`actor` names who does it). It starts
   * with a copy of this one's filter parameters (`setFilterParams` on either afterwards leaves the other alone).
   * @example
   * const em = orm.em.fork({ actor: 'user:7' });
   */
  fork(options: ForkOptions = {}): EntityManager {
    return new EntityManager(this.context, undefined, undefined, options.actor ?? this.actor, this.filters.fork());
  }

  /**
   * Sets the parameters of a global filter (`@Filter`) for every later read of this EntityManager (and of the
   * transactions opened on it); an unknown filter name is a `UsageError`. It does not turn a filter on.
   * @example
   * em.setFilterParams('tenant', { tenantId: 7 });
   */
  setFilterParams<N extends FilterName>(name: N, params: FilterParamsOf<N>): this {
    this.filters.set(name, params as object);
    return this;
  }

  /**
   * The parameters last set for a filter on this EntityManager, if any.
   * @example
   * const { tenantId } = em.getFilterParams('tenant') ?? {};
   */
  getFilterParams<N extends FilterName>(name: N): FilterParamsOf<N> | undefined {
    return this.filters.get(name) as FilterParamsOf<N> | undefined;
  }

  /**
   * Creates an entity (its constructor runs, so defaults apply), fills it with `data` and persists it
   * (`{ persist: false }` leaves it unmanaged, e.g. for a factory's `make`).
   * @example
   * const ada = em.create(Author, { name: 'Ada', email: 'ada@example.com' });
   */
  create<T extends object>(entity: EntityClass<T>, data: EntityData<T>, options: { persist?: boolean } = {}): T {
    const instance = instantiate(entity, this.context.metadata.get(entity), data);
    if (options.persist !== false) this.uow.persist(instance);
    return instance;
  }

  /**
   * Schedules entities for insert at the next flush.
   * @example
   * em.persist(author); await em.flush();
   */
  persist(entity: object | readonly object[]): this {
    for (const e of Array.isArray(entity) ? entity : [entity]) this.uow.persist(e);
    return this;
  }

  /**
   * Schedules entities for delete at the next flush. An entity with a `@SoftDelete()` column is soft-deleted
   * instead (an UPDATE setting it to the current time) unless `{ hard: true }`; cascades follow the same rule.
   * @example
   * em.remove(stale); await em.flush();
   * em.remove(spam, { hard: true }); await em.flush();
   */
  remove(entity: object | readonly object[], options: { hard?: boolean } = {}): this {
    for (const e of Array.isArray(entity) ? entity : [entity]) this.uow.remove(e, options.hard === true);
    return this;
  }

  /**
   * Writes every pending change in one transaction (a savepoint inside `transactional`), with batched
   * statements. On failure nothing is written and entities keep their pending state. No change, no statement.
   * @example
   * author.name = 'Ada Lovelace'; await em.flush();
   */
  flush(): Promise<void> {
    const observer = this.context.flushObserver;
    return observer ? observer.observe((watch) => this.flushWatched(watch)) : this.flushWatched(undefined);
  }

  private async flushWatched(watch: FlushWatch | undefined): Promise<void> {
    const flush = await this.uow.prepareFlush(this);
    // Nothing to write opens no transaction: no BEGIN/COMMIT round trips for a request that changed nothing, and
    // no commit event about nothing.
    if (!flush) return;
    const outcome = await this.writeFlush(flush, watch);
    await this.uow.applyFlush(flush, outcome);
  }

  /** Writes a prepared flush in a transaction (a savepoint inside `transactional`); a failure abandons it. */
  private async writeFlush(flush: PreparedFlush, watch: FlushWatch | undefined): Promise<FlushOutcome> {
    const { flushExecutor, batchSize } = this.context;
    try {
      return await this.statements.write((scope) => {
        // afterFlush listeners write through a session on the flush's transaction, over this unit of work.
        const session = () => new EntityManager(this.context, this.uow, this.statements.within(scope), this.actor, this.filters);
        const connection = watch ? watch.writing(flush.changeSets.length + flush.links.length, scope.connection) : scope.connection;
        const execute = (batch: FlushBatch) => flushExecutor.execute(batch, connection, batchSize);
        return this.uow.writeFlush(flush, execute, { record: scope.record, transactionId: scope.transactionId, session });
      });
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
  find<T extends object, P extends PopulatePath<T> = never>(
    entity: EntityClass<T>,
    where: FilterQuery<T> = {},
    options: FindAllOptions<T, P> = {},
  ): Promise<Loaded<T, P>[]> {
    return this.finder.find(entity, where, options) as Promise<Loaded<T, P>[]>;
  }

  /**
   * Loads relations of entities already in hand, one query per relation level.
   * @example
   * await em.populate(authors, ['books', 'books.tags']);
   */
  populate<T extends object, P extends PopulatePath<T>>(entities: T | readonly T[], paths: readonly P[]): Promise<Loaded<T, P>[]> {
    return this.finder.populate(entities, paths) as Promise<Loaded<T, P>[]>;
  }

  /**
   * One entity by primary key or filter, or null. By primary key, a managed entity is returned without a query.
   * @example
   * await em.findOne(Author, 1); await em.findOne(Author, { email });
   */
  findOne<T extends object, P extends PopulatePath<T> = never>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    options: FindAllOptions<T, P> = {},
  ): Promise<Loaded<T, P> | null> {
    return this.finder.findOne(entity, where, options) as Promise<Loaded<T, P> | null>;
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
   * The number of rows matching a filter (and the active global filters; soft-deleted rows are not counted).
   * @example
   * const adults = await em.count(Author, { age: { $gte: 18 } });
   * const all = await em.count(User, {}, { filters: false });
   */
  count<T extends object>(entity: EntityClass<T>, where: FilterQuery<T> = {}, options: ReadFilterOptions = {}): Promise<number> {
    return this.finder.count(entity, where, options);
  }

  /**
   * Matching entities for one page plus the number of all matching rows (`limit` and `offset` do not apply to
   * `total`). Two statements: the page, then the count.
   * @example
   * const { items, total } = await em.findAndCount(Author, { age: { $gte: 18 } }, { limit: 20, offset: 40 });
   */
  findAndCount<T extends object, P extends PopulatePath<T> = never>(
    entity: EntityClass<T>,
    where: FilterQuery<T> = {},
    options: FindAllOptions<T, P> = {},
  ): Promise<{ items: Loaded<T, P>[]; total: number }> {
    return this.finder.findAndCount(entity, where, options) as Promise<{ items: Loaded<T, P>[]; total: number }>;
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
  findByCursor<T extends object, P extends PopulatePath<T> = never>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    options: CursorOptions<T, P>,
  ): Promise<CursorPage<Loaded<T, P>>> {
    return this.finder.findByCursor(entity, where, options) as Promise<CursorPage<Loaded<T, P>>>;
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
    return this.finder.stream(entity, where, options);
  }

  /**
   * Raw SQL as a tagged template: every `${value}` is a bound parameter (`sql`/`raw`/`ident` fragments are
   * spliced in as SQL). Returns the driver's plain rows; inside `transactional` it runs on that transaction.
   * @example
   * const [{ n }] = await em.sql<{ n: number }>`select count(*) as n from authors where age > ${min}`;
   */
  async sql<R extends object = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]): Promise<R[]> {
    // A plain string call (em.sql(text)) would bypass binding: only a template's strings array has `raw`.
    if (!Array.isArray(strings) || !Array.isArray((strings as TemplateStringsArray).raw)) throw QueryError.rawTemplate();
    // `run`, not `rows`: raw SQL may write, so a connection lost under it is never retried.
    return (await this.statements.run(this.context.compiler.compile(templateNode(strings, values)))).rows as R[];
  }

  /**
   * A typed query builder over `entity`, aliased `alias` (the table name when omitted); it runs on this
   * EntityManager's connection and merges `getResult()` entities into its identity map. Its SELECT carries the
   * root entity's active filters (soft delete included); `options` switches them as for `find`.
   * @example
   * const rows = await em.qb(Author, 'a').select(['a.id', 'a.name']).where({ 'a.age': { $gte: 18 } }).execute();
   * const everyone = await em.qb(User, 'u', { filters: false }).getResult();
   */
  qb<T extends object, A extends string = never>(entity: EntityClass<T>, alias?: A, options: ReadFilterOptions = {}): SelectQueryBuilder<Record<A, T>, T> {
    const meta = this.context.metadata.get(entity);
    return SelectQueryBuilder.create<T, Record<A, T>>(this.finder.queryRunner(options), meta, alias ?? meta.table);
  }

  /**
   * Runs `work` in a transaction with its own EntityManager and flushes it before commit. Nested calls use
   * savepoints; a failure rolls back and leaves this EntityManager as it was. `retry` runs the whole callback
   * again after a deadlock or a serialization failure (see docs/operations.md), so `work` must not have effects
   * outside the database that cannot be repeated.
   * @example
   * await em.transactional(async (tx) => { tx.create(Author, { ... }); }, { isolationLevel: 'serializable' });
   * await em.transactional(transfer, { isolationLevel: 'serializable', retry: { attempts: 3, backoff: 20 } });
   */
  async transactional<R>(work: (em: EntityManager) => Promise<R>, options: TransactionalOptions = {}): Promise<R> {
    const session = (uow: UnitOfWork, statements: StatementRoute) => new EntityManager(this.context, uow, statements, this.actor, this.filters);
    const once = () => runTransactional(this.context, this.uow, this.statements, session, work, options);
    if (!options.retry) return once();
    if (this.statements.inTransaction) throw UsageError.retryInsideTransaction();
    return withTransactionRetry(once, options.retry);
  }

  /**
   * The managed entity with this primary key, without a query: the one already loaded, or a reference holding only
   * its key (loaded on populate, `Reference.load()` or `findOne`). Use it to set a foreign key by id.
   * @example
   * book.author = em.getReference(Author, 7);
   */
  getReference<T extends object>(entity: EntityClass<T>, key: PrimaryKeyValue): T {
    return this.uow.reference(this.context.metadata.get(entity), key);
  }

  /**
   * A repository bound to this EntityManager (bound to the global one, it follows the request context): the
   * entity's own class when `@Entity({ repository })` names one, else an `EntityRepository`.
   * @example
   * const authors = orm.em.getRepository(Author);
   * const users = orm.em.getRepository(User) as UserRepository;
   */
  getRepository<T extends object>(entity: EntityClass<T>): EntityRepository<T> {
    const meta = this.context.metadata.get(entity);
    let repository = this.repositories.get(entity) as EntityRepository<T> | undefined;
    if (!repository) {
      const Repository = (meta.repository?.() ?? EntityRepository) as typeof EntityRepository<T>;
      repository = new Repository(this, entity);
      if (!(repository instanceof EntityRepository)) throw MetadataError.notARepository(entity, Repository.name);
      this.repositories.set(entity, repository as EntityRepository<object>);
    }
    return repository;
  }

  /**
   * @internal Inserts rows of an internal table (audit rows, an outbox) as a flush inserts: chunked by the dialect's
   * flush executor, on this EntityManager's transaction (an afterFlush session's is the flush's).
   */
  async writeInternalRows(batch: InsertBatch): Promise<void> {
    const { flushExecutor, batchSize } = this.context;
    await this.statements.onTransaction((connection) => flushExecutor.execute(batch, connection, batchSize));
  }

  /** Forgets every tracked entity (pending changes included). */
  clear(): void {
    this.uow.clear();
  }
}

function describeFilter(where: unknown): string {
  if (typeof where !== 'object' || where === null) return `primary key ${String(where)}`;
  return `filter on ${Object.keys(where).join(', ') || 'nothing'}`;
}
