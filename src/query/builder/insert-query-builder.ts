import { QueryError } from '../../errors/query-error';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { ColumnNode } from '../nodes/column-node';
import { InsertQueryNode } from '../nodes/insert-query-node';
import { OnConflictNode } from '../nodes/on-conflict-node';
import { TableNode } from '../nodes/table-node';
import { TupleNode } from '../nodes/tuple-node';
import { ValueNode } from '../nodes/value-node';
import { dataProperty } from './data-property';
import type { ColumnKey } from './query-builder-types';
import type { QueryRunner } from './query-runner';
import { StatementBuilder, type WriteStatement } from './statement-builder';

/** The values of one row to insert: columns by property name (a to-one relation takes an entity or its key). */
export type InsertData<T> = { [K in ColumnKey<T>]?: T[K] | (NonNullable<T[K]> extends object ? unknown : never) };

interface InsertState {
  readonly runner: QueryRunner;
  readonly meta: EntityMetadata;
  readonly node: InsertQueryNode;
  /** The unique key named by `onConflict`, waiting for `merge` or `ignore`. */
  readonly conflict?: readonly ColumnNode[];
  readonly returning?: readonly PropertyMetadata[];
}

/**
 * One multi-row INSERT, outside the unit of work: the rows are not entities and nothing enters the identity map.
 * Values are converted by the entity's mapper, like a flush's.
 */
export class InsertQueryBuilder<R extends object, S extends string = never> extends StatementBuilder<R, S> {
  readonly #state: InsertState;

  /** @internal Use `em.qb(Entity).insert(rows)`. */
  constructor(state: InsertState) {
    super();
    this.#state = Object.freeze(state);
  }

  /** @internal */
  static create<R extends object>(runner: QueryRunner, meta: EntityMetadata<R>, data: InsertData<R> | readonly InsertData<R>[]): InsertQueryBuilder<R> {
    const rows = (Array.isArray(data) ? data : [data]) as readonly Record<string, unknown>[];
    if (rows.length === 0) throw QueryError.emptyWrite(meta.class, 'insert');
    const names = Object.keys(rows[0]).sort();
    const properties = names.map((name) => dataProperty(meta, name));
    if (properties.length === 0) throw QueryError.emptyWrite(meta.class, 'insert');
    const mapper = runner.mappers.get(meta);
    const tuples = rows.map((row) => {
      if (Object.keys(row).length !== names.length || names.some((n) => !(n in row))) throw QueryError.unevenInsert(meta.class);
      return TupleNode.create(properties.map((p) => ValueNode.create(mapper.toDb(p, row[p.name]) ?? null)));
    });
    const columns = properties.map((p) => ColumnNode.create(p.column));
    return new InsertQueryBuilder({ runner, meta, node: InsertQueryNode.create(TableNode.create(meta.table), columns, tuples) });
  }

  /**
   * Starts an upsert: a row whose unique key (these columns) exists is merged or ignored instead of failing.
   * MySQL/MariaDB match any unique key of the table, whatever the columns named.
   * @example
   * await em.qb(Author).insert(rows).onConflict(['email']).merge(['name']).execute();
   */
  onConflict(columns: readonly ColumnKey<R>[]): InsertQueryBuilder<R, S> {
    const conflict = columns.map((name) => ColumnNode.create(this.property(name).column));
    return new InsertQueryBuilder({ ...this.#state, conflict });
  }

  /**
   * Updates these columns of the existing row from the proposed one (`excluded.c`; MySQL `values(c)`).
   * @example
   * em.qb(Author).insert(rows).onConflict(['email']).merge(['name']);
   */
  merge(columns: readonly ColumnKey<R>[]): InsertQueryBuilder<R, S> {
    const merge = columns.map((name) => ColumnNode.create(this.property(name).column));
    return this.withConflict(merge);
  }

  /**
   * Skips rows whose unique key exists.
   * @example
   * em.qb(Tag).insert(tags).onConflict(['name']).ignore();
   */
  ignore(): InsertQueryBuilder<R, S> {
    return this.withConflict(undefined);
  }

  /**
   * Reads these columns of the inserted rows back (`INSERT .. RETURNING`): PostgreSQL and SQLite. On MySQL/MariaDB
   * it is a `QueryError`, raised here, before anything is sent.
   * @example
   * const [{ id }] = await em.qb(Author).insert({ name: 'Ada' }).returning(['id']).execute();
   */
  returning<C extends ColumnKey<R>>(columns: readonly C[]): InsertQueryBuilder<R, C> {
    const { runner, node } = this.#state;
    if (!runner.dialect.supportsReturning) throw QueryError.returningUnsupported(runner.dialect.name);
    const returning = columns.map((name) => this.property(name));
    const next = InsertQueryNode.withReturning(node, returning.map((p) => ColumnNode.create(p.column)));
    return new InsertQueryBuilder({ ...this.#state, node: next, returning });
  }

  protected get statement(): WriteStatement {
    return this.#state;
  }

  private property(name: string): PropertyMetadata {
    return dataProperty(this.#state.meta, name);
  }

  private withConflict(merge: readonly ColumnNode[] | undefined): InsertQueryBuilder<R, S> {
    const { conflict, meta, node } = this.#state;
    if (!conflict) throw QueryError.mergeWithoutConflict(meta.class);
    return new InsertQueryBuilder({ ...this.#state, node: InsertQueryNode.withOnConflict(node, OnConflictNode.create(conflict, merge)) });
  }
}
