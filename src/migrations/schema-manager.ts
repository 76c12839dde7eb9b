import type { Dialect, Introspector } from '../dialects/dialect';
import type { Driver } from '../dialects/driver';
import type { DatabaseSchema } from '../dialects/schema-model/database-schema';
import type { MetadataStorage } from '../metadata/metadata-storage';
import { CompiledQuery } from '../query/compiler/compiled-query';

/**
 * Creates and drops the tables of an Orm's entities from metadata, and reads the live schema back
 * (`orm.schema`). The migrations issue adds diffs and a runner on top.
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
  listTables(): Promise<string[]> {
    return this.introspectWith((introspector) => introspector.listTables());
  }

  /**
   * Reads the live schema (the current schema on PostgreSQL, the current database on MySQL), normalized so
   * that it compares with what the entities describe.
   * @example
   * const live = await orm.schema.introspect();
   * console.log(live.tables.map((t) => t.name));
   */
  introspect(): Promise<DatabaseSchema> {
    return this.introspectWith((introspector) => introspector.introspect());
  }

  private async introspectWith<R>(read: (introspector: Introspector) => Promise<R>): Promise<R> {
    const connection = await this.driver.acquire();
    try {
      const introspector = this.dialect.createIntrospector(async (sql, params = []) => {
        return (await connection.execute(CompiledQuery.create(sql, params))).rows;
      });
      return await read(introspector);
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
