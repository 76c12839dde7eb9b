import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { CompiledQuery } from '../compiler/compiled-query';
import { parseFilter } from '../filter-parser';
import { DeleteQueryNode } from '../nodes/delete-query-node';
import { TableNode } from '../nodes/table-node';
import { andConditions } from './aliased-filter';
import type { BuilderFilter } from './query-builder-types';
import type { QueryRunner } from './query-runner';

interface DeleteState {
  readonly runner: QueryRunner;
  readonly meta: EntityMetadata;
  readonly node: DeleteQueryNode;
}

/**
 * One DELETE of every matching row, outside the unit of work: no cascades, and entities already in the identity
 * map stay there (see docs/query-builder.md).
 */
export class DeleteQueryBuilder<R extends object> {
  readonly #state: DeleteState;

  /** @internal Use `em.qb(Entity).delete()`. */
  constructor(state: DeleteState) {
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

  /**
   * The SQL `execute()` would send.
   * @example
   * em.qb(Author).delete().where({ id: 1 }).getSql(); // delete from "author" where "id" = $1
   */
  getSql(): string {
    return this.compile().sql;
  }

  /**
   * The values `execute()` would bind.
   * @example
   * em.qb(Author).delete().where({ id: 1 }).getParams(); // [1]
   */
  getParams(): readonly unknown[] {
    return this.compile().params;
  }

  private compile(): CompiledQuery {
    return this.#state.runner.compiler.compile(this.#state.node);
  }
}
