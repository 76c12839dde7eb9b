import type { Dialect } from '../dialects/dialect';
import type { Driver } from '../dialects/driver';
import type { MetadataStorage } from '../metadata/metadata-storage';
import { CompiledQuery } from '../query/compiler/compiled-query';

/**
 * Creates and drops the tables of an Orm's entities from metadata (`orm.schema`). The migrations issue adds
 * introspection-based diffs and a runner on top.
 */
export class SchemaManager {
  constructor(
    private readonly metadata: MetadataStorage,
    private readonly dialect: Dialect,
    private readonly driver: Driver,
  ) {}

  /**
   * The DDL that `create()` runs.
   * @example
   * console.log(orm.schema.createSql().join(';\n'));
   */
  createSql(): string[] {
    const { schema } = this.dialect;
    return [...this.metadata.all.flatMap((meta) => schema.createTable(meta)), ...this.metadata.all.flatMap((meta) => schema.createForeignKeys(meta))];
  }

  /** The DDL that `drop()` runs (tables that do not exist are skipped). */
  dropSql(): string[] {
    return this.dialect.schema.dropTables([...this.metadata.all].reverse());
  }

  /**
   * Creates every entity's table and indexes, in one transaction where the database has transactional DDL.
   * @example
   * await orm.schema.create();
   */
  create(): Promise<void> {
    return this.run(this.createSql());
  }

  /** Drops every entity's table. */
  drop(): Promise<void> {
    return this.run(this.dropSql());
  }

  /** The tables the database has now. */
  async listTables(): Promise<string[]> {
    const connection = await this.driver.acquire();
    try {
      const introspector = this.dialect.createIntrospector(async (sql, params = []) => {
        return (await connection.execute(CompiledQuery.create(sql, params))).rows;
      });
      return await introspector.listTables();
    } finally {
      await this.driver.release(connection);
    }
  }

  private async run(statements: readonly string[]): Promise<void> {
    const connection = await this.driver.acquire();
    const transactional = this.dialect.capabilities.transactionalDdl;
    try {
      if (transactional) await this.driver.begin(connection);
      try {
        for (const sql of statements) await connection.execute(CompiledQuery.create(sql, []));
        if (transactional) await this.driver.commit(connection);
      } catch (error) {
        if (transactional) await this.driver.rollback(connection).catch(() => undefined);
        throw error;
      }
    } finally {
      await this.driver.release(connection);
    }
  }
}
