import type { Dialect, Introspector, SchemaGenerator, SchemaStatement } from '../dialects/dialect';
import type { Connection, Driver } from '../dialects/driver';
import { DatabaseSchema } from '../sql/schema-model/database-schema';
import { diffSchemas } from '../sql/schema-model/diff-schemas';
import type { SchemaOperation } from '../sql/schema-model/schema-operation';
import { destructiveChanges, type DestructiveChange } from '../sql/schema-model/schema-safety';
import { renamedColumns, targetSchema } from '../sql/target-schema';
import { DestructiveChangeError } from '../errors/destructive-change-error';
import type { PivotMetadata } from '../metadata/relation-metadata';
import type { MetadataStorage } from '../metadata/metadata-storage';
import { CompiledQuery } from '../query/compiler/compiled-query';
import { introspectorOn, schemaGeneratorOf } from './introspect-on';

export interface SchemaDiffOptions {
  /**
   * Also drop the tables (and PostgreSQL enum types) the database has and the entities do not. Default false:
   * they are left alone (another application's tables, the migrations table).
   */
  readonly dropTables?: boolean;
}

export interface SchemaUpdateOptions extends SchemaDiffOptions {
  /** Apply destructive changes too (dropped columns and tables, narrowed types, NOT NULL over NULLs). */
  readonly force?: boolean;
}

const EMPTY = DatabaseSchema.create([], []);

/**
 * `orm.schema`: the entities' schema against the live database. Every DDL goes one way: the schema the
 * entities describe (`target()`), diffed against the live one (or an empty one, for `create()`), rendered by
 * the dialect. The live database is what the diff compares with, not a migration snapshot: it is the truth
 * a change must apply to, and a snapshot can drift from it.
 */
export class SchemaManager {
  constructor(
    private readonly metadata: MetadataStorage,
    private readonly dialect: Dialect,
    private readonly driver: Driver,
  ) {}

  /** Looked up on use: an Orm on a dialect without DDL works until something asks for its schema. */
  private get ddl(): SchemaGenerator {
    return schemaGeneratorOf(this.dialect);
  }

  /**
   * The schema the entities describe, as the database will report it once created.
   * @example
   * const table = DatabaseSchema.table(orm.schema.target(), 'users');
   */
  target(): DatabaseSchema {
    return targetSchema(this.metadata, this.ddl);
  }

  /**
   * The DDL that `create()` runs.
   * @example
   * console.log(orm.schema.createSql().join(';\n'));
   */
  createSql(): string[] {
    return this.createStatements().map((s) => s.sql);
  }

  /** The DDL that `drop()` runs (tables that do not exist are skipped). */
  dropSql(): string[] {
    const tables = this.metadata.all.flatMap((meta) => [meta.table, ...meta.pivots.map((r) => (r.pivot as PivotMetadata).table)]);
    return this.ddl.dropTables(tables.reverse());
  }

  /**
   * Creates every entity's table, indexes and foreign keys, in one transaction where the database has
   * transactional DDL.
   * @example
   * await orm.schema.create();
   */
  create(): Promise<void> {
    return this.run(this.createStatements());
  }

  /** Drops every entity's table. */
  drop(): Promise<void> {
    return this.run(this.dropSql().map((sql) => ({ sql })));
  }

  /**
   * The server's product and version.
   * @example
   * console.log(await orm.schema.serverVersion()); // 'PostgreSQL 16.4'
   */
  serverVersion(): Promise<string> {
    return this.introspectWith((introspector) => introspector.serverVersion());
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

  /**
   * The operations that bring the live database to the entities' schema, in the order they run; empty when
   * the two agree. `@Column({ renamedFrom })` makes a rename.
   * @example
   * const operations = await orm.schema.diff();
   */
  async diff(options: SchemaDiffOptions = {}): Promise<SchemaOperation[]> {
    return this.diffAgainst(await this.introspect(), options);
  }

  /**
   * The statements `update()` would run, without running them.
   * @example
   * for (const sql of await orm.schema.diffSql()) console.log(`${sql};`);
   */
  async diffSql(options: SchemaDiffOptions = {}): Promise<string[]> {
    const live = await this.introspect();
    return this.ddl.render(this.diffAgainst(live, options), live).map((s) => s.sql);
  }

  /**
   * Brings the live database to the entities' schema (for development; production uses migrations).
   * Destructive changes are refused with a DestructiveChangeError naming them, and nothing runs, unless
   * `force` is set. Returns the operations applied.
   * @example
   * await orm.schema.update();                 // throws if a column would be dropped
   * await orm.schema.update({ force: true });  // drops it
   */
  async update(options: SchemaUpdateOptions = {}): Promise<SchemaOperation[]> {
    const live = await this.introspect();
    const operations = this.diffAgainst(live, options);
    if (!options.force) {
      const destructive = await this.destructiveChanges(operations, live);
      if (destructive.length > 0) throw new DestructiveChangeError(destructive);
    }
    await this.run(this.ddl.render(operations, live));
    return operations;
  }

  /**
   * The operations among `operations` that lose data on this database: drops and narrowed types always, a
   * NOT NULL without default only where the table holds rows (an added column) or NULLs (an altered one).
   * @example
   * const risky = await orm.schema.destructiveChanges(await orm.schema.diff());
   */
  async destructiveChanges(operations: readonly SchemaOperation[], live?: DatabaseSchema): Promise<DestructiveChange[]> {
    const changes = destructiveChanges(operations);
    if (!changes.some((c) => c.dataCheck)) return changes;
    const current = live ?? (await this.introspect());
    const connection = await this.driver.acquire();
    try {
      const kept: DestructiveChange[] = [];
      for (const change of changes) if (await this.holdsData(connection, change, operations, current)) kept.push(change);
      return kept;
    } finally {
      await this.driver.release(connection);
    }
  }

  private createStatements(): SchemaStatement[] {
    return this.ddl.render(diffSchemas(this.target(), EMPTY), EMPTY);
  }

  private diffAgainst(live: DatabaseSchema, options: SchemaDiffOptions): SchemaOperation[] {
    return diffSchemas(this.target(), live, { dropTables: options.dropTables, renamedColumns: renamedColumns(this.metadata) });
  }

  /** Whether a data check finds what makes the change destructive (a change without one always does). */
  private async holdsData(connection: Connection, change: DestructiveChange, operations: readonly SchemaOperation[], live: DatabaseSchema): Promise<boolean> {
    if (!change.dataCheck) return true;
    if (!DatabaseSchema.table(live, change.table)) return false;
    const quote = (name: string) => this.ddl.quote(name);
    let where = '';
    if (change.dataCheck === 'nulls') {
      // The column may be renamed earlier in the same list: the live table still has its old name.
      const rename = operations.find((op) => op.kind === 'renameColumn' && op.table === change.table && op.to === change.column);
      const column = rename?.kind === 'renameColumn' ? rename.from : (change.column as string);
      where = ` where ${quote(column)} is null`;
    }
    const result = await connection.execute(CompiledQuery.create(`select 1 as found from ${quote(change.table)}${where} limit 1`, []));
    return result.rows.length > 0;
  }

  private async introspectWith<R>(read: (introspector: Introspector) => Promise<R>): Promise<R> {
    const connection = await this.driver.acquire();
    try {
      return await read(introspectorOn(this.dialect, connection));
    } finally {
      await this.driver.release(connection);
    }
  }

  /**
   * Runs statements in order, in one transaction where the database has transactional DDL; a statement
   * outside the transaction commits what ran before it. On failure the open transaction rolls back and the
   * statements that restore a setting (`always`) still run.
   */
  private async run(statements: readonly SchemaStatement[]): Promise<void> {
    const connection = await this.driver.acquire();
    const transactional = this.dialect.capabilities.transactionalDdl;
    const execute = (sql: string) => connection.execute(CompiledQuery.create(sql, []));
    let open = false;
    let next = 0;
    try {
      for (; next < statements.length; next++) {
        const statement = statements[next];
        if (open && statement.outsideTransaction) {
          await this.driver.commit(connection);
          open = false;
        } else if (transactional && !open && !statement.outsideTransaction) {
          await this.driver.begin(connection);
          open = true;
        }
        await execute(statement.sql);
      }
      if (open) await this.driver.commit(connection);
    } catch (error) {
      if (open) await this.driver.rollback(connection).catch(() => undefined);
      // From the one that failed (a commit before it may have been what failed): a restore is harmless twice.
      for (const statement of statements.slice(next)) if (statement.always) await execute(statement.sql).catch(() => undefined);
      throw error;
    } finally {
      await this.driver.release(connection);
    }
  }
}
