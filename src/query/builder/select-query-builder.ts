import { QueryError } from '../../errors/query-error';
import type { Row } from '../../mapper/entity-mapper';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import type { CompiledQuery } from '../compiler/compiled-query';
import { AggregateNode } from '../nodes/aggregate-node';
import { AliasNode } from '../nodes/alias-node';
import { ColumnNode } from '../nodes/column-node';
import { ExplainNode } from '../nodes/explain-node';
import { SelectQueryNode, type Selection } from '../nodes/select-query-node';
import { TableNode } from '../nodes/table-node';
import { BatchStream, checkBatchSize } from '../batch-stream';
import { aggregateQuery, numberOrNull } from './aggregate-query';
import { checkPagination as checked } from '../check-pagination';
import { andConditions, parseAliasedFilter, parseHaving } from './aliased-filter';
import { orderItems } from './order-items';
import { toPlainRows } from './plain-rows';
import { WriteEntry } from './write-entry';
import type { AliasMap, BuilderFilter, BuilderOrderBy, ColumnKey, ColumnRef, ColumnValue, HavingFilter, JoinPath, JoinTarget, SelectedRow } from './query-builder-types';
import type { QueryRunner } from './query-runner';
import { QueryScope, type ResolvedColumn } from './query-scope';
import { joinRelation } from './relation-join';

/** The one frozen state of a builder; every call makes a new state and a new builder around it. */
interface SelectState {
  readonly runner: QueryRunner;
  readonly scope: QueryScope;
  /** Everything but the selections, which depend on the method that runs the query. */
  readonly node: SelectQueryNode;
  /** The columns of `execute()`; undefined selects every column of the root. */
  readonly columns?: readonly ResolvedColumn[];
}

/** The result column of `count`, `sum`, `avg`, `min` and `max`. */
const AGGREGATE_ALIAS = 'value';

/**
 * A typed, immutable SELECT builder: `em.qb(Author, 'a')`. Column references (`'a.name'`) and join paths
 * (`'a.books'`) are checked by the compiler against the entities and aliases, and again at run time (a
 * `QueryError` before any SQL is sent). `M` maps aliases to entities, `R` is the root entity, `S` the selection.
 * `insert`, `update` and `delete` (from `WriteEntry`) start the write statements.
 */
export class SelectQueryBuilder<M extends AliasMap, R extends object, S extends string = never> extends WriteEntry<R> {
  readonly #state: SelectState;

  /** @internal Use `em.qb(Entity, alias)`. */
  constructor(state: SelectState) {
    super(state.runner, state.scope.root.meta as EntityMetadata<R>);
    this.#state = Object.freeze(state);
  }

  /** @internal The first builder of `em.qb(entity, alias)`. */
  static create<R extends object, M extends AliasMap>(runner: QueryRunner, meta: EntityMetadata<R>, alias: string): SelectQueryBuilder<M, R> {
    const node = SelectQueryNode.create(TableNode.create(meta.table, alias), []);
    return new SelectQueryBuilder({ runner, scope: QueryScope.root(meta, alias), node });
  }

  /**
   * The columns `execute()` returns, each row keyed by property name.
   * @example
   * const rows = await em.qb(Author, 'a').select(['a.id', 'a.name']).execute(); // { id: number; name: string }[]
   */
  select<C extends ColumnRef<M, R>>(columns: C | readonly C[]): SelectQueryBuilder<M, R, C> {
    const resolved = (Array.isArray(columns) ? columns : [columns]).map((ref: string) => this.#state.scope.column(ref));
    const names = new Set<string>();
    for (const { property } of resolved) {
      if (names.has(property.name)) throw QueryError.duplicateSelection(property.name);
      names.add(property.name);
    }
    return new SelectQueryBuilder({ ...this.#state, columns: resolved });
  }

  /**
   * Joins the target of a relation path, with the ON taken from the relation (a pivot table for many-to-many).
   * @example
   * em.qb(Author, 'a').innerJoin('a.books', 'b').where({ 'b.title': 'Dune' });
   */
  innerJoin<P extends JoinPath<M>, B extends string>(path: P, alias: B): SelectQueryBuilder<M & Record<B, JoinTarget<M, P>>, R, S> {
    return this.join(path, alias, 'inner');
  }

  /**
   * Like `innerJoin`, keeping rows that have no related row (the joined columns are null).
   * @example
   * em.qb(Author, 'a').leftJoin('a.books', 'b').select(['a.name', 'b.title']);
   */
  leftJoin<P extends JoinPath<M>, B extends string>(path: P, alias: B): SelectQueryBuilder<M & Record<B, JoinTarget<M, P>>, R, S> {
    return this.join(path, alias, 'left');
  }

  /**
   * Adds a condition (AND-ed with earlier ones), in `find`'s filter language with alias-qualified keys.
   * @example
   * em.qb(Author, 'a').leftJoin('a.books', 'b').where({ 'a.name': { $like: 'A%' }, 'b.title': { $ne: null } });
   */
  where(filter: BuilderFilter<M, R>): SelectQueryBuilder<M, R, S> {
    const { scope, runner, node } = this.#state;
    return this.withNode(SelectQueryNode.withWhere(node, andConditions(node.where, parseAliasedFilter(scope, filter, runner.mappers))));
  }

  /**
   * Orders the rows; keys are column references, in the order given.
   * @example
   * em.qb(Author, 'a').orderBy({ 'a.name': 'asc', 'a.id': 'desc' });
   */
  orderBy(order: BuilderOrderBy<M, R>): SelectQueryBuilder<M, R, S> {
    const { node, scope } = this.#state;
    return this.withNode(SelectQueryNode.withOrderBy(node, [...(node.orderBy ?? []), ...orderItems(scope, order)]));
  }

  /**
   * At most `count` rows.
   * @example
   * em.qb(Author).orderBy({ id: 'asc' }).limit(10);
   */
  limit(count: number): SelectQueryBuilder<M, R, S> {
    const { node } = this.#state;
    return this.withNode(SelectQueryNode.withPagination(node, checked('limit', count), node.offset));
  }

  /**
   * Skips the first `count` rows.
   * @example
   * em.qb(Author).orderBy({ id: 'asc' }).limit(10).offset(20);
   */
  offset(count: number): SelectQueryBuilder<M, R, S> {
    const { node } = this.#state;
    return this.withNode(SelectQueryNode.withPagination(node, node.limit, checked('offset', count)));
  }

  /**
   * Groups rows by columns (select only grouped columns; filter the groups with `having`).
   * @example
   * em.qb(Author, 'a').select('a.id').leftJoin('a.books', 'b').groupBy('a.id');
   */
  groupBy(columns: ColumnRef<M, R> | readonly ColumnRef<M, R>[]): SelectQueryBuilder<M, R, S> {
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
  having(filter: HavingFilter<M, R>): SelectQueryBuilder<M, R, S> {
    const { scope, runner, node } = this.#state;
    return this.withNode(SelectQueryNode.withHaving(node, andConditions(node.having, parseHaving(scope, filter, runner.mappers))));
  }

  /**
   * Runs the query and returns plain rows keyed by property name, values converted to their JS types (a
   * foreign key is its key, typed `unknown`). Without `select`, every column of the root.
   * @example
   * const rows = await em.qb(Author, 'a').select(['a.id', 'a.name']).where({ 'a.age': { $gte: 18 } }).execute();
   */
  async execute(): Promise<SelectedRow<M, R, [S] extends [never] ? ColumnKey<R> : S>[]> {
    const rows = await this.#state.runner.select(this.compileSelect());
    return toPlainRows(rows, this.selectedColumns(), this.#state.runner.mappers) as SelectedRow<M, R, [S] extends [never] ? ColumnKey<R> : S>[];
  }

  /**
   * Runs the query for managed root entities, merged into the identity map: an entity already loaded is the
   * same instance and keeps its unflushed changes. Joins filter; duplicate roots (a to-many join) are dropped.
   * @example
   * const adults = await em.qb(Author).where({ age: { $gte: 18 } }).getResult();
   */
  async getResult(): Promise<R[]> {
    const { runner, scope } = this.#state;
    const rows = await runner.select(this.compileEntities());
    const seen = new Set<R>();
    for (const row of rows) seen.add(runner.merge(scope.root.meta as EntityMetadata<R>, row));
    return [...seen];
  }

  /**
   * Reads the rows a batch at a time (a server-side cursor, mysql2's paused stream, SQLite's `iterate`): root
   * entities that no identity map tracks (memory stays flat), or with `select` the plain rows of `execute()`.
   * Row order is the query's; a to-many join yields a root per joined row. See `BatchStream`.
   * @example
   * for await (const a of em.qb(Author).where({ age: { $gte: 18 } }).orderBy({ id: 'asc' }).stream({ batchSize: 500 })) use(a);
   */
  stream(options: { batchSize?: number } = {}): BatchStream<[S] extends [never] ? R : SelectedRow<M, R, S>> {
    const batchSize = checkBatchSize(options.batchSize);
    const { runner, scope, columns } = this.#state;
    const query = columns ? this.compileSelect() : this.compileEntities();
    const selected = this.selectedColumns();
    const convert = columns
      ? (rows: Row[]) => toPlainRows(rows, selected, runner.mappers)
      : (rows: Row[]) => runner.detached(scope.root.meta as EntityMetadata<R>, rows);
    return new BatchStream(() => runner.stream(query, batchSize), convert as (rows: Row[]) => never[]);
  }

  /**
   * The number of matching rows (joined rows, with a to-many join); ordering and pagination are ignored.
   * @example
   * const adults = await em.qb(Author).where({ age: { $gte: 18 } }).count();
   */
  async count(): Promise<number> {
    const value = await this.aggregate(AggregateNode.create('count', AGGREGATE_ALIAS));
    return Number(value ?? 0);
  }

  /**
   * The sum of a column over the matching rows, or null when none match.
   * @example
   * const total = await em.qb(Author).sum('age');
   */
  async sum(column: ColumnRef<M, R>): Promise<number | null> {
    return numberOrNull(await this.aggregate(this.aggregateOf('sum', column)));
  }

  /**
   * The average of a column over the matching rows, or null when none match.
   * @example
   * const mean = await em.qb(Author).avg('age');
   */
  async avg(column: ColumnRef<M, R>): Promise<number | null> {
    return numberOrNull(await this.aggregate(this.aggregateOf('avg', column)));
  }

  /**
   * The smallest value of a column (converted like the column), or null when no row matches.
   * @example
   * const youngest = await em.qb(Author).min('age');
   */
  async min<C extends ColumnRef<M, R>>(column: C): Promise<ColumnValue<M, R, C> | null> {
    return this.extreme('min', column) as Promise<ColumnValue<M, R, C> | null>;
  }

  /**
   * The largest value of a column (converted like the column), or null when no row matches.
   * @example
   * const oldest = await em.qb(Author).max('age');
   */
  async max<C extends ColumnRef<M, R>>(column: C): Promise<ColumnValue<M, R, C> | null> {
    return this.extreme('max', column) as Promise<ColumnValue<M, R, C> | null>;
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
    return SelectQueryNode.withSelections(this.#state.node, selections);
  }

  private compileSelect(): CompiledQuery {
    return this.#state.runner.compiler.compile(this.toNode());
  }

  /** Every column of the root, named as in the table: the rows entities are hydrated from. */
  private compileEntities(): CompiledQuery {
    const { runner, scope, node } = this.#state;
    const { meta, alias } = scope.root;
    const selections = meta.properties.map((p) => AliasNode.create(ColumnNode.create(p.column, alias), p.column));
    return runner.compiler.compile(SelectQueryNode.withSelections(node, selections));
  }

  private selectedColumns(): readonly ResolvedColumn[] {
    const { columns, scope } = this.#state;
    return columns ?? scope.root.meta.properties.map((property: PropertyMetadata) => ({ entry: scope.root, property }));
  }

  private join(path: string, alias: string, joinType: 'inner' | 'left'): never {
    return new SelectQueryBuilder({ ...this.#state, ...joinRelation(this.#state.scope, this.#state.node, path, alias, joinType) }) as never;
  }

  private withNode(node: SelectQueryNode): SelectQueryBuilder<M, R, S> {
    return new SelectQueryBuilder({ ...this.#state, node });
  }

  private aggregateOf(fn: AggregateNode['fn'], ref: string): AggregateNode {
    const { entry, property } = this.#state.scope.column(ref);
    return AggregateNode.create(fn, AGGREGATE_ALIAS, ColumnNode.create(property.column, entry.alias));
  }

  private async extreme(fn: 'min' | 'max', ref: string): Promise<unknown> {
    const { entry, property } = this.#state.scope.column(ref);
    const value = await this.aggregate(this.aggregateOf(fn, ref));
    return value == null ? null : this.#state.runner.mappers.get(entry.meta).fromDb(property, value);
  }

  private async aggregate(selection: AggregateNode): Promise<unknown> {
    const { runner, node } = this.#state;
    const [row] = await runner.select(runner.compiler.compile(aggregateQuery(node, selection)));
    return row?.[AGGREGATE_ALIAS];
  }
}
