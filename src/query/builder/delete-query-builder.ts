import { QueryError } from '../../errors/query-error';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { parseFilter } from '../filter-parser';
import { ColumnNode } from '../nodes/column-node';
import { DeleteQueryNode } from '../nodes/delete-query-node';
import { TableNode } from '../nodes/table-node';
import { andConditions } from './aliased-filter';
import { dataProperty } from './data-property';
import type { BuilderFilter, ColumnKey } from './query-builder-types';
import type { QueryRunner } from './query-runner';
import { StatementBuilder, type WriteStatement } from './statement-builder';

interface DeleteState {
  readonly runner: QueryRunner;
  readonly meta: EntityMetadata;
  readonly node: DeleteQueryNode;
  readonly returning?: readonly PropertyMetadata[];
}

/**
 * One DELETE of every matching row, outside the unit of work: no cascades, and entities already in the identity
 * map stay there (see docs/query-builder.md).
 */
export class DeleteQueryBuilder<R extends object, S extends string = never> extends StatementBuilder<R, S> {
  readonly #state: DeleteState;

  /** @internal Use `em.qb(Entity).delete()`. */
  constructor(state: DeleteState) {
    super();
    this.#state = Object.freeze(state);
  }

  /** @internal */
  static create<R extends object>(runner: QueryRunner, meta: EntityMetadata<R>): DeleteQueryBuilder<R> {
    return new DeleteQueryBuilder({ runner, meta, node: DeleteQueryNode.create(TableNode.create(meta.table)) });
  }

  /**
   * Limits the rows deleted (AND-ed with earlier conditions). Without it every row is deleted.
   * @example
   * await em.qb(Author).delete().where({ name: { $like: 'test%' } }).execute();
   */
  where(filter: BuilderFilter<Record<never, never>, R>): DeleteQueryBuilder<R, S> {
    const { meta, runner, node } = this.#state;
    const where = andConditions(node.where, parseFilter(meta, filter, runner.mappers));
    return new DeleteQueryBuilder({ ...this.#state, node: DeleteQueryNode.withWhere(node, where) });
  }

  /**
   * Reads these columns of the deleted rows back (`DELETE .. RETURNING`): PostgreSQL and SQLite. On MySQL/MariaDB
   * it is a `QueryError`, raised here, before anything is sent.
   * @example
   * const gone = await em.qb(Author).delete().where({ name: 'Anonymous' }).returning(['id']).execute();
   */
  returning<C extends ColumnKey<R>>(columns: readonly C[]): DeleteQueryBuilder<R, C> {
    const { runner, meta, node } = this.#state;
    if (!runner.dialect.supportsWriteReturning) throw QueryError.returningUnsupported(runner.dialect.name, 'delete');
    const returning = columns.map((name) => dataProperty(meta, name));
    const next = DeleteQueryNode.withReturning(node, returning.map((p) => ColumnNode.create(p.column)));
    return new DeleteQueryBuilder({ ...this.#state, node: next, returning });
  }

  protected get statement(): WriteStatement {
    return this.#state;
  }
}
