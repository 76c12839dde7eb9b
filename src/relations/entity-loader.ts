import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityMapper, Hydrator, Row } from '../mapper/entity-mapper';
import type { HydrationContext } from '../mapper/hydration-context';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import type { CompiledQuery } from '../query/compiler/compiled-query';
import { buildFindByKeyQuery } from '../query/find-query';
import type { SelectQueryNode } from '../query/nodes/select-query-node';
import { parseFilter } from '../query/filter-parser';
import type { OperationNode } from '../query/nodes/operation-node';
import { NO_READ_FILTERS, type ReadFilters } from '../query/read-filter';
import { buildSelectWhereIn } from '../query/relation-query';
import type { StatementCache } from '../query/statement-cache';
import { unloadedCollection, type CollectionInternals } from './collection';
import { Reference } from './reference';
import { loadRelation } from './relation-loads';
import type { RelationLoader } from './relation-loader';
import type { LoadCache } from './load-cache';

/** What loading needs from one EntityManager's unit of work (which implements it): its identity map. */
export interface LoadSession {
  /** The managed instance for a row: hydrated and tracked on first sight, else the tracked one (completed if partial). */
  merge<T extends object>(mapper: EntityMapper<T>, row: Row, hydrate: Hydrator<T>, partial: boolean): T;
  /** The managed entity with this key, or a stub holding only the key. */
  reference<T extends object>(meta: EntityMetadata<T>, key: unknown): T;
  isLoaded(entity: object): boolean;
  metaOf(entity: object, operation: string): EntityMetadata;
}

/** What every loader of one Orm shares (the Orm's context satisfies it). */
export interface LoaderContext {
  readonly mappers: MapperRegistry;
  readonly compiler: { compile(node: SelectQueryNode): CompiledQuery };
  /** Templates of the statements sent over and over (lookups by primary key). */
  readonly statements: StatementCache;
  /** Most keys one `in (..)` list carries. */
  readonly loadChunkSize: number;
  /** The second-level entity cache, when the Orm has one. */
  readonly loadCache?: LoadCache;
}

/** Runs a SELECT on the EntityManager's connection (its transaction's, inside `transactional`). */
export type SelectRows = (query: CompiledQuery) => Promise<Row[]>;

interface Pending {
  readonly run: (items: object[]) => Promise<unknown>;
  readonly items: Set<object>;
  readonly waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

let resolved: Promise<void> | undefined;

/** After the current tick's promise jobs (the way DataLoader batches): every load asked for meanwhile joins. */
function afterCurrentJobs(fn: () => void): void {
  (resolved ??= Promise.resolve()).then(() => process.nextTick(fn));
}

/** The loader of the transaction whose callback is running: lazy loads made there of older entities join it. */
const transactionLoader = new AsyncLocalStorage<EntityLoader>();

/**
 * @internal The one route by which an EntityManager reads entities: `findOne` by key, `Reference.load()`, stub
 * completion, lazy collection loads and populate all end in `load(meta, keys)` or in a relation load built on
 * the same chunked select-in, on this EntityManager's connection and into its identity map. A cache, a read
 * filter or a replica router plugs in here.
 *
 * Lazy loads (`collection.init()`, `reference.load()`) made in the same tick are gathered per relation and
 * loaded together, so `Promise.all(books.map((b) => b.publisher.load()))` sends one query. Loading never
 * overwrites what is in memory: tracked entities stay as they are, loaded collections are not reloaded.
 *
 * It is also hydration's view of the EntityManager: a foreign key becomes the managed target (a stub until
 * loaded; a `Reference` for `ref: true`), a to-many relation an unloaded collection bound to this loader.
 * Without `select` (a streamed batch) collections are detached and references never load.
 */
export class EntityLoader implements RelationLoader, HydrationContext {
  private queue = new Map<unknown, Pending>();
  private scheduled = false;
  /** Transactions opened on this EntityManager that are running now. */
  private openTransactions = 0;
  /** A transaction's loader once its callback returned: its entities are the outer EntityManager's now. */
  private ended = false;

  constructor(
    private readonly session: LoadSession,
    private readonly context: LoaderContext,
    private readonly select?: SelectRows,
    /** The loader of the EntityManager this one's transaction was opened on. */
    private readonly outer?: EntityLoader,
    /** The read filters lazy loads run with: the EntityManager's as set when the load runs (a transaction's: its opener's). */
    private readonly filters: () => ReadFilters = outer ? outer.filters : () => NO_READ_FILTERS,
  ) {}

  /**
   * The entities with these keys (JS form), merged into the identity map, in one statement per chunk of keys;
   * a single key takes the by-key template compiled once per entity. Keys without a row (or whose row the read
   * filters hide) are left out. A class with `@Entity({ cache })` is looked up in the entity cache first, when no
   * read filter applies to it (a cached row is not checked against filters) and outside transactions (whose
   * reads may see their own uncommitted writes).
   */
  async load<T extends object>(meta: EntityMetadata<T>, keys: readonly unknown[], filters = this.filters()): Promise<T[]> {
    const mapper = this.context.mappers.get(meta);
    const pk = meta.primaryKey;
    const condition = this.conditionOf(meta, filters);
    if (meta.cacheTtlMs !== undefined && this.context.loadCache && !condition && !this.outer) {
      const rows = await this.context.loadCache.rows(meta, keys, (missing) => this.rowsByKey(meta, missing));
      return rows.map((row) => this.session.merge(mapper, row, mapper.hydrate, false));
    }
    if (keys.length === 1 && !condition) {
      // The hot path of request handlers (findOne by key): no tree built or compiled per call.
      const template = this.context.statements.get(`find-by-key|${meta.table}`, () => buildFindByKeyQuery(meta));
      const rows = await this.rows(template.bind([mapper.toDb(pk, keys[0])]));
      return rows.length > 0 ? [this.session.merge(mapper, rows[0], mapper.hydrate, false)] : [];
    }
    const found: T[] = [];
    const dbKeys = keys.map((key) => mapper.toDb(pk, key));
    await this.selectIn(dbKeys, (chunk) => buildSelectWhereIn(meta, pk, chunk, condition), (row) => found.push(this.merge(meta, row) as T));
    return found;
  }

  /** The rows of `meta` with these keys (JS form), without filters: what the entity cache keeps. */
  private async rowsByKey(meta: EntityMetadata, keys: readonly unknown[]): Promise<Row[]> {
    const mapper = this.context.mappers.get(meta);
    const pk = meta.primaryKey;
    if (keys.length === 1) {
      const template = this.context.statements.get(`find-by-key|${meta.table}`, () => buildFindByKeyQuery(meta));
      return this.rows(template.bind([mapper.toDb(pk, keys[0])]));
    }
    const rows: Row[] = [];
    await this.selectIn(keys.map((key) => mapper.toDb(pk, key)), (chunk) => buildSelectWhereIn(meta, pk, chunk), (row) => rows.push(row));
    return rows;
  }

  /**
   * Loads `relation` for every entity of `owners` that lacks it; returns the related entities (loaded or not
   * before). Rows the read filters hide are not loaded: a hidden to-one target stays an unloaded reference.
   */
  loadRelation(relation: RelationMetadata, owners: readonly object[], filters = this.filters()): Promise<object[]> {
    return loadRelation(this, relation, owners, filters);
  }

  /** @internal The read filters' condition on `meta` as a node, or undefined (then nothing is added to the SQL). */
  conditionOf(meta: EntityMetadata, filters: ReadFilters): OperationNode | undefined {
    const condition = filters.conditionOf(meta);
    return condition && parseFilter(meta, condition, this.context.mappers);
  }

  isLoaded(entity: object): boolean {
    return this.route().session.isLoaded(entity);
  }

  loadEntity(entity: object): Promise<void> {
    const loader = this.route();
    const meta = loader.session.metaOf(entity, 'load');
    return loader.enqueue(meta, entity, (entities) => loader.complete(meta, entities));
  }

  loadCollection(collection: CollectionInternals): Promise<void> {
    const loader = this.route();
    const relation = collection.relation;
    return loader.enqueue(relation, collection.owner, (owners) => loader.loadRelation(relation, owners));
  }

  /** Loads the given collections now (a cascade needs their items), one query per relation. */
  async loadCollections(collections: readonly CollectionInternals[]): Promise<void> {
    const loader = this.route();
    const byRelation = new Map<RelationMetadata, object[]>();
    for (const collection of collections) {
      const owners = byRelation.get(collection.relation) ?? [];
      owners.push(collection.owner);
      byRelation.set(collection.relation, owners);
    }
    // A cascade must see every child, hidden or not: a soft-deleted child of a removed parent is removed too.
    for (const [relation, owners] of byRelation) await loader.loadRelation(relation, owners, NO_READ_FILTERS);
  }

  /** Completes stubs (and `fields`-loaded entities): the ones loaded whole already are not read again. */
  async complete(meta: EntityMetadata, entities: readonly object[], filters = this.filters()): Promise<void> {
    const name = meta.primaryKey.name;
    const keys = [...new Set(entities.filter((e) => !this.session.isLoaded(e)).map((e) => (e as Record<string, unknown>)[name]))];
    if (keys.length > 0) await this.load(meta, keys, filters);
  }

  /**
   * Runs a transaction's callback (this is its EntityManager's loader): while it runs, lazy loads it makes of
   * entities the outer EntityManager manages take this loader (its connection and identity map), while lazy loads
   * made elsewhere meanwhile stay on the outer EntityManager.
   */
  async runTransaction<R>(work: () => Promise<R>): Promise<R> {
    const outer = this.outer as EntityLoader;
    outer.openTransactions++;
    try {
      return await transactionLoader.run(this, work);
    } finally {
      outer.openTransactions--;
      this.ended = true;
    }
  }

  toOne(relation: RelationMetadata, key: unknown): unknown {
    const target = this.session.reference(relation.target, key);
    return relation.ref ? new Reference(target, this.select && this) : target;
  }

  toMany(owner: object, relation: RelationMetadata): unknown {
    return unloadedCollection(owner, relation, this.select && this);
  }

  /** @internal The managed entity for a whole row of `meta`. */
  merge(meta: EntityMetadata, row: Row): object {
    const mapper = this.context.mappers.get(meta);
    return this.session.merge(mapper, row, mapper.hydrate, false);
  }

  /** @internal Primary keys in database form, for an `in (..)` list. */
  keysOf(meta: EntityMetadata, entities: readonly object[]): unknown[] {
    const pk = meta.primaryKey;
    const mapper = this.context.mappers.get(meta);
    const keys: unknown[] = [];
    for (const entity of entities) {
      const key = (entity as Record<string, unknown>)[pk.name];
      if (key !== undefined) keys.push(mapper.toDb(pk, key));
    }
    return keys;
  }

  /** @internal A primary key read from a row, in JS form. */
  keyFromDb(meta: EntityMetadata, value: unknown): unknown {
    return this.context.mappers.get(meta).keyFromDb(value);
  }

  /** @internal One query per chunk of (database-form) keys; `each` sees every row. */
  async selectIn(keys: readonly unknown[], build: (chunk: readonly unknown[]) => SelectQueryNode, each: (row: Row) => void): Promise<void> {
    const unique = [...new Set(keys)];
    const size = this.context.loadChunkSize;
    for (let start = 0; start < unique.length; start += size) {
      const rows = await this.rows(this.context.compiler.compile(build(unique.slice(start, start + size))));
      for (const row of rows) each(row);
    }
  }

  private rows(query: CompiledQuery): Promise<Row[]> {
    return (this.select as SelectRows)(query);
  }

  /** This loader, or the loader of a transaction opened on this EntityManager whose callback is the caller. */
  private route(): EntityLoader {
    if (this.ended) return (this.outer as EntityLoader).route();
    if (this.openTransactions === 0) return this;
    const inner = transactionLoader.getStore();
    for (let loader = inner; loader; loader = loader.outer) if (loader.outer === this) return inner as EntityLoader;
    return this;
  }

  private enqueue(group: unknown, item: object, run: (items: object[]) => Promise<unknown>): Promise<void> {
    let pending = this.queue.get(group);
    if (!pending) this.queue.set(group, (pending = { run, items: new Set(), waiters: [] }));
    pending.items.add(item);
    const done = new Promise<void>((resolve, reject) => pending.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      afterCurrentJobs(() => void this.dispatch());
    }
    return done;
  }

  private async dispatch(): Promise<void> {
    const queue = this.queue;
    this.queue = new Map();
    this.scheduled = false;
    for (const pending of queue.values()) {
      try {
        await pending.run([...pending.items]);
        for (const waiter of pending.waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of pending.waiters) waiter.reject(error);
      }
    }
  }
}
