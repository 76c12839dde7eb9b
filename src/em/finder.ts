import { QueryError } from '../errors/query-error';
import { UsageError } from '../errors/usage-error';
import type { EntityClass, EntityMetadata } from '../metadata/entity-metadata';
import { BatchStream, checkBatchSize } from '../query/batch-stream';
import type { QueryRunner } from '../query/builder/query-runner';
import type { FilterQuery, FindOptions } from '../query/filter-query';
import type { ReadFilterOptions, ReadFilters } from '../query/read-filter';
import type { FilterState } from '../lifecycle/filters/filter-state';
import { buildCountQuery, buildFindQuery } from '../query/find-query';
import { buildJoinedQuery } from '../query/joined-query';
import { mergeJoinedRows } from '../relations/joined-rows';
import type { PopulateOptions } from '../relations/loaded';
import { checkFilters, populate, populateTree, type PopulateNode } from '../relations/populate';
import type { UnitOfWork } from '../unit-of-work/unit-of-work';
import type { CachedRead, ResultCache, SelectRows } from '../cache/result-cache';
import { tablesOf } from '../query/node-tables';
import type { ResultCacheOption } from '../query/result-cache-option';
import { EntityLoader } from '../relations/entity-loader';
import { planCursorPage, type CursorOptions, type CursorPage } from './cursor-pagination';
import { hydrateDetached } from './detached-batch';
import type { OrmContext } from './orm-context';
import type { StatementRoute } from './statement-route';

/** `find` options: filter-level options plus what to populate. */
export type FindAllOptions<T, P extends string = never> = FindOptions<T> & PopulateOptions<P>;

/** `stream` options: `find`'s, less `populate`, plus the rows read per batch (default 500). */
export type StreamOptions<T> = FindOptions<T> & { batchSize?: number };

/**
 * @internal How one EntityManager reads: a filter becomes a statement on its connection, rows become managed
 * entities in its unit of work, and populate and lookups by key go through its unit of work's loader (the one
 * load route). The EntityManager's read methods delegate here.
 */
export class Finder {
  /** Runs a SELECT on this EntityManager's connection. */
  private readonly select: SelectRows;

  constructor(
    private readonly context: OrmContext,
    private readonly uow: UnitOfWork,
    private readonly statements: StatementRoute,
    private readonly filters: FilterState,
  ) {
    this.select = (query) => statements.rows(query);
  }

  async find<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, options: FindAllOptions<T, string>): Promise<T[]> {
    if (options.lockMode !== undefined && !this.statements.inTransaction) throw UsageError.lockOutsideTransaction('find');
    const meta = this.context.metadata.get(entity);
    const tree = populateTreeOf(meta, options.populate);
    const filters = this.filters.resolve(options);
    if (tree) checkFilters(tree, filters);
    const results = this.context.resultCache;
    // Inside a transaction a read may see the transaction's own uncommitted writes: never cached there.
    if (options.cache !== undefined && results && !this.statements.inTransaction && options.lockMode === undefined) {
      const read = this.cachedRead(results, meta, where, options, tree, filters);
      return results.run(read, this.select, (select) => this.read(meta, where, options, tree, filters, select, new EntityLoader(this.uow, this.context, select)));
    }
    return this.read(meta, where, options, tree, filters, this.select, this.uow.loader);
  }

  /** `find` on `select`, with populate through `loader` (both the EntityManager's unless a cached read records or replays). */
  private async read<T extends object>(
    meta: EntityMetadata<T>,
    where: FilterQuery<T>,
    options: FindAllOptions<T, string>,
    tree: PopulateNode[] | undefined,
    filters: ReadFilters,
    select: SelectRows,
    loader: EntityLoader,
  ): Promise<T[]> {
    // A lock applies to the root rows only: outer joins cannot be locked (PostgreSQL refuses their nullable side).
    if (tree && options.strategy === 'joined' && !options.fields && !options.lockMode) return this.findJoined(meta, where, options, tree, filters, select);
    const mapper = this.context.mappers.get(meta);
    const query = buildFindQuery(meta, where, options, this.context.mappers, filters);
    const rows = await select(this.context.compiler.compile(query.node));
    const partial = query.properties.length !== meta.properties.length;
    const hydrate = mapper.hydratorFor(query.properties);
    const result = new Array<T>(rows.length);
    if (options.lockMode !== undefined && !partial) for (let i = 0; i < rows.length; i++) result[i] = this.uow.mergeLocked(mapper, rows[i], hydrate);
    else for (let i = 0; i < rows.length; i++) result[i] = this.uow.merge(mapper, rows[i], hydrate, partial);
    if (tree) await populate(loader, result, tree, filters);
    return result;
  }

  /** The key and tags of a cached `find`: its statement, and every table it and its populate read. */
  private cachedRead<T extends object>(
    results: ResultCache,
    meta: EntityMetadata<T>,
    where: FilterQuery<T>,
    options: FindAllOptions<T, string>,
    tree: PopulateNode[] | undefined,
    filters: ReadFilters,
  ): CachedRead {
    const joined = tree && options.strategy === 'joined' && !options.fields;
    const node = joined
      ? buildJoinedQuery(meta, where, options, tree, this.context.mappers, filters).node
      : buildFindQuery(meta, where, options, this.context.mappers, filters).node;
    const tables = tablesOf(node);
    if (tree) addPopulateTables(tree, tables);
    return results.describe(options.cache as ResultCacheOption, this.context.compiler.compile(node), tables, JSON.stringify([options.populate ?? [], options.strategy ?? '']));
  }

  /** One page of matching entities plus the number of all matching rows: two statements. */
  async findAndCount<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, options: FindAllOptions<T, string>): Promise<{ items: T[]; total: number }> {
    const items = await this.find(entity, where, options);
    const total = await this.count(entity, where, options);
    return { items, total };
  }

  /** Keyset pagination: the page's filter, order and limit come from the cursor (`cursor-pagination.ts`). */
  async findByCursor<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, options: CursorOptions<T, string>): Promise<CursorPage<T>> {
    const plan = planCursorPage(this.context.metadata.get(entity), where, options);
    const { populate: paths, filters, withDeleted } = options;
    return plan.page(await this.find(entity, plan.where, { orderBy: plan.orderBy, limit: plan.limit, populate: paths, filters, withDeleted }));
  }

  async findOne<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, options: FindAllOptions<T, string>): Promise<T | null> {
    if (options.lockMode !== undefined && !this.statements.inTransaction) throw UsageError.lockOutsideTransaction('findOne');
    const meta = this.context.metadata.get(entity);
    // find() would read a missing filter as "no filter" and return the first row: `findOne(User, req.params.id)`.
    if (where === undefined || where === null) throw QueryError.missingFilter(entity, 'findOne');
    const key = primaryKeyOf(where, meta.primaryKey.name);
    // A lock must reach the database even for a managed entity, so it never takes the identity-map shortcut; a
    // cached read is the result cache's (a class's own cache serves lookups by key without the option).
    if (key === undefined || options.fields || options.lockMode !== undefined || (options.cache !== undefined && this.context.resultCache)) {
      const [found] = await this.find(entity, where, { ...options, limit: 1 });
      return found ?? null;
    }
    const tree = populateTreeOf(meta, options.populate);
    const filters = this.filters.resolve(options);
    if (tree) checkFilters(tree, filters);
    const { identityMap } = this.uow;
    const managed = identityMap.get(meta, key);
    let found: T | null;
    if (managed && identityMap.entryOf(managed)?.state === 'removed') found = null;
    // A managed entity is returned without a query, whatever the filters would say of its row (they are SQL), but
    // one known to be soft-deleted is not.
    else if (managed && this.uow.isLoaded(managed)) found = isSoftDeleted(meta, managed, filters) ? null : managed;
    // A stub (only its key known) or a `fields` load is completed by one query.
    else found = (await this.uow.loader.load(meta, [key], filters))[0] ?? null;
    if (found && tree) await populate(this.uow.loader, [found], tree, filters);
    return found;
  }

  async populate<T extends object>(entities: T | readonly T[], paths: readonly string[]): Promise<T[]> {
    const list = (Array.isArray(entities) ? entities : [entities]) as T[];
    if (list.length === 0) return [];
    const tree = populateTreeOf(this.uow.metaOf(list[0], 'populate'), paths);
    if (tree) await populate(this.uow.loader, list, tree);
    return list;
  }

  async count<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, options: ReadFilterOptions): Promise<number> {
    const query = buildCountQuery(this.context.metadata.get(entity), where, this.context.mappers, this.filters.resolve(options));
    const rows = await this.statements.rows(this.context.compiler.compile(query));
    return Number(rows[0]?.count ?? 0);
  }

  stream<T extends object>(entity: EntityClass<T>, where: FilterQuery<T>, options: StreamOptions<T>): BatchStream<T> {
    if (options.lockMode !== undefined && !this.statements.inTransaction) throw UsageError.lockOutsideTransaction('stream');
    const batchSize = checkBatchSize(options.batchSize);
    const meta = this.context.metadata.get(entity);
    const query = buildFindQuery(meta, where, options, this.context.mappers, this.filters.resolve(options));
    const compiled = this.context.compiler.compile(query.node);
    const hydrate = this.context.mappers.get(meta).hydratorFor(query.properties);
    const partial = query.properties.length !== meta.properties.length;
    return new BatchStream(
      () => this.statements.stream(compiled, batchSize),
      (rows) => hydrateDetached(this.context, meta, hydrate, rows, this.uow.session, partial),
    );
  }

  /** What the query builder runs on: this EntityManager's connection, identity map and read filters. */
  queryRunner(options: ReadFilterOptions = {}): QueryRunner {
    const { mappers, compiler, dialect } = this.context;
    return {
      filters: this.filters.resolve(options),
      mappers,
      compiler,
      dialect,
      select: this.select,
      selectCached: (query, option, tables) => {
        const results = this.context.resultCache;
        if (!results || this.statements.inTransaction) return this.select(query);
        return results.run(results.describe(option, query, tables), this.select, (select) => select(query));
      },
      write: (query, table, kind) => this.statements.bulkWrite(query, table, kind),
      merge: (meta, row) => this.uow.merge(mappers.get(meta), row, mappers.get(meta).hydrate, false),
      mergeLocked: (meta, row) => this.uow.mergeLocked(mappers.get(meta), row, mappers.get(meta).hydrate),
      inTransaction: this.statements.inTransaction,
      stream: (query, batchSize) => this.statements.stream(query, batchSize),
      detached: (meta, rows) => hydrateDetached(this.context, meta, mappers.get(meta).hydrate, rows, this.uow.session),
    };
  }

  /** `find` with `strategy: 'joined'`: one SELECT with LEFT JOINs for the whole populate tree. */
  private async findJoined<T extends object>(
    meta: EntityMetadata<T>,
    where: FilterQuery<T>,
    options: FindOptions<T>,
    tree: PopulateNode[],
    filters: ReadFilters,
    select: SelectRows,
  ): Promise<T[]> {
    const { mappers } = this.context;
    const { node, root } = buildJoinedQuery(meta, where, options, tree, mappers, filters);
    const rows = await select(this.context.compiler.compile(node));
    return mergeJoinedRows(rows, root, (m, row, prefix) => {
      const mapper = mappers.get(m);
      return this.uow.merge(mapper, row, prefix ? mapper.hydratorFor(m.properties, prefix) : mapper.hydrate, false, prefix);
    }) as T[];
  }
}

/** The tables a populate tree reads: each relation's target table, and a many-to-many's pivot table. */
function addPopulateTables(tree: readonly PopulateNode[], tables: Set<string>): void {
  for (const node of tree) {
    tables.add(node.relation.target.table);
    if (node.relation.pivot) tables.add(node.relation.pivot.table);
    addPopulateTables(node.children, tables);
  }
}

function populateTreeOf(meta: EntityMetadata, paths: readonly string[] | undefined): PopulateNode[] | undefined {
  return paths && paths.length > 0 ? populateTree(meta, paths) : undefined;
}

/** A managed entity whose soft-delete column is set, while the read hides soft-deleted rows. */
function isSoftDeleted(meta: EntityMetadata, entity: object, filters: ReadFilters): boolean {
  return meta.softDelete !== undefined && !filters.withDeleted && (entity as Record<string, unknown>)[meta.softDelete.name] != null;
}

/** The primary key a `findOne` filter names alone (`5` or `{ id: 5 }`), else undefined. */
function primaryKeyOf(where: unknown, pk: string): unknown {
  if (typeof where !== 'object' || where === null) return where;
  const keys = Object.keys(where);
  if (keys.length !== 1 || keys[0] !== pk) return undefined;
  const value = (where as Record<string, unknown>)[pk];
  return typeof value === 'object' ? undefined : value;
}
