import { QueryError } from '../../errors/query-error';
import type { Row } from '../../mapper/entity-mapper';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import type { CompiledQuery } from '../compiler/compiled-query';
import { AliasNode } from '../nodes/alias-node';
import { ColumnNode } from '../nodes/column-node';
import { ExplainNode } from '../nodes/explain-node';
import { SelectQueryNode, type Selection } from '../nodes/select-query-node';
import { TableNode } from '../nodes/table-node';
import { BatchStream, checkBatchSize } from '../batch-stream';
import { checkPagination as checked } from '../check-pagination';
import { parseFilter } from '../filter-parser';
import { andConditions, parseAliasedFilter, parseHaving } from './aliased-filter';
import { qualifyColumns } from './qualify-columns';
import { builderLock, type BuilderLockOptions } from './builder-lock';
import { orderItems } from './order-items';
import { toPlainRows } from './plain-rows';
import { SingleAggregates } from './single-aggregates';
import type { AggregateSpec, AliasMap, BuilderFilter, BuilderOrderBy, ColumnRef, HavingFilter, JoinPath, JoinTarget, ResultRow } from './query-builder-types';
import { aggregateColumns, aggregateSelection, type AggregateColumn } from './aggregate-selection';
import type { QueryRunner } from './query-runner';
import { tablesOf } from '../node-tables';
import type { ResultCacheOption } from '../result-cache-option';
import { QueryScope, type ResolvedColumn } from './query-scope';
import { joinRelation } from './relation-join';

/**
 * The one state of a builder; every call makes a new state and a new builder around it. Every key is always
 * present and states are written out rather than spread, so all states share one object shape: spreads of
 * states with optional keys made many shapes and cost ~20% of building a query.
 */
interface SelectState {
  readonly runner: QueryRunner;
  readonly scope: QueryScope;
  /** Everything but the selections, which depend on the method that runs the query. */
  readonly node: SelectQueryNode;
  /** The columns of `execute()`; undefined selects every column of the root (none when there are aggregates). */
  readonly columns: readonly ResolvedColumn[] | undefined;
  /** The aggregate columns of `execute()`, after the plain ones. */
  readonly aggregates: readonly AggregateColumn[] | undefined;
  /** `cache(..)`: run through the result cache. */
  readonly cache: ResultCacheOption | undefined;
}

/**
 * A typed, immutable SELECT builder: `em.qb(Author, 'a')`. Column references (`'a.name'`) and join paths
 * (`'a.books'`) are checked by the compiler against the entities and aliases, and again at run time (a
 * `QueryError` before any SQL is sent). `M` maps aliases to entities, `R` is the root entity, `S` the selection.
 * `insert`, `update` and `delete` (from `WriteEntry`) start the write statements.
 */
export class SelectQueryBuilder<
  M extends AliasMap,
  R extends object,
  S extends string = never,
  G extends object = Record<never, never>,
> extends SingleAggregates<M, R> {
  readonly #state: SelectState;
  #compiled: CompiledQuery | undefined;

  /** @internal Use `em.qb(Entity, alias)`. */
  constructor(state: SelectState) {
    super(state.runner, state.scope.root.meta as EntityMetadata<R>);
    // Not frozen: the state is private and never changed after this, and freezing it on every call was measurable.
    this.#state = state;
  }

  /** @internal The first builder of `em.qb(entity, alias)`: its where starts with the root's read filters. */
  static create<R extends object, M extends AliasMap>(runner: QueryRunner, meta: EntityMetadata<R>, alias: string): SelectQueryBuilder<M, R> {
    const condition = runner.filters.conditionOf(meta);
    const where = condition && parseFilter(meta, condition, runner.mappers);
    const node = SelectQueryNode.withWhere(SelectQueryNode.create(TableNode.create(meta.table, alias), []), where && qualifyColumns(where, alias));
    return new SelectQueryBuilder({ runner, scope: QueryScope.root(meta, alias), node, columns: undefined, aggregates: undefined, cache: undefined });
  }

  /**
   * The columns `execute()` returns, each row keyed by property name.
   * @example
   * const rows = await em.qb(Author, 'a').select(['a.id', 'a.name']).execute(); // { id: number; name: string }[]
   */
  select<C extends ColumnRef<M, R>>(columns: C | readonly C[]): SelectQueryBuilder<M, R, C, G> {
    const resolved = (Array.isArray(columns) ? columns : [columns]).map((ref: string) => this.#state.scope.column(ref));
    return this.withSelection(resolved, this.#state.aggregates ?? []) as never;
  }

  /**
   * Adds aggregate columns to `execute()`'s rows, each named by its key: `$count`, `$sum`, `$avg` (numbers) and
   * `$min`, `$max` (the column's type). Group the plain columns with `groupBy`; `orderBy` takes the names too.
   * @example
   * const rows = await em.qb(Author, 'a').innerJoin('a.books', 'b').select(['a.id', 'a.name'])
   *   .aggregate({ books: { $count: 'b.id' }, revenue: { $sum: 'b.price' } })
   *   .groupBy(['a.id', 'a.name']).orderBy({ revenue: 'desc' }).execute(); // { id, name, books: number, revenue: number | null }[]
   */
  aggregate<A extends AggregateSpec<M, R>>(spec: A): SelectQueryBuilder<M, R, S, G & A> {
    const added = aggregateColumns(this.#state.scope, spec);
    return this.withSelection(this.#state.columns, [...(this.#state.aggregates ?? []), ...added]) as never;
  }

  /**
   * Joins the target of a relation path, with the ON taken from the relation (a pivot table for many-to-many).
   * @example
   * em.qb(Author, 'a').innerJoin('a.books', 'b').where({ 'b.title': 'Dune' });
   */
  innerJoin<P extends JoinPath<M>, B extends string>(path: P, alias: B): SelectQueryBuilder<M & Record<B, JoinTarget<M, P>>, R, S, G> {
    return this.join(path, alias, 'inner');
  }

  /**
   * Like `innerJoin`, keeping rows that have no related row (the joined columns are null).
   * @example
   * em.qb(Author, 'a').leftJoin('a.books', 'b').select(['a.name', 'b.title']);
   */
  leftJoin<P extends JoinPath<M>, B extends string>(path: P, alias: B): SelectQueryBuilder<M & Record<B, JoinTarget<M, P>>, R, S, G> {
    return this.join(path, alias, 'left');
  }

  /**
   * Adds a condition (AND-ed with earlier ones), in `find`'s filter language with alias-qualified keys.
   * @example
   * em.qb(Author, 'a').leftJoin('a.books', 'b').where({ 'a.name': { $like: 'A%' }, 'b.title': { $ne: null } });
   */
  where(filter: BuilderFilter<M, R>): SelectQueryBuilder<M, R, S, G> {
    const { scope, runner, node } = this.#state;
    return this.withNode(SelectQueryNode.withWhere(node, andConditions(node.where, parseAliasedFilter(scope, filter, runner.mappers, 0, runner.filters))));
  }

  /**
   * Orders the rows; keys are column references, in the order given.
   * @example
   * em.qb(Author, 'a').orderBy({ 'a.name': 'asc', 'a.id': 'desc' });
   */
  orderBy(order: BuilderOrderBy<M, R> & { [K in keyof G & string]?: 'asc' | 'desc' }): SelectQueryBuilder<M, R, S, G> {
    const { node, scope, aggregates } = this.#state;
    const names = new Set(aggregates?.map((a) => a.alias));
    return this.withNode(SelectQueryNode.withOrderBy(node, [...(node.orderBy ?? []), ...orderItems(scope, order, names)]));
  }

  /**
   * At most `count` rows.
   * @example
   * em.qb(Author).orderBy({ id: 'asc' }).limit(10);
   */
  limit(count: number): SelectQueryBuilder<M, R, S, G> {
    const { node } = this.#state;
    return this.withNode(SelectQueryNode.withPagination(node, checked('limit', count), node.offset));
  }

  /**
   * Skips the first `count` rows.
   * @example
   * em.qb(Author).orderBy({ id: 'asc' }).limit(10).offset(20);
   */
  offset(count: number): SelectQueryBuilder<M, R, S, G> {
    const { node } = this.#state;
    return this.withNode(SelectQueryNode.withPagination(node, node.limit, checked('offset', count)));
  }

  /**
   * Groups rows by columns (select only grouped columns; filter the groups with `having`).
   * @example
   * em.qb(Author, 'a').select('a.id').leftJoin('a.books', 'b').groupBy('a.id');
   */
  groupBy(columns: ColumnRef<M, R> | readonly ColumnRef<M, R>[]): SelectQueryBuilder<M, R, S, G> {
    const refs: readonly string[] = Array.isArray(columns) ? columns : [columns];
    const items = refs.map((ref) => this.#state.scope.column(ref)).map(({ entry, property }) => ColumnNode.create(property.column, entry.alias));
    const { node } = this.#state;
    return this.withNode(SelectQueryNode.withGroupBy(node, [...(node.groupBy ?? []), ...items]));
  }

  /**
   * Filters groups: aggregates of columns compared with numbers (AND-ed with earlier conditions).
   * @example
   * qb.groupBy('a.id').having({ $count: { 'b.id': { $gte: 2 } } });
   */
  having(filter: HavingFilter<M, R>): SelectQueryBuilder<M, R, S, G> {
    const { scope, runner, node } = this.#state;
    return this.withNode(SelectQueryNode.withHaving(node, andConditions(node.having, parseHaving(scope, filter, runner.mappers))));
  }

  /**
   * Keeps the result of `execute()` / `getResult()` in the Orm's cache for `ttl` seconds (a number is the ttl),
   * under the compiled statement and its parameters, or under `key`; served without SQL until a write to any
   * table the query reads (joins included) commits. Not cached inside `transactional` or without the Orm's
   * `cache` option. See docs/caching.md.
   * @example
   * const top = await em.qb(Book, 'b').orderBy({ 'b.sales': 'desc' }).limit(10).cache({ ttl: 60, key: 'top-books' }).getResult();
   */
  cache(option: ResultCacheOption): SelectQueryBuilder<M, R, S, G> {
    const { runner, scope, node, columns, aggregates } = this.#state;
    return new SelectQueryBuilder({ runner, scope, node, columns, aggregates, cache: option });
  }

  /**
   * Locks the matching rows until the transaction ends (`for update`; MySQL/MariaDB the same; SQLite nothing, its
   * transaction holds the write lock). `nowait` fails at once with a `LockWaitTimeoutError`, `skipLocked` leaves
   * locked rows out. Outside `em.transactional` it is a `UsageError`.
   * @example
   * await em.transactional((tx) => tx.qb(Job).where({ state: 'new' }).limit(10).forUpdate({ skipLocked: true }).getResult());
   */
  forUpdate(options: BuilderLockOptions = {}): SelectQueryBuilder<M, R, S, G> {
    return this.withNode(SelectQueryNode.withLock(this.#state.node, builderLock('update', options, this.#state.runner.inTransaction)));
  }

  /**
   * Like `forUpdate`, with a shared lock (`for share`; MariaDB `lock in share mode`): others can read-lock the rows too.
   * @example
   * await em.transactional((tx) => tx.qb(Author).where({ id }).forShare().getResult());
   */
  forShare(options: BuilderLockOptions = {}): SelectQueryBuilder<M, R, S, G> {
    return this.withNode(SelectQueryNode.withLock(this.#state.node, builderLock('share', options, this.#state.runner.inTransaction)));
  }

  /**
   * Runs the query and returns plain rows keyed by property name, values converted to their JS types (a
   * foreign key is its key, typed `unknown`). Without `select`, every column of the root.
   * @example
   * const rows = await em.qb(Author, 'a').select(['a.id', 'a.name']).where({ 'a.age': { $gte: 18 } }).execute();
   */
  async execute(): Promise<ResultRow<M, R, S, G>[]> {
    const { runner, aggregates } = this.#state;
    const rows = await this.rows(this.compileSelect());
    return toPlainRows(rows, this.selectedColumns(), runner.mappers, aggregates) as ResultRow<M, R, S, G>[];
  }

  /**
   * Runs the query for managed root entities, merged into the identity map: an entity already loaded is the
   * same instance and keeps its unflushed changes. Joins filter; duplicate roots (a to-many join) are dropped.
   * @example
   * const adults = await em.qb(Author).where({ age: { $gte: 18 } }).getResult();
   */
  async getResult(): Promise<R[]> {
    const { runner, scope } = this.#state;
    const rows = await this.rows(this.compileEntities());
    const seen = new Set<R>();
    // A locked read refreshes a managed entity, like find with a lockMode: a stale copy would lose updates.
    const merge = this.#state.node.lock ? runner.mergeLocked : runner.merge;
    for (const row of rows) seen.add(merge(scope.root.meta as EntityMetadata<R>, row));
    return [...seen];
  }

  /**
   * Reads the rows a batch at a time (a server-side cursor, mysql2's paused stream, SQLite's `iterate`): root
   * entities that no identity map tracks (memory stays flat), or with `select` or `aggregate` the plain rows of `execute()`.
   * Row order is the query's; a to-many join yields a root per joined row. See `BatchStream`.
   * @example
   * for await (const a of em.qb(Author).where({ age: { $gte: 18 } }).orderBy({ id: 'asc' }).stream({ batchSize: 500 })) use(a);
   */
  stream(options: { batchSize?: number } = {}): BatchStream<[S] extends [never] ? ([keyof G] extends [never] ? R : ResultRow<M, R, S, G>) : ResultRow<M, R, S, G>> {
    const batchSize = checkBatchSize(options.batchSize);
    const { runner, scope, columns, aggregates } = this.#state;
    const plain = columns !== undefined || aggregates !== undefined;
    const query = plain ? this.compileSelect() : this.compileEntities();
    const selected = this.selectedColumns();
    const convert = plain
      ? (rows: Row[]) => toPlainRows(rows, selected, runner.mappers, aggregates)
      : (rows: Row[]) => runner.detached(scope.root.meta as EntityMetadata<R>, rows);
    return new BatchStream(() => runner.stream(query, batchSize), convert as (rows: Row[]) => never[]);
  }

  /**
   * The SQL `execute()` would send, in this dialect, without running it.
   * @example
   * em.qb(Author, 'a').where({ 'a.id': 1 }).getSql(); // select "a"."id" as "id", .. from "author" as "a" where "a"."id" = $1
   */
  getSql(): string {
    return this.compileSelect().sql;
  }

  /**
   * The values `execute()` would bind, in placeholder order.
   * @example
   * em.qb(Author, 'a').where({ 'a.id': 1 }).getParams(); // [1]
   */
  getParams(): readonly unknown[] {
    return this.compileSelect().params;
  }

  /**
   * The database's plan for `execute()`'s query, as its raw rows: `explain` (SQLite: `explain query plan`), or with
   * `analyze` the plan of an actual run (PostgreSQL `explain analyze`, MariaDB `analyze`; SQLite has none).
   * @example
   * const plan = await em.qb(Author, 'a').where({ 'a.name': 'Ada' }).explain({ analyze: true });
   */
  async explain(options: { analyze?: boolean } = {}): Promise<Row[]> {
    const { runner } = this.#state;
    return runner.select(runner.compiler.compile(ExplainNode.create(this.toNode(), options.analyze === true)));
  }

  /**
   * The query tree of `execute()`, for a subquery or a custom compiler.
   * @example
   * const node = em.qb(Book, 'b').select('b.author').toNode();
   */
  toNode(): SelectQueryNode {
    const selections: Selection[] = this.selectedColumns().map(({ entry, property }) =>
      AliasNode.create(ColumnNode.create(property.column, entry.alias), property.name),
    );
    for (const aggregate of this.#state.aggregates ?? []) selections.push(aggregateSelection(aggregate));
    return SelectQueryNode.withSelections(this.#state.node, selections);
  }

  // A builder is immutable, so its statement is compiled once however often getSql, getParams and execute ask.
  protected get aggregateSource(): { readonly runner: QueryRunner; readonly scope: QueryScope; readonly node: SelectQueryNode } {
    return this.#state;
  }

  private compileSelect(): CompiledQuery {
    this.#compiled ??= this.#state.runner.compiler.compile(this.toNode());
    return this.#compiled;
  }

  /** Every column of the root, named as in the table: the rows entities are hydrated from. */
  private compileEntities(): CompiledQuery {
    const { runner, scope, node } = this.#state;
    const { meta, alias } = scope.root;
    const selections = meta.properties.map((p) => AliasNode.create(ColumnNode.create(p.column, alias), p.column));
    return runner.compiler.compile(SelectQueryNode.withSelections(node, selections));
  }

  /** Runs the SELECT: through the result cache after `cache(..)`, unless it locks. */
  private rows(query: CompiledQuery): Promise<Row[]> {
    const { runner, cache, node } = this.#state;
    return cache === undefined || node.lock ? runner.select(query) : runner.selectCached(query, cache, tablesOf(node));
  }

  /** Without `select`: every column of the root, or none next to aggregates. */
  private selectedColumns(): readonly ResolvedColumn[] {
    const { columns, scope, aggregates } = this.#state;
    if (columns) return columns;
    return aggregates ? [] : scope.root.meta.properties.map((property: PropertyMetadata) => ({ entry: scope.root, property }));
  }

  private withSelection(columns: readonly ResolvedColumn[] | undefined, aggregates: readonly AggregateColumn[]): SelectQueryBuilder<M, R, S, G> {
    const names = new Set<string>();
    const add = (name: string) => {
      if (names.has(name)) throw QueryError.duplicateSelection(name);
      names.add(name);
    };
    for (const column of columns ?? []) add(column.property.name);
    for (const aggregate of aggregates) add(aggregate.alias);
    const { runner, scope, node, cache } = this.#state;
    return new SelectQueryBuilder({ runner, scope, node, columns, aggregates: aggregates.length > 0 ? aggregates : undefined, cache });
  }

  private join(path: string, alias: string, joinType: 'inner' | 'left'): never {
    const { runner, columns, aggregates, cache } = this.#state;
    const { scope, node } = joinRelation(this.#state.scope, this.#state.node, path, alias, joinType);
    return new SelectQueryBuilder({ runner, scope, node, columns, aggregates, cache }) as never;
  }

  private withNode(node: SelectQueryNode): SelectQueryBuilder<M, R, S, G> {
    const { runner, scope, columns, aggregates, cache } = this.#state;
    return new SelectQueryBuilder({ runner, scope, node, columns, aggregates, cache });
  }
}
