import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import type { CompiledQuery } from '../compiler/compiled-query';
import type { InsertQueryNode } from '../nodes/insert-query-node';
import type { QueryNode } from '../nodes/operation-node';
import type { SelectedRow } from './query-builder-types';
import type { QueryRunner } from './query-runner';
import { returnedRows } from './returned-rows';

/** What a write builder's statement is made of. */
export interface WriteStatement {
  readonly runner: QueryRunner;
  readonly meta: EntityMetadata;
  readonly node: QueryNode;
  /** The columns `returning()` reads back, if it was called. */
  readonly returning?: readonly PropertyMetadata[];
}

/**
 * What every write builder (insert, update, delete) shares: its statement can be looked at before it is sent, and
 * `execute()` sends it. `R` is the entity, `S` the properties `returning()` chose.
 */
export abstract class StatementBuilder<R extends object, S extends string> {
  /** The statement as it stands, and the runner whose compiler writes it. */
  protected abstract get statement(): WriteStatement;

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

  /**
   * Sends the statement: the number of rows it wrote (an UPDATE on MySQL/MariaDB counts the rows it changed, an
   * upsert that changed a row counts 2), or with `returning`, the rows read back, keyed by property name.
   * @example
   * const written = await em.qb(Author).insert([{ name: 'Ada' }, { name: 'Grace' }]).execute();
   * const removed = await em.qb(Author).delete().where({ id: 1 }).execute();
   */
  async execute(): Promise<[S] extends [never] ? number : SelectedRow<Record<never, never>, R, S>[]> {
    const { runner, meta, returning, node } = this.statement;
    const kind = node.kind === 'UpdateQueryNode' ? 'update' : node.kind === 'DeleteQueryNode' ? 'delete' : (node as InsertQueryNode).onConflict ? 'upsert' : 'insert';
    const result = await runner.write(this.compile(), meta.table, kind);
    if (!returning) return result.affectedRows as never;
    return returnedRows(result.rows, meta, returning, runner.mappers) as never;
  }

  protected compile(): CompiledQuery {
    const { runner, node } = this.statement;
    return runner.compiler.compile(node);
  }
}
