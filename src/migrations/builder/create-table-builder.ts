import type { ForeignKeySchema } from '../../sql/schema-model/foreign-key-schema';
import type { IndexSchema } from '../../sql/schema-model/index-schema';
import { PrimaryKeySchema } from '../../sql/schema-model/primary-key-schema';
import { TableSchema } from '../../sql/schema-model/table-schema';
import type { UniqueConstraintSchema } from '../../sql/schema-model/unique-constraint-schema';
import type { ColumnBuilder, ReferenceOptions } from './column-builder';
import { ColumnFactory } from './column-factory';
import { columnConstraints, foreignKey, index, uniqueConstraint } from './constraint-names';

/**
 * The `t` of `this.schema.createTable('users', (t) => { ... })`: columns, then keys, indexes and foreign keys
 * over several columns.
 */
export class CreateTableBuilder extends ColumnFactory<false> {
  private readonly columns: ColumnBuilder<unknown, false>[] = [];
  private primaryKey?: PrimaryKeySchema;
  private readonly uniques: UniqueConstraintSchema[] = [];
  private readonly indexes: IndexSchema[] = [];
  private readonly foreignKeys: ForeignKeySchema[] = [];

  /** @internal */
  constructor(private readonly table: string) {
    super();
  }

  protected add(column: ColumnBuilder<unknown, false>): void {
    this.columns.push(column);
  }

  /**
   * A primary key over several columns.
   * @example
   * t.primary(['book_id', 'tag_id']);
   */
  primary(columns: readonly string[], name?: string): void {
    this.primaryKey = PrimaryKeySchema.create(name, columns);
  }

  /** A unique constraint over several columns; default name `<table>_<columns>_unique`. */
  unique(columns: readonly string[], name?: string): void {
    this.uniques.push(uniqueConstraint(this.table, columns, name));
  }

  /**
   * An index; default name `<table>_<columns>_index` (`_unique` for a unique index).
   * @example
   * t.index(['last_name', 'first_name']);
   */
  index(columns: readonly string[], options: { name?: string; unique?: boolean } = {}): void {
    this.indexes.push(index(this.table, columns, options.unique ?? false, options.name));
  }

  /**
   * A foreign key over several columns.
   * @example
   * t.foreign(['author_id'], 'authors', ['id'], { onDelete: 'cascade' });
   */
  foreign(columns: readonly string[], referencedTable: string, referencedColumns: readonly string[], options: ReferenceOptions = {}): void {
    this.foreignKeys.push(foreignKey(this.table, columns, referencedTable, referencedColumns, options));
  }

  /** @internal */
  build(): TableSchema {
    const declared = this.columns.map((c) => ({ state: c.state, ...columnConstraints(this.table, c.state) }));
    const keyColumns = declared.filter((c) => c.state.primary).map((c) => c.state.name);
    return TableSchema.create({
      name: this.table,
      columns: this.columns.map((c) => c.build()),
      primaryKey: this.primaryKey ?? (keyColumns.length > 0 ? PrimaryKeySchema.create(undefined, keyColumns) : undefined),
      uniqueConstraints: [...declared.flatMap((c) => c.unique ?? []), ...this.uniques],
      indexes: [...declared.flatMap((c) => c.index ?? []), ...this.indexes],
      foreignKeys: [...declared.flatMap((c) => c.foreignKey ?? []), ...this.foreignKeys],
    });
  }
}
