import type { EntityMetadata } from '../../metadata/entity-metadata';
import { parseFilter } from '../filter-parser';
import { DeleteQueryNode } from '../nodes/delete-query-node';
import { TableNode } from '../nodes/table-node';
import { andConditions } from './aliased-filter';
import type { BuilderFilter } from './query-builder-types';
import type { QueryRunner } from './query-runner';
import { StatementBuilder } from './statement-builder';
import type { QueryNode } from '../nodes/operation-node';

interface DeleteState {
  readonly runner: QueryRunner;
  readonly meta: EntityMetadata;
  readonly node: DeleteQueryNode;
}

/**
 * One DELETE of every matching row, outside the unit of work: no cascades, and entities already in the identity
 * map stay there (see docs/query-builder.md).
 */
export class DeleteQueryBuilder<R extends object> extends StatementBuilder {
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
  where(filter: BuilderFilter<Record<never, never>, R>): DeleteQueryBuilder<R> {
    const { meta, runner, node } = this.#state;
    const where = andConditions(node.where, parseFilter(meta, filter, runner.mappers));
    return new DeleteQueryBuilder({ ...this.#state, node: DeleteQueryNode.create(node.from, where) });
  }

  /**
   * Sends the DELETE and returns how many rows it removed.
   * @example
   * const removed = await em.qb(Author).delete().where({ id: 1 }).execute();
   */
  async execute(): Promise<number> {
    return (await this.#state.runner.write(this.compile())).affectedRows;
  }

  protected get statement(): { readonly runner: QueryRunner; readonly node: QueryNode } {
    return this.#state;
  }
}
