import type { ColumnSchema } from './column-schema';
import type { ForeignKeySchema } from './foreign-key-schema';
import type { IndexSchema } from './index-schema';
import type { PrimaryKeySchema } from './primary-key-schema';
import type { UniqueConstraintSchema } from './unique-constraint-schema';

/** One live table: columns in their ordinal order, constraints and indexes sorted by name. */
export interface TableSchema {
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
  readonly primaryKey?: PrimaryKeySchema;
  readonly uniqueConstraints: readonly UniqueConstraintSchema[];
  readonly indexes: readonly IndexSchema[];
  readonly foreignKeys: readonly ForeignKeySchema[];
}

export const TableSchema = Object.freeze({
  /**
   * A frozen table, its lists copied.
   * @example
   * TableSchema.create({ name: 'tags', columns: [], uniqueConstraints: [], indexes: [], foreignKeys: [] });
   */
  create(table: TableSchema): TableSchema {
    return Object.freeze({
      ...table,
      columns: Object.freeze([...table.columns]),
      uniqueConstraints: Object.freeze([...table.uniqueConstraints]),
      indexes: Object.freeze([...table.indexes]),
      foreignKeys: Object.freeze([...table.foreignKeys]),
    });
  },

  /**
   * A column by name.
   * @example
   * TableSchema.column(table, 'email')?.nullable
   */
  column(table: TableSchema, name: string): ColumnSchema | undefined {
    return table.columns.find((c) => c.name === name);
  },
});
