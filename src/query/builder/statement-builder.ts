import type { CompiledQuery } from '../compiler/compiled-query';
import type { QueryNode } from '../nodes/operation-node';
import type { QueryRunner } from './query-runner';

/** What every write builder shares: its statement can be looked at before it is sent. */
export abstract class StatementBuilder {
  /** The statement as it stands, and the runner whose compiler writes it. */
  protected abstract get statement(): { readonly runner: QueryRunner; readonly node: QueryNode };

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
   * em.qb(Author).update({ name: 'X' }).where({ id: 1 }).getParams(); // ['X', 1]
   */
  getParams(): readonly unknown[] {
    return this.compile().params;
  }

  protected compile(): CompiledQuery {
    const { runner, node } = this.statement;
    return runner.compiler.compile(node);
  }
}
