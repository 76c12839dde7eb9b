import type { SchemaOperation } from '../../dialects/schema-model/schema-operation';
import { TableSchema } from '../../dialects/schema-model/table-schema';
import { MigrationError } from '../../errors/migration-error';
import type { ColumnBuilder, ReferenceOptions } from './column-builder';
import { ColumnFactory } from './column-factory';
import { columnConstraints, foreignKey, index, uniqueConstraint } from './constraint-names';

/** A constraint named, or found by its columns (SQLite keeps no names for them). */
export type ConstraintRef = string | readonly string[];

/**
 * The `t` of `this.schema.alterTable('users', (t) => { ... })`. Each call records operations in call order;
 * a new column's own constraints follow it. Drops and alters look the object up in the schema as it is
 * when the migration runs, so each operation carries what it removes (and `down()` could be derived).
 */
export class AlterTableBuilder extends ColumnFactory<true> {
  private readonly steps: (() => SchemaOperation[])[] = [];

  /** @internal */
  constructor(
    private readonly table: string,
    private readonly current: TableSchema | undefined,
  ) {
    super();
  }

  protected add(column: ColumnBuilder<unknown, true>): void {
    this.steps.push(() => {
      const built = column.build();
      const constraints = columnConstraints(this.table, column.state);
      const ops: SchemaOperation[] = [
        column.state.alter
          ? { kind: 'alterColumn', table: this.table, from: this.column(built.name), to: built }
          : { kind: 'addColumn', table: this.table, column: built },
      ];
      if (constraints.unique) ops.push({ kind: 'addUnique', table: this.table, unique: constraints.unique });
      if (constraints.index) ops.push({ kind: 'createIndex', table: this.table, index: constraints.index });
      if (constraints.foreignKey) ops.push({ kind: 'addForeignKey', table: this.table, foreignKey: constraints.foreignKey });
      return ops;
    });
  }

  /**
   * Drops a column (its data is gone).
   * @example
   * t.dropColumn('nickname');
   */
  dropColumn(name: string): void {
    this.record({ kind: 'dropColumn', table: this.table, column: this.column(name) });
  }

  /**
   * @example
   * t.renameColumn('mail', 'email');
   */
  renameColumn(from: string, to: string): void {
    this.column(from);
    this.record({ kind: 'renameColumn', table: this.table, from, to });
  }

  /** A unique constraint over several columns; default name `<table>_<columns>_unique`. */
  unique(columns: readonly string[], name?: string): void {
    this.record({ kind: 'addUnique', table: this.table, unique: uniqueConstraint(this.table, columns, name) });
  }

  dropUnique(ref: ConstraintRef): void {
    const unique = find(this.current?.uniqueConstraints ?? [], ref);
    if (!unique) throw MigrationError.unknownSchemaObject('unique constraint', describe(ref), this.table);
    this.record({ kind: 'dropUnique', table: this.table, unique });
  }

  /**
   * An index; default name `<table>_<columns>_index` (`_unique` for a unique index).
   * @example
   * t.index(['last_name', 'first_name'], { name: 'users_full_name' });
   */
  index(columns: readonly string[], options: { name?: string; unique?: boolean } = {}): void {
    this.record({ kind: 'createIndex', table: this.table, index: index(this.table, columns, options.unique ?? false, options.name) });
  }

  dropIndex(name: string): void {
    const found = this.current?.indexes.find((i) => i.name === name);
    if (!found) throw MigrationError.unknownSchemaObject('index', name, this.table);
    this.record({ kind: 'dropIndex', table: this.table, index: found });
  }

  /**
   * A foreign key over several columns.
   * @example
   * t.foreign(['author_id'], 'authors', ['id'], { onDelete: 'set null' });
   */
  foreign(columns: readonly string[], referencedTable: string, referencedColumns: readonly string[], options: ReferenceOptions = {}): void {
    this.record({ kind: 'addForeignKey', table: this.table, foreignKey: foreignKey(this.table, columns, referencedTable, referencedColumns, options) });
  }

  /** Drops a foreign key, by name or by its columns. */
  dropForeign(ref: ConstraintRef): void {
    const found = find(this.current?.foreignKeys ?? [], ref);
    if (!found) throw MigrationError.unknownSchemaObject('foreign key', describe(ref), this.table);
    this.record({ kind: 'dropForeignKey', table: this.table, foreignKey: found });
  }

  /** @internal The operations, in call order. */
  build(): SchemaOperation[] {
    return this.steps.flatMap((step) => step());
  }

  private record(op: SchemaOperation): void {
    this.steps.push(() => [op]);
  }

  private column(name: string) {
    const found = this.current && TableSchema.column(this.current, name);
    if (!found) throw MigrationError.unknownSchemaObject('column', name, this.table);
    return found;
  }
}

function find<T extends { readonly name?: string; readonly columns: readonly string[] }>(list: readonly T[], ref: ConstraintRef): T | undefined {
  return typeof ref === 'string' ? list.find((c) => c.name === ref) : list.find((c) => c.columns.join('\0') === ref.join('\0'));
}

function describe(ref: ConstraintRef): string {
  return typeof ref === 'string' ? ref : `on (${ref.join(', ')})`;
}
