import type { EntityMetadata } from '../../metadata/entity-metadata';
import { DeleteQueryBuilder } from './delete-query-builder';
import { InsertQueryBuilder, type InsertData } from './insert-query-builder';
import type { QueryRunner } from './query-runner';
import { UpdateQueryBuilder } from './update-query-builder';

/**
 * The write statements of `em.qb(Entity)`: the base of the select builder, so that one entry point starts every
 * statement. Bulk writes bypass the unit of work: no cascades, no version checks, and managed entities are not
 * refreshed (docs/query-builder.md says why and what to do).
 */
export abstract class WriteEntry<R extends object> {
  readonly #runner: QueryRunner;
  readonly #meta: EntityMetadata<R>;

  protected constructor(runner: QueryRunner, meta: EntityMetadata<R>) {
    this.#runner = runner;
    this.#meta = meta;
  }

  /**
   * One multi-row INSERT of these rows (every row sets the same properties).
   * @example
   * await em.qb(Author).insert([{ name: 'Ada' }, { name: 'Grace' }]).execute(); // 2
   */
  insert(data: InsertData<R> | readonly InsertData<R>[]): InsertQueryBuilder<R> {
    return InsertQueryBuilder.create(this.#runner, this.#meta, data);
  }

  /**
   * An UPDATE setting these values on the rows its `where` matches.
   * @example
   * await em.qb(Author).update({ name: 'Anonymous' }).where({ id: { $in: ids } }).execute(); // rows updated
   */
  update(data: InsertData<R>): UpdateQueryBuilder<R> {
    return UpdateQueryBuilder.create(this.#runner, this.#meta, data);
  }

  /**
   * A DELETE of the rows its `where` matches.
   * @example
   * await em.qb(Author).delete().where({ name: 'Anonymous' }).execute(); // rows deleted
   */
  delete(): DeleteQueryBuilder<R> {
    return DeleteQueryBuilder.create(this.#runner, this.#meta);
  }
}
