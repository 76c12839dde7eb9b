import { applyOperation } from '../../sql/schema-model/apply-operation';
import { DatabaseSchema } from '../../sql/schema-model/database-schema';
import { EnumTypeSchema } from '../../sql/schema-model/enum-type-schema';
import type { SchemaOperation } from '../../sql/schema-model/schema-operation';
import type { TableSchema } from '../../sql/schema-model/table-schema';
import { MigrationError } from '../../errors/migration-error';
import { AlterTableBuilder, type ConstraintRef } from './alter-table-builder';
import type { ColumnBuilder, ReferenceOptions } from './column-builder';
import type { ColumnFactory } from './column-factory';
import { CreateTableBuilder } from './create-table-builder';
import { foreignKey, index, uniqueConstraint } from './constraint-names';

/**
 * A migration's `this.schema`: each call records dialect-neutral SchemaOperations, which the runner renders
 * through the dialect. Calls that drop or change something look it up in the schema the migration runs
 * against, as the calls before leave it, so every operation carries what it removes.
 * @example
 * this.schema.createTable('users', (t) => {
 *   t.increments('id');
 *   t.string('email', 255).unique();
 *   t.integer('age').nullable().defaultTo(0);
 * });
 */
export class MigrationSchemaBuilder {
  private readonly ops: SchemaOperation[] = [];

  /** @internal */
  constructor(private current: DatabaseSchema) {}

  /** A new table; columns are NOT NULL unless `.nullable()`. */
  createTable(name: string, build: (t: CreateTableBuilder) => void): void {
    const table = new CreateTableBuilder(name);
    build(table);
    this.record({ kind: 'createTable', table: table.build() });
  }

  /**
   * Changes to a table, recorded in call order.
   * @example
   * this.schema.alterTable('users', (t) => {
   *   t.string('nickname', 40).nullable();
   *   t.renameColumn('mail', 'email');
   *   t.dropIndex('users_age_index');
   * });
   */
  alterTable(name: string, build: (t: AlterTableBuilder) => void): void {
    const table = new AlterTableBuilder(name);
    build(table);
    table.replay(
      (op) => this.record(op),
      () => DatabaseSchema.table(this.current, name),
    );
  }

  /** Drops a table and its data. */
  dropTable(name: string): void {
    this.record({ kind: 'dropTable', table: this.table(name) });
  }

  renameTable(from: string, to: string): void {
    this.record({ kind: 'renameTable', from, to });
  }

  /**
   * @example
   * this.schema.addColumn('users', (t) => t.integer('age').nullable().defaultTo(0));
   */
  addColumn(table: string, build: (t: ColumnFactory<true>) => ColumnBuilder<unknown, true>): void {
    this.alterTable(table, (t) => build(t));
  }

  /** Drops a column and its data. */
  dropColumn(table: string, column: string): void {
    this.alterTable(table, (t) => t.dropColumn(column));
  }

  renameColumn(table: string, from: string, to: string): void {
    this.alterTable(table, (t) => t.renameColumn(from, to));
  }

  /**
   * Replaces a column's definition (type, nullability, default) with the one built.
   * @example
   * this.schema.alterColumn('users', (t) => t.bigInteger('age').nullable());
   */
  alterColumn(table: string, build: (t: ColumnFactory<true>) => ColumnBuilder<unknown, true>): void {
    this.alterTable(table, (t) => build(t).alter());
  }

  /**
   * @example
   * this.schema.createIndex('users', ['last_name', 'first_name'], { name: 'users_name_index' });
   */
  createIndex(table: string, columns: readonly string[], options: { name?: string; unique?: boolean } = {}): void {
    this.record({ kind: 'createIndex', table, index: index(table, columns, options.unique ?? false, options.name) });
  }

  dropIndex(table: string, name: string): void {
    this.alterTable(table, (t) => t.dropIndex(name));
  }

  addUnique(table: string, columns: readonly string[], name?: string): void {
    this.record({ kind: 'addUnique', table, unique: uniqueConstraint(table, columns, name) });
  }

  dropUnique(table: string, ref: ConstraintRef): void {
    this.alterTable(table, (t) => t.dropUnique(ref));
  }

  /**
   * @example
   * this.schema.addForeignKey('books', ['author_id'], 'authors', ['id'], { onDelete: 'cascade' });
   */
  addForeignKey(table: string, columns: readonly string[], referencedTable: string, referencedColumns: readonly string[], options: ReferenceOptions = {}): void {
    this.record({ kind: 'addForeignKey', table, foreignKey: foreignKey(table, columns, referencedTable, referencedColumns, options) });
  }

  /** Drops a foreign key, by name or by its columns. */
  dropForeignKey(table: string, ref: ConstraintRef): void {
    this.alterTable(table, (t) => t.dropForeign(ref));
  }

  /**
   * A named enum type (PostgreSQL); columns use it through `t.enum(name, values, { enumName })`.
   * @example
   * this.schema.createEnum('mood', ['happy', 'sad']);
   */
  createEnum(name: string, values: readonly string[]): void {
    this.record({ kind: 'createEnum', enum: EnumTypeSchema.create(name, values) });
  }

  dropEnum(name: string): void {
    this.record({ kind: 'dropEnum', enum: this.enum(name) });
  }

  /** Gives an enum type a new list of values. */
  alterEnum(name: string, values: readonly string[]): void {
    this.record({ kind: 'alterEnum', from: this.enum(name), to: EnumTypeSchema.create(name, values) });
  }

  /**
   * SQL the builder cannot say, with the SQL that undoes it where there is one.
   * @example
   * this.schema.raw('create view adults as select * from users where age >= 18', 'drop view adults');
   */
  raw(sql: string, down?: string): void {
    this.record(down === undefined ? { kind: 'raw', sql } : { kind: 'raw', sql, down });
  }

  /** @internal What the calls recorded, in order. */
  operations(): readonly SchemaOperation[] {
    return this.ops;
  }

  private record(op: SchemaOperation): void {
    // Later calls see the schema as the earlier ones leave it (a table created above, a column renamed).
    this.current = applyOperation(this.current, op);
    this.ops.push(Object.freeze(op));
  }

  private table(name: string): TableSchema {
    const found = DatabaseSchema.table(this.current, name);
    if (!found) throw MigrationError.unknownSchemaObject('table', name);
    return found;
  }

  private enum(name: string): EnumTypeSchema {
    const found = this.current.enums.find((e) => e.name === name);
    if (!found) throw MigrationError.unknownSchemaObject('enum type', name);
    return found;
  }
}
