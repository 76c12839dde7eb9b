import { QueryError } from '../../errors/query-error';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { parseFilter } from '../filter-parser';
import { AssignmentNode } from '../nodes/assignment-node';
import { ColumnNode } from '../nodes/column-node';
import { TableNode } from '../nodes/table-node';
import { UpdateQueryNode } from '../nodes/update-query-node';
import { ValueNode } from '../nodes/value-node';
import { andConditions } from './aliased-filter';
import { dataProperty } from './data-property';
import type { InsertData } from './insert-query-builder';
import type { BuilderFilter, ColumnKey } from './query-builder-types';
import type { QueryRunner } from './query-runner';
import { StatementBuilder, type WriteStatement } from './statement-builder';

interface UpdateState {
  readonly runner: QueryRunner;
  readonly meta: EntityMetadata;
  readonly node: UpdateQueryNode;
  readonly returning?: readonly PropertyMetadata[];
}

/**
 * One UPDATE of every matching row, outside the unit of work: entities already in the identity map are not
 * refreshed (see docs/query-builder.md).
 */
export class UpdateQueryBuilder<R extends object, S extends string = never> extends StatementBuilder<R, S> {
  readonly #state: UpdateState;

  /** @internal Use `em.qb(Entity).update(values)`. */
  constructor(state: UpdateState) {
    super();
    this.#state = Object.freeze(state);
  }

  /** @internal */
  static create<R extends object>(runner: QueryRunner, meta: EntityMetadata<R>, data: InsertData<R>): UpdateQueryBuilder<R> {
    const mapper = runner.mappers.get(meta);
    const set = Object.entries(data as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => {
        const property = dataProperty(meta, name);
        return AssignmentNode.create(ColumnNode.create(property.column), ValueNode.create(mapper.toDb(property, value) ?? null));
      });
    if (set.length === 0) throw QueryError.emptyWrite(meta.class, 'update');
    return new UpdateQueryBuilder({ runner, meta, node: UpdateQueryNode.create(TableNode.create(meta.table), set) });
  }

  /**
   * Limits the rows updated (AND-ed with earlier conditions), in `find`'s filter language. Without it every row is updated.
   * @example
   * await em.qb(Author).update({ age: 30 }).where({ id: { $in: ids } }).execute();
   */
  where(filter: BuilderFilter<Record<never, never>, R>): UpdateQueryBuilder<R, S> {
    const { meta, runner, node } = this.#state;
    const where = andConditions(node.where, parseFilter(meta, filter, runner.mappers));
    return new UpdateQueryBuilder({ ...this.#state, node: UpdateQueryNode.withWhere(node, where) });
  }

  /**
   * Reads these columns of the updated rows back, with their new values (`UPDATE .. RETURNING`): PostgreSQL and
   * SQLite. On MySQL/MariaDB it is a `QueryError`, raised here, before anything is sent.
   * @example
   * const rows = await em.qb(Author).update({ age: 30 }).where({ id: 1 }).returning(['id', 'age']).execute();
   */
  returning<C extends ColumnKey<R>>(columns: readonly C[]): UpdateQueryBuilder<R, C> {
    const { runner, meta, node } = this.#state;
    if (!runner.dialect.supportsWriteReturning) throw QueryError.returningUnsupported(runner.dialect.name, 'update');
    const returning = columns.map((name) => dataProperty(meta, name));
    const next = UpdateQueryNode.withReturning(node, returning.map((p) => ColumnNode.create(p.column)));
    return new UpdateQueryBuilder({ ...this.#state, node: next, returning });
  }

  protected get statement(): WriteStatement {
    return this.#state;
  }
}
