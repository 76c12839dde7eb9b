import type { ColumnSchema } from '../../sql/schema-model/column-schema';
import type { SchemaOperation } from '../../sql/schema-model/schema-operation';
import { TableSchema } from '../../sql/schema-model/table-schema';
import { MigrationError } from '../../errors/migration-error';
import type { ColumnBuilder, ReferenceOptions } from './column-builder';
import { ColumnFactory } from './column-factory';
import { columnConstraints, foreignKey, index, uniqueConstraint } from './constraint-names';

/** A constraint named, or found by its columns (SQLite keeps no names for them). */
export type ConstraintRef = string | readonly string[];

/** One call's operations, given the table as the calls before left it (undefined if it does not exist). */
type Step = (table: TableSchema | undefined) => SchemaOperation[];

/**
 * The `t` of `this.schema.alterTable('users', (t) => { ... })`. Each call records operations in call order;
 * a new column's own constraints follow it. Drops and alters look the object up in the table as the calls
 * before leave it, so each operation carries what it removes (and `down()` could be derived).
 */
export class AlterTableBuilder extends ColumnFactory<true> {
  private readonly steps: Step[] = [];

  /** @internal */
  constructor(private readonly table: string) {
    super();
  }

  protected add(column: ColumnBuilder<unknown, true>): void {
    // Built when the callback has returned: modifiers are chained after the column is declared.
    this.steps.push((current) => {
      const built = column.build();
      const constraints = columnConstraints(this.table, column.state);
      const ops: SchemaOperation[] = [
        column.state.alter
          ? { kind: 'alterColumn', table: this.table, from: this.column(current, built.name), to: built }
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
    this.steps.push((current) => [{ kind: 'dropColumn', table: this.table, column: this.column(current, name) }]);
  }

  /**
   * @example
   * t.renameColumn('mail', 'email');
   */
  renameColumn(from: string, to: string): void {
    this.steps.push((current) => {
      this.column(current, from);
      return [{ kind: 'renameColumn', table: this.table, from, to }];
    });
  }

  /** A unique constraint over several columns; default name `<table>_<columns>_unique`. */
  unique(columns: readonly string[], name?: string): void {
    this.steps.push(() => [{ kind: 'addUnique', table: this.table, unique: uniqueConstraint(this.table, columns, name) }]);
  }

  dropUnique(ref: ConstraintRef): void {
    this.steps.push((current) => {
      const unique = find(current?.uniqueConstraints ?? [], ref);
      if (!unique) throw MigrationError.unknownSchemaObject('unique constraint', describe(ref), this.table);
      return [{ kind: 'dropUnique', table: this.table, unique }];
    });
  }

  /**
   * An index; default name `<table>_<columns>_index` (`_unique` for a unique index).
   * @example
   * t.index(['last_name', 'first_name'], { name: 'users_full_name' });
   */
  index(columns: readonly string[], options: { name?: string; unique?: boolean } = {}): void {
    this.steps.push(() => [{ kind: 'createIndex', table: this.table, index: index(this.table, columns, options.unique ?? false, options.name) }]);
  }

  dropIndex(name: string): void {
    this.steps.push((current) => {
      const found = current?.indexes.find((i) => i.name === name);
      if (!found) throw MigrationError.unknownSchemaObject('index', name, this.table);
      return [{ kind: 'dropIndex', table: this.table, index: found }];
    });
  }

  /**
   * A foreign key over several columns.
   * @example
   * t.foreign(['author_id'], 'authors', ['id'], { onDelete: 'set null' });
   */
  foreign(columns: readonly string[], referencedTable: string, referencedColumns: readonly string[], options: ReferenceOptions = {}): void {
    const key = foreignKey(this.table, columns, referencedTable, referencedColumns, options);
    this.steps.push(() => [{ kind: 'addForeignKey', table: this.table, foreignKey: key }]);
  }

  /** Drops a foreign key, by name or by its columns. */
  dropForeign(ref: ConstraintRef): void {
    this.steps.push((current) => {
      const found = find(current?.foreignKeys ?? [], ref);
      if (!found) throw MigrationError.unknownSchemaObject('foreign key', describe(ref), this.table);
      return [{ kind: 'dropForeignKey', table: this.table, foreignKey: found }];
    });
  }

  /**
   * @internal Hands each call's operations to `record`, in call order; `table` reads the table as the
   * operations recorded so far leave it.
   */
  replay(record: (op: SchemaOperation) => void, table: () => TableSchema | undefined): void {
    for (const step of this.steps) for (const op of step(table())) record(op);
  }

  private column(current: TableSchema | undefined, name: string): ColumnSchema {
    const found = current && TableSchema.column(current, name);
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
